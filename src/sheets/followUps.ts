/**
 * "Log a follow-up": one row appended to the follow-up sheet (followUpSheets.ts) for the selected
 * lead, its Last contact cell written (the only user cell LeadGrade writes, only on this explicit
 * action, and recorded in the audit), then the sheet re-graded at once. Two reps saving at once
 * both get their touch in: the document lock is tried again before giving up, and a form that was
 * not saved stays in the panel to save again.
 */
import { formatWhy, type Lang, type PassResult, type RuleSet, runPass, zoneClock } from "../core/index";
import { appendAudit } from "./auditSheet";
import { FOLLOW_UP_HEADER, followUpSheet, readFollowUps } from "./followUpSheets";
import { ensureRows } from "./insertSheet";
import { readLeadSheet } from "./leadSheet";
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

const LEAD_SHEET = "leadgrade.sheet";

function leadSheetOf(spreadsheet: Spreadsheet): Sheet | null {
  const props = PropertiesService.getDocumentProperties();
  const remembered = Number(props?.getProperty(LEAD_SHEET) ?? Number.NaN);
  return spreadsheet.getSheets().find((s) => s.getSheetId() === remembered) ?? spreadsheet.getActiveSheet();
}

/** The lead on the selected row of the lead sheet, for the panel; undefined where none is selected. */
export function selectedLead(lang: Lang): SelectedLead | undefined {
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const cell = spreadsheet.getCurrentCell();
  const sheet = leadSheetOf(spreadsheet);
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
  const touchLog = readFollowUps(spreadsheet);
  return runPass(readLeadSheet(sheet).table, rules, {
    asOf: now,
    zoneOffset: sheetsZoneOffset,
    ...(touchLog ? { touchLog } : {}),
  });
}

/** Tries for the document lock a few times: two reps saving at once both get their touch in. */
function lockDocument(): GoogleAppsScript.Lock.Lock | undefined {
  const lock = LockService.getDocumentLock();
  if (!lock) return undefined;
  for (let attempt = 0; attempt < 3; attempt++) if (lock.tryLock(5000)) return lock;
  return undefined;
}

/**
 * Logs one follow-up for the lead on `form.row`, then re-grades the sheet. Nothing is written when
 * the form cannot be read or the lock cannot be had: the panel keeps the form to save again.
 */
export function logFollowUp(form: FollowUpForm, now: Date, lang: Lang): FollowUpAnswer {
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const sheet = spreadsheet ? leadSheetOf(spreadsheet) : null;
  if (!spreadsheet || !sheet) return { ok: false, error: "no_sheet" };
  const props = PropertiesService.getDocumentProperties();
  const { rules } = loadRules(props, spreadsheet.getSpreadsheetTimeZone());
  const clock = zoneClock(rules.timeZone, sheetsZoneOffset);
  const when = form.when.trim() === "" ? clock.dayOf(now) : dayOfText(form.when);
  if (when === undefined) return { ok: false, error: "bad_when" };
  const next = form.next.trim() === "" ? undefined : dayOfText(form.next);
  if (form.next.trim() !== "" && next === undefined) return { ok: false, error: "bad_next" };
  const lock = lockDocument();
  if (!lock) return { ok: false, error: "locked" };
  let key: string;
  try {
    const before = gradeSheet(spreadsheet, sheet, rules, now);
    const lead = before.rows[form.row - 2];
    if (!lead || lead.blank || lead.key === "") return { ok: false, error: "no_lead" };
    key = lead.key;
    const who = Session.getActiveUser().getEmail();
    const whenText = form.when.trim() === "" ? isoMinute(now, rules.timeZone) : form.when.replace("T", " ");
    const nextText = next === undefined ? "" : form.next.trim();
    const log = followUpSheet(spreadsheet);
    ensureRows(log, log.getLastRow() + 1);
    log
      .getRange(log.getLastRow() + 1, 1, 1, FOLLOW_UP_HEADER.length)
      .setValues(keepRowsAsText([[key, form.row, who, whenText, form.how, form.note, nextText]]));
    const day = isoDay(when);
    const from = writeLastContact(sheet, before, form.row, day);
    if (from !== undefined)
      appendAudit(
        spreadsheet,
        [
          {
            row: form.row - 2,
            lead: lead.name || key,
            action: "logged",
            from,
            to: day,
            reason: [form.how, form.note].filter((t) => t.trim() !== "").join(": "),
            who,
          },
        ],
        now,
        props,
      );
  } finally {
    lock.releaseLock();
  }
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
 * Writes the day into the lead's Last contact cell where it is newer than what the cell holds.
 * Returns what the cell held ("" when empty), or undefined when nothing was written (no such
 * column, or the cell is as new already).
 */
function writeLastContact(sheet: Sheet, result: PassResult, row: number, day: string): string | undefined {
  const column = result.columns.lastContact;
  if (column === undefined) return undefined;
  const cell = sheet.getRange(row, column + 1);
  const held = cell.getValue() as unknown;
  const heldDay =
    held instanceof Date ? isoMinute(held, result.timeZone).slice(0, 10) : String(held ?? "").trim();
  if (heldDay !== "" && /^\d{4}-\d{2}-\d{2}/.test(heldDay) && heldDay.slice(0, 10) >= day) return undefined;
  cell.setValue(day);
  return heldDay;
}

/** `YYYY-MM-DD…` text as a civil day, or undefined. */
function dayOfText(text: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(text.trim());
  if (!m) return undefined;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const date = new Date(ms);
  if (date.getUTCMonth() !== Number(m[2]) - 1) return undefined;
  return Math.round(ms / 86_400_000);
}

function isoDay(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

/** "2026-12-03 14:05" in a zone. */
function isoMinute(instant: Date, timeZone: string): string {
  return Utilities.formatDate(instant, timeZone, "yyyy-MM-dd HH:mm");
}
