/**
 * Reads one worksheet of an .xlsx workbook into rows of plain values — text, numbers, booleans,
 * dates — as a spreadsheet user sees them: a formula gives its last result, rich text its text, a
 * number in a date format a Date (wall-clock time on UTC's calendar, as exceljs gives it), an
 * error its code ("#N/A").
 *
 * The zip is read by yauzl (Node's zlib) and the XML by saxes, a streaming parser. Why not
 * exceljs's reader: on 50,000 rows it took 3.5–4.5 s on the project machine, most of it building a
 * cell object per cell; this reads the same file in 1.3–1.5 s on one thread. Parsing the XML is
 * most of that, so a sheet of 8 MB or more is read in two parts at once when the bundled command
 * provides the worker (readSheetSplit): 0.9–1.0 s. Workbooks written by exceljs and by LeadGrade's
 * own writer are read back in the tests, along with hand-made parts for the less common cell forms.
 */
import { StringDecoder } from "node:string_decoder";
import { Worker } from "node:worker_threads";
import { createInflateRaw } from "node:zlib";
import { SaxesParser, type SaxesTagPlain } from "saxes";
import yauzl, { type Entry, type ZipFile } from "yauzl";

export type XlsxCell = string | number | boolean | Date;

export interface XlsxBook {
  /** Every sheet's name, in the workbook's order. */
  names: string[];
  /**
   * The sheet asked for (or the first), or undefined when there is no such sheet; `threads` is 2
   * when a large sheet was read in two halves at once (see readSheetSplit).
   */
  sheet?: { name: string; rows: XlsxCell[][]; threads: 1 | 2 };
}

export class XlsxFormatError extends Error {}

/** A workbook whose sheet is more than LeadGrade can grade in the memory it has. */
export class XlsxTooLargeError extends Error {}

/** Excel's last column (XFD) and last row: a coordinate past them is no valid workbook's. */
export const MAX_COLUMNS = 16_384;
export const MAX_ROWS = 1_048_576;
/** Cells (rows × columns of the used range) the command grades: Google Sheets' own limit. */
export const MAX_CELLS = 10_000_000;
/** A part may inflate to this much at most (a 10-million-cell sheet is well under it), … */
const MAX_PART_BYTES = 1024 * 1024 * 1024;
/**
 * The sheet's XML and its shared strings together: a sheet of 10 million cells as Excel writes
 * them is about 400 MB, and the read of 512 MB of long notes stays under 1 GB (`npm run bench`).
 */
const MAX_SHEET_XML_BYTES = 512 * 1024 * 1024;
/** Text kept as cells, as V8 stores it (see TextBudget): with the cells themselves, under 1 GB. */
const MAX_TEXT_BYTES = 600 * 1024 * 1024;
/** …all parts together to this much, and a large part by no more than this ratio. */
const MAX_BOOK_BYTES = 1.5 * 1024 * 1024 * 1024;
const MAX_RATIO = 1000;

/** A size in whole megabytes (rounded up), as the refusals say it. */
export function megabytes(bytes: number): string {
  return `${Math.ceil(bytes / 1024 / 1024).toLocaleString("en-US")} MB`;
}

/** Excel's serial number of 9999-12-31, its last date. */
const LAST_SERIAL = 2_958_465;
const MS_PER_DAY = 86_400_000;
/** Days from Excel's 1899-12-30 epoch to 1970-01-01; the 1904 system starts 1,462 days later. */
const EPOCH_OFFSET = 25_569;
const DATE1904_OFFSET = 1_462;

/** Built-in number formats that show dates or times (ECMA-376 §18.8.30). */
const BUILT_IN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 30, 36, 45, 46, 47, 50, 57]);

/** A custom format shows a date when it has date or time letters outside quotes, brackets and escapes. */
export function isDateFormat(code: string): boolean {
  const bare = code
    .replace(/"[^"]*"/g, "")
    .replace(/\[[^\]]*\]/g, "")
    .replace(/\\./g, "")
    .replace(/_./g, "")
    .replace(/\*./g, "");
  return /[ymdhs]/i.test(bare) && !/^(general|@)$/i.test(bare.trim());
}

