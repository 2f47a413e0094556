/**
 * LeadGrade's own columns, as every door writes them: Score, Grade, Next follow-up, Overdue,
 * Stage, RFM, Why, Issues (评分, 等级, 下次跟进, 逾期, 阶段, RFM, 原因, 问题). Values are plain
 * numbers and text (dates as `YYYY-MM-DD`), so a CSV, an XLSX and a sheet get the same thing.
 */

import { describeRowIssue } from "../explain/describeRowIssue";
import { formatWhy } from "../explain/formatWhy";
import type { LifecycleStage } from "../grade/lifecycle/lifecycleStage";
import type { RfmSegment } from "../grade/rfm/rfmSegment";
import { WORDS } from "../model/locales/index";
import { bothLanguages, type Lang } from "../model/messages";
import { isLeadGradeColumnHeader } from "../read/findColumns";
import type { RowIssue } from "../read/readColumns";
import type { LeadResult, PassResult } from "./runPass";

export const OUTPUT_COLUMNS = [
  "score",
  "grade",
  "nextFollowUp",
  "overdue",
  "stage",
  "rfm",
  "why",
  "issues",
] as const;
export type OutputColumn = (typeof OUTPUT_COLUMNS)[number];

export const OUTPUT_LABELS: Readonly<Record<OutputColumn, Record<Lang, string>>> = bothLanguages(
  (w) => w.outputs,
);

export const STAGE_LABELS: Readonly<Record<LifecycleStage, Record<Lang, string>>> = bothLanguages(
  (w) => w.stages,
);

export const SEGMENT_LABELS: Readonly<Record<RfmSegment, Record<Lang, string>>> = bothLanguages(
  (w) => w.segments,
);

/** A value LeadGrade writes into one of its cells. */
export type OutputValue = string | number;

/** The header labels of LeadGrade's columns. */
export function outputHeader(lang: Lang): string[] {
  return OUTPUT_COLUMNS.map((c) => OUTPUT_LABELS[c][lang]);
}

/**
 * Where an earlier run left LeadGrade's columns in a header (an export graded before, graded
 * again): every place the eight headers stand side by side, in order, in either language, and
 * every column headed "… (LeadGrade)" (as the add-on heads its columns on the sheet, so a sheet
 * downloaded as CSV or XLSX is recognised). A lone "阶段" or "Score" is the user's own column.
 *
 * @example
 * earlierOutputColumns(["客户名称", "评分", "等级", "下次跟进", "逾期", "阶段", "RFM", "原因", "问题"]) // [1, 2, …, 8]
 */
export function earlierOutputColumns(header: readonly unknown[]): number[] {
  const text = header.map((h) => (typeof h === "string" ? h.trim() : ""));
  const found: number[] = [];
  text.forEach((h, i) => {
    if (isLeadGradeColumnHeader(h)) found.push(i);
  });
  for (const lang of ["zh", "en"] as const) {
    const labels = outputHeader(lang);
    for (let start = 0; start + labels.length <= text.length; start++) {
      // A label that clashed with the export's own header was written with " (LeadGrade)".
      if (labels.every((label, k) => text[start + k] === label || text[start + k] === `${label} (LeadGrade)`))
        for (let k = 0; k < labels.length; k++) found.push(start + k);
    }
  }
  return [...new Set(found)].sort((a, b) => a - b);
}

/**
 * LeadGrade's column headers for a table, none repeating one of the table's own: a clash (an
 * export with its own "Stage") gets " (LeadGrade)", which also marks it as LeadGrade's when the
 * graded file is read again.
 *
 * @example
 * distinctOutputHeader(["Name", "Stage"], "en") // ["Score", "Grade", …, "Stage (LeadGrade)", …]
 */
export function distinctOutputHeader(inputHeader: readonly unknown[], lang: Lang): string[] {
  const taken = new Set(inputHeader.map((h) => (typeof h === "string" ? h.trim().toLowerCase() : "")));
  return outputHeader(lang).map((label) => (taken.has(label.toLowerCase()) ? `${label} (LeadGrade)` : label));
}

