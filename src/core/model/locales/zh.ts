/**
 * The core's words in Chinese: conditions, the why, field names, learning, alerts and trends.
 * `en.ts` has the same keys, which the compiler checks (`Words` is this file's shape); code picks
 * a language with `WORDS[lang]` instead of choosing between two strings in place.
 */
import type { Field } from "../fields";

export const zh = {
  /** A list of values in a condition: the first few, then how many in all. */
  list: (shown: readonly string[], total: number): string =>
    total > shown.length ? `${shown.join("、")} 等 ${total} 项` : shown.join("、"),
  conditions: {
    oneOf: (field: string, values: string): string => `${field}属于 ${values}`,
    contains: (field: string, values: string): string => `${field}包含 ${values}`,
    empty: (field: string): string => `${field}为空`,
    filled: (field: string): string => `${field}已填写`,
    withinDays: (field: string, days: number): string => `${field}在 ${days} 天内`,
    olderThanDays: (field: string, days: number): string => `${field}超过 ${days} 天`,
    and: " 且 ",
    or: " 或 ",
    not: "非",
  },
  why: {
    signal: (label: string): string => `信号: ${label}`,
    idle: (days: number | undefined): string => `${days}天未联系`,
    totalCap: "总分限 0–100",
    groupCap: (group: string): string => `${group}封顶`,
    pendingOverride: (grade: string): string => `手动等级 ${grade} 待主管审批`,
    override: (to: string, from: string): string => `手动等级 ${to}(规则为 ${from})`,
    /** Between a row's issues in the Issues cell. */
    issueSeparator: "；",
    /** Before a row's issues where a formula shows them after the why. */
    issuesPrefix: "问题: ",
    /** A follow-up log without the columns it needs. */
    missingColumns: (columns: string): string => `缺少列: ${columns}`,
    selfCheckTitle: "LeadGrade 自检",
    groups: {
      intent: "意向",
      budget: "预算",
      timeline: "时间",
      rfm: "RFM",
      engagement: "互动",
      signal: "信号",
      source: "来源",
      industry: "行业",
      data: "资料",
    } as Readonly<Record<string, string>>,
  },
  fields: {
    name: "客户名称",
    company: "公司",
    source: "来源",
    industry: "行业",
    intent: "意向",
    budget: "预算",
    timeline: "采购时间",
    region: "地区",
    lastContact: "最近联系",
    firstContact: "首次联系",
    created: "创建时间",
    lastPurchase: "最近购买",
    orders: "购买次数",
    revenue: "消费金额",
    notes: "备注",
    owner: "负责人",
    email: "邮箱",
    phone: "电话",
    stage: "阶段",
    status: "状态",
    converted: "是否成交",
    channel: "渠道",
    override: "手动等级",
    overrideReason: "手动原因",
  } satisfies Record<Field, string> as Record<Field, string>,
  trend: (week: string, month: string): string => `7天${week} 30天${month}`,
  /** What changed in the last days (weekTables). */
  week: {
    title: (days: number) => `近 ${days} 天的变化`,
    byOwner: "按负责人",
    owner: "负责人",
    roseIntoTop: (top: string) => `升入 ${top}`,
    fellFromTop: (top: string) => `跌出 ${top}`,
    wentOverdue: "转为逾期",
    touched: "有跟进",
    lead: "线索",
    day: "日期",
    change: "变化",
    moved: "原因变化",
    touches: "跟进次数",
    empty: "这段时间没有变化",
  },
  /** The report's tables, as the add-on's report sheet shows them. */
  report: {
    title: (asOf: string): string => `LeadGrade 报告 · 基准日 ${asOf}`,
    inversion: (lower: string, higher: string, p: string): string =>
      `等级倒挂:${lower} 转化率高于 ${higher}(偶然的可能 p≈${p})`,
    tooFew: "太少,无法判断",
    byGrade: "各等级转化率 %(成交/已关闭)",
    bySource: "各来源转化率 %",
    funnel: "销售漏斗",
    lifecycle: "生命周期分布",
    rfm: "RFM 分群",
    response: "响应时间(天,创建到首次联系)",
    overdue: "逾期(按负责人)",
    grade: "等级",
    rate: "转化率 %",
    won: "成交",
    lost: "丢单",
    source: "来源",
    stage: "阶段",
    leads: "线索数",
    segment: "分群",
    customers: "客户数",
    owner: "负责人",
    median: "中位数",
    p90: "90 分位",
    overdueLeads: "逾期",
  },
  alerts: {
    topGrade: (grade: string): string => `升为 ${grade} 级`,
    newSignal: (signal: string): string => `新的购买信号:${signal}`,
    pendingApproval: (grade: string): string => `手动等级 ${grade} 待审批`,
    unassigned: "未分配",
    row: (row: number): string => `第 ${row} 行`,
    due: (day: string): string => `,下次跟进 ${day}`,
    title: (leads: number): string => `LeadGrade:${leads} 条线索需要马上跟进`,
    more: (more: number): string => `……另有 ${more} 条`,
  },
  learning: {
    tooLittle: (won: number, lost: number, needed: number): string =>
      `学习:已关闭线索不足(成交 ${won}、丢单 ${lost},各需至少 ${needed}),保持现有规则`,
    coldThresholds: (mix: string): string => `  等级分数线(目标分布 ${mix}),未自动应用:`,
    collapse: "  等级分数线保持不变:分数过于集中,按目标分布会使各级分数线相同",
    head: (won: number, lost: number): string =>
      `学习(成交 ${won}、丢单 ${lost};5 折交叉验证 AUC ± 95% 区间):`,
    better: "  ← 较好",
    rules: "现有规则",
    naiveBayes: "朴素贝叶斯",
    logistic: "逻辑回归",
    suggestedRules: "建议规则",
    gain: "提升",
    calibration: (mean: string, won: string, brier: string): string =>
      `  逻辑回归的概率:平均 ${mean},实际成交比例 ${won}(Brier ${brier})`,
    columnsRead: (count: number, headers: readonly string[]): string =>
      `  读取的列(${count}):${headers.join("、") || "无"}`,
    leftOut: "未使用",
    noSignal: "  历史数据没有显示比现有规则更可靠的规律:规则保持不变,未写出建议",
    suggested: "  建议(未自动应用):",
    allZero: "    现有规则的分值全部设为 0(它们没有区分这些历史线索)",
    scaled: (factor: string): string =>
      `    现有规则的分值 × ${factor}(使其与学到的分值按历史数据显示的比重相称)`,
    daysAgo: " 天前",
    signal: "信号",
    reasons: {
      identifier: "标识",
      free_text: "自由文本",
      outcome: "结果本身",
      after_outcome: "关闭后才填写",
      not_lead_quality: "非线索质量",
      no_information: "无信息",
      over_limit: "超出一次可学习的 400 个特征",
    } as Readonly<Record<string, string>>,
  },
};

export type Words = typeof zh;
