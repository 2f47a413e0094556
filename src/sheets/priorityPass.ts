/**
 * The priority pass, run from the menu or hourly: one read of the lead sheet, one core pass, then
 * LeadGrade's own columns (only those that changed), its colour rules, the as-of date cell and
 * the day's reminders. One pass at a time: a pass that cannot get the document lock leaves quietly.
 * The number of service calls does not grow with the number of rows.
 */
import { headerLanguage, type Lang, runPass } from "../core/index";
import {
  createManagedColumns,
  findManagedColumns,
  managedValues,
  writeManagedColumns,
} from "./managedColumns";
import { applyPriorityFormats, priorityRules } from "./priorityFormats";
import { type ReminderReport, sendReminders } from "./reminders";
import { loadRules } from "./rulesStore";
import { writeAsOf } from "./settingsSheet";

const LEAD_SHEET = "leadgrade.sheet";

export interface PassReport {
  skipped?: "locked" | "no_header" | "no_sheet";
  rows: number;
  changedCells: number;
  formatsWritten: boolean;
  reminders?: ReminderReport;
}

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** The sheet the team keeps its leads on: the one remembered, else the active one. */
function leadSheet(spreadsheet: Spreadsheet, remembered: string | undefined): Sheet | null {
  const id = remembered === undefined ? Number.NaN : Number(remembered);
  return spreadsheet.getSheets().find((s) => s.getSheetId() === id) ?? spreadsheet.getActiveSheet();
}

export function runPriorityPass(options: {
  now: Date;
  remind: boolean;
  useActiveSheet: boolean;
}): PassReport {
  const lock = LockService.getDocumentLock();
  if (!lock.tryLock(1000)) return { skipped: "locked", rows: 0, changedCells: 0, formatsWritten: false };
  try {
    const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
    const props = PropertiesService.getDocumentProperties();
    const all = props.getProperties();
    const sheet = options.useActiveSheet
      ? spreadsheet.getActiveSheet()
      : leadSheet(spreadsheet, all[LEAD_SHEET]);
    if (!sheet) return { skipped: "no_sheet", rows: 0, changedCells: 0, formatsWritten: false };
    const { rules } = loadRules(props, spreadsheet.getSpreadsheetTimeZone());
    const values = sheet.getDataRange().getValues();
    const header = values[0] ?? [];
    const existing = findManagedColumns(sheet, header);
    // LeadGrade's own columns (and LeadGrade formulas, whose headers look like "阶段") are outputs:
    // hidden from the pass so they are never read as input.
    const formulas = sheet.getRange(1, 1, 1, Math.max(1, header.length)).getFormulas()[0] ?? [];
    const ours = new Set([
      ...Object.values(existing).map((c) => c - 1),
      ...formulas.flatMap((f, i) => (/^=\s*(LEAD[A-Z]+|NEXTFOLLOWUP)\(/i.test(f) ? [i] : [])),
    ]);
    const inputHeader = header.map((h, i) => (ours.has(i) ? "" : h));
    const result = runPass({ header: inputHeader, rows: values.slice(1) }, rules, { asOf: options.now });
    if (result.issues.some((i) => i.code === "no_header"))
      return { skipped: "no_header", rows: 0, changedCells: 0, formatsWritten: false };

    const lang: Lang = headerLanguage(header);
    const lastUserColumn = Math.max(0, ...header.map((h, i) => (ours.has(i) || h === "" ? 0 : i + 1)));
    const where = createManagedColumns(
      sheet,
      existing,
      Math.max(lastUserColumn, sheet.getLastColumn()),
      lang,
    );
    const changedCells = writeManagedColumns(sheet, where, values, managedValues(result, lang));
    const formatsWritten = applyPriorityFormats(sheet, priorityRules(sheet, where, rules));
    writeAsOf(spreadsheet, options.now);
    if (all[LEAD_SHEET] !== String(sheet.getSheetId()))
      props.setProperty(LEAD_SHEET, String(sheet.getSheetId()));
    const reminders = options.remind ? sendReminders(props, all, result, rules, lang) : undefined;
    return { rows: result.summary.leads, changedCells, formatsWritten, reminders };
  } finally {
    lock.releaseLock();
  }
}