/**
 * Texts kept as cells, as strings of their own, and what they cost: a read past
 * {@link MAX_TEXT_BYTES} is refused as it comes.
 *
 * The XML parser's text is a slice of the 64 KB piece it was parsed from, and V8 keeps a slice of
 * 13 characters or more pointing into that piece: a sheet of addresses and notes kept all its XML
 * alive (1.2 GB read for 10 million cells; 0.4 GB with the copy). Joining a character and cutting
 * it off makes V8 copy the text out. A piece holding one Chinese character is stored two bytes a
 * character, and so is such a copy: a long text is decoded afresh instead, which stores English
 * notes one byte a character (500 MB of notes read in 0.6 GB instead of 1.1 GB).
 */
export class TextBudget {
  /** Bytes the kept texts take, counting two a character unless a long text is plain ASCII. */
  spent = 0;

  /** A budget that starts with what this one has spent (the shared strings, for a sheet's read). */
  fork(): TextBudget {
    const forked = new TextBudget();
    forked.spent = this.spent;
    return forked;
  }

  own(text: string): string {
    if (text.length < 13) return text;
    let copy: string;
    if (text.length < 256) {
      copy = `${text} `.slice(0, -1);
      this.spent += 2 * text.length;
    } else {
      const bytes = Buffer.from(text, "utf8");
      copy = bytes.toString("utf8");
      this.spent += bytes.length === text.length ? text.length : 2 * text.length;
    }
    if (this.spent > MAX_TEXT_BYTES)
      throw new XlsxTooLargeError(
        `its cells hold more than ${megabytes(MAX_TEXT_BYTES)} of text, past what LeadGrade reads in the memory it has. Split the sheet (keep the header row in each part) and grade the parts`,
      );
    return copy;
  }
}

/** Text that XML could not hold is written as _xHHHH_; Excel shows the character. */
function decodeEscapes(text: string): string {
  return text.includes("_x")
    ? text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)))
    : text;
}

const local = (name: string) => {
  const colon = name.indexOf(":");
  return colon < 0 ? name : name.slice(colon + 1);
};

/** Column index (0-based) from a cell reference such as "AB12". */
function columnOf(ref: string): number {
  let n = 0;
  for (let i = 0; i < ref.length; i++) {
    const code = ref.charCodeAt(i);
    if (code < 65 || code > 90) break;
    n = n * 26 + code - 64;
  }
  return n - 1;
}

function openZip(path: string): Promise<ZipFile> {
  return new Promise((resolve, reject) =>
    yauzl.open(path, { lazyEntries: true, autoClose: false }, (error, zip) =>
      error || !zip ? reject(new XlsxFormatError(error?.message ?? "not a zip file")) : resolve(zip),
    ),
  );
}

