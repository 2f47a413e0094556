/**
 * The add-on menu and what its items do. `onOpen` may run in AuthMode.NONE, so it only builds the
 * menu (no reads, no writes) and picks Chinese or English from the user's locale when it may.
 */
import { columnLetter, findColumns } from "../core/index";
import { assignUnownedLeads } from "./assignOwners";
import { ALL_KINDS } from "./customFunctions";
import { reclaimNeglectedLeads, takeSelectedLead } from "./leadPool";
import { ADDON_WORDS } from "./locales/index";
import { mergeDuplicateLeads } from "./mergeDuplicates";
import { runPriorityPass } from "./priorityPass";
import { writeReportSheet } from "./reportSheet";
import { loadRules, restorePreviousRules } from "./rulesStore";
import {
  AS_OF_NAME,
  ensureSettingsSheet,
  RULES_VERSION_NAME,
  SETTINGS_SHEET,
  todayIn,
  writeAsOf,
  writeRulesVersion,
} from "./settingsSheet";
import { installHourlyTrigger, removeHourlyTrigger } from "./triggers";

type Lang = "zh" | "en";

const WORDS = { zh: ADDON_WORDS.zh.menu, en: ADDON_WORDS.en.menu };

function userLanguage(): Lang {
  try {
    return Session.getActiveUserLocale().toLowerCase().startsWith("zh") ? "zh" : "en";
  } catch {
    return "en"; // some auth modes cannot ask
  }
}

export function onOpen(): void {
  const lang = userLanguage();
  const w = WORDS[lang];
  SpreadsheetApp.getUi()
    .createAddonMenu()
    .addItem(w.editor, "openSidebar")
    .addItem(w.insert, "insertLeadGradeColumns")
    .addItem(w.refresh, "refreshAsOfDate")
    .addSeparator()
    .addItem(w.runPass, "runPriorityPassFromMenu")
    .addItem(w.logFollowUp, "openFollowUpPanel")
    .addItem(w.week, "openWeekPanel")
    .addItem(w.hourlyOn, "installHourlyTriggerFromMenu")
    .addItem(w.hourlyOff, "removeHourlyTriggerFromMenu")
    .addSeparator()
    .addItem(w.report, "writeReportSheetFromMenu")
    .addItem(w.assign, "assignUnownedLeadsFromMenu")
    .addItem(ADDON_WORDS[lang].pool.reclaim, "reclaimNeglectedLeadsFromMenu")
    .addItem(ADDON_WORDS[lang].pool.take, "takeSelectedLeadFromMenu")
    .addItem(w.merge, "mergeDuplicateLeadsFromMenu")
    .addItem(w.approve, "approvePendingOverridesFromMenu")
    .addItem(w.restore, "restorePreviousRulesFromMenu")
    .addSeparator()
    .addItem(w.check, "checkLeadGradeFromMenu")
    .addToUi();
}

export function onInstall(): void {
  onOpen();
}

/**
 * The formula the menu inserts after the user's last column: one =LEADCOLUMNS that fills every
 * LeadGrade column from a single pass per recalculation (six single-column formulas would run it
 * six times).
 */
export function leadGradeFormula(dataRange: string): string {
  return `=LEADCOLUMNS(${dataRange}, ${RULES_VERSION_NAME}, ${AS_OF_NAME})`;
}

