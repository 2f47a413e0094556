/**
 * Finds which column of a sheet holds which lead field, from the header row, in Chinese or English
 * with common synonyms. A manual mapping (field → header text or column letter) wins over what the
 * headers suggest. LeadGrade's own output columns are recognised and never mistaken for input.
 */
import type { Field } from "../model/fields";
import { type CellValue, cellText, foldFullWidth } from "../text/cell";
import { columnFits } from "./columnFits";

/** Header words per field, lower-case, without spaces or punctuation. Longest match wins. */
export const HEADER_SYNONYMS: Record<Field, readonly string[]> = {
  name: [
    "客户名称",
    "客户名",
    "客户",
    "姓名",
    "联系人",
    "名称",
    "线索名称",
    "name",
    "leadname",
    "contact",
    "contactname",
    "customer",
    "customername",
    "fullname",
  ],
  company: [
    "公司",
    "公司名称",
    "企业",
    "企业名称",
    "单位",
    "company",
    "companyname",
    "account",
    "organization",
    "organisation",
  ],
  source: ["来源", "线索来源", "客户来源", "渠道来源", "获客渠道", "source", "leadsource", "origin"],
  industry: ["行业", "所属行业", "行业类别", "industry", "sector", "vertical"],
  intent: [
    "意向",
    "意向度",
    "购买意向",
    "意向程度",
    "意向等级",
    "intent",
    "intention",
    "purchaseintent",
    "interest",
    "interestlevel",
    "temperature",
    "rating",
    "leadrating",
    "优先级",
    "priority",
    "leadpriority",
  ],
  budget: [
    "预算",
    "预算金额",
    "客户预算",
    "预计金额",
    "budget",
    "budgetamount",
    "dealsize",
    "expectedvalue",
    "expectedrevenue",
    "dealvalue",
  ],
  timeline: [
    "采购时间",
    "需求时间",
    "预计采购时间",
    "紧迫度",
    "时间要求",
    "timeline",
    "timeframe",
    "urgency",
    "buyingtimeline",
  ],
  region: ["地区", "区域", "城市", "省份", "region", "city", "area", "territory", "country"],
  lastContact: [
    "最近联系",
    "最近联系时间",
    "最后联系",
    "最后联系时间",
    "上次联系",
    "上次跟进",
    "上次跟进时间",
    "上次联系时间",
    "最近跟进",
    "最近跟进时间",
    "最后跟进",
    "最后跟进时间",
    "lastcontact",
    "lastcontacted",
    "lastcontactdate",
    "lasttouch",
    "lastactivity",
    "lastfollowup",
  ],
  firstContact: [
    "首次联系",
    "首次联系时间",
    "首次跟进",
    "首次跟进时间",
    "firstcontact",
    "firstcontacted",
    "firstcontactdate",
    "firstresponse",
    "firsttouch",
  ],
  created: [
    "创建时间",
    "创建日期",
    "录入时间",
    "录入日期",
    "获取时间",
    "created",
    "createdat",
    "createddate",
    "createdon",
    "datecreated",
    "leaddate",
    "engagedate",
  ],
  lastPurchase: [
    "最近购买",
    "最近购买时间",
    "最后购买",
    "最近下单",
    "最近成交",
    "lastpurchase",
    "lastpurchasedate",
    "lastorder",
    "lastorderdate",
  ],
  orders: [
    "购买次数",
    "订单数",
    "下单次数",
    "成交次数",
    "orders",
    "ordercount",
    "purchases",
    "frequency",
    "numberoforders",
  ],
  revenue: [
    "消费金额",
    "累计消费",
    "成交金额",
    "累计金额",
    "购买金额",
    "revenue",
    "totalspend",
    "spend",
    "monetary",
    "lifetimevalue",
    "ltv",
    "totalrevenue",
  ],
  notes: [
    "备注",
    "跟进记录",
    "沟通记录",
    "说明",
    "notes",
    "note",
    "comments",
    "comment",
    "remarks",
    "description",
  ],
  owner: [
    "负责人",
    "销售",
    "跟进人",
    "归属销售",
    "所属销售",
    "归属人",
    "所属人",
    "客户经理",
    "owner",
    "rep",
    "salesrep",
    "assignedto",
    "leadowner",
    "accountowner",
    "contactowner",
    "salesperson",
    "salesagent",
  ],
  email: ["邮箱", "电子邮件", "电子邮箱", "email", "e-mail", "emailaddress", "mail"],
  phone: [
    "电话",
    "手机",
    "手机号",
    "联系电话",
    "电话号码",
    "phone",
    "mobile",
    "phonenumber",
    "tel",
    "telephone",
    "cell",
  ],
  stage: ["阶段", "销售阶段", "商机阶段", "stage", "dealstage", "pipelinestage", "salesstage"],
  status: ["状态", "线索状态", "客户状态", "status", "leadstatus"],
  /** A yes/no column saying whether the lead became a customer (1/0, Yes/No, 是/否). */
  converted: [
    "是否成交",
    "是否转化",
    "已转化",
    "已成交",
    "converted",
    "won",
    "iswon",
    "isconverted",
    "convertedlead",
  ],
  channel: ["偏好渠道", "联系方式偏好", "首选渠道", "preferredchannel", "channel", "contactpreference"],
  override: [
    "手动等级",
    "人工等级",
    "手工等级",
    "指定等级",
    "等级调整",
    "manualgrade",
    "gradeoverride",
    "override",
    "overridegrade",
  ],
  overrideReason: [
    "调整原因",
    "手动原因",
    "等级调整原因",
    "overridereason",
    "reasonforoverride",
    "gradereason",
  ],
};