function listEntries(zip: ZipFile): Promise<Map<string, Entry>> {
  return new Promise((resolve, reject) => {
    const entries = new Map<string, Entry>();
    let total = 0;
    zip.on("entry", (entry: Entry) => {
      // Sizes as the zip states them: yauzl checks each part's inflated bytes against them.
      total += entry.uncompressedSize;
      const ratio = entry.uncompressedSize / Math.max(1, entry.compressedSize);
      if (
        entry.uncompressedSize > MAX_PART_BYTES ||
        (ratio > MAX_RATIO && entry.uncompressedSize > 64 * 1024 * 1024)
      )
        return reject(
          new XlsxTooLargeError(
            `its part ${entry.fileName} inflates to ${(entry.uncompressedSize / 1024 / 1024).toFixed(0)} MB from ${(entry.compressedSize / 1024).toFixed(0)} KB (a zip bomb, or a sheet past what LeadGrade grades)`,
          ),
        );
      if (total > MAX_BOOK_BYTES)
        return reject(
          new XlsxTooLargeError(`its parts inflate to more than ${MAX_BOOK_BYTES / 1024 / 1024 / 1024} GB`),
        );
      entries.set(entry.fileName.replace(/^\//, ""), entry);
      zip.readEntry();
    });
    zip.on("end", () => resolve(entries));
    zip.on("error", (error: Error) => reject(new XlsxFormatError(error.message)));
    zip.readEntry();
  });
}

/** What went wrong reading a part of the workbook, named by the part. */
function entryError(entry: Entry, e: unknown): XlsxFormatError | XlsxTooLargeError {
  if (e instanceof XlsxTooLargeError) return e;
  return new XlsxFormatError(`${entry.fileName}: ${e instanceof Error ? e.message : String(e)}`);
}

interface XmlHandlers {
  open?: (name: string, attributes: Record<string, string>) => void;
  close?: (name: string) => void;
  text?: (text: string) => void;
}

/** A streaming parser that calls the handlers with local tag names; it throws on malformed XML. */
function xmlParser(handlers: XmlHandlers): SaxesParser<{ xmlns: false; position: false }> {
  const parser = new SaxesParser<{ xmlns: false; position: false }>({ xmlns: false, position: false });
  const { open, close, text } = handlers;
  if (open) parser.on("opentag", (tag: SaxesTagPlain) => open(local(tag.name), tag.attributes));
  if (close) parser.on("closetag", (tag: SaxesTagPlain) => close(local(tag.name)));
  if (text) {
    parser.on("text", text);
    parser.on("cdata", text);
  }
  return parser;
}

/**
 * Hands an entry's text to `onText` as it is inflated, with the count of bytes inflated so far;
 * resolves when the entry has been read, rejects (XlsxFormatError) when reading or `onText` fails.
 */
function streamText(
  zip: ZipFile,
  entry: Entry,
  onText: (text: string, bytes: number) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    // Deflated entries are inflated here rather than by yauzl, in pieces of 256 KB instead of
    // zlib's default 16 KB: a 30 MB sheet then takes 120 hand-overs between threads, not 1,900.
    const deflated = entry.compressionMethod === 8;
    zip.openReadStream(entry, deflated ? { decompress: false } : {}, (error, raw) => {
      if (error || !raw) {
        reject(new XlsxFormatError(error?.message ?? `cannot read ${entry.fileName}`));
        return;
      }
      const stream = deflated ? raw.pipe(createInflateRaw({ chunkSize: INFLATE_CHUNK })) : raw;
      raw.on("error", (e) => stream.destroy(e));
      const decoder = new StringDecoder("utf8");
      let bytes = 0;
      let failed = false;
      const fail = (e: unknown) => {
        if (failed) return;
        failed = true;
        stream.destroy();
        raw.destroy();
        reject(entryError(entry, e));
      };
      stream.on("data", (chunk: Buffer) => {
        if (failed) return;
        try {
          for (let at = 0; at < chunk.length && !failed; at += TEXT_PIECE) {
            const piece = chunk.subarray(at, at + TEXT_PIECE);
            bytes += piece.length;
            onText(decoder.write(piece), bytes);
          }
        } catch (e) {
          fail(e);
        }
      });
      stream.on("end", () => {
        if (failed) return;
        if (bytes !== entry.uncompressedSize) {
          fail(new Error(`${bytes} bytes where the zip says ${entry.uncompressedSize}`));
          return;
        }
        try {
          const rest = decoder.end();
          if (rest) onText(rest, bytes);
          resolve();
        } catch (e) {
          fail(e);
        }
      });
      stream.on("error", fail);
    });
  });
}

const INFLATE_CHUNK = 256 * 1024;
/**
 * Inflated bytes are made text 64 KB at a time: a string of 256 KB is too big for V8's young
 * generation and gets pages of its own, and on the project machine touching fresh pages made
 * decoding a 30 MB sheet take ~150 ms where 64 KB pieces take ~7 ms.
 */
const TEXT_PIECE = 64 * 1024;

