/**
 * Reads a CSV or XLSX export into a table of cells the core understands. CSV is parsed with
 * papaparse (UTF-8, a BOM or not, commas or tabs); XLSX with exceljs. Excel dates arrive from
 * exceljs as instants on UTC's calendar, so they are handed over as wall-clock text
 * ("2026-11-01 09:30") and read on the rule set's calendar like any typed date.
 */
import { readFile } from "node:fs/promises";
import { extname } from "node:path";
import ExcelJS from "exceljs";
import Papa from "papaparse";
import type { CellValue } from "../core/index";
import { CliError } from "./cliError";

export type TableFormat = "csv" | "xlsx";

export interface InputTable {
  format: TableFormat;
  header: CellValue[];
  rows: CellValue[][];
  /** XLSX: the sheet that was read. */
  sheetName?: string;
  /** XLSX: the original cell values (numbers, dates, text) to pass through unchanged. */
  original?: unknown[][];
}

export function formatOf(path: string): TableFormat {
  const ext = extname(path).toLowerCase();
  if (ext === ".csv" || ext === ".tsv" || ext === ".txt") return "csv";
  if (ext === ".xlsx") return "xlsx";
  throw new CliError(`${path}: unknown format "${ext || "(none)"}" — LeadGrade reads .csv and .xlsx files`);
}

export async function readTable(path: string, sheetName?: string): Promise<InputTable> {
  const format = formatOf(path);
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === "ENOENT"
        ? "no such file"
        : code === "EISDIR"
          ? "is a folder, not a file"
          : (code ?? "cannot be read");
    throw new CliError(`${path}: ${why}`);
  }
  return format === "csv" ? readCsv(path, bytes) : readXlsx(path, bytes, sheetName);
}

function readCsv(path: string, bytes: Buffer): InputTable {
  const text = bytes.toString("utf8").replace(/^\uFEFF/, "");
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: false });
  const data = parsed.data;
  // A file that ends with a newline yields one empty last row: not a lead.
  if (data.length > 0 && data[data.length - 1]?.length === 1 && data[data.length - 1]?.[0] === "") data.pop();
  if (data.length === 0) throw new CliError(`${path}: the file is empty`);
  const [header = [], ...rows] = data;
  return { format: "csv", header, rows };
}

async function readXlsx(path: string, bytes: Buffer, sheetName?: string): Promise<InputTable> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new CliError(`${path}: not a readable .xlsx workbook`);
  }
  const sheet = sheetName === undefined ? workbook.worksheets[0] : workbook.getWorksheet(sheetName);
  if (!sheet) {
    const names = workbook.worksheets.map((w) => `"${w.name}"`).join(", ");
    throw new CliError(
      sheetName === undefined
        ? `${path}: the workbook has no sheets`
        : `${path}: no sheet "${sheetName}" (sheets: ${names})`,
    );
  }
  const original: unknown[][] = [];
  const width = sheet.columnCount;
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const values: unknown[] = [];
    for (let c = 1; c <= width; c++) values.push(plainValue(row.getCell(c).value));
    original.push(values);
  }
  while (original.length > 1 && (original[original.length - 1] ?? []).every((v) => v === "")) original.pop();
  if (original.length === 0) throw new CliError(`${path}: sheet "${sheet.name}" is empty`);
  const cells = original.map((row) => row.map(toCell));
  const [header = [], ...rows] = cells;
  return { format: "xlsx", header, rows, sheetName: sheet.name, original: original };
}

/** An exceljs cell value without its wrappers: formula results, rich text, hyperlinks. */
function plainValue(value: ExcelJS.CellValue): unknown {
  if (value === null || value === undefined) return "";
  if (value instanceof Date || typeof value !== "object") return value;
  if ("result" in value) return plainValue(value.result as ExcelJS.CellValue);
  if ("richText" in value) return value.richText.map((t) => t.text).join("");
  if ("text" in value) return String(value.text);
  if ("error" in value) return String(value.error);
  return "";
}

function toCell(value: unknown): CellValue {
  if (value instanceof Date) {
    // exceljs puts the workbook's wall-clock time on UTC's calendar.
    const iso = value.toISOString();
    return iso.endsWith("T00:00:00.000Z") ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
  }
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  return "";
}
