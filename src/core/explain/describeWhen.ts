/**
 * A rule's condition in words, for a manager reading the rule list (the sidebar shows it next to
 * each rule's points). Long value lists are shortened; the rule itself is unchanged.
 */

import { OPERATORS } from "../grade/scoring/operators";
import type { Field } from "../model/fields";
import type { Lang } from "../model/messages";
import type { When } from "../model/schema";

export const FIELD_WORDS: Record<Field, { zh: string; en: string }> = {
  name: { zh: "客户名称", en: "Name" },
  company: { zh: "公司", en: "Company" },
  source: { zh: "来源", en: "Source" },
  industry: { zh: "行业", en: "Industry" },
  intent: { zh: "意向", en: "Intent" },
  budget: { zh: "预算", en: "Budget" },
  timeline: { zh: "采购时间", en: "Timeline" },
  region: { zh: "地区", en: "Region" },
  lastContact: { zh: "最近联系", en: "Last contact" },
  firstContact: { zh: "首次联系", en: "First contact" },
  created: { zh: "创建时间", en: "Created" },
  lastPurchase: { zh: "最近购买", en: "Last purchase" },
  orders: { zh: "购买次数", en: "Orders" },
  revenue: { zh: "消费金额", en: "Revenue" },
  notes: { zh: "备注", en: "Notes" },
  owner: { zh: "负责人", en: "Owner" },
  email: { zh: "邮箱", en: "Email" },
  phone: { zh: "电话", en: "Phone" },
  stage: { zh: "阶段", en: "Stage" },
  status: { zh: "状态", en: "Status" },
  converted: { zh: "是否成交", en: "Converted" },
  channel: { zh: "渠道", en: "Channel" },
  override: { zh: "手动等级", en: "Manual grade" },
  overrideReason: { zh: "手动原因", en: "Override reason" },
};

/**
 * @example
 * describeWhen({ field: "budget", op: "range", min: 100000 }, "zh") // "预算 ≥ 100000"
 * describeWhen({ any: [{ field: "intent", op: "equals", value: "高" }, { field: "notes", op: "contains", values: ["报价"] }] }, "en")
 * // "(Intent = 高) or (Notes contains 报价)"
 */
export function describeWhen(when: When, lang: Lang): string {
  if ("all" in when)
    return when.all.map((w) => `(${describeWhen(w, lang)})`).join(lang === "zh" ? " 且 " : " and ");
  if ("any" in when)
    return when.any.map((w) => `(${describeWhen(w, lang)})`).join(lang === "zh" ? " 或 " : " or ");
  if ("not" in when) return `${lang === "zh" ? "非" : "not"} (${describeWhen(when.not, lang)})`;
  const field = FIELD_WORDS[when.field]?.[lang] ?? when.field;
  return (OPERATORS[when.op] as { describe: (c: typeof when, f: string, l: Lang) => string }).describe(
    when,
    field,
    lang,
  );
}