/** Feeds an entry's XML to a fresh parser as it is inflated; resolves when the parser is done. */
async function parseEntry(zip: ZipFile, entry: Entry, handlers: XmlHandlers): Promise<void> {
  const parser = xmlParser(handlers);
  await streamText(zip, entry, (text) => parser.write(text));
  try {
    parser.close();
  } catch (e) {
    throw entryError(entry, e);
  }
}

/** Where a relationship target points, as a path inside the zip. */
function resolveTarget(target: string): string {
  if (target.startsWith("/")) return target.slice(1);
  const parts = `xl/${target}`.split("/");
  const out: string[] = [];
  for (const p of parts) {
    if (p === "..") out.pop();
    else if (p !== "." && p !== "") out.push(p);
  }
  return out.join("/");
}

interface Workbook {
  sheets: { name: string; path: string }[];
  date1904: boolean;
}

async function readWorkbook(zip: ZipFile, entries: Map<string, Entry>): Promise<Workbook> {
  const book = entries.get("xl/workbook.xml");
  if (!book) throw new XlsxFormatError("no xl/workbook.xml");
  const declared: { name: string; rid: string }[] = [];
  let date1904 = false;
  await parseEntry(zip, book, {
    open(name, a) {
      if (name === "sheet") {
        const rid = Object.entries(a).find(([k]) => local(k) === "id")?.[1] ?? "";
        declared.push({ name: a.name ?? "", rid });
      } else if (name === "workbookPr") date1904 = a.date1904 === "1" || a.date1904 === "true";
    },
  });
  const targets = new Map<string, string>();
  const rels = entries.get("xl/_rels/workbook.xml.rels");
  if (rels)
    await parseEntry(zip, rels, {
      open(name, a) {
        if (name === "Relationship" && a.Id && a.Target) targets.set(a.Id, resolveTarget(a.Target));
      },
    });
  return {
    sheets: declared.map((s, i) => ({
      name: s.name,
      path: targets.get(s.rid) ?? `xl/worksheets/sheet${i + 1}.xml`,
    })),
    date1904,
  };
}

/** For each cell style (the `s` attribute), whether it shows a date. */
async function readDateStyles(zip: ZipFile, entries: Map<string, Entry>): Promise<boolean[]> {
  const entry = entries.get("xl/styles.xml");
  if (!entry) return [];
  const custom = new Map<number, string>();
  const formats: number[] = [];
  let inCellXfs = false;
  await parseEntry(zip, entry, {
    open(name, a) {
      if (name === "numFmt") custom.set(Number(a.numFmtId), a.formatCode ?? "");
      else if (name === "cellXfs") inCellXfs = true;
      else if (name === "xf" && inCellXfs) formats.push(Number(a.numFmtId ?? 0));
    },
    close(name) {
      if (name === "cellXfs") inCellXfs = false;
    },
  });
  return formats.map((id) => {
    const code = custom.get(id);
    return code === undefined ? BUILT_IN_DATE_FORMATS.has(id) : isDateFormat(code);
  });
}

/** Shared strings: each item's text runs joined, phonetic guides (rPh) left out. */
async function readSharedStrings(
  zip: ZipFile,
  entries: Map<string, Entry>,
  budget: TextBudget,
): Promise<string[]> {
  const entry = entries.get("xl/sharedStrings.xml");
  if (!entry) return [];
  const strings: string[] = [];
  let current = "";
  let inText = false;
  let phonetic = 0;
  await parseEntry(zip, entry, {
    open(name) {
      if (name === "si") current = "";
      else if (name === "t") inText = phonetic === 0;
      else if (name === "rPh") phonetic++;
    },
    close(name) {
      if (name === "si") strings.push(budget.own(decodeEscapes(current)));
      else if (name === "t") inText = false;
      else if (name === "rPh") phonetic--;
    },
    text(text) {
      if (inText) current += text;
    },
  });
  return strings;
}

/**
 * Part of a sheet's rows as its XML gives them. A whole sheet is one part; read on two threads it
 * is two, put together by `placeRows`.
 */
