/**
 * Notes who changes a hand-set grade, at the moment they change it. The audit sheet is protected
 * (only its owner may write it), so the edit trigger only writes the editor into the lead's own
 * LeadGrade record; the next priority pass puts it in the audit sheet. Every other edit returns
 * after one property read, and nothing here can make an edit fail.
 */
import { formatOverrideState, parseOverrideState } from "../core/index";
import { keepAsText } from "./plainText";

/** Where the pass last found the hand-set grade column and LeadGrade's record column. */
export const OVERRIDE_CELLS = "leadgrade.overrideCells";

export interface OverrideCells {
  sheetId: number;
  /** 1-based columns. */
  override: number;
  state: number;
}

export function onEdit(e: GoogleAppsScript.Events.SheetsOnEdit): void {
  try {
    const cached = PropertiesService.getDocumentProperties().getProperty(OVERRIDE_CELLS);
    if (!cached) return;
    const where = JSON.parse(cached) as OverrideCells;
    const range = e.range;
    if (range.getSheet().getSheetId() !== where.sheetId) return;
    if (
      where.override < range.getColumn() ||
      where.override > range.getLastColumn() ||
      range.getLastRow() < 2
    )
      return;
    const who = e.user?.getEmail() || Session.getActiveUser().getEmail();
    if (!who) return;
    const first = Math.max(2, range.getRow());
    const cells = range.getSheet().getRange(first, where.state, range.getLastRow() - first + 1, 1);
    cells.setValues(
      cells
        .getValues()
        .map(([v]) => [keepAsText(formatOverrideState({ ...parseOverrideState(v), editor: who }))]),
    );
  } catch {
    // An edit must never fail because of LeadGrade; the pass still sees the change, without a name.
  }
}
