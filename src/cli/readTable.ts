/**
 * Reads a CSV or XLSX export into a table of cells the core understands. CSV is parsed with
 * papaparse (UTF-8, a BOM or not, commas or tabs); XLSX with exceljs. Excel dates arrive from
 * exceljs as instants on UTC's calendar, so they are handed over as wall-clock text
 * ("2026-11-01 09:30") and read on the rule set's calendar like any typed date.
 */
import { readFile, stat } from "node:fs/promises";
import { extname } from "node:path";
import type ExcelJS from "exceljs";
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
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw new CliError(`${path}: is a folder, not a file`);
  } catch (error) {
    if (error instanceof CliError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError(`${path}: ${code === "ENOENT" ? "no such file" : (code ?? "cannot be read")}`);
  }
  return format === "csv" ? readCsv(path, await readFile(path)) : readXlsx(path, sheetName);
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

/** Streams the workbook: rows are read one at a time, never the whole file's XML at once. */
async function readXlsx(path: string, sheetName?: string): Promise<InputTable> {
  // exceljs is large: loaded only when a workbook is read, so CSV runs start faster.
  const { default: Excel } = await import("exceljs");
  const reader = new Excel.stream.xlsx.WorkbookReader(path, {
    worksheets: "emit",
    sharedStrings: "cache",
    styles: "cache",
    hyperlinks: "ignore",
  });
  const names: string[] = [];
  let found: { name: string; original: unknown[][] } | undefined;
  try {
    for await (const worksheet of reader) {
      const name = (worksheet as unknown as { name?: string }).name ?? `Sheet${names.length + 1}`;
      names.push(name);
      if (found !== undefined || (sheetName !== undefined && name !== sheetName)) {
        // A sheet we do not want still has to be consumed for the reader to move on.
        for await (const _ of worksheet) void _;
        continue;
      }
      const original: unknown[][] = [];
      for await (const row of worksheet) {
        const values = row.values as unknown[];
        // exceljs rows are 1-based and sparse; rows can be skipped when empty.
        while (original.length < row.number - 1) original.push([]);
        original.push(
          Array.from({ length: Math.max(0, values.length - 1) }, (_, c) =>
            plainValue(values[c + 1] as ExcelJS.CellValue),
          ),
        );
      }
      found = { name, original };
    }
  } catch {
    throw new CliError(`${path}: not a readable .xlsx workbook`);
  }
  if (!found) {
    const list = names.map((n) => `"${n}"`).join(", ");
    throw new CliError(
      sheetName === undefined
        ? `${path}: the workbook has no sheets`
        : `${path}: no sheet "${sheetName}" (sheets: ${list})`,
    );
  }
  const { name, original } = found;
  const width = Math.max(0, ...original.map((r) => r.length));
  for (const row of original) while (row.length < width) row.push("");
  while (original.length > 1 && (original[original.length - 1] ?? []).every((v) => v === "")) original.pop();
  if (original.length === 0) throw new CliError(`${path}: sheet "${name}" is empty`);
  const cells = original.map((row) => row.map(toCell));
  const [header = [], ...rows] = cells;
  return { format: "xlsx", header, rows, sheetName: name, original };
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
