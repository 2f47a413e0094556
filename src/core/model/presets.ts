/**
 * The two starting points a manager picks from. Standard grades A/B/C/D with the cadence of seed
 * 004 (A: first contact within 24 hours, then daily; B every 2–3 days; C weekly; D monthly). Simple
 * is the three-tier 高/中/低 template for small teams (seeds 000 and 004), on fewer dimensions.
 * Both are plain data that pass the schema; tests hold them to it.
 */
import type { RuleSet } from "./schema";
import { DEFAULT_ALERTS, DEFAULT_POOL, DEFAULT_TOUCH_RULES, RULES_SCHEMA_VERSION } from "./schema";

const SIGNALS: RuleSet["signals"] = {
  items: [
    {
      id: "quote",
      label: { zh: "询问报价", en: "asked for a quote" },
      phrases: [
        "询问报价",
        "询价",
        "报价",
        "多少钱",
        "价格",
        "价位",
        "报个价",
        "quote",
        "quotation",
        "pricing",
        "price list",
        "how much",
      ],
      points: 15,
    },
    {
      id: "demo",
      label: { zh: "要求演示", en: "asked for a demo" },
      phrases: ["演示", "试用", "样品", "demo", "trial", "walkthrough", "pilot"],
      points: 12,
    },
    {
      id: "contract",
      label: { zh: "索要合同样本", en: "asked for a contract" },
      phrases: [
        "合同样本",
        "合同",
        "样本",
        "签约",
        "采购流程",
        "contract",
        "msa",
        "purchase order",
        "procurement",
      ],
      points: 15,
    },
    {
      id: "notNow",
      label: { zh: "暂无需求", en: "not now" },
      phrases: [
        "暂时不考虑",
        "暂不考虑",
        "没有预算",
        "不感兴趣",
        "not interested",
        "no budget",
        "unsubscribe",
      ],
      points: -15,
    },
  ],
  negations: [
    "不需要",
    "不用",
    "不要",
    "无需",
    "暂不",
    "暂时不",
    "不考虑",
    "不感兴趣",
    "不想",
    "拒绝",
    "没有需要",
    "not interested in",
    "no need for",
    "don't need",
    "do not need",
    "doesn't need",
    "not",
    "no",
    "never",
    "without",
  ],
};

const LIFECYCLE: RuleSet["lifecycle"] = { newWithinDays: 30, activeWithinDays: 90, lostAfterDays: 365 };

const OUTCOMES: RuleSet["outcomes"] = {
  won: [
    "成交",
    "已成交",
    "赢单",
    "已签约",
    "签约成功",
    "已购买",
    "won",
    "closed won",
    "closedwon",
    "customer",
    "converted",
    "已转客户",
    "转换客户",
    "已转化",
  ],
  lost: [
    "丢单",
    "输单",
    "流失",
    "已流失",
    "无效",
    "放弃",
    "lost",
    "closed lost",
    "closedlost",
    "dead",
    "disqualified",
    "unqualified",
    "lost lead",
    "junk lead",
    "junk",
    "无效线索",
    "伪线索",
  ],
};

const FOLLOW_UP: RuleSet["followUp"] = { workingDays: [1, 2, 3, 4, 5], holidays: [], extraWorkingDays: [] };

const intentRules = (high: number, medium: number): RuleSet["dimensions"] => [
  {
    id: "intentHigh",
    group: "intent",
    label: { zh: "意向", en: "Intent" },
    when: { field: "intent", op: "equals", value: "high" },
    points: high,
  },
  {
    id: "intentMedium",
    group: "intent",
    label: { zh: "意向", en: "Intent" },
    when: { field: "intent", op: "equals", value: "medium" },
    points: medium,
  },
];

