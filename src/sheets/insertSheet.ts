/**
 * LeadGrade's own sheets (audit, report, priority view, settings) are added without taking the
 * user away from where they were: Sheets makes a newly inserted sheet the active one, so the
 * sheet that was active is made active again.
 */

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** Inserts a sheet by name and gives the user back the sheet they were on. */
export function insertSheetQuietly(
  spreadsheet: Spreadsheet,
  name: string,
): GoogleAppsScript.Spreadsheet.Sheet {
  const before = spreadsheet.getActiveSheet();
  const sheet = spreadsheet.insertSheet(name);
  if (before) spreadsheet.setActiveSheet(before);
  return sheet;
}

/**
 * Makes room for writing down to `lastRow`: a sheet has a fixed number of rows (1,000 when made),
 * and a range past them is refused, so rows are added first (one call, only when needed).
 */
export function ensureRows(sheet: GoogleAppsScript.Spreadsheet.Sheet, lastRow: number): void {
  const max = sheet.getMaxRows();
  if (lastRow > max) sheet.insertRowsAfter(max, lastRow - max);
}
