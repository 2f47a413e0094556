/**
 * LeadGrade's own columns on the lead sheet, written by the priority pass: Score, Grade, Next
 * follow-up, Overdue, Stage, RFM, Why, Issues, each headed "… (LeadGrade)". They are created at
 * the end on the first run and tagged with developer metadata, so they are found again wherever
 * the user moves them (or, failing that, by their distinctive header). Nothing else on the sheet
 * is ever written, and a column whose values did not change is not written at all.
 */
import {
  civilDayFromIso,
  isDate,
  type Lang,
  OUTPUT_COLUMNS,
  OUTPUT_LABELS,
  type OutputColumn,
  outputRow,
  type PassResult,
  zoneClock,
} from "../core/index";

const METADATA_KEY = "leadgrade.column";
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Cell = string | number | Date;

export function managedHeader(column: OutputColumn, lang: Lang): string {
  return `${OUTPUT_LABELS[column][lang]} (LeadGrade)`;
}

/** Where each of LeadGrade's columns is (1-based), from metadata first, then from headers. */
export function findManagedColumns(
  sheet: Sheet,
  header: readonly unknown[],
): Partial<Record<OutputColumn, number>> {
  const found: Partial<Record<OutputColumn, number>> = {};
  for (const meta of sheet.createDeveloperMetadataFinder().withKey(METADATA_KEY).find()) {
    const column = meta.getValue() as OutputColumn;
    const range = meta.getLocation().getColumn();
    if (range && (OUTPUT_COLUMNS as readonly string[]).includes(column)) found[column] = range.getColumn();
  }
  header.forEach((text, i) => {
    for (const column of OUTPUT_COLUMNS) {
      if (
        found[column] === undefined &&
        (text === managedHeader(column, "zh") || text === managedHeader(column, "en"))
      )
        found[column] = i + 1;
    }
  });
  return found;
}

/** Adds the missing columns after the last one, headed and tagged. Returns where all of them are. */
export function createManagedColumns(
  sheet: Sheet,
  existing: Partial<Record<OutputColumn, number>>,
  lastColumn: number,
  lang: Lang,
): Record<OutputColumn, number> {
  const missing = OUTPUT_COLUMNS.filter((c) => existing[c] === undefined);
  const all = { ...existing } as Record<OutputColumn, number>;
  if (missing.length === 0) return all;
  const room = lastColumn + missing.length - sheet.getMaxColumns();
  if (room > 0) sheet.insertColumnsAfter(sheet.getMaxColumns(), room);
  sheet
    .getRange(1, lastColumn + 1, 1, missing.length)
    .setValues([missing.map((c) => managedHeader(c, lang))]);
  missing.forEach((column, k) => {
    all[column] = lastColumn + 1 + k;
    sheet.getRange(1, lastColumn + 1 + k, sheet.getMaxRows(), 1).addDeveloperMetadata(METADATA_KEY, column);
  });
  return all;
}

/** Text a spreadsheet could read as a formula keeps a leading apostrophe (shown as plain text). */
function asText(value: string | number): string | number {
  return typeof value === "string" && /^[=+\-@]/.test(value) ? `'${value}` : value;
}

/** The values LeadGrade's columns should hold, one array per column, for data rows 2…n. */
export function managedValues(result: PassResult, lang: Lang): Record<OutputColumn, Cell[]> {
  const clock = zoneClock(result.timeZone);
  const columns = Object.fromEntries(OUTPUT_COLUMNS.map((c) => [c, [] as Cell[]])) as Record<
    OutputColumn,
    Cell[]
  >;
  for (const row of result.rows) {
    const cells = outputRow(row, result, lang);
    OUTPUT_COLUMNS.forEach((column, k) => {
      const day =
        column === "nextFollowUp" && row.nextFollowUp ? civilDayFromIso(row.nextFollowUp) : undefined;
      columns[column].push(day === undefined ? (cells[k] as string | number) : clock.startOf(day));
    });
  }
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
  where: Record<OutputColumn, number>,
  current: readonly unknown[][],
  next: Record<OutputColumn, Cell[]>,
): number {
  let changed = 0;
  for (const column of OUTPUT_COLUMNS) {
    const index = where[column] - 1;
    const values = next[column];
    const differs = values.filter((v, r) => !same(current[r + 1]?.[index], v)).length;
    if (differs === 0 || values.length === 0) continue;
    changed += differs;
    sheet
      .getRange(2, where[column], values.length, 1)
      .setValues(values.map((v) => [typeof v === "string" ? asText(v) : v]));
  }
  return changed;
}
