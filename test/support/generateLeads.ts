/**
 * Generates a realistic, bilingual lead table with a seeded random source: the bench grades it,
 * and the sample workbook is made from it. Cells look like what Sheets hands over: `Date`
 * objects, numbers, text in several formats, and some blanks and mistakes.
 */
import type { CellValue } from "../../src/core/index";

export const GENERATED_HEADER = [
  "客户名称",
  "公司",
  "来源",
  "行业",
  "意向",
  "预算",
  "最近联系",
  "创建时间",
  "购买次数",
  "消费金额",
  "最近购买",
  "备注",
  "负责人",
  "邮箱",
  "电话",
  "状态",
];

const SURNAMES = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "Smith", "Garcia", "Chen"];
const GIVEN = ["伟", "芳", "娜", "敏", "静", "磊", "洋", "勇", "艳", "杰", "Alex", "Sam", "Jordan"];
const GIVEN_SECOND = [
  "",
  "华",
  "明",
  "丽",
  "强",
  "军",
  "平",
  "刚",
  "桂",
  "英",
  "霞",
  "辉",
  "红",
  "婷",
  "鹏",
  " Lee",
  " Wu",
  " Park",
];
const COMPANIES = [
  "华东制造",
  "星云软件",
  "蓝海零售",
  "启明教育",
  "北辰物流",
  "Acme Corp",
  "Globex",
  "云帆科技",
];
const SOURCES = [
  "老客户推荐",
  "合作伙伴",
  "官网咨询",
  "展会",
  "公众号文章",
  "微信",
  "百度广告",
  "公开名单",
  "Referral",
  "Google Ads",
  "Webinar",
  "",
];
const INDUSTRIES = ["制造业", "软件", "零售", "教育", "物流", "Manufacturing", "SaaS", "Healthcare", ""];
const INTENTS = ["高", "中", "低", "高意向", "high", "medium", "low", "hot", "warm", "", ""];
const BUDGETS = ["", "5万", "1.2万", "¥50,000", "$8k", 200000, "20万", 30000, "100万", "", "10-20万"];
const NOTES = [
  "",
  "",
  "客户询问报价",
  "要求产品演示",
  "索要合同样本",
  "目前不需要报价",
  "暂时不考虑",
  "Asked for a quote",
  "Wants a demo next week",
  "not interested in pricing",
  "普通沟通，了解需求",
  "已发资料",
  "客户询问报价，想看演示",
];
const OWNERS = ["李雷", "韩梅梅", "王强", "Lucy", "Tom"];
const STATUSES = ["", "", "", "跟进中", "已成交", "丢单", "新线索"];

/** Notes as reps write them: a dated fragment or two, so nearly every note is different. */
function notesFor(random: () => number, pick: <T>(list: readonly T[]) => T): string {
  const first = pick(NOTES);
  if (first === "") return "";
  const stamp = `${1 + Math.floor(random() * 12)}月${1 + Math.floor(random() * 28)}日`;
  return random() < 0.5
    ? `${stamp}电话沟通：${first}`
    : `${stamp} ${first}；${pick(NOTES) || "待回复"}（工单 Q${Math.floor(random() * 1e6)}）`;
}

/** A small, fast, seeded random source (mulberry32). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * @param asOf the day the data is "exported", as an instant (midnight in the sheet's zone).
 */
export function generateLeads(count: number, asOf: Date, seed = 42): CellValue[][] {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const daysAgo = (max: number) => new Date(asOf.getTime() - Math.floor(random() * max) * 86_400_000);
  const rows: CellValue[][] = [];
  for (let i = 0; i < count; i++) {
    const created = daysAgo(500);
    // Most leads were touched in the last few weeks; some have been let slide for months.
    const touched = random() < 0.75 ? daysAgo(21) : daysAgo(200);
    const contacted = random() < 0.9 ? new Date(Math.max(created.getTime(), touched.getTime())) : "";
    const customer = random() < 0.35;
    const lastContact =
      contacted instanceof Date && random() < 0.2
        ? contacted.toISOString().slice(0, 10).replace(/-/g, "/")
        : contacted;
    rows.push([
      `${pick(SURNAMES)}${pick(GIVEN)}${pick(GIVEN_SECOND)}`,
      pick(COMPANIES),
      pick(SOURCES),
      pick(INDUSTRIES),
      pick(INTENTS),
      pick(BUDGETS),
      lastContact,
      created,
      customer ? 1 + Math.floor(random() * 12) : "",
      customer ? Math.round(random() * 200_000) : "",
      customer ? daysAgo(400) : "",
      notesFor(random, pick),
      pick(OWNERS),
      random() < 0.9 ? `lead${i}@example.com` : "",
      random() < 0.7 ? `138${String(10_000_000 + i).slice(-8)}` : "",
      pick(STATUSES),
    ]);
  }
  return rows;
}
