/**
 * The formulas people type: =LEADGRADE(A1:P), =LEADSCORE, =NEXTFOLLOWUP, =LEADSTAGE, =LEADWHY,
 * =LEADRFM, =LEADCOLUMNS, which fills the six from one pass, and =LEADTREND, which also takes the
 * grade history's range. Each takes a whole range whose first row is the header (or one row plus the header row:
 * =LEADGRADE(A5:P5, A$1:P$1)), reads the saved rules, runs the core's pass once and returns a
 * column: a header label, then one value per row ("" for a blank row). A row that cannot be read
 * still gets a value, with the reason in LEADWHY; only a range with no recognisable header is an
 * error. Custom functions may read, never write: nothing here changes the spreadsheet.
 */
import {
  type CellValue,
  civilDayFromIso,
  filledRowCount,
  HISTORY_HEADER,
  type HistoryEntry,
  headerLanguage,
  isDate,
  type Lang,
  type LeadResult,
  OUTPUT_LABELS,
  outputCells,
  type PassResult,
  readHistory,
  runPass,
  STAGE_LABELS,
  TABLE_ISSUE_TEXT,
  TREND_LABEL,
  trendColumn,
  WORDS,
  zoneClock,
} from "../core/index";
import { ADDON_WORDS } from "./locales/index";
import { loadRules } from "./rulesStore";
import { sheetsZoneOffset } from "./zoneOffset";

type RowKind = "grade" | "score" | "nextFollowUp" | "stage" | "why" | "rfm";
type Kind = RowKind | "trend";
type Output = string | number | Date;

interface Call {
  table: { header: CellValue[]; rows: CellValue[][] };
  /** One row given with its header row: answer with that row's value only. */
  single: boolean;
  asOf: Date | string | undefined;
}

/** A 2-D array as Sheets passes a range (a single cell arrives as a plain value). */
function isGrid(value: unknown): value is CellValue[][] {
  return Array.isArray(value) && value.every((row) => Array.isArray(row));
}

function readCall(data: unknown, rest: unknown[], asOfAt: number): Call {
  if (!isGrid(data) || data.length === 0) {
    throw new Error(
      "LeadGrade: data must be a range whose first row is the header, e.g. A1:P / 数据须为含表头的区域,如 A1:P",
    );
  }
  const [maybeHeader] = rest;
  if (isGrid(maybeHeader) && maybeHeader.length === 1) {
    // =LEADGRADE(A5:P5, A$1:P$1): the row(s) and the header row; the other arguments move one on.
    return {
      table: { header: maybeHeader[0] ?? [], rows: data },
      single: true,
      asOf: asOfArg(rest[asOfAt + 1]),
    };
  }
  const [header = []] = data;
  // =LEADGRADE(A1:P) hands over every row of the sheet: the blank ones after the data are neither
  // graded nor answered (the column stops where the leads do).
  const rows = data.slice(1, 1 + filledRowCount(data.slice(1)));
  return { table: { header, rows }, single: false, asOf: asOfArg(rest[asOfAt]) };
}

function asOfArg(value: unknown): Date | string | undefined {
  if (isDate(value) && !Number.isNaN(value.getTime())) return value;
  if (typeof value === "string" && civilDayFromIso(value.trim()) !== undefined) return value.trim();
  return undefined;
}

function cellFor(kind: RowKind, row: LeadResult, result: PassResult, lang: Lang): Output {
  if (row.blank) return "";
  switch (kind) {
    case "grade":
      return row.grade ?? "";
    case "score":
      return row.score ?? "";
    case "nextFollowUp": {
      const day = row.nextFollowUp === null ? undefined : civilDayFromIso(row.nextFollowUp);
      // Local midnight in the sheet's zone: Sheets shows it as that calendar day.
      return day === undefined ? "" : zoneClock(result.timeZone, sheetsZoneOffset).startOf(day);
    }
    case "stage":
      return row.stage === null ? "" : STAGE_LABELS[row.stage][lang];
    case "rfm":
      return String(outputCells(row, result, lang).rfm);
    case "why": {
      const { why, issues } = outputCells(row, result, lang);
      return issues === ""
        ? String(why)
        : `${why}${why ? " · " : ""}${WORDS[lang].why.issuesPrefix}${issues}`;
    }
  }
}

/** The columns =LEADCOLUMNS fills, left to right: what "Insert LeadGrade columns" puts in. */
export const ALL_KINDS: readonly RowKind[] = ["score", "grade", "nextFollowUp", "stage", "rfm", "why"];

