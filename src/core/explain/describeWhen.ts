/**
 * A rule's condition in words, for a manager reading the rule list (the sidebar shows it next to
 * each rule's points). Long value lists are shortened; the rule itself is unchanged.
 */

import { OPERATORS } from "../grade/scoring/operators";
import { WORDS } from "../model/locales/index";
import type { Lang } from "../model/messages";
import type { When } from "../model/schema";

/**
 * @example
 * describeWhen({ field: "budget", op: "range", min: 100000 }, "zh") // "预算 ≥ 100000"
 * describeWhen({ any: [{ field: "intent", op: "equals", value: "高" }, { field: "notes", op: "contains", values: ["报价"] }] }, "en")
 * // "(Intent = 高) or (Notes contains 报价)"
 */
export function describeWhen(when: When, lang: Lang): string {
  if ("all" in when)
    return when.all.map((w) => `(${describeWhen(w, lang)})`).join(WORDS[lang].conditions.and);
  if ("any" in when) return when.any.map((w) => `(${describeWhen(w, lang)})`).join(WORDS[lang].conditions.or);
  if ("not" in when) return `${WORDS[lang].conditions.not} (${describeWhen(when.not, lang)})`;
  const field = WORDS[lang].fields[when.field] ?? when.field;
  return (OPERATORS[when.op] as { describe: (c: typeof when, f: string, l: Lang) => string }).describe(
    when,
    field,
    lang,
  );
}
