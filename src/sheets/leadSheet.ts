/**
 * The lead sheet as every LeadGrade door reads it: the data range up to the last row that holds
 * anything, and LeadGrade's own columns — those it manages (found by developer metadata or
 * header) and those its formulas fill (=LEADCOLUMNS spills into six) — blanked in the header, so
 * they are never read as the user's input ("阶段 流失" would mark a lead lost).
 */
import { type CellValue, filledRowCount } from "../core/index";
import { findManagedColumns, type ManagedColumn, outputColumns } from "./managedColumns";

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** The document property that remembers which sheet holds the leads (set by the priority pass). */
export const LEAD_SHEET_KEY = "leadgrade.sheet";

/** The sheet the team keeps its leads on: the one remembered, else the active one. */
export function leadSheet(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  remembered: string | null | undefined,
): Sheet | null {
  const id = remembered === undefined || remembered === null ? Number.NaN : Number(remembered);
  return spreadsheet.getSheets().find((s) => s.getSheetId() === id) ?? spreadsheet.getActiveSheet();
}

/** The lead sheet as the priority pass last remembered it (document properties), else the active one. */
export function rememberedLeadSheet(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): Sheet | null {
  return leadSheet(spreadsheet, PropertiesService.getDocumentProperties()?.getProperty(LEAD_SHEET_KEY));
}

export interface LeadSheet {
  /** Every cell read, LeadGrade's columns included, header first. */
  values: unknown[][];
  /** The header row as written. */
  header: unknown[];
  /** What the engine grades: the rows, and the header with LeadGrade's columns blanked. */
  table: { header: CellValue[]; rows: CellValue[][] };
  /** LeadGrade's managed columns (1-based), by what they hold. */
  managed: Partial<Record<ManagedColumn, number>>;
  /** Every column (0-based) that is LeadGrade's: managed or filled by its formulas. */
  ours: Set<number>;
}

/**
 * @example
 * const { table, ours } = readLeadSheet(sheet);
 * runPass(table, rules, { asOf: new Date(), zoneOffset: sheetsZoneOffset });
 */
export function readLeadSheet(sheet: Sheet): LeadSheet {
  const read = sheet.getDataRange().getValues();
  // Rows after the last that holds anything (a stray space far below the leads) cost nothing.
  const values = read.slice(0, Math.max(1, filledRowCount(read as CellValue[][])));
  const header = values[0] ?? [];
  const managed = findManagedColumns(sheet, header);
  const ours = outputColumns(sheet, header, Object.values(managed));
  return {
    values,
    header,
    table: {
      header: header.map((h, i) => (ours.has(i) ? "" : h)) as CellValue[],
      rows: values.slice(1) as CellValue[][],
    },
    managed,
    ours,
  };
}
