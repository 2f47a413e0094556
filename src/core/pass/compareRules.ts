/**
 * "Test new rules on a sample before rolling them out" (seed 004): the grade distribution with the
 * current rules and with the edited ones, and the leads whose grade would change, with the new why.
 * Nothing is written anywhere; this only compares two passes over the same table.
 */
import type { Lang } from "../model/messages";
import type { RuleSet } from "../model/schema";
import { outputCells } from "./outputColumns";
import { type PassOptions, runPass, type Table } from "./runPass";

export interface GradeChange {
  /** 0-based data row. */
  row: number;
  name: string;
  from: string;
  to: string;
  why: string;
}

export interface RulesComparison {
  now: Record<string, number>;
  next: Record<string, number>;
  /** How many leads would change grade. */
  changes: number;
  /** The first `limit` of them, in sheet order. */
  changed: GradeChange[];
}

/**
 * @example
 * compareRules(table, saved, edited, { asOf: "2026-11-22" }, "zh").changed[0]
 * // { row: 4, name: "张三", from: "B", to: "A", why: "+30 意向=高 · …" }
 */
export function compareRules(
  table: Table,
  current: RuleSet,
  edited: RuleSet,
  options: PassOptions,
  lang: Lang,
  limit = 50,
): RulesComparison {
  const before = runPass(table, current, options);
  const after = runPass(table, edited, options);
  const changed: GradeChange[] = [];
  let changes = 0;
  after.rows.forEach((row, i) => {
    const was = before.rows[i]?.grade ?? null;
    if (row.blank || row.grade === was) return;
    changes++;
    if (changed.length < limit)
      changed.push({
        row: i,
        name: row.name,
        from: was ?? "",
        to: row.grade ?? "",
        why: String(outputCells(row, after, lang).why),
      });
  });
  return { now: before.summary.byGrade, next: after.summary.byGrade, changes, changed };
}