/** Headers LeadGrade writes itself (zh and en); such columns are outputs, never inputs. */
export const OUTPUT_HEADERS: readonly string[] = [
  "评分",
  "等级",
  "下次跟进",
  "逾期",
  "rfm",
  "原因",
  "问题",
  "score",
  "grade",
  "nextfollowup",
  "overdue",
  "why",
  "issues",
];

/**
 * How the add-on heads its own columns on a sheet ("阶段 (LeadGrade)"). Such a column is an
 * output, never an input, whatever word comes before the tag: "阶段" there is the lifecycle stage
 * LeadGrade wrote, not the user's sales stage.
 */
export function isLeadGradeColumnHeader(text: string): boolean {
  return LEADGRADE_TAG.test(text);
}

const LEADGRADE_TAG = /\(LeadGrade\)\s*$/;

export type ColumnMap = Partial<Record<Field, number>>;

export interface ColumnMatch {
  /** Field → zero-based column index. */
  columns: ColumnMap;
  /** Header texts that matched no field, with their index (shown so a user can map them). */
  unmatched: { index: number; header: string }[];
  /** Manual mappings that named a header the sheet does not have. */
  missingManual: { field: Field; header: string }[];
  /** Columns whose header named a field but whose values did not fit it: not used for it. */
  rejected: { field: Field; index: number; header: string; examples: string[] }[];
  /** Fields found by their values alone (a column of addresses is the e-mail column). */
  byValues: Field[];
}

