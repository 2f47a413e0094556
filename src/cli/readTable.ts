/**
 * Reads a CSV or XLSX export into a table of cells the core understands. CSV is decoded by
 * decodeCsv, its row breaks made one kind by normaliseLineBreaks and parsed with papaparse
 * (commas, tabs, semicolons); XLSX with LeadGrade's streaming reader
 * (yauzl + saxes). Excel dates arrive as instants on UTC's calendar, so they are handed over as
 * wall-clock text ("2026-11-01 09:30") and read on the rule set's calendar like any typed date.
 */
import { open, readFile, stat } from "node:fs/promises";
import { extname } from "node:path";
import Papa from "papaparse";
import { type CellValue, widestRow } from "../core/index";
import { CliError } from "./cliError";
import { MixedBreaksTooLong, normaliseLineBreaks } from "./csvLineBreaks";
import { type CsvEncoding, type DecodedCsv, decodeCsv } from "./decodeCsv";
import {
  MAX_CELLS,
  megabytes,
  readXlsxFile,
  type XlsxBook,
  XlsxFormatError,
  XlsxTooLargeError,
} from "./xlsxReader";

export type TableFormat = "csv" | "xlsx";

export interface InputTable {
  format: TableFormat;
  header: CellValue[];
  rows: CellValue[][];
  /** XLSX: the sheet that was read. */
  sheetName?: string;
  /** CSV: the encoding the file was read in (the output is always UTF-8 with a BOM). */
  encoding?: CsvEncoding;
  /** CSV: file lines whose bytes are not valid in that encoding (their text shows �). */
  badLines?: number[];
  /** CSV: file lines that look written in another encoding than the file's. */
  otherEncodingLines?: number[];
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
  formatOf(path);
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw new CliError(`${path}: is a folder, not a file`);
    // A device, a pipe or a socket would be read forever (/dev/zero) or block (a FIFO).
    if (!info.isFile()) throw new CliError(`${path}: is not a regular file; LeadGrade reads only files`);
  } catch (error) {
    if (error instanceof CliError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError(`${path}: ${code === "ENOENT" ? "no such file" : (code ?? "cannot be read")}`);
  }
  // By its bytes, not its name: an XLSX saved as "leads.csv" is a zip all the same.
  const format = (await startsLikeZip(path)) ? "xlsx" : formatOf(path);
  if (format === "xlsx") return readXlsx(path, sheetName);
  const { size } = await stat(path);
  if (size > MAX_CSV_BYTES)
    throw new CliError(
      `${path}: too large to grade — ${megabytes(size)}, past the ${megabytes(MAX_CSV_BYTES)} LeadGrade reads from one CSV file in the memory it has. Split the file (keep the header row in each part) and grade the parts`,
    );
  // Decoded at once: the file's bytes are not held while its text is read (200 MB less at the peak).
  return readCsv(path, decodeCsv(await readFile(path)));
}

/**
 * The largest CSV file read: its bytes, its text and its cells are in memory together, and a
 * file of this size stays under 1 GB (`npm run bench` prints the peak).
 */
export const MAX_CSV_BYTES = 200 * 1024 * 1024;

/** Whether a file starts with a zip's local header ("PK\x03\x04"), as every XLSX does. */
async function startsLikeZip(path: string): Promise<boolean> {
  const file = await open(path, "r");
  try {
    const head = Buffer.alloc(4);
    const { bytesRead } = await file.read(head, 0, 4, 0);
    return bytesRead === 4 && head.readUInt32LE(0) === 0x04034b50;
  } finally {
    await file.close();
  }
}

