/**
 * Words for codes. The core reports problems as `{ code, path }` data; a door that shows them to a
 * person (a cell, the sidebar, the command line) turns them into words here, in Chinese or English.
 * The words live in the locale files (locales/zh.ts, en.ts); these catalogs give both languages of
 * a code side by side.
 */
import { type Lang, WORDS, type Words } from "./locales/index";

export type { Lang };

type Catalog = Readonly<Record<string, { zh: string; en: string }>>;

/** A table of the locale files with both languages of each key side by side. */
export function bothLanguages<K extends string>(
  kind: (w: Words) => Readonly<Record<K, string>>,
): Readonly<Record<K, Record<Lang, string>>> {
  const zh = kind(WORDS.zh);
  const en = kind(WORDS.en);
  return Object.fromEntries((Object.keys(zh) as K[]).map((k) => [k, { zh: zh[k], en: en[k] }])) as Record<
    K,
    Record<Lang, string>
  >;
}

/** Problems with a lead's cells. `{field}` is filled with the column's header. */
export const ROW_ISSUE_TEXT: Catalog = bothLanguages((w) => w.rowIssues);
/** Problems with a rule set, by code. */
export const RULE_ISSUE_TEXT: Catalog = bothLanguages((w) => w.ruleIssues);
/** Problems with a line of a follow-up log (see readTouchLog), by code. */
export const TOUCH_PROBLEM_TEXT: Catalog = bothLanguages((w) => w.touchProblems);
/** Problems with a whole table. */
export const TABLE_ISSUE_TEXT: Catalog = bothLanguages((w) => w.tableIssues);

/** Fills `{name}` placeholders. */
export function fillText(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => values[key] ?? "");
}