export function insertLeadGradeColumns(): void {
  const w = WORDS[userLanguage()];
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const sheet = spreadsheet.getActiveSheet();
  if (sheet.getName() === SETTINGS_SHEET) {
    spreadsheet.toast(w.settings, "LeadGrade");
    return;
  }
  const lastColumn = Math.max(1, sheet.getLastColumn());
  const headerRange = sheet.getRange(1, 1, 1, lastColumn);
  if (headerRange.getFormulas()[0]?.some((f) => /LEAD(GRADE|SCORE|COLUMNS)\(/i.test(f))) {
    spreadsheet.toast(w.already, "LeadGrade");
    return;
  }
  const header = headerRange.getValues()[0] ?? [];
  if (Object.keys(findColumns(header).columns).length === 0) {
    spreadsheet.toast(w.noHeader, "LeadGrade");
    return;
  }

  const props = PropertiesService.getDocumentProperties();
  const timeZone = spreadsheet.getSpreadsheetTimeZone();
  ensureSettingsSheet(spreadsheet, loadRules(props, timeZone).version, todayIn(timeZone, new Date()));
  const width = ALL_KINDS.length;
  const missing = lastColumn + width - sheet.getMaxColumns();
  if (missing > 0) sheet.insertColumnsAfter(sheet.getMaxColumns(), missing);
  sheet.getRange(1, lastColumn + 1).setFormula(leadGradeFormula(`A1:${columnLetter(lastColumn)}`));
  const dateAt = lastColumn + 1 + ALL_KINDS.indexOf("nextFollowUp");
  sheet.getRange(2, dateAt, Math.max(1, sheet.getMaxRows() - 1), 1).setNumberFormat("yyyy-mm-dd");
  spreadsheet.toast(
    `${w.inserted}: ${columnLetter(lastColumn + 1)}–${columnLetter(lastColumn + width)}`,
    "LeadGrade",
  );
}

export function refreshAsOfDate(): void {
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  writeAsOf(spreadsheet, new Date());
  spreadsheet.toast(WORDS[userLanguage()].refreshed, "LeadGrade");
}

export function restorePreviousRulesFromMenu(): void {
  const w = WORDS[userLanguage()];
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const result = restorePreviousRules(
    PropertiesService.getDocumentProperties(),
    spreadsheet.getSpreadsheetTimeZone(),
    new Date(),
  );
  if (!result.ok || result.version === undefined) {
    spreadsheet.toast(w.noPrevious, "LeadGrade");
    return;
  }
  writeRulesVersion(spreadsheet, result.version);
  spreadsheet.toast(w.restored(result.version), "LeadGrade");
}

export function runPriorityPassFromMenu(): void {
  const w = WORDS[userLanguage()];
  const report = runPriorityPass({ now: new Date(), remind: "now", useActiveSheet: true });
  const message =
    report.skipped === "locked"
      ? w.passLocked
      : report.skipped !== undefined
        ? w.passNoHeader
        : w.passDone(report.rows, report.changedCells, report.reminders?.sent.length ?? 0);
  const invalid = report.reminders?.invalid.map((i) => i.owner) ?? [];
  const waiting = report.reminders?.waiting.length ?? 0;
  const notes = [
    message,
    invalid.length > 0 ? w.noAddress(invalid.join(", ")) : "",
    waiting > 0 ? w.waiting(waiting) : "",
    report.followUpProblems ? w.followUpProblems(report.followUpProblems) : "",
  ];
  SpreadsheetApp.getActiveSpreadsheet().toast(notes.filter(Boolean).join(" · "), "LeadGrade", 15);
}

export function installHourlyTriggerFromMenu(): void {
  const w = WORDS[userLanguage()];
  SpreadsheetApp.getActiveSpreadsheet().toast(
    installHourlyTrigger() ? w.hourlyInstalled : w.hourlyExists,
    "LeadGrade",
  );
}

export function removeHourlyTriggerFromMenu(): void {
  removeHourlyTrigger();
  SpreadsheetApp.getActiveSpreadsheet().toast(WORDS[userLanguage()].hourlyRemoved, "LeadGrade");
}

export function approvePendingOverridesFromMenu(): void {
  const w = WORDS[userLanguage()];
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const { rules } = loadRules(
    PropertiesService.getDocumentProperties(),
    spreadsheet.getSpreadsheetTimeZone(),
  );
  const me = Session.getActiveUser().getEmail().trim().toLowerCase();
  if (me === "" || !rules.overrides.approvers.some((a) => a.trim().toLowerCase() === me)) {
    spreadsheet.toast(w.notApprover, "LeadGrade");
    return;
  }
  const before = runPriorityPass({ now: new Date(), remind: false, useActiveSheet: true, approver: me });
  spreadsheet.toast(w.approved(before.audited), "LeadGrade");
}

export function reclaimNeglectedLeadsFromMenu(): void {
  SpreadsheetApp.getActiveSpreadsheet().toast(
    reclaimNeglectedLeads(userLanguage(), new Date()),
    "LeadGrade",
    15,
  );
}

export function takeSelectedLeadFromMenu(): void {
  SpreadsheetApp.getActiveSpreadsheet().toast(takeSelectedLead(userLanguage(), new Date()), "LeadGrade", 15);
}

export function assignUnownedLeadsFromMenu(): void {
  const w = WORDS[userLanguage()];
  const report = assignUnownedLeads(new Date());
  const tally = Object.entries(report.assigned)
    .map(([rep, n]) => `${rep} ${n}`)
    .join(", ");
  const message =
    report.skipped === "no_reps"
      ? w.assignNoReps
      : report.skipped !== undefined
        ? w.assignNoOwner
        : w.assignDone(tally, report.unassigned);
  SpreadsheetApp.getActiveSpreadsheet().toast(message, "LeadGrade");
}

export function mergeDuplicateLeadsFromMenu(): void {
  const w = WORDS[userLanguage()];
  const ui = SpreadsheetApp.getUi();
  const report = mergeDuplicateLeads(
    new Date(),
    (groups, rows) => ui.alert("LeadGrade", w.mergeAsk(groups, rows), ui.ButtonSet.YES_NO) === ui.Button.YES,
  );
  const message =
    report.groups === 0
      ? w.mergeNone
      : report.cancelled
        ? w.mergeCancelled
        : w.mergeDone(report.groups, report.removed);
  SpreadsheetApp.getActiveSpreadsheet().toast(message, "LeadGrade");
}

export function writeReportSheetFromMenu(): void {
  const w = WORDS[userLanguage()];
  const report = writeReportSheet(new Date());
  SpreadsheetApp.getActiveSpreadsheet().toast(report ? w.reportDone : w.passNoHeader, "LeadGrade");
}
