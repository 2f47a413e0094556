/**
 * LeadGrade's follow-up sheets: "LeadGrade 跟进记录 Follow-ups", one row per logged touch (lead
 * key, row, who, when, how, note, next), read by every pass as the core's touch log, with a last
 * column where the pass says why a row was not used (typed by hand: no date, no such lead); and the
 * hidden "LeadGrade 历史 History", where every pass appends what changed per lead (the core's
 * grade history), pruned to the rules' days.
 */
import {
  appendHistory,
  type CellValue,
  cellText,
  HISTORY_HEADER,
  type HistoryEntry,
  historyRow,
  type Lang,
  type PassOptions,
  type PassResult,
  type RuleSet,
  readHistory,
  type Table,
  TOUCH_LOG_HEADERS,
  TOUCH_PROBLEM_TEXT,
  type TouchLogResult,
  WORDS,
} from "../core/index";
import { ensureRows, insertSheetQuietly } from "./insertSheet";
import { keepRowsAsText } from "./plainText";
import { sheetsZoneOffset } from "./zoneOffset";

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export const FOLLOW_UP_SHEET = "LeadGrade 跟进记录 Follow-ups";
export const HISTORY_SHEET = "LeadGrade 历史 History";
const FIELDS = ["lead", "row", "who", "when", "how", "note", "next"] as const;
export const FOLLOW_UP_HEADER = FIELDS.map((f) => `${TOUCH_LOG_HEADERS[f].zh} ${TOUCH_LOG_HEADERS[f].en}`);
/** The pass's column on the follow-up sheet: what is wrong with a row, "" for a row used. */
export const PROBLEM_HEADER = "问题 Problem (LeadGrade)";
const PROBLEM_COLUMN = FOLLOW_UP_HEADER.length + 1;

/** The log's own cells, without the pass's problem column: what the hourly job fingerprints. */
export function followUpCells(log: Table): CellValue[][] {
  return [log.header, ...log.rows].map((row) => row.slice(0, FOLLOW_UP_HEADER.length));
}

/**
 * Says in the follow-up sheet's problem column why each row was not used (or was used only in
 * part), as the command line lists them by line; writes the column only when it changes. `log` is
 * the sheet as the pass read it.
 */
export function markFollowUpProblems(
  spreadsheet: Spreadsheet,
  log: Table | undefined,
  result: TouchLogResult | undefined,
  lang: Lang,
): number {
  const sheet = spreadsheet.getSheetByName(FOLLOW_UP_SHEET);
  if (!sheet || !log || !result || log.rows.length === 0) return 0;
  const missing =
    result.missing.length === 0
      ? ""
      : WORDS[lang].why.missingColumns(result.missing.map((f) => TOUCH_LOG_HEADERS[f][lang]).join(", "));
  const wanted = log.rows.map(() => missing);
  for (const p of result.problems) {
    const words = `${TOUCH_PROBLEM_TEXT[p.code]?.[lang] ?? p.code}${p.text ? ` "${p.text}"` : ""}`;
    const k = p.line - 2;
    if (k >= 0 && k < wanted.length) wanted[k] = wanted[k] ? `${wanted[k]}; ${words}` : words;
  }
  const held = log.rows.map((row) => cellText(row[PROBLEM_COLUMN - 1] ?? ""));
  const headed = log.header[PROBLEM_COLUMN - 1] === PROBLEM_HEADER;
  if (headed && wanted.every((w, k) => w === held[k])) return 0;
  if (!headed && wanted.every((w) => w === "")) return 0;
  sheet.getRange(1, PROBLEM_COLUMN).setValue(PROBLEM_HEADER);
  sheet.getRange(2, PROBLEM_COLUMN, wanted.length, 1).setValues(keepRowsAsText(wanted.map((w) => [w])));
  return wanted.filter((w) => w !== "").length;
}

/** The follow-up sheet as the pass's touch log; none while nobody has logged a follow-up. */
export function readFollowUps(spreadsheet: Spreadsheet): Table | undefined {
  const sheet = spreadsheet.getSheetByName(FOLLOW_UP_SHEET);
  if (!sheet || sheet.getLastRow() < 2) return undefined;
  const [header = [], ...rows] = sheet.getDataRange().getValues();
  return { header, rows };
}

