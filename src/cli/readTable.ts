/**
 * Reads a CSV or XLSX export into a table of cells the core understands. CSV is parsed with
 * papaparse (UTF-8, a BOM or not, commas or tabs); XLSX with LeadGrade's streaming reader
 * (yauzl + saxes). Excel dates arrive as instants on UTC's calendar, so they are handed over as
 * wall-clock text ("2026-11-01 09:30") and read on the rule set's calendar like any typed date.
 */
import { readFile, stat } from "node:fs/promises";
import { extname } from "node:path";
import Papa from "papaparse";
import { type CellValue, widestRow } from "../core/index";
import { CliError } from "./cliError";
import { readXlsxFile, type XlsxBook, XlsxFormatError } from "./xlsxReader";

export type TableFormat = "csv" | "xlsx";

/** "unknown": neither UTF-8, UTF-16 nor GB18030; read as UTF-8 with the unreadable bytes as �. */
export type CsvEncoding = "utf-8" | "utf-16le" | "utf-16be" | "gb18030" | "unknown";

export interface InputTable {
  format: TableFormat;
  header: CellValue[];
  rows: CellValue[][];
  /** XLSX: the sheet that was read. */
  sheetName?: string;
  /** CSV: the encoding the file was read in (the output is always UTF-8 with a BOM). */
  encoding?: CsvEncoding;
  /** XLSX: the original cell values (numbers, dates, text) to pass through unchanged. */
  original?: unknown[][];
  /** Rows above the header (a title, a blank line), as read: written back unchanged, not graded. */
  preamble?: unknown[][];
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

/**
 * The text of a CSV export in the encoding it was saved in: UTF-8 (with or without a BOM); UTF-16
 * with a BOM (Excel's "Unicode text"); otherwise GB18030, the superset of GBK and GB2312 that
 * Excel on Chinese Windows saves "CSV" in. A UTF-8 file with a few broken bytes (a cell cut in
 * the middle of a character) stays UTF-8, the broken characters shown as �: read as GB18030 it
 * would lose every Chinese word. Decoding is the platform's (WHATWG Encoding).
 */
function decodeCsv(bytes: Uint8Array): { text: string; encoding: CsvEncoding } {
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return { text: new TextDecoder("utf-16le").decode(bytes), encoding: "utf-16le" };
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return { text: new TextDecoder("utf-16be").decode(bytes), encoding: "utf-16be" };
  const utf8 = new TextDecoder("utf-8").decode(bytes);
  let broken = 0;
  let wide = 0;
  for (let i = 0; i < utf8.length; i++) {
    const code = utf8.charCodeAt(i);
    if (code === 0xfffd) broken++;
    else if (code > 0x7f) wide++;
  }
  // GBK read as UTF-8 breaks on nearly every Chinese character; real UTF-8 on hardly any.
  if (broken === 0 || broken * MOSTLY_UTF8 < wide) return { text: utf8, encoding: "utf-8" };
  try {
    return { text: new TextDecoder("gb18030", { fatal: true }).decode(bytes), encoding: "gb18030" };
  } catch {
    // Neither: read as UTF-8, unreadable bytes shown as �, so the header check can say so.
    return { text: utf8, encoding: "unknown" };
  }
}

/** UTF-8 it is while fewer than one in this many of its non-ASCII characters are broken. */
const MOSTLY_UTF8 = 20;

function readCsv(path: string, bytes: Buffer): InputTable {
  const { text, encoding } = decodeCsv(bytes);
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: false });
  // A quote mark inside a quoted cell not written as "" ("他说"很急) leaves unclear where the cell
  // ends, and one never closed makes every line after it part of that cell: those leads would
  // silently not be graded.
  const quote = parsed.errors.find((e) => e.type === "Quotes");
  if (quote !== undefined) {
    const line = quote.index === undefined ? "" : `line ${lineAt(text, quote.index)}: `;
    const what =
      quote.code === "MissingQuotes"
        ? "a quoted cell is never closed, so every line after it would be read into that cell"
        : 'a quoted cell holds a quote mark not written as "", so where the cell ends is unclear';
    throw new CliError(
      `${path}: ${line}${what}; nothing was graded. Inside a quoted cell, write each quote mark as "" and run again`,
    );
  }
  const data = parsed.data;
  // A file that ends with a newline yields one empty last row: not a lead.
  if (data.length > 0 && data[data.length - 1]?.length === 1 && data[data.length - 1]?.[0] === "") data.pop();
  if (data.length === 0) throw new CliError(`${path}: the file is empty`);
  const [header = [], ...rows] = data;
  return { format: "csv", header, rows, encoding };
}

/** The 1-based line of the file that the character at `index` stands on. */
function lineAt(text: string, index: number): number {
  let line = 1;
  for (let at = text.indexOf("\n"); at >= 0 && at < index; at = text.indexOf("\n", at + 1)) line++;
  return line;
}

/** Reads the workbook's sheet with LeadGrade's streaming reader (see xlsxReader.ts). */
async function readXlsx(path: string, sheetName?: string): Promise<InputTable> {
  let book: XlsxBook;
  try {
    book = await readXlsxFile(path, sheetName);
  } catch (error) {
    if (error instanceof XlsxFormatError) throw new CliError(`${path}: not a readable .xlsx workbook`);
    throw error;
  }
  if (!book.sheet) {
    const list = book.names.map((n) => `"${n}"`).join(", ");
    throw new CliError(
      sheetName === undefined
        ? `${path}: the workbook has no sheets`
        : `${path}: no sheet "${sheetName}" (sheets: ${list})`,
    );
  }
  const { name, rows: original } = book.sheet;
  const width = widestRow(original);
  for (const row of original) while (row.length < width) row.push("");
  while (original.length > 1 && (original[original.length - 1] ?? []).every((v) => v === "")) original.pop();
  if (original.length === 0 || width === 0) throw new CliError(`${path}: sheet "${name}" is empty`);
  // A row that holds no date is already what the core reads: shared, not copied (neither side
  // changes it), which spares 50,000 arrays on a large sheet.
  const cells = original.map((row) => (row.some(needsConversion) ? row.map(toCell) : (row as CellValue[])));
  const [header = [], ...rows] = cells;
  return { format: "xlsx", header, rows, sheetName: name, original };
}

function needsConversion(value: unknown): boolean {
  return typeof value !== "string" && typeof value !== "number" && typeof value !== "boolean";
}

function toCell(value: unknown): CellValue {
  if (value instanceof Date) {
    // The reader puts the workbook's wall-clock time on UTC's calendar.
    const iso = value.toISOString();
    return iso.endsWith("T00:00:00.000Z") ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
  }
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  return "";
}
