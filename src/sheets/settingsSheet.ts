/**
 * Two cells that drive recalculation. Custom functions recalculate only when an argument
 * changes, so every LeadGrade formula takes the rules version (bumped when rules are saved) and
 * the as-of date (refreshed daily), both kept on a hidden "LeadGrade" sheet under the names
 * LeadGrade_RulesVersion and LeadGrade_AsOf. NOW()/TODAY() would never let a formula settle.
 */
import { isDate, zoneClock } from "../core/index";
import { insertSheetQuietly } from "./insertSheet";
import { sheetsZoneOffset } from "./zoneOffset";

export const SETTINGS_SHEET = "LeadGrade";
export const RULES_VERSION_NAME = "LeadGrade_RulesVersion";
export const AS_OF_NAME = "LeadGrade_AsOf";

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** Creates (once) the hidden settings sheet and its two named cells; returns it. */
export function ensureSettingsSheet(
  spreadsheet: Spreadsheet,
  rulesVersion: number,
  today: Date,
): GoogleAppsScript.Spreadsheet.Sheet {
  const existing = spreadsheet.getSheetByName(SETTINGS_SHEET);
  if (existing) return existing;
  const sheet = insertSheetQuietly(spreadsheet, SETTINGS_SHEET);
  sheet.getRange(1, 1, 2, 2).setValues([
    ["Rules version 规则版本", rulesVersion],
    ["As of 基准日", today],
  ]);
  spreadsheet.setNamedRange(RULES_VERSION_NAME, sheet.getRange(1, 2));
  spreadsheet.setNamedRange(AS_OF_NAME, sheet.getRange(2, 2));
  sheet.hideSheet();
  return sheet;
}

/** Writes a new rules version, so every LeadGrade formula recalculates. */
export function writeRulesVersion(spreadsheet: Spreadsheet, version: number): void {
  spreadsheet.getRangeByName(RULES_VERSION_NAME)?.setValue(version);
}

/** Writes today (local midnight in the sheet's zone) as the as-of date, unless it is already there. */
export function writeAsOf(spreadsheet: Spreadsheet, now: Date): void {
  const cell = spreadsheet.getRangeByName(AS_OF_NAME);
  if (!cell) return;
  const today = todayIn(spreadsheet.getSpreadsheetTimeZone(), now);
  const current = cell.getValue();
  if (!isDate(current) || current.getTime() !== today.getTime()) cell.setValue(today);
}

/** Local midnight of the current day in a time zone. */
export function todayIn(timeZone: string, now: Date): Date {
  const clock = zoneClock(timeZone, sheetsZoneOffset);
  return clock.startOf(clock.dayOf(now));
}
