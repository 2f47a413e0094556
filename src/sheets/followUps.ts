/**
 * "Log a follow-up": one row appended to the follow-up sheet (followUpSheets.ts) for the selected
 * lead, its Last contact cell written (the only user cell LeadGrade writes, only on this explicit
 * action, and recorded in the audit), then the sheet re-graded at once. Two reps saving at once
 * both get their touch in: the document lock is tried again before giving up, and a form that was
 * not saved stays in the panel to save again.
 */
import {
  type CellValue,
  type CivilDay,
  cellText,
  formatWhy,
  isoFromCivilDay,
  type Lang,
  type PassResult,
  parseDateCell,
  type RuleSet,
  runPass,
  zoneClock,
} from "../core/index";
import { appendAudit } from "./auditSheet";
import { FOLLOW_UP_HEADER, followUpSheet, sheetPassOptions } from "./followUpSheets";
import { ensureRows } from "./insertSheet";
import { readLeadSheet, rememberedLeadSheet } from "./leadSheet";
import { keepRowsAsText } from "./plainText";
import { runPriorityPass } from "./priorityPass";
import { loadRules } from "./rulesStore";
import { sheetsZoneOffset } from "./zoneOffset";

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** What the panel sends: the sheet row (1-based) and the form. */
export interface FollowUpForm {
  row: number;
  /** `YYYY-MM-DDTHH:MM` in the rules' zone, as an HTML datetime-local field gives it; "" = now. */
  when: string;
  how: string;
  note: string;
  /** `YYYY-MM-DD`, or "". */
  next: string;
}

export type FollowUpAnswer =
  | {
      ok: true;
      lead: string;
      grade: string | null;
      score: number | null;
      nextFollowUp: string | null;
      why: string;
    }
  | { ok: false; error: "locked" | "no_lead" | "bad_when" | "bad_next" | "no_sheet" };

/** What the panel shows for the selected row: its lead, and the ways to choose from. */
export interface SelectedLead {
  row: number;
  lead: string;
  name: string;
  grade: string | null;
  ways: string[];
}

/** The lead on the selected row of the lead sheet, for the panel; undefined where none is selected. */
export function selectedLead(lang: Lang): SelectedLead | undefined {
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const cell = spreadsheet.getCurrentCell();
  const sheet = rememberedLeadSheet(spreadsheet);
  if (!cell || !sheet || cell.getSheet().getSheetId() !== sheet.getSheetId() || cell.getRow() < 2)
    return undefined;
  const { rules } = loadRules(
    PropertiesService.getDocumentProperties(),
    spreadsheet.getSpreadsheetTimeZone(),
  );
  const result = gradeSheet(spreadsheet, sheet, rules, new Date());
  const lead = result.rows[cell.getRow() - 2];
  if (!lead || lead.blank || lead.key === "") return undefined;
  return {
    row: cell.getRow(),
    lead: lead.key,
    name: lead.name,
    grade: lead.grade,
    ways: rules.touches.ways.map((w) => (typeof w.name === "string" ? w.name : w.name[lang])),
  };
}

function gradeSheet(spreadsheet: Spreadsheet, sheet: Sheet, rules: RuleSet, now: Date): PassResult {
  return runPass(readLeadSheet(sheet).table, rules, sheetPassOptions(spreadsheet, now));
}

/** Waits up to 15 s for the document lock: two reps saving at once both get their touch in. */
function lockDocument(): GoogleAppsScript.Lock.Lock | undefined {
  const lock = LockService.getDocumentLock();
  return lock?.tryLock(15_000) ? lock : undefined;
}

/**
 * Logs one follow-up for the lead on `form.row`, then re-grades the sheet. Nothing is written when
 * the form cannot be read or the lock cannot be had: the panel keeps the form to save again.
 */
