/**
 * The command line's follow-up log and grade history: `--touches log.csv` (read with the export,
 * matched by the pass) and `--history history.csv` (read, appended with what changed since the
 * previous run, pruned, written back; created when missing), so a team that exports nightly gets
 * each lead's trend and the week's "what changed".
 */
import { stat } from "node:fs/promises";
import Papa from "papaparse";
import {
  appendHistory,
  HISTORY_HEADER,
  type HistoryEntry,
  historyRow,
  type Lang,
  leadsToReclaim,
  type PassResult,
  POOL_WORDS,
  type RuleSet,
  readHistory,
  reclaimText,
  TOUCH_PROBLEM_TEXT,
  type TouchLogResult,
  TREND_LABEL,
  trendColumn,
  type WhatChanged,
  whatChanged,
} from "../core/index";
import { CliError } from "./cliError";
import { CLI_WORDS } from "./locales/index";
import { readTable } from "./readTable";
import type { ExtraColumn } from "./writeTable";

/** The history so far: none when the file does not exist yet. */
export async function readHistoryFile(
  path: string,
): Promise<{ entries: HistoryEntry[]; unreadable: number }> {
  const exists = await stat(path).then(
    (info) => info.isFile(),
    () => false,
  );
  if (!exists) return { entries: [], unreadable: 0 };
  const table = await readTable(path);
  if (table.header[0] !== HISTORY_HEADER[0] && String(table.header[1] ?? "") !== HISTORY_HEADER[1])
    throw new CliError(
      `--history: ${path} is not a LeadGrade history (its first columns are not "${HISTORY_HEADER[0]}", "${HISTORY_HEADER[1]}"); name a new file or an earlier --history file`,
    );
  return readHistory(table.rows);
}

export interface HistoryUpdate {
  /** The whole history after this run, as the file's text. */
  text: string;
  added: number;
  unreadable: number;
  trend: ExtraColumn;
  week: WhatChanged;
  /** With the lead pool on: why each lead is to be reclaimed ("" for the others), and how many are. */
  pool?: { column: ExtraColumn; reclaimed: number };
}

/** What this run adds to the history, the file's new text, the trend column and the week's changes. */
export function updateHistory(
  previous: { entries: HistoryEntry[]; unreadable: number },
  result: PassResult,
  rules: RuleSet,
  lang: Lang,
): HistoryUpdate {
  const { added, entries } = appendHistory(previous.entries, result, rules.historyKeepDays, lang);
  const grades = rules.grades.map((g) => g.grade);
  const rows = [HISTORY_HEADER, ...entries.map(historyRow)];
  return {
    text: `\uFEFF${Papa.unparse(rows as unknown[][], { newline: "\r\n" })}\r\n`,
    added: added.length,
    unreadable: previous.unreadable,
    trend: { header: TREND_LABEL[lang], values: trendColumn(result, entries, grades, lang) },
    week: whatChanged(result, entries, grades, 7),
    ...(rules.pool.enabled ? { pool: poolColumn(result, rules, entries, lang) } : {}),
  };
}

/** The leads to reclaim for the pool, each row's reason in a column after the trend. */
function poolColumn(
  result: PassResult,
  rules: RuleSet,
  entries: readonly HistoryEntry[],
  lang: Lang,
): NonNullable<HistoryUpdate["pool"]> {
  const values = result.rows.map(() => "");
  const reclaimed = leadsToReclaim(result, rules, entries);
  for (const r of reclaimed) values[r.row] = reclaimText(r, lang);
  return { column: { header: POOL_WORDS[lang].column, values }, reclaimed: reclaimed.length };
}

/** Lines for the summary: what became of the log, each problem by line (the first ten). */
export function touchLogLines(log: TouchLogResult, path: string, lang: Lang): string[] {
  const w = CLI_WORDS[lang].touchLog;
  if (log.missing.length > 0) return [w.missing(path, log.missing)];
  const lines = [w.head(log.touches, log.matched, log.problems.length)];
  for (const p of log.problems.slice(0, 10)) {
    const words = TOUCH_PROBLEM_TEXT[p.code]?.[lang] ?? p.code;
    const shown = p.text ? ` "${p.text}"` : "";
    lines.push(w.problem(p.line, shown, words));
  }
  if (log.problems.length > 10) lines.push(w.more(log.problems.length - 10));
  return lines;
}

/** Lines for the summary: what the history took, and this week's changes. */
export function historyLines(update: HistoryUpdate, path: string, top: string, lang: Lang): string[] {
  const w = update.week;
  const words = CLI_WORDS[lang].history;
  const week = {
    rose: w.roseIntoTop.length,
    fell: w.fellFromTop.length,
    overdue: w.wentOverdue.length,
    touched: w.touched.length,
  };
  const lines = [words.head(path, update.added, week, top, TREND_LABEL[lang])];
  if (update.unreadable > 0) lines.push(words.unreadable(update.unreadable));
  if (update.pool) lines.push(words.pool(update.pool.reclaimed, POOL_WORDS[lang].column));
  return lines;
}
