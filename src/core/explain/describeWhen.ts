/**
 * A rule's condition in words, for a manager reading the rule list (the sidebar shows it next to
 * each rule's points). Long value lists are shortened; the rule itself is unchanged.
 */
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

const MAX_VALUES = 4;

function list(values: readonly (string | number)[], lang: Lang): string {
  const shown = values.slice(0, MAX_VALUES).map(String);
  const more = values.length - shown.length;
  const sep = lang === "zh" ? "、" : ", ";
  return more > 0
    ? `${shown.join(sep)}${lang === "zh" ? ` 等 ${values.length} 项` : ` +${more} more`}`
    : shown.join(sep);
}

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
  const zh = lang === "zh";
  const is = (words: string) => `${field}${zh ? "" : " "}${words}`;
  switch (when.op) {
    case "equals":
      return `${field} = ${when.value}`;
    case "oneOf":
      return is(`${zh ? "属于" : "is one of"} ${list(when.values, lang)}`);
    case "contains":
      return is(`${zh ? "包含" : "contains"} ${list(when.values, lang)}`);
    case "range":
      if (when.min !== undefined && when.max !== undefined) return `${when.min} ≤ ${field} ≤ ${when.max}`;
      return when.min !== undefined ? `${field} ≥ ${when.min}` : `${field} ≤ ${when.max}`;
    case "missing":
      return is(zh ? "为空" : "is empty");
    case "present":
      return is(zh ? "已填写" : "is filled in");
    case "withinDays":
      return zh ? `${field}在 ${when.days} 天内` : `${field} within ${when.days} days`;
    case "olderThanDays":
      return zh ? `${field}超过 ${when.days} 天` : `${field} over ${when.days} days ago`;
  }
}