/** Lower-case, folded, without whitespace, punctuation or a trailing "(…)" hint. */
export function normaliseHeader(header: string): string {
  return foldFullWidth(header)
    .toLowerCase()
    .replace(/[(（[【].*?[)）\]】]\s*$/u, "")
    .replace(/[\s_\-.:：/\\*#'"]/g, "");
}

const EXACT = new Map<string, Field>();
for (const [field, words] of Object.entries(HEADER_SYNONYMS) as [Field, readonly string[]][]) {
  for (const w of words) EXACT.set(normaliseHeader(w), field);
}
// Containment is only trusted for words long enough not to hide inside others ("tel" in "hotel").
const BY_LENGTH = [...EXACT.entries()]
  .filter(([w]) => (/^[a-z]+$/.test(w) ? w.length >= 5 : w.length >= 2))
  .sort((a, b) => b[0].length - a[0].length);
const OUTPUT = new Set(OUTPUT_HEADERS.map(normaliseHeader));
/**
 * Headers whose words belong to a field but that mean something else: a company's annual revenue
 * is its size, not what it spent with you (消费金额). Only a manual mapping takes such a column.
 */
const NOT_A_FIELD = ["annualrevenue", "companyrevenue", "年营收", "年营业额", "年收入"];

/**
 * Matches a header row against the known fields. Given the rows, each column a header suggests is
 * checked against a sample of its values (see columnFits); one that does not fit is passed over
 * for that field, and a field still missing may be found by its values. Manual mappings are taken
 * as given.
 *
 * @example
 * findColumns(["客户名称", "来源", "Last contact"]).columns // { name: 0, source: 1, lastContact: 2 }
 */
export function findColumns(
  header: readonly CellValue[],
  manual: Partial<Record<Field, string>> = {},
  rows?: readonly (readonly CellValue[])[],
  /** Headers of columns never to read (the rules' `ignore`). */
  ignore: readonly string[] = [],
): ColumnMatch {
  const texts = header.map((h) => cellText(h));
  const ignored = new Set(ignore.map(normaliseHeader));
  // LeadGrade's own columns and ignored ones read as empty headers: they match nothing.
  const normalised = texts.map((t) =>
    isLeadGradeColumnHeader(t) || ignored.has(normaliseHeader(t)) ? "" : normaliseHeader(t),
  );
  const { columns, missingManual } = manualColumns(manual, normalised);
  const rejected: ColumnMatch["rejected"] = [];
  const refused = new Set<string>();
  // Exact synonyms first, then the longest synonym a header contains ("最近联系时间(天)" → lastContact).
  for (let pass = 0; pass < 2; pass++) {
    normalised.forEach((h, index) => {
      if (taken(columns, index) || h === "" || OUTPUT.has(h) || NOT_A_FIELD.some((w) => h.includes(w)))
        return;
      const field = pass === 0 ? EXACT.get(h) : BY_LENGTH.find(([w]) => h.includes(w))?.[1];
      if (!field || columns[field] !== undefined || refused.has(`${field}:${index}`)) return;
      const sample = rows ? columnFits(field, rows, index) : undefined;
      // A header that is the field's own word ("Email") keeps its column unless none of at least
      // five values fit ("Last Activity": Email Opened…); one that only contains the word ("Do Not
      // Email") needs most of its values to fit. Bad cells in a right column stay issues on rows.
      const refuse =
        sample !== undefined && (pass === 0 ? sample.seen >= 5 && sample.fit === 0 : !sample.fits);
      if (sample && refuse) {
        refused.add(`${field}:${index}`);
        rejected.push({ field, index, header: texts[index] ?? "", examples: sample.examples });
        return;
      }
      columns[field] = index;
    });
  }
  const byValues = rows ? findByValues(columns, normalised, rows) : [];
  const unmatched: ColumnMatch["unmatched"] = [];
  normalised.forEach((h, index) => {
    if (!taken(columns, index) && h !== "" && !OUTPUT.has(h))
      unmatched.push({ index, header: texts[index] ?? "" });
  });
  return { columns, unmatched, missingManual, rejected, byValues };
}

function taken(columns: ColumnMap, index: number): boolean {
  return Object.values(columns).includes(index);
}

function manualColumns(manual: Partial<Record<Field, string>>, normalised: readonly string[]) {
  const columns: ColumnMap = {};
  const missingManual: ColumnMatch["missingManual"] = [];
  for (const [field, wanted] of Object.entries(manual) as [Field, string][]) {
    if (!wanted) continue;
    const index = manualIndex(wanted, normalised);
    if (index === undefined) missingManual.push({ field, header: wanted });
    else columns[field] = index;
  }
  return { columns, missingManual };
}

/** Fields no header named that a column's values leave no doubt about: e-mail addresses. */
const FOUND_BY_VALUES: readonly Field[] = ["email"];

function findByValues(
  columns: ColumnMap,
  normalised: readonly string[],
  rows: readonly (readonly CellValue[])[],
): Field[] {
  const found: Field[] = [];
  for (const field of FOUND_BY_VALUES) {
    if (columns[field] !== undefined) continue;
    const index = normalised.findIndex(
      (h, i) =>
        h !== "" &&
        !OUTPUT.has(h) &&
        !taken(columns, i) &&
        columnFits(field, rows, i, 0.8).fits &&
        filled(rows, i),
    );
    if (index >= 0) {
      columns[field] = index;
      found.push(field);
    }
  }
  return found;
}

/** Whether a column has any filled cell (an empty column fits every check). */
function filled(rows: readonly (readonly CellValue[])[], index: number): boolean {
  return rows.some((row) => {
    const cell = row[index];
    return cell !== undefined && cell !== null && cellText(cell).trim() !== "";
  });
}

/** A manual mapping names a header text, or a column letter such as "C". */
function manualIndex(wanted: string, normalised: readonly string[]): number | undefined {
  const byHeader = normalised.indexOf(normaliseHeader(wanted));
  if (byHeader >= 0) return byHeader;
  if (/^[A-Z]{1,2}$/.test(wanted)) {
    let n = 0;
    for (const ch of wanted) n = n * 26 + (ch.charCodeAt(0) - 64);
    return n - 1 < normalised.length ? n - 1 : undefined;
  }
  return undefined;
}
