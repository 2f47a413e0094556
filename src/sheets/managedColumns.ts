/**
 * LeadGrade's own columns on the lead sheet, written by the priority pass: Score, Grade, Next
 * follow-up, Overdue, Stage, RFM, Why, Issues, Trend, each headed "… (LeadGrade)", and a hidden record
 * of each lead's hand-set grade. They are created at the end on the first run and tagged with
 * developer metadata, so they are found again wherever the user moves them (or, failing that, by
 * their distinctive header). Nothing else on the sheet is ever written, and a column whose values
 * did not change is not written at all.
 */
import {
  civilDayFromIso,
  columnLetter,
  isDate,
  type Lang,
  OUTPUT_COLUMNS,
  OUTPUT_LABELS,
  outputCells,
  type PassResult,
  TREND_LABEL,
  zoneClock,
} from "../core/index";
import { ALL_KINDS } from "./customFunctions";
import { ADDON_WORDS } from "./locales/index";
import { keepAsText } from "./plainText";
import { sheetsZoneOffset } from "./zoneOffset";

const METADATA_KEY = "leadgrade.column";
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Cell = string | number | Date;

/**
 * LeadGrade's columns: the outputs, each lead's trend over 7 and 30 days from the grade history,
 * and a hidden record of each lead's hand-set grade.
 */
export const MANAGED = [...OUTPUT_COLUMNS, "trend", "overrideState"] as const;
export type ManagedColumn = (typeof MANAGED)[number];
const HIDDEN: readonly ManagedColumn[] = ["overrideState"];

export function managedHeader(column: ManagedColumn, lang: Lang): string {
  const label =
    column === "overrideState"
      ? ADDON_WORDS[lang].overrideRecord
      : column === "trend"
        ? TREND_LABEL[lang]
        : OUTPUT_LABELS[column][lang];
  return `${label} (LeadGrade)`;
}

/** Where each of LeadGrade's columns is (1-based), from metadata first, then from headers. */
export function findManagedColumns(
  sheet: Sheet,
  header: readonly unknown[],
): Partial<Record<ManagedColumn, number>> {
  const found: Partial<Record<ManagedColumn, number>> = {};
  for (const meta of sheet.createDeveloperMetadataFinder().withKey(METADATA_KEY).find()) {
    const column = meta.getValue() as ManagedColumn;
    const range = meta.getLocation().getColumn();
    if (range && (MANAGED as readonly string[]).includes(column)) found[column] = range.getColumn();
  }
  header.forEach((text, i) => {
    for (const column of MANAGED) {
      if (
        found[column] === undefined &&
        (text === managedHeader(column, "zh") || text === managedHeader(column, "en"))
      ) {
        found[column] = i + 1;
      }
    }
  });
  return found;
}

/**
 * Indices (0-based) of LeadGrade's own columns and of its formula columns (=LEADGRADE(…) and
 * friends): outputs, never read as input, never offered as a column to map.
 */
export function outputColumns(
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  header: readonly unknown[],
  managed: readonly number[],
): Set<number> {
  const formulas = sheet.getRange(1, 1, 1, Math.max(1, header.length)).getFormulas()[0] ?? [];
  // =LEADCOLUMNS fills its own column and the next five with values, not formulas.
  const spans = (f: string) => (/^=\s*LEADCOLUMNS\(/i.test(f) ? ALL_KINDS.length : 1);
  return new Set([
    ...managed.map((c) => c - 1),
    ...formulas.flatMap((f, i) =>
      /^=\s*(LEAD[A-Z]+|NEXTFOLLOWUP)\(/i.test(f) ? Array.from({ length: spans(f) }, (_, k) => i + k) : [],
    ),
  ]);
}

/** Adds the missing columns after the last one, headed and tagged. Returns where all of them are. */
export function createManagedColumns(
  sheet: Sheet,
  existing: Partial<Record<ManagedColumn, number>>,
  lastColumn: number,
  lang: Lang,
): Record<ManagedColumn, number> {
  const missing = MANAGED.filter((c) => existing[c] === undefined);
  const all = { ...existing } as Record<ManagedColumn, number>;
  if (missing.length === 0) return all;
  const room = lastColumn + missing.length - sheet.getMaxColumns();
  if (room > 0) sheet.insertColumnsAfter(sheet.getMaxColumns(), room);
  sheet
    .getRange(1, lastColumn + 1, 1, missing.length)
    .setValues([missing.map((c) => managedHeader(c, lang))]);
  missing.forEach((column, k) => {
    all[column] = lastColumn + 1 + k;
    // Metadata goes on whole columns only, named in A1 form ("F:F"); it then moves with its column.
    const letter = columnLetter(lastColumn + 1 + k);
    sheet.getRange(`${letter}:${letter}`).addDeveloperMetadata(METADATA_KEY, column);
    if (HIDDEN.includes(column)) sheet.hideColumns(lastColumn + 1 + k);
  });
  return all;
}

/** The values LeadGrade's columns should hold, one array per column, for data rows 2…n. */
export function managedValues(
  result: PassResult,
  lang: Lang,
  extra: { trend: readonly string[]; overrideState: readonly string[] },
): Record<ManagedColumn, Cell[]> {
  const clock = zoneClock(result.timeZone, sheetsZoneOffset);
  const columns = Object.fromEntries(MANAGED.map((c) => [c, [] as Cell[]])) as Record<ManagedColumn, Cell[]>;
  for (const row of result.rows) {
    const cells = outputCells(row, result, lang);
    for (const column of OUTPUT_COLUMNS) {
      const day =
        column === "nextFollowUp" && row.nextFollowUp ? civilDayFromIso(row.nextFollowUp) : undefined;
      columns[column].push(day === undefined ? (cells[column] as string | number) : clock.startOf(day));
    }
  }
  columns.trend = [...extra.trend];
  columns.overrideState = [...extra.overrideState];
  return columns;
}

function same(a: unknown, b: unknown): boolean {
  if (isDate(a) || isDate(b)) return isDate(a) && isDate(b) && a.getTime() === b.getTime();
  return String(a ?? "") === String(b ?? "");
}

/**
 * Writes each column whose values differ from what the sheet holds; returns how many cells changed.
 * One write per changed column, whatever the number of rows.
 */
export function writeManagedColumns(
  sheet: Sheet,
  where: Record<ManagedColumn, number>,
  current: readonly unknown[][],
  next: Record<ManagedColumn, Cell[]>,
): number {
  let changed = 0;
  for (const column of MANAGED) {
    const index = where[column] - 1;
    const values = next[column];
    const differs = values.filter((v, r) => !same(current[r + 1]?.[index], v)).length;
    if (differs === 0 || values.length === 0) continue;
    changed += differs;
    sheet.getRange(2, where[column], values.length, 1).setValues(values.map((v) => [keepAsText(v)]));
  }
  return changed;
}
