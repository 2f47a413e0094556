/**
 * The priority pass, run from the menu or hourly: one read of the lead sheet, one core pass, then
 * LeadGrade's own columns (only those that changed), its colour rules, the as-of date cell, the
 * audit of hand-set grades and the day's reminders. One pass at a time: a pass that cannot get the
 * document lock leaves quietly. The number of service calls does not grow with the number of rows.
 */
import {
  type CellValue,
  formatOverrideState,
  headerLanguage,
  type Lang,
  parseOverrideState,
  remindersDue,
  runPass,
  trackOverrides,
} from "../core/index";
import { appendAudit } from "./auditSheet";
import {
  createManagedColumns,
  findManagedColumns,
  managedValues,
  outputColumns,
  writeManagedColumns,
} from "./managedColumns";
import { OVERRIDE_CELLS, type OverrideCells } from "./onEdit";
import { applyPriorityFormats, priorityRules } from "./priorityFormats";
import { updatePriorityView } from "./priorityView";
import { type ReminderReport, sendReminders } from "./reminders";
import { loadRules } from "./rulesStore";
import { writeAsOf } from "./settingsSheet";

const LEAD_SHEET = "leadgrade.sheet";
const VIEW = "leadgrade.view";

export interface PassReport {
  skipped?: "locked" | "no_header" | "no_sheet";
  rows: number;
  changedCells: number;
  formatsWritten: boolean;
  /** Hand-set grade changes and approvals recorded in the audit sheet. */
  audited: number;
  /** Hand-set grades waiting for a supervisor. */
  pending: number;
  reminders?: ReminderReport;
}

export interface PassOptions {
  now: Date;
  /**
   * Send the day's digests: "on schedule" (the hourly job) once the local hour reaches the rules'
   * send hour; "now" (a manager's menu command) at once. Either way only when reminders are on,
   * and at most once a day per owner.
   */
  remind: false | "now" | "on schedule";
  useActiveSheet: boolean;
  /** A supervisor approving every pending hand-set grade in this run. */
  approver?: string;
  /** Stop sending reminders after this (a run may last 6 minutes); what is left waits for the next run. */
  deadline?: Date;
}

/** Leave a minute and a half of the 6-minute run for everything but reminders. */
const REMINDER_BUDGET_MS = 4.5 * 60 * 1000;

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

const skipped = (why: NonNullable<PassReport["skipped"]>): PassReport => ({
  skipped: why,
  rows: 0,
  changedCells: 0,
  formatsWritten: false,
  audited: 0,
  pending: 0,
});

/** Stores what changed, in one write (or none). */
function rememberLocations(
  props: GoogleAppsScript.Properties.Properties,
  all: Record<string, string>,
  wanted: Record<string, string>,
): void {
  const changed = Object.fromEntries(Object.entries(wanted).filter(([k, v]) => (all[k] ?? "") !== v));
  if (Object.keys(changed).length > 0) props.setProperties(changed);
}

/** The sheet the team keeps its leads on: the one remembered, else the active one. */
function leadSheet(spreadsheet: Spreadsheet, remembered: string | undefined): Sheet | null {
  const id = remembered === undefined ? Number.NaN : Number(remembered);
  return spreadsheet.getSheets().find((s) => s.getSheetId() === id) ?? spreadsheet.getActiveSheet();
}

export function runPriorityPass(options: PassOptions): PassReport {
  const started = Date.now();
  const lock = LockService.getDocumentLock();
  if (!lock.tryLock(1000)) return skipped("locked");
  try {
    const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
    const props = PropertiesService.getDocumentProperties();
    const all = props.getProperties();
    const sheet = options.useActiveSheet
      ? spreadsheet.getActiveSheet()
      : leadSheet(spreadsheet, all[LEAD_SHEET]);
    if (!sheet) return skipped("no_sheet");
    const { rules } = loadRules(props, spreadsheet.getSpreadsheetTimeZone());
    const values = sheet.getDataRange().getValues();
    const header = values[0] ?? [];
    const existing = findManagedColumns(sheet, header);
    const ours = outputColumns(sheet, header, Object.values(existing));
    const rows = values.slice(1) as CellValue[][];
    const table = { header: header.map((h, i) => (ours.has(i) ? "" : h)) as CellValue[], rows };
    const stateAt = existing.overrideState === undefined ? -1 : existing.overrideState - 1;
    const states = rows.map((r) => parseOverrideState(r[stateAt]));
    let result = runPass(table, rules, {
      asOf: options.now,
      approvedOverrides: states.map((s) => s.approved || undefined),
    });
    if (result.issues.some((i) => i.code === "no_header")) return skipped("no_header");

    const cell = (field: "override" | "overrideReason") => {
      const at = result.columns[field];
      return rows.map((r) => (at === undefined ? "" : String(r[at] ?? "")));
    };
    const tracked = trackOverrides({
      result,
      overrides: cell("override"),
      reasons: cell("overrideReason"),
      states,
      approver: options.approver,
    });
    if (tracked.audit.some((a) => a.action === "approved")) {
      result = runPass(table, rules, {
        asOf: options.now,
        approvedOverrides: tracked.states.map((s) => s.approved || undefined),
      });
    }

    const lang: Lang = headerLanguage(header);
    const lastUserColumn = Math.max(0, ...header.map((h, i) => (ours.has(i) || h === "" ? 0 : i + 1)));
    const where = createManagedColumns(
      sheet,
      existing,
      Math.max(lastUserColumn, sheet.getLastColumn()),
      lang,
    );
    const next = managedValues(result, lang, tracked.states.map(formatOverrideState));
    const changedCells = writeManagedColumns(sheet, where, values, next);
    const formatsWritten = applyPriorityFormats(sheet, priorityRules(sheet, where, rules));
    appendAudit(spreadsheet, tracked.audit, options.now);
    writeAsOf(spreadsheet, options.now);
    const overrideAt = result.columns.override;
    const cells: OverrideCells | undefined =
      overrideAt === undefined
        ? undefined
        : { sheetId: sheet.getSheetId(), override: overrideAt + 1, state: where.overrideState };
    rememberLocations(props, all, {
      [LEAD_SHEET]: String(sheet.getSheetId()),
      [OVERRIDE_CELLS]: cells === undefined ? "" : JSON.stringify(cells),
      [VIEW]: updatePriorityView(spreadsheet, sheet, result.columns, where, rules, all[VIEW]),
    });
    const deadline = options.deadline?.getTime() ?? started + REMINDER_BUDGET_MS;
    const remindNow =
      options.remind === "now"
        ? rules.reminders.enabled
        : options.remind === "on schedule" && remindersDue(rules.reminders, options.now, rules.timeZone);
    const reminders = remindNow
      ? sendReminders(props, all, result, rules, lang, () => Date.now() > deadline)
      : undefined;
    const pending = result.rows.filter((r) => r.pendingOverride !== null).length;
    return {
      rows: result.summary.leads,
      changedCells,
      formatsWritten,
      audited: tracked.audit.length,
      pending,
      reminders,
    };
  } finally {
    lock.releaseLock();
  }
}
