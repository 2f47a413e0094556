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
  isoFromCivilDay,
  type Lang,
  type PassResult,
  parseOverrideState,
  type RuleSet,
  reclaimText,
  remindersDue,
  runPass,
  type Table,
  trackOverrides,
  trendColumn,
  withoutWebhooks,
  zoneClock,
} from "../core/index";
import { type AlertReport, sendAlerts } from "./alerts";
import { appendAudit } from "./auditSheet";
import { followUpCells, markFollowUpProblems, readFollowUps, recordHistory } from "./followUpSheets";
import { reclaimAfterPass } from "./leadPool";
import { LEAD_SHEET_KEY, leadSheet, readLeadSheet } from "./leadSheet";
import {
  createManagedColumns,
  type ManagedColumn,
  managedValues,
  writeManagedColumns,
} from "./managedColumns";
import { OVERRIDE_CELLS, type OverrideCells } from "./onEdit";
import { applyPriorityFormats, priorityRules } from "./priorityFormats";
import { updatePriorityView } from "./priorityView";
import { type ReminderReport, sendReminders } from "./reminders";
import { loadRules } from "./rulesStore";
import { writeAsOf } from "./settingsSheet";
import { sheetFingerprint } from "./sheetFingerprint";
import { sheetsZoneOffset } from "./zoneOffset";

const VIEW = "leadgrade.view";

export interface PassReport {
  /**
   * "no_document": a clock run without its spreadsheet, lock or properties; "unchanged": an
   * hourly run over a sheet, rules and day already done.
   */
  skipped?: "locked" | "no_header" | "no_sheet" | "no_document" | "unchanged";
  rows: number;
  changedCells: number;
  formatsWritten: boolean;
  /** Hand-set grade changes and approvals recorded in the audit sheet. */
  audited: number;
  /** Hand-set grades waiting for a supervisor. */
  pending: number;
  reminders?: ReminderReport;
  /** Changes this pass added to the grade history. */
  history?: number;
  /** Why the grade history could not be kept this run (the spreadsheet at its cell limit). */
  historyFailed?: string;
  /** Rows of the follow-up sheet not used, or used in part (their reason is beside them). */
  followUpProblems?: number;
  /** Alerts found, sent and held this run (with alerts on). */
  alerts?: AlertReport;
  /** Leads the pool is to take back this run, and whether their Owner cells were written. */
  pool?: { reclaim: number; moved: boolean };
  /** The pass's results (absent when skipped). */
  result?: PassResult;
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
  /** Leave at once when the sheet, rules and day are those the last finished pass saw (hourly runs). */
  skipUnchanged?: boolean;
}

/** Leave a minute and a half of the 6-minute run for everything but reminders. */
const REMINDER_BUDGET_MS = 4.5 * 60 * 1000;

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Props = GoogleAppsScript.Properties.Properties;
type Lock = GoogleAppsScript.Lock.Lock;

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

/** Fingerprint of the last pass that changed nothing left to do: the sheet, rules and day it saw. */
const FINGERPRINT = "leadgrade.fingerprint";

/**
 * The document and its services, where the context gives them: a clock run may have no active
 * spreadsheet, no document lock and no document properties. Then the run says so in one log line
 * and leaves: it never throws and never sends.
 */
function openDocument(): { spreadsheet: Spreadsheet; props: Props; lock: Lock } | undefined {
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const lock = LockService.getDocumentLock();
  const props = PropertiesService.getDocumentProperties();
  if (spreadsheet && lock && props) return { spreadsheet, props, lock };
  const missing = [!spreadsheet && "spreadsheet", !lock && "document lock", !props && "document properties"];
  console.log(`LeadGrade: no ${missing.filter(Boolean).join(", ")} in this run; nothing was graded or sent`);
  return undefined;
}