export interface SheetPart {
  rows: XlsxCell[][];
  /** Each row's number as the XML writes it (`<row r="12">`), or 0 where it does not say. */
  numbers: number[];
  /**
   * Shared-string cells left to resolve, three numbers each: the row (index into `rows`), the
   * column, the string's index. Used by the second thread, which does not hold the strings.
   */
  shared: Int32Array;
}

/** Three more numbers at a time into a growing Int32Array. */
class Triples {
  private data = new Int32Array(3 * 1024);
  private length = 0;
  push(a: number, b: number, c: number): void {
    if (this.length + 3 > this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = a;
    this.data[this.length++] = b;
    this.data[this.length++] = c;
  }
  done(): Int32Array {
    return this.data.slice(0, this.length);
  }
}

/**
 * Reads a worksheet's rows from its XML, fed in pieces. With the shared strings it resolves
 * shared-string cells at once; without them (on the second thread) it notes where they go.
 */
export class SheetReader {
  private readonly rows: XlsxCell[][] = [];
  private readonly numbers: number[] = [];
  private readonly shared = new Triples();
  private readonly parser: SaxesParser<{ xmlns: false; position: false }>;

  constructor(
    strings: readonly string[] | undefined,
    dateStyles: readonly boolean[],
    date1904: boolean,
    budget = new TextBudget(),
  ) {
    const { rows, numbers, shared } = this;
    let row: XlsxCell[] = [];
    let column = 0;
    let type = "n";
    let style = 0;
    let value = "";
    let inline = "";
    let inValue = false;
    let inInline = false;
    let phonetic = 0;
    let widest = 0;
    const offset = EPOCH_OFFSET - (date1904 ? DATE1904_OFFSET : 0);
    const finish = (): XlsxCell | undefined => {
      switch (type) {
        case "s": {
          if (strings) return strings[Number(value)];
          const index = Number(value);
          if (!Number.isInteger(index) || index < 0 || index > 0x7fffffff) return undefined;
          shared.push(rows.length - 1, column, index);
          return "";
        }
        case "inlineStr":
          return budget.own(decodeEscapes(inline));
        case "str":
        case "e":
          return budget.own(decodeEscapes(value));
        case "b":
          return value === "" ? undefined : value === "1" || value === "true";
        case "d": {
          const date = new Date(value.endsWith("Z") || /[+-]\d\d:\d\d$/.test(value) ? value : `${value}Z`);
          return Number.isNaN(date.getTime()) ? value : date;
        }
        default: {
          if (value === "") return undefined;
          const n = Number(value);
          if (Number.isNaN(n)) return value;
          // A number in a date format past Excel's last day (9999-12-31), such as a phone number
          // in a date column, is no date: it stays a number, and grading says so on its row.
          return dateStyles[style] && n >= 0 && n <= LAST_SERIAL
            ? new Date(Math.round((n - offset) * MS_PER_DAY))
            : n;
        }
      }
    };
    this.parser = xmlParser({
      open(name, a) {
        switch (name) {
          case "row": {
            const r = a.r === undefined ? 0 : Number(a.r);
            if (r > MAX_ROWS || rows.length >= MAX_ROWS)
              throw new XlsxFormatError(
                `row ${a.r ?? rows.length + 1} is past the sheet's last row (${MAX_ROWS.toLocaleString("en-US")})`,
              );
            numbers.push(Number.isInteger(r) && r > 0 ? r : 0);
            row = [];
            rows.push(row);
            column = 0;
            break;
          }
          case "c":
            if (a.r !== undefined) column = columnOf(a.r);
            if (column >= MAX_COLUMNS)
              throw new XlsxFormatError(
                `cell ${a.r ?? `#${column + 1}`} is past the sheet's last column (XFD)`,
              );
            type = a.t ?? "n";
            style = a.s === undefined ? 0 : Number(a.s);
            value = "";
            inline = "";
            break;
          case "v":
            inValue = true;
            break;
          case "is":
            inInline = true;
            break;
          case "rPh":
            phonetic++;
            break;
        }
      },
      close(name) {
        switch (name) {
          case "row": {
            // The used range so far, checked as rows come: a sheet past MAX_CELLS is refused
            // before the rest of it is read into memory (placeRows checks the whole again).
            if (row.length > widest) widest = row.length;
            const r = numbers[numbers.length - 1] || rows.length;
            if (row.length > 0 && r * widest > MAX_CELLS) throw usedRangeTooLarge(r, widest);
            break;
          }
          case "c": {
            const cell = finish();
            if (cell !== undefined) {
              while (row.length < column) row.push("");
              row[column] = cell;
            }
            column++;
            break;
          }
          case "v":
            inValue = false;
            break;
          case "is":
            inInline = false;
            break;
          case "rPh":
            phonetic--;
            break;
        }
      },
      text(text) {
        if (inValue) value += text;
        else if (inInline && phonetic === 0) inline += text;
      },
    });
  }