function readCsv(path: string, file: DecodedCsv): InputTable {
  const { encoding, badLines, otherEncodingLines } = file;
  const decoded = file.text;
  // Tested, not trimmed: a copy of a 200 MB text costs 400 MB.
  if (/^\uFEFF?\s*$/.test(decoded)) throw new CliError(`${path}: the file is empty`);
  // Empty lines skipped: the file's last line break makes one, which Papa's guess counted as a row
  // of one field, so a short file with "a; b" in its cells was split at the semicolons.
  const preview = Papa.parse<string[]>(decoded.slice(0, 65_536), { preview: 20, skipEmptyLines: true });
  const delimiter = preview.meta.delimiter;
  const { text, rows: counted, newline } = normalisedBreaks(path, decoded, delimiter);
  // Rows × the widest of the first rows, before the cells are made: Google Sheets' own limit.
  const width = widestRow(preview.data);
  const held = text.endsWith(newline) ? counted - 1 : counted; // a last break ends a row, starts none
  if (held * width > MAX_CELLS) {
    const n = (k: number) => k.toLocaleString("en-US");
    throw new CliError(
      `${path}: too large to grade — ${n(held)} rows of ${n(width)} columns: ${n(held * width)} cells, past the ${n(MAX_CELLS)} LeadGrade grades (Google Sheets' own limit). Split the file (keep the header row in each part) and grade the parts`,
    );
  }
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: false, delimiter, newline });
  // A quote mark inside a quoted cell not written as "" ("他说"很急) leaves unclear where the cell
  // ends, and one never closed makes every line after it part of that cell: those leads would
  // silently not be graded.
  const quote = parsed.errors.find((e) => e.type === "Quotes");
  if (quote !== undefined) {
    const line = quote.index === undefined ? "" : `line ${lineAt(text, quote.index, newline)}: `;
    const what =
      quote.code === "MissingQuotes"
        ? "a quoted cell is never closed, so every line after it would be read into that cell"
        : 'a quoted cell holds a quote mark not written as "", so where the cell ends is unclear';
    throw new CliError(
      `${path}: ${line}${what}; nothing was graded. Inside a quoted cell, write each quote mark as "" and run again`,
    );
  }
  // Rows merged or split by the parser would be leads lost or made up: never graded silently.
  if (parsed.data.length !== counted)
    throw new CliError(
      `${path}: the file's rows could not be told apart (${counted} rows by its line breaks, ${parsed.data.length} as read); nothing was graded. Save it again from the spreadsheet as CSV and run again`,
    );
  const data = parsed.data;
  // A file that ends with a newline yields one empty last row: not a lead.
  if (data.length > 0 && data[data.length - 1]?.length === 1 && data[data.length - 1]?.[0] === "") data.pop();
  if (data.length === 0) throw new CliError(`${path}: the file is empty`);
  const [header = [], ...rows] = data;
  return { format: "csv", header, rows, encoding, badLines, otherEncodingLines };
}

/**
 * The text with one kind of row break. A file with a mix (CRLF and LF) is copied with each made
 * LF, and its text is then held twice: above {@link MAX_MIXED_CHARS} that would pass 1 GB.
 */
function normalisedBreaks(path: string, decoded: string, delimiter: string) {
  try {
    return normaliseLineBreaks(decoded, delimiter, MAX_MIXED_CHARS);
  } catch (error) {
    if (!(error instanceof MixedBreaksTooLong)) throw error;
    throw new CliError(
      `${path}: too large to grade as it is — its rows end in a mix of line breaks (CRLF and LF), which LeadGrade reads in files of at most ${(MAX_MIXED_CHARS / 1_000_000).toLocaleString("en-US")} million characters. Save it again from the spreadsheet as CSV (one kind of break), or split the file`,
    );
  }
}

const MAX_MIXED_CHARS = 80_000_000;

/** The 1-based line of the file that the character at `index` stands on. */
function lineAt(text: string, index: number, newline: string): number {
  const end = newline.at(-1) as string;
  let line = 1;
  for (let at = text.indexOf(end); at >= 0 && at < index; at = text.indexOf(end, at + 1)) line++;
  return line;
}

/** Reads the workbook's sheet with LeadGrade's streaming reader (see xlsxReader.ts). */
async function readXlsx(path: string, sheetName?: string): Promise<InputTable> {
  let book: XlsxBook;
  try {
    book = await readXlsxFile(path, sheetName);
  } catch (error) {
    if (error instanceof XlsxFormatError)
      throw new CliError(`${path}: not a readable .xlsx workbook (${error.message})`);
    if (error instanceof XlsxTooLargeError)
      throw new CliError(`${path}: too large to grade — ${error.message}`);
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