export function runPriorityPass(options: PassOptions): PassReport {
  const started = Date.now();
  const document = openDocument();
  if (!document) return skipped("no_document");
  const { spreadsheet, props, lock } = document;
  if (!lock.tryLock(1000)) return skipped("locked");
  try {
    const all = props.getProperties();
    const sheet = options.useActiveSheet
      ? spreadsheet.getActiveSheet()
      : leadSheet(spreadsheet, all[LEAD_SHEET_KEY]);
    if (!sheet) return skipped("no_sheet");
    const { rules, version } = loadRules(props, spreadsheet.getSpreadsheetTimeZone());
    const lead = readLeadSheet(sheet);
    const { values, ours } = lead;
    const existing = lead.managed;
    const remindNow =
      options.remind === "now"
        ? rules.reminders.enabled
        : options.remind === "on schedule" &&
          remindersDue(rules.reminders, options.now, rules.timeZone, sheetsZoneOffset);
    const today = isoFromCivilDay(zoneClock(rules.timeZone, sheetsZoneOffset).dayOf(options.now));
    const touchLog = readFollowUps(spreadsheet);
    // The user's own columns, the follow-ups logged (from the panel or typed into their sheet),
    // rules, day and reminder state: LeadGrade's writes do not change it, so an hourly run over a
    // sheet nobody touched costs two reads and no writes.
    const touches = touchLog ? sheetFingerprint(followUpCells(touchLog)) : "";
    const heldHour =
      all[ALERTS_HELD] === "1" ? zoneClock(rules.timeZone, sheetsZoneOffset).hourOf(options.now) : "";
    const fingerprint = `${sheet.getSheetId()}|${version}|${today}|${remindNow}|${sheetFingerprint(values, ours)}|${touches}|${heldHour}`;
    if (options.skipUnchanged && all[FINGERPRINT] === fingerprint) return skipped("unchanged");
    const read = { values, existing, ours, touchLog };
    const report = gradeAndWrite(spreadsheet, sheet, props, all, rules, read, options);
    if (!("summary" in report)) return report;
    const deadline = options.deadline?.getTime() ?? started + REMINDER_BUDGET_MS;
    const reminders = remindNow
      ? sendReminders(props, all, report.result, rules, report.lang, () => Date.now() > deadline)
      : undefined;
    const finished = reminders === undefined || (reminders.waiting.length === 0 && !reminders.failed);
    if (finished && all[FINGERPRINT] !== fingerprint) props.setProperty(FINGERPRINT, fingerprint);
    return { ...report.summary, reminders, result: report.result };
  } finally {
    lock.releaseLock();
  }
}

/** Alerts waiting (quiet hours, a cap, a failed send): an hourly run over an unchanged sheet still tries them. */
const ALERTS_HELD = "leadgrade.alertsHeld";

/** Alerts never stop a pass: what could not be done is logged (without any robot's address) and tried next run. */
function sendAlertsSafely(...args: Parameters<typeof sendAlerts>): AlertReport {
  try {
    return sendAlerts(...args);
  } catch (error) {
    const rules = args[3];
    const message = error instanceof Error ? error.message : String(error);
    console.log(`LeadGrade: alerts not sent this run: ${withoutWebhooks(message, rules.alerts.webhooks)}`);
    return { found: 0, sent: 0, held: 0, failed: 1 };
  }
}

/** What the pass read: the values, where LeadGrade's own and formula columns are, the follow-up log. */
interface Read {
  values: unknown[][];
  existing: Partial<Record<ManagedColumn, number>>;
  ours: Set<number>;
  touchLog: Table | undefined;
}

