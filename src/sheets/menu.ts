/**
 * The add-on menu and what its items do. `onOpen` may run in AuthMode.NONE, so it only builds the
 * menu (no reads, no writes) and picks Chinese or English from the user's locale when it may.
 */
import { columnLetter, findColumns } from "../core/index";
import { assignUnownedLeads } from "./assignOwners";
import { ALL_KINDS } from "./customFunctions";
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

const WORDS = {
  zh: {
    editor: "打开规则编辑器",
    insert: "插入 LeadGrade 评分列",
    refresh: "刷新基准日(今天)",
    restore: "恢复上一版规则",
    check: "检查 LeadGrade 在此文档中的状态",
    runPass: "立即更新优先级",
    logFollowUp: "记录跟进(选中的线索)",
    week: "本周变化",
    hourlyOn: "开启每小时自动更新与提醒",
    hourlyOff: "关闭每小时自动更新",
    passDone: (rows: number, cells: number, sent: number) =>
      `已更新 ${rows} 条线索(${cells} 个单元格),发送提醒 ${sent} 封`,
    passLocked: "另一个更新正在进行,请稍后再试",
    followUpProblems: (n: number) =>
      `跟进记录中 ${n} 行未能使用,原因见“LeadGrade 跟进记录 Follow-ups”表最后一列`,
    noAddress: (owners: string) => `以下负责人没有有效邮箱,未发送提醒:${owners}`,
    waiting: (n: number) => `${n} 封提醒待下次发送(今日配额或时间已用完)`,
    passNoHeader: "此工作表第一行没有可识别的表头",
    hourlyInstalled: "已开启每小时自动更新",
    hourlyExists: "每小时自动更新已经开启",
    hourlyRemoved: "已关闭每小时自动更新",
    approve: "批准待审批的手动等级",
    assign: "为无负责人的线索分配销售",
    merge: "合并重复线索",
    report: "生成报告(转化率、漏斗、响应时间)",
    reportDone: "报告已更新:见“LeadGrade 报告 Report”工作表",
    mergeAsk: (groups: number, rows: number) =>
      `找到 ${groups} 组重复线索。将把 ${rows} 行合并到每组第一行(保留所有值,原行记入审计表)后删除。继续?`,
    mergeDone: (groups: number, rows: number) => `已合并 ${groups} 组,移除 ${rows} 行,原始内容已记入审计表`,
    mergeNone: "没有找到重复线索",
    mergeCancelled: "已取消,未做任何修改",
    assignDone: (tally: string, left: number) =>
      `已分配:${tally || "无"}${left > 0 ? `;${left} 条因名额已满未分配` : ""}`,
    assignNoReps: "规则中还没有销售名单(reps),无法分配",
    assignNoOwner: "此工作表没有负责人列",
    notApprover: "只有规则中列出的主管可以批准手动等级",
    approved: (n: number) => `已批准 ${n} 条手动等级,已记入审计表`,
    inserted: "已插入 LeadGrade 公式列",
    already: "此工作表已有 LeadGrade 公式列",
    noHeader: "第一行没有可识别的表头(如 客户名称、来源、意向),无法插入",
    settings: "请在线索工作表上使用此命令",
    refreshed: "基准日已更新为今天",
    restored: (v: number) => `已恢复上一版规则(版本 ${v})`,
    noPrevious: "没有可恢复的上一版规则",
  },
  en: {
    editor: "Open rule editor",
    insert: "Insert LeadGrade columns",
    refresh: "Refresh as-of date (today)",
    restore: "Restore previous rules",
    check: "Check LeadGrade in this document",
    runPass: "Update priorities now",
    logFollowUp: "Log a follow-up (selected lead)",
    week: "What changed this week",
    hourlyOn: "Turn on hourly updates and reminders",
    hourlyOff: "Turn off hourly updates",
    passDone: (rows: number, cells: number, sent: number) =>
      `Updated ${rows} leads (${cells} cells), sent ${sent} reminders`,
    passLocked: "Another update is running; try again in a moment",
    followUpProblems: (n: number) =>
      `${n} rows of the follow-up log could not be used; the reason is in the last column of "LeadGrade 跟进记录 Follow-ups"`,
    noAddress: (owners: string) => `No valid email address, so no reminder, for: ${owners}`,
    waiting: (n: number) => `${n} reminders wait for the next run (today's quota or time is used up)`,
    passNoHeader: "The first row of this sheet has no recognisable headers",
    hourlyInstalled: "Hourly updates are on",
    hourlyExists: "Hourly updates were already on",
    hourlyRemoved: "Hourly updates are off",
    approve: "Approve pending manual grades",
    assign: "Assign leads without an owner",
    merge: "Merge duplicate leads",
    report: "Build the report (conversion, funnel, response time)",
    reportDone: "Report updated: see the “LeadGrade 报告 Report” sheet",
    mergeAsk: (groups: number, rows: number) =>
      `Found ${groups} groups of duplicates. Merge ${rows} rows into the first row of each group (every value kept, the rows recorded in the audit sheet) and remove them?`,
    mergeDone: (groups: number, rows: number) =>
      `Merged ${groups} groups, removed ${rows} rows; the originals are in the audit sheet`,
    mergeNone: "No duplicate leads found",
    mergeCancelled: "Cancelled; nothing was changed",
    assignDone: (tally: string, left: number) =>
      `Assigned: ${tally || "none"}${left > 0 ? `; ${left} left unassigned (caps reached)` : ""}`,
    assignNoReps: "The rules have no rep directory (reps) to assign from",
    assignNoOwner: "This sheet has no Owner column",
    notApprover: "Only the supervisors listed in the rules can approve manual grades",
    approved: (n: number) => `Approved ${n} manual grades; recorded in the audit sheet`,
    inserted: "LeadGrade formula columns inserted",
    already: "This sheet already has LeadGrade formula columns",
    noHeader: "The first row has no recognisable headers (e.g. Name, Source, Intent); nothing was inserted",
    settings: "Use this command on your leads sheet",
    refreshed: "As-of date set to today",
    restored: (v: number) => `Previous rules restored (version ${v})`,
    noPrevious: "There are no previous rules to restore",
  },
} as const;

function userLanguage(): Lang {
  try {
    return Session.getActiveUserLocale().toLowerCase().startsWith("zh") ? "zh" : "en";
  } catch {
    return "en"; // some auth modes cannot ask
  }
}

export function onOpen(): void {
  const w = WORDS[userLanguage()];
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