  /** Throws on malformed XML. */
  write(xml: string): void {
    this.parser.write(xml);
  }

  /** The rows read; throws when the XML is unfinished or malformed. */
  close(): SheetPart {
    this.parser.close();
    return { rows: this.rows, numbers: this.numbers, shared: this.shared.done() };
  }
}

/**
 * The sheet's rows from its parts in order: shared strings resolved (a string index the workbook
 * does not have leaves no cell), rows placed by their numbers (1-based; rows the XML skips are
 * empty).
 */
export function placeRows(parts: readonly SheetPart[], strings: readonly string[]): XlsxCell[][] {
  checkUsedRange(parts);
  const rows: XlsxCell[][] = [];
  let previous = 0;
  for (const part of parts) {
    const { shared } = part;
    // Backwards, so that missing strings at a row's end shorten it as a missing cell would.
    for (let k = shared.length - 3; k >= 0; k -= 3) {
      const row = part.rows[shared[k] as number] as XlsxCell[];
      const column = shared[k + 1] as number;
      const text = strings[shared[k + 2] as number];
      if (text !== undefined) row[column] = text;
      else if (column === row.length - 1) row.length = column;
    }
    for (let i = 0; i < part.rows.length; i++) {
      const r = part.numbers[i] || previous + 1;
      while (rows.length < r - 1) rows.push([]);
      rows.push(part.rows[i] as XlsxCell[]);
      previous = r;
    }
  }
  return rows;
}

/**
 * Refuses, before any row is placed, a sheet whose used range (the last row holding a cell × the
 * widest row) is past MAX_CELLS: a stray cell at XFD1048576 would otherwise make a table of 17
 * billion cells. Rows with no cells at the end count for nothing.
 */
function checkUsedRange(parts: readonly SheetPart[]): void {
  let lastRow = 0;
  let width = 0;
  let previous = 0;
  for (const part of parts) {
    for (let i = 0; i < part.rows.length; i++) {
      const r = part.numbers[i] || previous + 1;
      previous = r;
      const length = (part.rows[i] as XlsxCell[]).length;
      if (length > 0) {
        lastRow = r;
        if (length > width) width = length;
      }
    }
  }
  if (lastRow * width > MAX_CELLS) throw usedRangeTooLarge(lastRow, width);
}

function usedRangeTooLarge(lastRow: number, width: number): XlsxTooLargeError {
  const n = (k: number) => k.toLocaleString("en-US");
  return new XlsxTooLargeError(
    `its cells reach row ${n(lastRow)} and column ${n(width)}: ${n(lastRow * width)} cells, past the ${n(MAX_CELLS)} LeadGrade grades (Google Sheets' own limit). Delete stray cells far from the data, or split the file`,
  );
}

/** Where a row begins (`<row` or a prefixed `<x:row`): a place to cut a sheet's XML in two. */
const ROW_START = /<([A-Za-z_][\w.-]*:)?row[\s>/]/g;

/** The first row start in `xml` from index `from` on, with the tag's prefix ("" or "x:"). */
export function findRowStart(xml: string, from = 0): { index: number; prefix: string } | undefined {
  ROW_START.lastIndex = from;
  const match = ROW_START.exec(xml);
  return match ? { index: match.index, prefix: match[1] ?? "" } : undefined;
}

/** Sheets from this size (uncompressed) are read on two threads when a worker is at hand. */
const SPLIT_FROM_BYTES = 8 * 1024 * 1024;
/**
 * …and up to this size: the second thread's rows are copied across to this one, which held a
 * second copy of half the sheet at once (0.83 GB read for 10 million cells, 0.42 GB on one thread).
 */
const SPLIT_UP_TO_BYTES = 128 * 1024 * 1024;

export interface ReadOptions {
  /**
   * The built worker script (`xlsxSheetWorker.ts` bundled) that reads the second half of a large
   * sheet while this thread reads the first. The bundled command sets it; without it every sheet
   * is read on this thread.
   */
  sheetWorker?: string;
  /** Sheets of at least this many bytes of XML are split (default 8 MB). */
  splitFromBytes?: number;
}

/** What the second thread is given before the XML. */
export interface SheetWorkerData {
  dateStyles: readonly boolean[];
  date1904: boolean;
  /** The row tag's prefix, for the opening tags that stand in for the first half. */
  prefix: string;
}

/** The second thread's answer. */
export type SheetWorkerReply = { part: SheetPart } | { error: string };

async function readSheetHere(
  zip: ZipFile,
  entry: Entry,
  strings: readonly string[],
  dateStyles: readonly boolean[],
  date1904: boolean,
  budget: TextBudget,
): Promise<SheetPart> {
  const reader = new SheetReader(strings, dateStyles, date1904, budget);
  await streamText(zip, entry, (text) => reader.write(text));
  try {
    return reader.close();
  } catch (e) {
    throw entryError(entry, e);
  }
}

/**
 * Reads a large sheet on two threads: the XML is cut at the first row that starts past the cut
 * point; the rest goes to a worker as it is inflated. Then this thread reads the shared strings
 * (read any sooner, they would hold up the inflating and so the worker's start) and the first
 * part. The cut leaves this thread as much XML less as the shared strings weigh, so that both
 * threads finish together. A cut that lands somewhere odd (a comment or CDATA that holds "<row")
 * makes one half malformed, and then — as on any failure of the worker — the sheet is read again
 * on this thread, so the answer never depends on where the cut fell. Undefined means "read it
 * here instead".
 */
async function readSheetSplit(
  zip: ZipFile,
  entry: Entry,
  sharedStrings: SharedStringsPart,
  dateStyles: readonly boolean[],
  date1904: boolean,
  workerFile: string,
): Promise<SheetPart[] | undefined> {
  const size = entry.uncompressedSize;
  const middle = Math.max(size / 4, (size - sharedStrings.bytes) / 2);
  const mine: string[] = [];
  let worker: Worker | undefined;
  let second: Promise<SheetPart> | undefined;
  let prefix = "";
  try {
    await streamText(zip, entry, (text, bytes) => {
      if (worker) {
        worker.postMessage(text);
        return;
      }
      // From about where the middle falls in this piece (bytes and characters differ a little).
      const cut =
        bytes >= middle ? findRowStart(text, Math.max(0, text.length - (bytes - middle))) : undefined;
      if (!cut) {
        mine.push(text);
        return;
      }
      mine.push(text.slice(0, cut.index));
      prefix = cut.prefix;
      const data: SheetWorkerData = { dateStyles, date1904, prefix };
      const started = new Worker(workerFile, {
        workerData: data,
        // A small young generation: the worker's garbage is collected sooner, which kept the
        // read's peak memory 30 MB lower on 50,000 rows, at no cost in time.
        resourceLimits: { maxYoungGenerationSizeMb: 4 },
      });
      worker = started;
      second = new Promise<SheetPart>((resolve, reject) => {
        started.once("message", (reply: SheetWorkerReply) =>
          "part" in reply ? resolve(reply.part) : reject(new Error(reply.error)),
        );
        started.once("error", reject);
        started.once("exit", (code) => reject(new Error(`the sheet worker stopped (${code})`)));
      });
      // Handled below; until then a failure must not count as unhandled.
      second.catch(() => {});
      started.postMessage(text.slice(cut.index));
    });
    worker?.postMessage(null);
    const strings = await sharedStrings.read();
    const reader = new SheetReader(strings, dateStyles, date1904, sharedStrings.budget.fork());
    for (let i = 0; i < mine.length; i++) {
      reader.write(mine[i] as string);
      mine[i] = "";
    }
    if (!second) return [reader.close()];
    reader.write(`</${prefix}sheetData></${prefix}worksheet>`);
    const first = reader.close();
    return [first, await second];
  } catch (error) {
    // Too large is too large on one thread too.
    if (error instanceof XlsxTooLargeError) throw error;
    return undefined;
  } finally {
    await worker?.terminate();
  }
}

/** The shared strings part: read when first asked for, and once. */
interface SharedStringsPart {
  read: () => Promise<readonly string[]>;
  /** Its size uncompressed. */
  bytes: number;
  /** What its strings cost, once read. */
  budget: TextBudget;
}

/** Reads the sheet, and its shared strings when they are needed. */
async function readSheet(
  zip: ZipFile,
  entry: Entry,
  sharedStrings: SharedStringsPart,
  dateStyles: readonly boolean[],
  date1904: boolean,
  options: ReadOptions,
): Promise<{ rows: XlsxCell[][]; threads: 1 | 2 }> {
  const worker = options.sheetWorker;
  const size = entry.uncompressedSize;
  if (worker && size >= (options.splitFromBytes ?? SPLIT_FROM_BYTES) && size <= SPLIT_UP_TO_BYTES) {
    const parts = await readSheetSplit(zip, entry, sharedStrings, dateStyles, date1904, worker);
    if (parts) {
      const rows = placeRows(parts, await sharedStrings.read());
      return { rows, threads: parts.length === 2 ? 2 : 1 };
    }
  }
  const strings = await sharedStrings.read();
  const whole = await readSheetHere(zip, entry, strings, dateStyles, date1904, sharedStrings.budget.fork());
  return { rows: placeRows([whole], strings), threads: 1 };
}

/**
 * @example
 * const book = await readXlsxFile("leads.xlsx", "线索");
 * book.sheet?.rows[1] // ["张三", "老客户推荐", 2026-11-20T00:00:00.000Z, 50000]
 */
export async function readXlsxFile(
  path: string,
  sheetName?: string,
  options: ReadOptions = { sheetWorker: process.env.LEADGRADE_SHEET_WORKER },
): Promise<XlsxBook> {
  const zip = await openZip(path);
  try {
    const entries = await listEntries(zip);
    const book = await readWorkbook(zip, entries);
    const names = book.sheets.map((s) => s.name);
    const wanted = sheetName === undefined ? book.sheets[0] : book.sheets.find((s) => s.name === sheetName);
    if (!wanted) return { names };
    const entry = entries.get(wanted.path);
    if (!entry) throw new XlsxFormatError(`no ${wanted.path}`);
    const dateStyles = await readDateStyles(zip, entries);
    let strings: Promise<readonly string[]> | undefined;
    const budget = new TextBudget();
    const shared: SharedStringsPart = {
      budget,
      read: () => {
        strings ??= readSharedStrings(zip, entries, budget);
        return strings;
      },
      bytes: entries.get("xl/sharedStrings.xml")?.uncompressedSize ?? 0,
    };
    // The sheet's text and its strings are held as cells: past this, the read passes 1 GB.
    const xml = entry.uncompressedSize + shared.bytes;
    if (xml > MAX_SHEET_XML_BYTES)
      throw new XlsxTooLargeError(
        `its sheet "${wanted.name}" holds ${megabytes(xml)} of XML, past the ${megabytes(MAX_SHEET_XML_BYTES)} LeadGrade reads in the memory it has. Split the sheet (keep the header row in each part) and grade the parts`,
      );
    const { rows, threads } = await readSheet(zip, entry, shared, dateStyles, book.date1904, options);
    return { names, sheet: { name: wanted.name, rows, threads } };
  } finally {
    zip.close();
  }
}