const SOURCES: RuleSet["sources"] = {
  label: { zh: "来源", en: "Source" },
  entries: [
    {
      name: { zh: "老客户推荐", en: "referral" },
      match: ["推荐", "转介绍", "介绍", "老客户", "referral", "referred", "word of mouth"],
      points: 20,
    },
    {
      name: { zh: "合作伙伴", en: "partner" },
      match: ["合作伙伴", "伙伴", "代理", "渠道商", "partner", "reseller", "channel partner"],
      points: 15,
    },
    {
      name: { zh: "官网咨询", en: "inbound" },
      match: ["官网", "网站", "来电", "咨询", "400", "website", "inbound", "contact form"],
      points: 12,
    },
    {
      name: { zh: "展会活动", en: "event" },
      match: ["展会", "活动", "会议", "沙龙", "event", "trade show", "conference", "webinar"],
      points: 10,
    },
    {
      name: { zh: "内容营销", en: "content" },
      match: ["内容", "白皮书", "公众号", "文章", "content", "whitepaper", "blog", "newsletter", "seo"],
      points: 8,
    },
    {
      name: { zh: "社交媒体", en: "social" },
      match: [
        "社交",
        "微信",
        "微博",
        "抖音",
        "小红书",
        "知乎",
        "social",
        "linkedin",
        "wechat",
        "twitter",
        "facebook",
      ],
      points: 5,
    },
    {
      name: { zh: "广告投放", en: "ads" },
      match: ["广告", "投放", "百度", "竞价", "信息流", "ads", "ad", "sem", "ppc", "google ads", "paid"],
      points: 3,
    },
    {
      name: { zh: "公开资源", en: "public list" },
      match: ["公开", "黄页", "名单", "陌拜", "cold", "list", "purchased list", "directory"],
      points: 0,
    },
  ],
  otherPoints: 2,
};

const INDUSTRIES: RuleSet["industries"] = {
  label: { zh: "行业", en: "Industry" },
  entries: [
    {
      name: { zh: "制造业", en: "manufacturing" },
      match: ["制造", "工厂", "manufacturing", "industrial"],
      points: 10,
    },
    {
      name: { zh: "软件互联网", en: "software" },
      match: ["软件", "互联网", "科技", "信息技术", "saas", "software", "internet", "technology", "it"],
      points: 10,
    },
    {
      name: { zh: "零售电商", en: "retail" },
      match: ["零售", "电商", "retail", "e-commerce", "ecommerce"],
      points: 8,
    },
  ],
  otherPoints: 0,
};

/** A copy that shares nothing with the constants above, so a caller may edit it freely. */
function fresh(rules: RuleSet): RuleSet {
  return JSON.parse(JSON.stringify(rules)) as RuleSet;
}

/** The standard preset's rule points (seed 004): intent, budget, timeline, engagement, RFM, data. */
const STANDARD_DIMENSIONS: RuleSet["dimensions"] = [
  ...intentRules(30, 15),
  {
    id: "budgetLarge",
    group: "budget",
    label: { zh: "预算", en: "Budget" },
    when: { field: "budget", op: "range", min: 100_000 },
    points: 20,
  },
  {
    id: "budgetMedium",
    group: "budget",
    label: { zh: "预算", en: "Budget" },
    when: { field: "budget", op: "range", min: 20_000, max: 99_999.99 },
    points: 10,
  },
  {
    id: "urgent",
    group: "timeline",
    label: { zh: "需求紧迫", en: "Urgent" },
    when: {
      field: "timeline",
      op: "contains",
      values: [
        "本周",
        "本月",
        "马上",
        "尽快",
        "紧急",
        "急",
        "一个月内",
        "1个月内",
        "this week",
        "this month",
        "asap",
        "urgent",
        "immediately",
      ],
    },
    points: 10,
  },
  {
    id: "repeatBuyer",
    group: "rfm",
    label: { zh: "购买次数", en: "Orders" },
    when: { field: "orders", op: "range", min: 3 },
    points: 5,
  },
  {
    id: "bigSpender",
    group: "rfm",
    label: { zh: "累计消费", en: "Revenue" },
    when: { field: "revenue", op: "range", min: 50_000 },
    points: 5,
  },
  {
    id: "recentBuyer",
    group: "rfm",
    label: { zh: "最近购买", en: "Last purchase" },
    when: { field: "lastPurchase", op: "withinDays", days: 90 },
    points: 5,
  },
  {
    id: "recentTouch",
    group: "engagement",
    label: { zh: "最近联系", en: "Last contact" },
    when: { field: "lastContact", op: "withinDays", days: 7 },
    points: 5,
  },
  {
    id: "noContactInfo",
    group: "data",
    label: { zh: "无联系方式", en: "No contact details" },
    when: {
      all: [
        { field: "email", op: "missing" },
        { field: "phone", op: "missing" },
      ],
    },
    points: -10,
  },
];

/** The standard preset's grades, thresholds and cadences (A within a day, then daily; … D monthly). */
const STANDARD_GRADES: RuleSet["grades"] = [
  {
    grade: "A",
    label: { zh: "紧急重要", en: "Urgent & important" },
    minScore: 70,
    cadence: { firstContactWithinDays: 1, everyDays: 1 },
    color: "#f4c7c3",
  },
  {
    grade: "B",
    label: { zh: "重要不紧急", en: "Important, not urgent" },
    minScore: 50,
    cadence: { firstContactWithinDays: 1, everyDays: 2 },
    color: "#fce8b2",
  },
  {
    grade: "C",
    label: { zh: "潜在发展", en: "Potential" },
    minScore: 30,
    cadence: { firstContactWithinDays: 3, everyDays: 7 },
    color: "#b7e1cd",
  },
  {
    grade: "D",
    label: { zh: "普通维护", en: "Maintenance" },
    minScore: 0,
    cadence: { firstContactWithinDays: 7, everyDays: 30 },
    color: "#e8eaed",
  },
];