/** Grades the sheet and writes LeadGrade's columns, formats, audit, as-of date and view. */
function gradeAndWrite(
  spreadsheet: Spreadsheet,
  sheet: Sheet,
  props: Props,
  all: Record<string, string>,
  rules: RuleSet,
  read: Read,
  options: PassOptions,
): PassReport | { skipped?: undefined; result: PassResult; lang: Lang; summary: PassReport } {
  const graded = gradeWithOverrides(rules, read, options);
  if (!graded) return skipped("no_header");
  const { result, tracked, table } = graded;
  const { values, existing, ours, touchLog } = read;
  const header = values[0] ?? [];
  const lang: Lang = headerLanguage(header);
  const lastUserColumn = Math.max(0, ...header.map((h, i) => (ours.has(i) || h === "" ? 0 : i + 1)));
  // New columns go after the user's, the sheet's last and any formula's spilled columns.
  const after = Math.max(lastUserColumn, sheet.getLastColumn(), ...[...ours].map((i) => i + 1));
  const where = createManagedColumns(sheet, existing, after, lang);
  const history = recordHistory(spreadsheet, result, rules, lang);
  const pool = reclaimAfterPass(
    spreadsheet,
    sheet,
    result,
    table.rows,
    rules,
    history.entries,
    lang,
    options.now,
  );
  const next = managedValues(result, lang, {
    trend: trendColumn(
      result,
      history.entries,
      rules.grades.map((g) => g.grade),
      lang,
    ),
    overrideState: tracked.states.map(formatOverrideState),
  });
  // Leads the pool is to take back, and a manager is to confirm: said where the row's issues are.
  if (!pool.moved)
    for (const r of pool.reclaims)
      next.issues[r.row] = [next.issues[r.row], reclaimText(r, lang)].filter((t) => t !== "").join("; ");
  const changedCells = writeManagedColumns(sheet, where, values, next);
  const formatsWritten = applyPriorityFormats(sheet, priorityRules(sheet, where, rules));
  appendAudit(spreadsheet, tracked.audit, options.now, props);
  const followUpProblems = markFollowUpProblems(spreadsheet, touchLog, result.touchLog, lang);
  writeAsOf(spreadsheet, options.now);
  rememberLocations(props, all, {
    [LEAD_SHEET_KEY]: String(sheet.getSheetId()),
    [OVERRIDE_CELLS]: overrideCells(sheet, result, where),
    [VIEW]: updatePriorityView(spreadsheet, sheet, result.columns, where, rules, all[VIEW]),
  });
  const alerts = rules.alerts.enabled
    ? sendAlertsSafely(spreadsheet, table, result, rules, lang, pool, options.now)
    : undefined;
  if (alerts && (all[ALERTS_HELD] === "1") !== alerts.held > 0)
    props.setProperty(ALERTS_HELD, alerts.held > 0 ? "1" : "");
  return {
    result,
    lang,
    summary: {
      ...(alerts ? { alerts } : {}),
      ...(pool.reclaims.length > 0 ? { pool: { reclaim: pool.reclaims.length, moved: pool.moved } } : {}),
      rows: result.summary.leads,
      changedCells,
      formatsWritten,
      audited: tracked.audit.length,
      pending: result.rows.filter((r) => r.pendingOverride !== null).length,
      history: history.added,
      ...(history.failed ? { historyFailed: history.failed } : {}),
      followUpProblems,
    },
  };
}

/**
 * One pass over the sheet with the hand-set grades a supervisor approved before, their changes
 * tracked for the audit; graded again when this run approves some. Undefined: no header.
 */
function gradeWithOverrides(rules: RuleSet, read: Read, options: PassOptions) {
  const { values, existing, ours, touchLog } = read;
  const header = values[0] ?? [];
  const rows = values.slice(1) as CellValue[][];
  const table = { header: header.map((h, i) => (ours.has(i) ? "" : h)) as CellValue[], rows };
  const stateAt = existing.overrideState === undefined ? -1 : existing.overrideState - 1;
  const states = rows.map((r) => parseOverrideState(r[stateAt]));
  const grade = (approved: readonly (string | undefined)[]) =>
    runPass(table, rules, {
      asOf: options.now,
      zoneOffset: sheetsZoneOffset,
      approvedOverrides: approved,
      ...(touchLog ? { touchLog } : {}),
    });
  let result = grade(states.map((s) => s.approved || undefined));
  if (result.issues.some((i) => i.code === "no_header")) return undefined;
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
  if (tracked.audit.some((a) => a.action === "approved"))
    result = grade(tracked.states.map((s) => s.approved || undefined));
  return { result, tracked, table };
}

/** Where onEdit finds the hand-set grade and its record (JSON), or "" when the sheet has no such column. */
function overrideCells(sheet: Sheet, result: PassResult, where: Record<ManagedColumn, number>): string {
  const overrideAt = result.columns.override;
  if (overrideAt === undefined) return "";
  const cells: OverrideCells = {
    sheetId: sheet.getSheetId(),
    override: overrideAt + 1,
    state: where.overrideState,
  };
  return JSON.stringify(cells);
}
