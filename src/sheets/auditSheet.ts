/**
 * The audit sheet: every change to a hand-set grade, and every approval, appended as a row —
 * when, who, lead, old grade, new grade, reason — on a protected sheet only its owner can edit.
 */
import type { AuditEntry } from "../core/index";
import { keepRowsAsText } from "./plainText";

export const AUDIT_SHEET = "LeadGrade 审计 Audit";
const HEADER = [
  "时间 When",
  "操作人 Who",
  "线索 Lead",
  "行 Row",
  "操作 Action",
  "原等级 From",
  "新等级 To",
  "原因 Reason",
];
const ACTIONS: Record<AuditEntry["action"], string> = {
  set: "手动设定 set",
  changed: "修改 changed",
  cleared: "清除 cleared",
  approved: "主管批准 approved",
  merged: "合并重复 merged",
};

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

function auditSheet(spreadsheet: Spreadsheet): GoogleAppsScript.Spreadsheet.Sheet {
  const existing = spreadsheet.getSheetByName(AUDIT_SHEET);
  if (existing) return existing;
  const sheet = spreadsheet.insertSheet(AUDIT_SHEET);
  sheet.getRange(1, 1, 1, HEADER.length).setValues([HEADER]);
  // Only the owner (who runs LeadGrade's job) may edit; everyone else may read.
  const protection = sheet.protect().setDescription("LeadGrade audit log");
  protection.removeEditors(protection.getEditors());
  if (protection.canDomainEdit()) protection.setDomainEdit(false);
  return sheet;
}

/** Appends the entries in one write. `who` is left as given: an edit seen later is not guessed. */
export function appendAudit(spreadsheet: Spreadsheet, entries: readonly AuditEntry[], when: Date): void {
  if (entries.length === 0) return;
  const sheet = auditSheet(spreadsheet);
  const rows = entries.map((e) => [
    when,
    e.who || "—",
    e.lead,
    e.row + 2,
    ACTIONS[e.action],
    e.from,
    e.to,
    e.reason,
  ]);
  // A lead's name, the removed row's cells, a reason: the sheet's text, kept as text.
  sheet.getRange(sheet.getLastRow() + 1, 1, rows.length, HEADER.length).setValues(keepRowsAsText(rows));
}
