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