export function logFollowUp(form: FollowUpForm, now: Date, lang: Lang): FollowUpAnswer {
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const sheet = spreadsheet ? rememberedLeadSheet(spreadsheet) : null;
  if (!spreadsheet || !sheet) return { ok: false, error: "no_sheet" };
  const props = PropertiesService.getDocumentProperties();
  const { rules } = loadRules(props, spreadsheet.getSpreadsheetTimeZone());
  // Read as the pass will read them from the follow-up sheet.
  const clock = zoneClock(rules.timeZone, sheetsZoneOffset);
  const when = form.when.trim() === "" ? clock.dayOf(now) : parseDateCell(form.when, clock, rules.dateOrder);
  if (typeof when !== "number") return { ok: false, error: "bad_when" };
  const next = parseDateCell(form.next, clock, rules.dateOrder);
  if (next !== undefined && typeof next !== "number") return { ok: false, error: "bad_next" };
  const lock = lockDocument();
  if (!lock) return { ok: false, error: "locked" };
  let key: string | undefined;
  try {
    key = recordTouch(spreadsheet, sheet, props, rules, form, when, now);
  } finally {
    lock.releaseLock();
  }
  if (key === undefined) return { ok: false, error: "no_lead" };
  const report = runPriorityPass({ now, remind: false, useActiveSheet: false });
  const after = report.result?.rows.find((r) => r.key === key);
  if (!after) return { ok: true, lead: key, grade: null, score: null, nextFollowUp: null, why: "" };
  return {
    ok: true,
    lead: key,
    grade: after.grade,
    score: after.score,
    nextFollowUp: after.nextFollowUp,
    why: formatWhy(after.trace, lang),
  };
}

/**
 * Under the lock: the touch appended to the follow-up sheet, Last contact written where the day is
 * newer (with its audit row). Returns the lead's key; undefined when the row holds no lead.
 */
function recordTouch(
  spreadsheet: Spreadsheet,
  sheet: Sheet,
  props: GoogleAppsScript.Properties.Properties,
  rules: RuleSet,
  form: FollowUpForm,
  when: CivilDay,
  now: Date,
): string | undefined {
  const before = gradeSheet(spreadsheet, sheet, rules, now);
  const lead = before.rows[form.row - 2];
  if (!lead || lead.blank || lead.key === "") return undefined;
  const key = lead.key;
  const who = Session.getActiveUser().getEmail();
  const whenText = form.when.trim() === "" ? isoMinute(now, rules.timeZone) : form.when.replace("T", " ");
  const log = followUpSheet(spreadsheet);
  ensureRows(log, log.getLastRow() + 1);
  log
    .getRange(log.getLastRow() + 1, 1, 1, FOLLOW_UP_HEADER.length)
    .setValues(keepRowsAsText([[key, form.row, who, whenText, form.how, form.note, form.next.trim()]]));
  const clock = zoneClock(rules.timeZone, sheetsZoneOffset);
  const from = writeLastContact(sheet, before, form.row, when, (cell) =>
    parseDateCell(cell, clock, rules.dateOrder),
  );
  if (from === undefined) return key;
  const reason = [form.how, form.note].filter((t) => t.trim() !== "").join(": ");
  const audit = {
    row: form.row - 2,
    lead: lead.name || key,
    action: "logged" as const,
    from,
    to: isoFromCivilDay(when),
    reason,
    who,
  };
  appendAudit(spreadsheet, [audit], now, props);
  return key;
}

/**
 * Writes the day into the lead's Last contact cell where it is newer than the day the cell holds
 * (read as the pass reads it). Returns what the cell showed ("" when empty), or undefined when
 * nothing was written (no such column, or the cell is as new already).
 */
function writeLastContact(
  sheet: Sheet,
  result: PassResult,
  row: number,
  day: CivilDay,
  readDay: (cell: CellValue) => ReturnType<typeof parseDateCell>,
): string | undefined {
  const column = result.columns.lastContact;
  if (column === undefined) return undefined;
  const cell = sheet.getRange(row, column + 1);
  const held = cell.getValue() as CellValue;
  const heldDay = readDay(held);
  if (typeof heldDay === "number" && heldDay >= day) return undefined;
  cell.setValue(isoFromCivilDay(day));
  return typeof heldDay === "number" ? isoFromCivilDay(heldDay) : cellText(held);
}

/** "2026-12-03 14:05" in a zone. */
function isoMinute(instant: Date, timeZone: string): string {
  return Utilities.formatDate(instant, timeZone, "yyyy-MM-dd HH:mm");
}