/**
 * The shared body of every LeadGrade formula: one pass, then the asked columns. `asOfAt`: which
 * optional argument is the as-of date; `history`: the grade history, for the trend.
 */
function columns(
  kinds: readonly Kind[],
  data: unknown,
  rest: unknown[],
  asOfAt: number,
  history: readonly HistoryEntry[] = [],
): Output[][] {
  const call = readCall(data, rest, asOfAt);
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const props = PropertiesService.getDocumentProperties();
  const timeZone = spreadsheet ? spreadsheet.getSpreadsheetTimeZone() : "Asia/Shanghai";
  const { rules, warning } = loadRules(props, timeZone);
  const result = runPass(call.table, rules, { asOf: call.asOf ?? new Date(), zoneOffset: sheetsZoneOffset });
  const lang = headerLanguage(call.table.header);
  if (result.issues.some((i) => i.code === "no_header"))
    throw new Error(`LeadGrade: ${TABLE_ISSUE_TEXT.no_header?.[lang]}`);
  const trend = kinds.includes("trend")
    ? trendColumn(
        result,
        history,
        rules.grades.map((g) => g.grade),
        lang,
      )
    : [];
  const values = result.rows.map((row, r) =>
    kinds.map((kind) => (kind === "trend" ? (trend[r] ?? "") : cellFor(kind, row, result, lang))),
  );
  if (call.single) return values;
  // Saved rules that cannot be read are replaced by the preset, and the first header cell says so.
  const labels = kinds.map((kind, k) => {
    const label = kind === "trend" ? TREND_LABEL[lang] : OUTPUT_LABELS[kind][lang];
    return warning === undefined || k > 0 ? label : `${label} ${ADDON_WORDS[lang].rulesWarning[warning]}`;
  });
  return [labels, ...values];
}

const column = (kind: Kind, data: unknown, rest: unknown[], asOfAt: number) =>
  columns([kind], data, rest, asOfAt);

/**
 * Every LeadGrade column from one pass: score, grade, next follow-up, stage, RFM, why. Six
 * single-column formulas over one range run the pass six times on each edit, each against the
 * 30-second limit; this one runs it once.
 */
export function LEADCOLUMNS(data: unknown, ...rest: unknown[]): Output[][] {
  return columns(ALL_KINDS, data, rest, 1);
}

export function LEADGRADE(data: unknown, ...rest: unknown[]): Output[][] {
  return column("grade", data, rest, 1);
}

export function LEADSCORE(data: unknown, ...rest: unknown[]): Output[][] {
  return column("score", data, rest, 1);
}

export function NEXTFOLLOWUP(data: unknown, ...rest: unknown[]): Output[][] {
  return column("nextFollowUp", data, rest, 1);
}

export function LEADSTAGE(data: unknown, ...rest: unknown[]): Output[][] {
  return column("stage", data, rest, 0);
}

export function LEADWHY(data: unknown, ...rest: unknown[]): Output[][] {
  return column("why", data, rest, 1);
}

export function LEADRFM(data: unknown, ...rest: unknown[]): Output[][] {
  return column("rfm", data, rest, 1);
}

/** The history range's entries; a range that is not a LeadGrade history is an error. */
function historyArg(value: unknown): HistoryEntry[] {
  if (value === "" || value === undefined || value === null) return [];
  const grid = isGrid(value) ? value : [[value as CellValue]];
  const [first = []] = grid;
  const headed = first[0] === HISTORY_HEADER[0] && first[1] === HISTORY_HEADER[1];
  const { entries, unreadable } = readHistory(headed ? grid.slice(1) : grid);
  if (unreadable > 0 && entries.length === 0)
    throw new Error(
      `LeadGrade: history must be the range of the "LeadGrade 历史 History" sheet, e.g. 'LeadGrade 历史 History'!A:K / 历史须为“LeadGrade 历史 History”工作表的区域`,
    );
  return entries;
}

/**
 * Each lead's trend over 7 and 30 days ("7天↑ 30天→"), from the grade history the priority pass
 * keeps: =LEADTREND(A1:P, 'LeadGrade 历史 History'!A:K). The history comes as an argument (a custom
 * function recalculates only when its arguments change), so the column follows each pass.
 */
export function LEADTREND(data: unknown, history: unknown, ...rest: unknown[]): Output[][] {
  return columns(["trend"], data, rest, 1, historyArg(history));
}