/**
 * The standard A/B/C/D preset (seed 004).
 *
 * @example
 * gradeFromScore(standardPreset().grades, 72) // "A"
 */
export function standardPreset(timeZone = "Asia/Shanghai"): RuleSet {
  return fresh({
    schemaVersion: RULES_SCHEMA_VERSION,
    name: "Standard A/B/C/D",
    preset: "standard",
    timeZone,
    dateOrder: "ymd",
    columns: {},
    ignore: [],
    intentWords: { high: [], medium: [], low: [] },
    columnPoints: [],
    dimensions: STANDARD_DIMENSIONS,
    sources: SOURCES,
    industries: INDUSTRIES,
    signals: SIGNALS,
    touches: DEFAULT_TOUCH_RULES,
    historyKeepDays: 180,
    decay: { enabled: true, graceDays: 14, halfLifeDays: 90, maxPenalty: 25 },
    caps: { signal: { max: 30, min: -20 }, rfm: { max: 12 } },
    grades: STANDARD_GRADES,
    followUp: FOLLOW_UP,
    lifecycle: LIFECYCLE,
    reps: [],
    overrides: { approvers: [], approvalFor: ["A"] },
    outcomes: OUTCOMES,
    reminders: { enabled: true, sendHour: 8, owners: [], cc: [] },
    pool: { ...DEFAULT_POOL, limits: {} },
    alerts: { ...DEFAULT_ALERTS, webhooks: [], quietHours: { ...DEFAULT_ALERTS.quietHours } },
  });
}

/**
 * The simple three-tier preset for small teams: 高/中/低 on intent, source and buying signals.
 *
 * @example
 * simplePreset().grades.map((g) => g.grade) // ["高", "中", "低"]
 */
export function simplePreset(timeZone = "Asia/Shanghai"): RuleSet {
  return fresh({
    schemaVersion: RULES_SCHEMA_VERSION,
    name: "简化三级 高/中/低",
    preset: "simple",
    timeZone,
    dateOrder: "ymd",
    columns: {},
    ignore: [],
    intentWords: { high: [], medium: [], low: [] },
    columnPoints: [],
    dimensions: [
      ...intentRules(40, 20),
      {
        id: "recentTouch",
        group: "engagement",
        label: { zh: "最近联系", en: "Last contact" },
        when: { field: "lastContact", op: "withinDays", days: 7 },
        points: 5,
      },
    ],
    sources: {
      ...SOURCES,
      entries: SOURCES.entries.map((e) => ({ ...e, points: Math.round(e.points * 1.25) })),
    },
    industries: { ...INDUSTRIES, entries: [] },
    signals: SIGNALS,
    touches: DEFAULT_TOUCH_RULES,
    historyKeepDays: 180,
    decay: { enabled: true, graceDays: 14, halfLifeDays: 90, maxPenalty: 25 },
    caps: { signal: { max: 30, min: -20 } },
    grades: [
      {
        grade: "高",
        label: { zh: "高意向", en: "High" },
        minScore: 60,
        cadence: { firstContactWithinDays: 1, everyDays: 1 },
        color: "#f4c7c3",
      },
      {
        grade: "中",
        label: { zh: "中意向", en: "Medium" },
        minScore: 35,
        cadence: { firstContactWithinDays: 2, everyDays: 3 },
        color: "#fce8b2",
      },
      {
        grade: "低",
        label: { zh: "低意向", en: "Low" },
        minScore: 0,
        cadence: { firstContactWithinDays: 7, everyDays: 14 },
        color: "#e8eaed",
      },
    ],
    followUp: FOLLOW_UP,
    lifecycle: LIFECYCLE,
    reps: [],
    overrides: { approvers: [], approvalFor: ["高"] },
    outcomes: OUTCOMES,
    reminders: { enabled: true, sendHour: 8, owners: [], cc: [] },
    pool: { ...DEFAULT_POOL, limits: {} },
    alerts: { ...DEFAULT_ALERTS, webhooks: [], quietHours: { ...DEFAULT_ALERTS.quietHours } },
  });
}
