/**
 * The audit sheet: every change to a hand-set grade, and every approval, appended as a row —
 * when, who, lead, old grade, new grade, reason — on a protected sheet only its owner (and
 * whoever first made it) can edit.
 */
import { type AuditEntry, utf8Length } from "../core/index";
import { ensureRows, insertSheetQuietly } from "./insertSheet";
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
  logged: "记录跟进,更新最近联系 logged a follow-up",
  reclaimed: "收回公海 reclaimed to the pool",
  taken: "从公海领取 taken from the pool",
};

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

function auditSheet(spreadsheet: Spreadsheet): GoogleAppsScript.Spreadsheet.Sheet {
  const existing = spreadsheet.getSheetByName(AUDIT_SHEET);
  if (existing) return existing;
  const sheet = insertSheetQuietly(spreadsheet, AUDIT_SHEET);
  sheet.getRange(1, 1, 1, HEADER.length).setValues([HEADER]);
  // Only the owner (who runs LeadGrade's job) may edit; everyone else may read.
  const protection = sheet.protect().setDescription("LeadGrade audit log");
  protection.removeEditors(protection.getEditors());
  if (protection.canDomainEdit()) protection.setDomainEdit(false);
  return sheet;
}

/** Audit rows that could not be written yet (the sheet protected from this user), oldest first. */
export const AUDIT_QUEUE = "leadgrade.auditQueue";
/** What the queue may hold: under a property value's 9 KB. */
const QUEUE_BYTES = 8000;
/** Said in the Who column when the platform gave no address (a simple edit trigger, a consumer account). */
export const WHO_UNKNOWN = "未知:编辑时取不到地址 unknown: no address at the time of the edit";

type Row = (string | number)[];

/** Whether this user may write the audit sheet: the protection lists them, or there is none. */
function canWrite(sheet: GoogleAppsScript.Spreadsheet.Sheet): boolean {
  const protections = sheet.getProtections(SpreadsheetApp.ProtectionType.SHEET);
  return protections.length === 0 || protections.some((p) => p.canEdit());
}

function readQueue(props: GoogleAppsScript.Properties.Properties | null): Row[] {
  try {
    const rows = JSON.parse(props?.getProperty(AUDIT_QUEUE) ?? "[]") as unknown;
    return Array.isArray(rows) ? (rows.filter(Array.isArray) as Row[]) : [];
  } catch {
    return [];
  }
}

/** Keeps the newest rows that fit one property value; the first row then says how many were dropped. */
function storeQueue(props: GoogleAppsScript.Properties.Properties | null, rows: Row[]): void {
  if (!props) return;
  if (rows.length === 0) {
    props.deleteProperty(AUDIT_QUEUE);
    return;
  }
  let kept = rows;
  while (kept.length > 1 && utf8Length(JSON.stringify(kept)) > QUEUE_BYTES) kept = kept.slice(1);
  if (kept.length < rows.length)
    kept = [
      [
        kept[0]?.[0] ?? "",
        "LeadGrade",
        "",
        "",
        `${rows.length - kept.length} 条更早的记录未能保留 earlier entries lost`,
        "",
        "",
        "",
      ],
      ...kept.slice(1),
    ];
  props.setProperty(AUDIT_QUEUE, JSON.stringify(kept));
}

/**
 * Appends the entries in one write, after any rows queued earlier. `who` is left as given: an
 * edit seen later is not guessed, and a missing address is said so. Where this user may not write
 * the protected sheet (another editor's menu command, a trigger someone else owns), the rows wait
 * in document properties for a run by someone who may; nothing here stops a pass.
 */
export function appendAudit(
  spreadsheet: Spreadsheet,
  entries: readonly AuditEntry[],
  when: Date,
  props: GoogleAppsScript.Properties.Properties | null = PropertiesService.getDocumentProperties(),
): "written" | "queued" | "nothing" {
  const queued = readQueue(props);
  if (entries.length === 0 && queued.length === 0) return "nothing";
  const rows: Row[] = [
    ...queued,
    ...entries.map((e) => [
      when.toISOString(),
      e.who || WHO_UNKNOWN,
      e.lead,
      e.row + 2,
      ACTIONS[e.action],
      e.from,
      e.to,
      e.reason,
    ]),
  ];
  try {
    const sheet = auditSheet(spreadsheet);
    if (!canWrite(sheet)) {
      storeQueue(props, rows);
      return "queued";
    }
    const cells = rows.map(([at, ...rest]) => [new Date(String(at)), ...rest]);
    // A lead's name, the removed row's cells, a reason: the sheet's text, kept as text.
    ensureRows(sheet, sheet.getLastRow() + cells.length);
    sheet.getRange(sheet.getLastRow() + 1, 1, cells.length, HEADER.length).setValues(keepRowsAsText(cells));
    if (queued.length > 0) storeQueue(props, []);
    return "written";
  } catch {
    storeQueue(props, rows);
    return "queued";
  }
}