/**
 * The pass's options as every door but the formulas grades the lead sheet: as of `now`, in the
 * sheet's zone, with the follow-up log (so the report, the panel, Preview and learning see the
 * grades the priority pass writes).
 */
export function sheetPassOptions(spreadsheet: Spreadsheet, now: Date): PassOptions {
  const touchLog = readFollowUps(spreadsheet);
  return { asOf: now, zoneOffset: sheetsZoneOffset, ...(touchLog ? { touchLog } : {}) };
}

export function followUpSheet(spreadsheet: Spreadsheet): Sheet {
  const existing = spreadsheet.getSheetByName(FOLLOW_UP_SHEET);
  if (existing) return existing;
  const sheet = insertSheetQuietly(spreadsheet, FOLLOW_UP_SHEET);
  sheet.getRange(1, 1, 1, FOLLOW_UP_HEADER.length).setValues([FOLLOW_UP_HEADER]);
  return sheet;
}

/** The history sheet's entries, in the order recorded; none before the first pass. */
export function readHistorySheet(spreadsheet: Spreadsheet): HistoryEntry[] {
  const sheet = spreadsheet.getSheetByName(HISTORY_SHEET);
  if (!sheet || sheet.getLastRow() < 2) return [];
  return readHistory(sheet.getDataRange().getValues().slice(1)).entries;
}

/**
 * Adds this pass's changes to the hidden history sheet and prunes it to the rules' days (also on a
 * pass that adds nothing). One read and one write (the whole sheet only when pruning removed rows).
 * Returns what was added and every entry kept, this pass's included (what the trend column is
 * worked out from). A history Sheets will not take (the spreadsheet at its 10,000,000 cells) is
 * not kept this time, and `failed` says why: the pass goes on without it.
 */
export function recordHistory(
  spreadsheet: Spreadsheet,
  result: PassResult,
  rules: RuleSet,
  lang: Lang,
): { added: number; entries: HistoryEntry[]; failed?: string } {
  const before = readHistorySheet(spreadsheet);
  const { added, entries: kept } = appendHistory(before, result, rules.historyKeepDays, lang);
  // Nothing new and nothing past the rules' days: nothing to write.
  if (added.length === 0 && kept.length === before.length) return { added: 0, entries: kept };
  try {
    writeHistory(spreadsheet, before.length, added, kept);
  } catch (error) {
    const failed = error instanceof Error ? error.message : String(error);
    console.log(`LeadGrade: the grade history was not kept this run: ${failed}`);
    return { added: 0, entries: kept, failed };
  }
  return { added: added.length, entries: kept };
}

function writeHistory(
  spreadsheet: Spreadsheet,
  before: number,
  added: HistoryEntry[],
  kept: HistoryEntry[],
): void {
  let sheet = spreadsheet.getSheetByName(HISTORY_SHEET);
  if (!sheet) {
    sheet = insertSheetQuietly(spreadsheet, HISTORY_SHEET);
    sheet.getRange(1, 1, 1, HISTORY_HEADER.length).setValues([[...HISTORY_HEADER]]);
    sheet.hideSheet();
  }
  if (kept.length < before + added.length) {
    sheet.getRange(2, 1, Math.max(1, sheet.getLastRow() - 1), HISTORY_HEADER.length).clearContent();
    // A range has a row at least: when everything went, the cleared rows are all there is to write.
    if (kept.length === 0) return;
    ensureRows(sheet, 1 + kept.length);
    sheet.getRange(2, 1, kept.length, HISTORY_HEADER.length).setValues(keepRowsAsText(kept.map(historyRow)));
    return;
  }
  ensureRows(sheet, 1 + before + added.length);
  sheet
    .getRange(sheet.getLastRow() + 1, 1, added.length, HISTORY_HEADER.length)
    .setValues(keepRowsAsText(added.map(historyRow)));
}
