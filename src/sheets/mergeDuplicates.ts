/**
 * "Merge duplicate leads": an explicit action, confirmed by the person who runs it. Each group of
 * likely duplicates becomes its first row, holding every value of the group (the core's
 * mergeRows); the other rows are recorded whole in the audit sheet and then removed. Only the
 * user's own cells of the first row are written (never a formula cell); LeadGrade's columns are
 * recomputed by the next pass.
 */
import { type AuditEntry, cellText, mergeRows, runPass } from "../core/index";
import { appendAudit } from "./auditSheet";
import { readLeadSheet } from "./leadSheet";
import { keepAsText } from "./plainText";
import { loadRules } from "./rulesStore";
import { sheetsZoneOffset } from "./zoneOffset";

export interface MergeReport {
  groups: number;
  removed: number;
  cancelled?: boolean;
}

/** Groups of duplicate rows (0-based data rows, first kept), as the pass found them. */
function duplicateGroups(rows: readonly { duplicateOf: number | null }[]): number[][] {
  const groups = new Map<number, number[]>();
  rows.forEach((row, i) => {
    if (row.duplicateOf === null) return;
    const group = groups.get(row.duplicateOf) ?? [row.duplicateOf];
    group.push(i);
    groups.set(row.duplicateOf, group);
  });
  return [...groups.values()];
}

export function mergeDuplicateLeads(
  now: Date,
  confirm: (groups: number, rows: number) => boolean,
): MergeReport {
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const sheet = spreadsheet.getActiveSheet();
  const { rules } = loadRules(
    PropertiesService.getDocumentProperties(),
    spreadsheet.getSpreadsheetTimeZone(),
  );
  const { values, header, table, ours } = readLeadSheet(sheet);
  const formulas = sheet.getRange(1, 1, values.length, Math.max(1, header.length)).getFormulas();
  const userColumns = header.map((_, i) => i).filter((i) => !ours.has(i));
  const rows = table.rows;
  const result = runPass(table, rules, { asOf: now, zoneOffset: sheetsZoneOffset });
  const groups = duplicateGroups(result.rows);
  const removed = groups.reduce((n, g) => n + g.length - 1, 0);
  if (groups.length === 0) return { groups: 0, removed: 0 };
  if (!confirm(groups.length, removed)) return { groups: groups.length, removed: 0, cancelled: true };

  const audit: AuditEntry[] = [];
  for (const group of groups) {
    const [keep, ...others] = group as [number, ...number[]];
    const merged = mergeRows(group.map((r) => userColumns.map((c) => rows[r]?.[c] ?? "")));
    userColumns.forEach((c, k) => {
      const next = merged.values[k] ?? "";
      const hasFormula = (formulas[keep + 1]?.[c] ?? "") !== "";
      if (!hasFormula && cellText(next) !== cellText(rows[keep]?.[c]))
        sheet.getRange(keep + 2, c + 1).setValue(keepAsText(next));
    });
    for (const r of others) {
      const original = userColumns.map((c) => cellText(rows[r]?.[c])).join(" | ");
      audit.push({
        row: r,
        lead: result.rows[r]?.name ?? "",
        action: "merged",
        from: original,
        to: `→ ${keep + 2}`,
        reason: "",
        who: "",
      });
    }
  }
  appendAudit(spreadsheet, audit, now);
  // Bottom up, so the row numbers still to delete do not move.
  for (const r of groups.flatMap((g) => g.slice(1)).sort((a, b) => b - a)) sheet.deleteRow(r + 2);
  return { groups: groups.length, removed };
}
