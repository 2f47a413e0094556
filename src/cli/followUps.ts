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
  type PassResult,
  type RuleSet,
  readHistory,
  TOUCH_PROBLEM_TEXT,
  type TouchLogResult,
  TREND_LABEL,
  trendColumn,
  type WhatChanged,
  whatChanged,
} from "../core/index";
import { CliError } from "./cliError";
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
}

export const TREND_HEADER = TREND_LABEL;

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
    trend: { header: TREND_HEADER[lang], values: trendColumn(result, entries, grades, lang) },
    week: whatChanged(result, entries, grades, 7),
  };
}

/** Lines for the summary: what became of the log, each problem by line (the first ten). */
export function touchLogLines(log: TouchLogResult, path: string, lang: Lang): string[] {
  if (log.missing.length > 0)
    return [
      lang === "zh"
        ? `跟进记录 ${path} 缺少列:${log.missing.join("、")}(表头写 线索、时间、方式、备注、下次),未读取`
        : `Follow-up log ${path} lacks the columns ${log.missing.join(", ")} (headers Lead, When, How, Note, Next); not read`,
    ];
  const lines = [
    lang === "zh"
      ? `跟进记录:${log.touches} 条,${log.matched} 条对上线索,${log.problems.length} 条有问题`
      : `Follow-up log: ${log.touches} touches, ${log.matched} matched to leads, ${log.problems.length} with problems`,
  ];
  for (const p of log.problems.slice(0, 10)) {
    const words = TOUCH_PROBLEM_TEXT[p.code]?.[lang] ?? p.code;
    const shown = p.text ? ` "${p.text}"` : "";
    lines.push(lang === "zh" ? `  第 ${p.line} 行${shown}:${words}` : `  line ${p.line}${shown}: ${words}`);
  }
  if (log.problems.length > 10)
    lines.push(
      lang === "zh" ? `  另有 ${log.problems.length - 10} 条` : `  and ${log.problems.length - 10} more`,
    );
  return lines;
}

/** Lines for the summary: what the history took, and this week's changes. */
export function historyLines(update: HistoryUpdate, path: string, top: string, lang: Lang): string[] {
  const w = update.week;
  const lines = [
    lang === "zh"
      ? `等级历史 ${path}:本次记下 ${update.added} 条变化;近 7 天 ${w.roseIntoTop.length} 条升入 ${top},${w.fellFromTop.length} 条跌出 ${top},${w.wentOverdue.length} 条转为逾期,${w.touched.length} 条有跟进;趋势见“${TREND_HEADER.zh}”列`
      : `Grade history ${path}: ${update.added} changes recorded; in the last 7 days ${w.roseIntoTop.length} rose into ${top}, ${w.fellFromTop.length} fell out of ${top}, ${w.wentOverdue.length} went overdue, ${w.touched.length} were touched; trends in the "${TREND_HEADER.en}" column`,
  ];
  if (update.unreadable > 0)
    lines.push(
      lang === "zh"
        ? `  历史里有 ${update.unreadable} 行读不出(日期或线索为空),已略去`
        : `  ${update.unreadable} rows of the history could not be read (no day or lead) and were left out`,
    );
  return lines;
}