/**
 * One row of LeadGrade's columns; a blank lead gives empty cells.
 *
 * @example
 * outputRow(result.rows[0], result, "zh")
 * // [85, "A", "2026-11-23", "", "潜在", "", "+30 意向=高 · +20 来源=老客户推荐 …", ""]
 */
export function outputRow(row: LeadResult, result: PassResult, lang: Lang): OutputValue[] {
  const cells = outputCells(row, result, lang);
  return OUTPUT_COLUMNS.map((column) => cells[column]);
}

/**
 * LeadGrade's cells for a lead, by name; a blank lead gives empty cells.
 *
 * @example
 * outputCells(result.rows[0], result, "en").why // "+30 Intent=high · +20 Source=referral …"
 */
export function outputCells(
  row: LeadResult,
  result: PassResult,
  lang: Lang,
): Record<OutputColumn, OutputValue> {
  if (row.blank)
    return { score: "", grade: "", nextFollowUp: "", overdue: "", stage: "", rfm: "", why: "", issues: "" };
  const override =
    row.overridden && row.computedGrade !== null && row.grade !== null
      ? { from: row.computedGrade, to: row.grade }
      : undefined;
  return {
    score: row.score ?? "",
    grade: row.grade ?? "",
    nextFollowUp: row.nextFollowUp ?? "",
    overdue: row.followUp === "overdue" ? row.daysOverdue : "",
    stage: row.stage === null ? "" : STAGE_LABELS[row.stage][lang],
    rfm: row.rfm === null ? "" : `${row.rfm.code} ${SEGMENT_LABELS[row.rfm.segment][lang]}`,
    why: formatWhy(row.trace, lang, override, row.pendingOverride ?? undefined),
    issues: issuesText(row.issues, result, lang),
  };
}

interface IssueTexts {
  /** Per shared issue. */
  issue: Map<RowIssue, string>;
  /** Per shared list (most rows' lists are one shared issue's, or the same few). */
  list: Map<readonly RowIssue[], string>;
}

/** Issue texts of a pass, per language: most issues and lists are shared by many rows. */
const ISSUE_TEXT = new WeakMap<PassResult, Record<Lang, IssueTexts>>();

function issueTexts(result: PassResult, lang: Lang): IssueTexts {
  let texts = ISSUE_TEXT.get(result);
  if (texts === undefined) {
    texts = { zh: { issue: new Map(), list: new Map() }, en: { issue: new Map(), list: new Map() } };
    ISSUE_TEXT.set(result, texts);
  }
  return texts[lang];
}

function issuesText(issues: readonly RowIssue[], result: PassResult, lang: Lang): string {
  if (issues.length === 0) return "";
  const texts = issueTexts(result, lang);
  const shared = Object.isFrozen(issues);
  let text = shared ? texts.list.get(issues) : undefined;
  if (text === undefined) {
    text = issues.map((issue) => issueText(issue, texts, result, lang)).join(WORDS[lang].why.issueSeparator);
    if (shared) texts.list.set(issues, text);
  }
  return text;
}

function issueText(issue: RowIssue, texts: IssueTexts, result: PassResult, lang: Lang): string {
  if (!Object.isFrozen(issue)) return describeRowIssue(issue, result.headers, lang);
  let text = texts.issue.get(issue);
  if (text === undefined) {
    text = describeRowIssue(issue, result.headers, lang);
    texts.issue.set(issue, text);
  }
  return text;
}

/**
 * The language a sheet speaks, judged from its header: Chinese when most headers hold Chinese.
 *
 * @example
 * headerLanguage(["客户名称", "来源", "Email"]) // "zh"
 */
export function headerLanguage(header: readonly unknown[]): Lang {
  const texts = header.filter((h): h is string => typeof h === "string" && h.trim() !== "");
  const chinese = texts.filter((h) => /[\u4e00-\u9fff]/.test(h)).length;
  return texts.length > 0 && chinese * 2 >= texts.length ? "zh" : "en";
}
