/**
 * Reads a table's cells into one array per field (typed arrays for numbers and days), row after
 * row. A field whose values repeat (a source, an intent, "5万", "2026/11/01") is read through a
 * dictionary: each distinct cell value is trimmed, parsed and given a number once, and every row
 * gets that number too, so later steps look things up per value number instead of per text. Such
 * a field keeps no text per row (an array of 100,000 entries takes ~3 ms to make here, more than
 * filling it, and the garbage collector scans it again): its text and match columns are made only
 * if something reads them, and the pass's own steps read its rows through {@link readShown},
 * {@link readMatch} and {@link readFilled}. Cells that cannot be read become issues on their row
 * and leave the field empty; nothing here throws.
 */

import { FIELD_KIND, type Field } from "../model/fields";
import {
  type CellValue,
  cellText,
  INVALID,
  isErrorValue,
  matchForm,
  type Parsed,
  trimText,
} from "../text/cell";
import { type CivilDay, isoFromCivilDay, type ZoneClock } from "../text/civilDay";
import { type DateOrder, isYearLastDate, parseDateCell } from "../text/parseDateCell";
import { INTENT_RANK, type Intent, parseIntent } from "../text/parseIntent";
import { parseCount, parseMoney } from "../text/parseMoney";
import type { ColumnMap } from "./findColumns";

/** Every code a row issue can have. */
export const ROW_ISSUE_CODES = [
  "bad_date",
  "bad_number",
  "bad_money",
  "bad_intent",
  "bad_override",
  "future_date",
  "negative_number",
  "missing_contact",
  "bad_email",
  "bad_phone",
  "missing_intent",
  "missing_source",
  "before_created",
  "duplicate",
  "owner_conflict",
  "formula_error",
  "date_order",
] as const;

/** Each code's position in {@link ROW_ISSUE_CODES}. */
const CODE_NUMBER: Readonly<Record<RowIssue["code"], number>> = Object.freeze(
  Object.fromEntries(ROW_ISSUE_CODES.map((code, i) => [code, i])) as Record<RowIssue["code"], number>,
);

export interface RowIssue {
  code: (typeof ROW_ISSUE_CODES)[number];
  field: Field;
  /** For a duplicate: the (0-based data) row it duplicates. */
  of?: number;
}

/** The leads of a table, one array per field; index = row. `NaN` and `undefined` mean empty. */
export interface LeadColumns {
  readonly length: number;
  /** 1 where every mapped cell of the row is empty. */
  readonly blank: Uint8Array;
  /**
   * What the sheet shows, trimmed (dates as `YYYY-MM-DD`), per present field. For a field with
   * value numbers ({@link values}) the column is made when it is first read: the pass's own steps
   * read such a field through {@link shownAt} and never make it.
   */
  readonly text: Partial<Record<Field, (string | undefined)[]>>;
  /** Lower-case, width-folded text of text fields, for matching rules; made when read, as `text`. */
  readonly match: Partial<Record<Field, (string | undefined)[]>>;
  /** Numbers and amounts; `NaN` when empty or unreadable. */
  readonly numbers: Partial<Record<Field, Float64Array>>;
  /** Civil days; `NaN` when empty or unreadable. Never after the as-of day. */
  readonly days: Partial<Record<Field, Float64Array>>;
  /**
   * Fields read through a dictionary (those parsed or compared as text): per row, the number of
   * its value and per number the text shown. -1: empty, or past the dictionary's size; -2: a date
   * given as a `Date` (or a serial number), shown as its day (`YYYY-MM-DD`); -3: a number cell
   * past the dictionary's size, shown as its number.
   * Equal numbers mean equal cell values, so anything worked out from a value holds for the number.
   */
  readonly values: Partial<Record<Field, ValueColumn>>;
  /** Intent rank: 3 high, 2 medium, 1 low, 0 none. */
  readonly intent: Uint8Array;
  /** Issues per row; `undefined` for a row with none. Add to them with {@link addRowIssue}. */
  readonly issues: (readonly RowIssue[] | undefined)[];
  /** One-issue lists, each shared by the rows whose only issue (so far) is that one. */
  readonly sharedIssueLists: Map<RowIssue, readonly RowIssue[]>;
  /** Counted as issues are added: rows with one or more, and issues per code. */
  readonly issueTally: IssueTally;
}

export interface IssueTally {
  rows: number;
  /** Issues per code, by the code's number in {@link ROW_ISSUE_CODES}. */
  readonly byCode: Float64Array;
  /** Code numbers in the order their first issue was added. */
  readonly order: number[];
}

/** A field's value numbers: see {@link LeadColumns.values}. */
export interface ValueColumn {
  /** Per row: its value's number (below 10,000), or -1, {@link SHOWN_AS_DAY}, {@link SHOWN_AS_NUMBER}. */
  readonly ids: Int16Array;
  /** The text shown for each value number. */
  readonly shown: readonly string[];
  /** For a text field rules match against: the match form of each value number. */
  readonly matchOf: readonly string[] | undefined;
  /** A date field's days: a row numbered {@link SHOWN_AS_DAY} shows its day. */
  readonly days: Float64Array | undefined;
  /** A number or amount field's values: a row numbered {@link SHOWN_AS_NUMBER} shows its number. */
  readonly numbers: Float64Array | undefined;
  /**
   * The rows whose value has no number (read past the dictionary's size, or not through it, like
   * an unreadable serial number in a date field): their text and match form. Made only when the
   * first such row is read.
   */
  readonly loose: { text: (string | undefined)[]; match: (string | undefined)[] | undefined } | undefined;
  /**
   * Whether the dictionary filled up: the field's values are mostly distinct (amounts to the
   * unit), and the rows read after that have no number.
   */
  readonly full: boolean;
}

/** What reading one distinct cell value gave. */
interface Entry {
  id: number;
  /** Trimmed and clipped; "" for an empty cell (and for a formula's error value). */
  shown: string;
  match: string | undefined;
  parsed: Parsed<number>;
  /** The cell shows a formula's error value (#N/A): read as empty, with an issue on its row. */
  error: boolean;
}

/** How one mapped field is read into its columns. */
interface FieldReader {
  field: Field;
  index: number;
  kind: (typeof FIELD_KIND)[Field];
  /**
   * Where a row's text is kept when it has no value number: every row of a field without a
   * dictionary; for a field with one, a column made when the first such row is read.
   */
  text: (string | undefined)[] | undefined;
  /** For text fields rules match against: kept like `text`. */
  match: (string | undefined)[] | undefined;
  /** Whether the field is a text field rules match against. */
  matched: boolean;
  /** For numbers, amounts and dates. */
  values: Float64Array | undefined;
  parse: (cell: CellValue) => Parsed<number>;
  /** For fields read through a dictionary: distinct cell values (not `Date`s) and their numbers. */
  dictionary: Map<string | number | boolean, Entry> | undefined;
  ids: Int16Array | undefined;
  shown: string[];
  matchOf: string[];
}

/** Text fields no rule compares whose values repeat all down a sheet (a team's reps). */
const REPEATING_TEXT: ReadonlySet<Field> = new Set<Field>(["owner"]);

/** In {@link ValueColumn.ids}: a date shown as its day. */
export const SHOWN_AS_DAY = -2;
/**
 * In {@link ValueColumn.ids}: a number cell read past the dictionary, shown as its number (an
 * amount column of distinct values keeps no text per row).
 */
export const SHOWN_AS_NUMBER = -3;

/**
 * Distinct values given a number per column; past this, the column's other cells are read one by
 * one. Value numbers are kept in an `Int16Array` (fresh memory is slow to touch: on this project's
 * machines ~1 ms per 100,000 32-bit numbers, half that for 16-bit), so this stays below 32,767.
 */
const DICTIONARY_LIMIT = 10_000;

/** Longest text kept per cell: enough for any note a rule reads. */
const MAX_TEXT = 2000;

/** What the readers of one table share: its columns, the day graded and how to add an issue. */
interface ReadContext {
  cols: LeadColumns;
  asOf: CivilDay;
  orderOf: (field: Field) => DateOrder;
  /** An issue says the same on every row it is on: one frozen copy per field and code. */
  madeIssues: Map<string, RowIssue>;
}

function addIssue(ctx: ReadContext, row: number, code: RowIssue["code"], field: Field): void {
  const key = `${field} ${code}`;
  let issue = ctx.madeIssues.get(key);
  if (issue === undefined) {
    issue = Object.freeze({ code, field });
    ctx.madeIssues.set(key, issue);
  }
  addRowIssue(ctx.cols, row, issue);
}

/**
 * @example
 * const cols = readColumns(rows, { intent: 3, lastContact: 5 }, zoneClock("Asia/Shanghai"), asOf);
 * cols.intent[0] // 3 when row 0 says 高
 */
export function readColumns(
  rows: readonly (readonly CellValue[])[],
  columns: ColumnMap,
  clock: ZoneClock,
  asOf: CivilDay,
  /** Text fields that rules match against; others keep display text only. All when omitted. */
  matched?: ReadonlySet<Field>,
  /**
   * How text dates with the year last are read: the rule set's `dateOrder`, or per field where a
   * column's own values settle it.
   */
  dateOrder: DateOrder | Partial<Record<Field, DateOrder>> = "ymd",
  /** Intent words the rules add (lower case → intent). */
  intentWords?: ReadonlyMap<string, Intent>,
): LeadColumns {
  const length = rows.length;
  const ctx: ReadContext = {
    cols: emptyColumns(length),
    asOf,
    orderOf: (field) => (typeof dateOrder === "string" ? dateOrder : (dateOrder[field] ?? "ymd")),
    madeIssues: new Map(),
  };
  // One reader per mapped field, in the order the cells stand in a row; the rows are then read one
  // after another, every field of a row at once (a sheet is stored row by row: reading it column by
  // column would fetch each row from memory once per field).
  const readers = (Object.entries(columns) as [Field, number][])
    .map(([field, index]) => makeReader(ctx, field, index, clock, matched, intentWords))
    .sort((a, b) => a.index - b.index);
  const { blank } = ctx.cols;
  for (let row = 0; row < length; row++) {
    const cells = rows[row];
    if (!Array.isArray(cells)) continue;
    // Whether a mapped cell of the row is filled: the row is blank otherwise.
    let filled = false;
    for (const reader of readers) {
      const cell = cells[reader.index] as CellValue;
      if (cell !== null && cell !== undefined && readCell(ctx, reader, cell, row)) filled = true;
    }
    if (filled) blank[row] = 0;
  }
  for (const reader of readers) finishReader(ctx.cols, reader);
  return ctx.cols;
}

function emptyColumns(length: number): LeadColumns {
  return {
    length,
    blank: new Uint8Array(length).fill(1),
    text: {},
    match: {},
    numbers: {},
    days: {},
    values: {},
    intent: new Uint8Array(length),
    issues: emptyColumn(length),
    sharedIssueLists: new Map(),
    issueTally: { rows: 0, byCode: new Float64Array(ROW_ISSUE_CODES.length), order: [] },
  };
}

/** How one field is read, with its columns made (and registered in `ctx.cols`) as its kind needs. */
function makeReader(
  ctx: ReadContext,
  field: Field,
  index: number,
  clock: ZoneClock,
  matched: ReadonlySet<Field> | undefined,
  intentWords: ReadonlyMap<string, Intent> | undefined,
): FieldReader {
  const { cols } = ctx;
  const kind = FIELD_KIND[field];
  const matchedText = kind === "text" && (matched === undefined || matched.has(field));
  const values =
    kind === "number" || kind === "money" || kind === "date"
      ? new Float64Array(cols.length).fill(Number.NaN)
      : undefined;
  if (values) (kind === "date" ? cols.days : cols.numbers)[field] = values;
  // Free text nobody compares (names, notes, e-mails) is mostly unique: no dictionary, and its
  // text is kept per row. A sheet's owners are its few reps: numbered like a source.
  const counted = kind !== "text" || matchedText || REPEATING_TEXT.has(field);
  const text = counted ? undefined : emptyColumn<string>(cols.length);
  if (text) cols.text[field] = text;
  return {
    field,
    index,
    kind,
    text,
    match: undefined,
    matched: matchedText,
    values,
    parse: parserFor(kind, clock, ctx.orderOf(field), intentWords),
    dictionary: counted ? new Map() : undefined,
    ids: counted ? new Int16Array(cols.length).fill(-1) : undefined,
    shown: [],
    matchOf: [],
  };
}

/** Reads one present cell into its field's columns. True when the cell is filled (the row is a lead). */
function readCell(ctx: ReadContext, reader: FieldReader, cell: NonNullable<CellValue>, row: number): boolean {
  const dictionary = reader.dictionary;
  // Dates are objects (no dictionary); numbers in a date field are read as days each time.
  if (
    dictionary !== undefined &&
    typeof cell !== "object" &&
    (reader.kind !== "date" || typeof cell === "string")
  )
    return readByValue(ctx, reader, dictionary, cell, row);
  // A text cell is trimmed once: it is empty, or it is what the sheet shows.
  const trimmed = typeof cell === "string" ? trimText(cell) : undefined;
  if (trimmed === "") return false;
  if (trimmed !== undefined && isErrorValue(trimmed)) {
    addIssue(ctx, row, "formula_error", reader.field);
    return true;
  }
  if (reader.kind === "text") {
    const shown = clip(trimmed ?? cellText(cell));
    textOf(reader, ctx.cols.length)[row] = shown;
    if (reader.matched) matchOf(reader, ctx.cols.length)[row] = matchForm(shown);
  } else {
    const shown = trimmed === undefined ? undefined : clip(trimmed);
    if (store(ctx, reader, row, reader.parse(cell), shown))
      textOf(reader, ctx.cols.length)[row] = shown ?? clip(cellText(cell));
  }
  return true;
}

/** Reads a cell through its field's dictionary: each distinct value is read once and numbered. */
function readByValue(
  ctx: ReadContext,
  reader: FieldReader,
  dictionary: Map<string | number | boolean, Entry>,
  cell: string | number | boolean,
  row: number,
): boolean {
  let entry = dictionary.get(cell);
  if (entry === undefined) {
    entry = readEntry(reader, cell, reader.shown.length);
    dictionary.set(cell, entry);
    reader.shown.push(entry.shown);
    if (reader.matched) reader.matchOf.push(entry.match as string);
    // A column of mostly distinct values (amounts to the cent): the rest is read cell by cell.
    if (dictionary.size >= DICTIONARY_LIMIT) reader.dictionary = undefined;
  }
  if (entry.shown === "") {
    // A formula's error value (#N/A) is no value: the field reads as empty and the row says
    // why; the row is a lead with a broken cell, not a blank line.
    if (entry.error) addIssue(ctx, row, "formula_error", reader.field);
    return entry.error;
  }
  // The row's text is its value number's.
  (reader.ids as Int16Array)[row] = entry.id;
  if (reader.kind !== "text") store(ctx, reader, row, entry.parsed, entry.shown);
  return true;
}

function textOf(reader: FieldReader, length: number): (string | undefined)[] {
  if (reader.text === undefined) reader.text = emptyColumn(length);
  return reader.text;
}

function matchOf(reader: FieldReader, length: number): (string | undefined)[] {
  if (reader.match === undefined) reader.match = emptyColumn(length);
  return reader.match;
}

/** A field read through a dictionary: its value column, and its text and match columns made when read. */
function finishReader(cols: LeadColumns, reader: FieldReader): void {
  const { ids, field } = reader;
  if (ids === undefined) return;
  const length = cols.length;
  const loose = reader.text === undefined ? undefined : { text: reader.text, match: reader.match };
  const column: ValueColumn = {
    ids,
    shown: reader.shown,
    matchOf: reader.matched ? reader.matchOf : undefined,
    days: reader.kind === "date" ? reader.values : undefined,
    numbers: reader.kind === "number" || reader.kind === "money" ? reader.values : undefined,
    loose,
    full: reader.dictionary === undefined,
  };
  cols.values[field] = column;
  lazyColumn(cols.text, field, () => {
    const text = emptyColumn<string>(length);
    for (let row = 0; row < length; row++) text[row] = shownAt(column, row);
    return text;
  });
  if (reader.matched)
    lazyColumn(cols.match, field, () => {
      const match = emptyColumn<string>(length);
      for (let row = 0; row < length; row++) match[row] = matchAt(column, row);
      return match;
    });
}

/**
 * What a parsed cell leaves in its field's columns. True when the row is to keep the cell's
 * text (a row with no value number whose text is not its day).
 */
function store(
  ctx: ReadContext,
  reader: FieldReader,
  row: number,
  parsed: Parsed<number>,
  shown: string | undefined,
): boolean {
  const { field, kind } = reader;
  if (parsed === undefined) return false;
  if (parsed === INVALID) {
    // 11/20/2026 where the rules read only dates that start with the year: say what to set.
    const code =
      kind === "date" && ctx.orderOf(field) === "ymd" && shown !== undefined && isYearLastDate(shown)
        ? "date_order"
        : issueFor(kind);
    addIssue(ctx, row, code, field);
    return true;
  }
  if (kind === "date") return storeDay(ctx, reader, row, parsed, shown);
  if (kind === "intent") ctx.cols.intent[row] = parsed;
  else if (parsed < 0) addIssue(ctx, row, "negative_number", field);
  else {
    (reader.values as Float64Array)[row] = parsed;
    // A number cell with no value number (nothing shown but the number: the parsed value is
    // the cell) shows its value.
    const ids = reader.ids as Int16Array;
    if (shown === undefined && ids[row] === -1) {
      ids[row] = SHOWN_AS_NUMBER;
      return false;
    }
  }
  return true;
}

function storeDay(
  ctx: ReadContext,
  reader: FieldReader,
  row: number,
  day: CivilDay,
  shown: string | undefined,
): boolean {
  if (day > ctx.asOf) addIssue(ctx, row, "future_date", reader.field);
  // A past-facing date in the future is kept as "today": recorded, not believed.
  (reader.values as Float64Array)[row] = day > ctx.asOf ? ctx.asOf : day;
  // A date that is not text (a `Date`, a serial number) shows its day.
  if (shown !== undefined || ((reader.ids as Int16Array)[row] as number) >= 0) return true;
  (reader.ids as Int16Array)[row] = SHOWN_AS_DAY;
  return false;
}

/**
 * Adds an issue to a row's list, and counts it. Most rows have one issue or none: a row's first
 * issue, when it is a shared (frozen) one, gets that issue's shared one-item list; a second issue
 * gives the row a list of its own. Lists are read-only to everyone else. A caller that made the
 * issue's shared list itself (one per duplicate group) hands it over as `alone`.
 *
 * @example
 * addRowIssue(cols, 4, MISSING_INTENT) // cols.issues[4] = [MISSING_INTENT] (shared)
 */
export function addRowIssue(
  cols: Pick<LeadColumns, "issues" | "sharedIssueLists" | "issueTally">,
  row: number,
  issue: RowIssue,
  alone?: readonly RowIssue[],
): void {
  const { issues, issueTally } = cols;
  const code = CODE_NUMBER[issue.code];
  if (issueTally.byCode[code] === 0) issueTally.order.push(code);
  issueTally.byCode[code] = (issueTally.byCode[code] as number) + 1;
  const list = issues[row];
  if (list === undefined) {
    issueTally.rows++;
    if (alone !== undefined) issues[row] = alone;
    else if (!Object.isFrozen(issue)) issues[row] = [issue];
    else {
      let shared = cols.sharedIssueLists.get(issue);
      if (shared === undefined) {
        shared = Object.freeze([issue]);
        cols.sharedIssueLists.set(issue, shared);
      }
      issues[row] = shared;
    }
  } else if (Object.isFrozen(list))
    // Most rows have one issue before this one: a literal, not a spread.
    issues[row] = list.length === 1 ? [list[0] as RowIssue, issue] : [...list, issue];
  else (list as RowIssue[]).push(issue);
}

/**
 * An array of `length` undefined values, filled so it has no holes (V8 keeps such arrays in fast
 * mode; checked with `%HasFastElements` up to 2,000,000 entries).
 */
export function emptyColumn<T>(length: number): (T | undefined)[] {
  return new Array<T | undefined>(length).fill(undefined);
}

/**
 * What a row shows in a field with value numbers: the same as `cols.text[field][row]`, without
 * making that column.
 */
export function shownAt(column: ValueColumn, row: number): string | undefined {
  const id = column.ids[row] as number;
  if (id >= 0) return column.shown[id];
  if (id === SHOWN_AS_DAY && column.days !== undefined) return isoFromCivilDay(column.days[row] as number);
  if (id === SHOWN_AS_NUMBER && column.numbers !== undefined) return String(column.numbers[row]);
  return column.loose?.text[row];
}

/** A row's match form in a text field with value numbers (`cols.match[field][row]`). */
export function matchAt(column: ValueColumn, row: number): string | undefined {
  const id = column.ids[row] as number;
  if (id >= 0) return column.matchOf?.[id];
  return column.loose?.match?.[row];
}

/** Whether a row's cell in a field with value numbers is filled (`cols.text[field][row] !== undefined`). */
export function filledAt(column: ValueColumn, row: number): boolean {
  const id = column.ids[row] as number;
  return id >= 0 || id === SHOWN_AS_DAY || id === SHOWN_AS_NUMBER || column.loose?.text[row] !== undefined;
}

/** Whether a row's cell in a field is filled, read without making the field's text column. */
export function readFilled(cols: LeadColumns, field: Field): (row: number) => boolean {
  const values = cols.values[field];
  if (values !== undefined) return (row) => filledAt(values, row);
  const text = cols.text[field];
  return text === undefined ? () => false : (row) => text[row] !== undefined;
}

/** What a row shows in a field, read without making the field's text column. */
export function readShown(cols: LeadColumns, field: Field): (row: number) => string | undefined {
  const values = cols.values[field];
  if (values !== undefined) return (row) => shownAt(values, row);
  const text = cols.text[field];
  return text === undefined ? () => undefined : (row) => text[row];
}

/** A row's match form in a field, read without making the field's match column. */
export function readMatch(cols: LeadColumns, field: Field): (row: number) => string | undefined {
  const values = cols.values[field];
  if (values?.matchOf !== undefined) return (row) => matchAt(values, row);
  const match = cols.match[field];
  return match === undefined ? () => undefined : (row) => match[row];
}

/** Defines `record[field]` as a column made on first read, then kept. */
function lazyColumn(
  record: Partial<Record<Field, (string | undefined)[]>>,
  field: Field,
  make: () => (string | undefined)[],
): void {
  Object.defineProperty(record, field, {
    configurable: true,
    enumerable: true,
    get() {
      const column = make();
      Object.defineProperty(record, field, { value: column, enumerable: true, writable: false });
      return column;
    },
  });
}

function clip(text: string): string {
  return text.length > MAX_TEXT ? text.slice(0, MAX_TEXT) : text;
}

function issueFor(kind: string): RowIssue["code"] {
  return kind === "date"
    ? "bad_date"
    : kind === "money"
      ? "bad_money"
      : kind === "intent"
        ? "bad_intent"
        : "bad_number";
}

/** Reads one distinct cell value (not a `Date`) of a field. */
function readEntry(reader: FieldReader, cell: string | number | boolean, id: number): Entry {
  const trimmed = typeof cell === "string" ? trimText(cell) : undefined;
  if (trimmed !== undefined && isErrorValue(trimmed))
    return { id, shown: "", match: undefined, parsed: undefined, error: true };
  const shown = trimmed === undefined ? clip(cellText(cell)) : clip(trimmed);
  if (shown === "") return { id, shown, match: undefined, parsed: undefined, error: false };
  if (reader.kind === "text")
    return {
      id,
      shown,
      match: reader.matched ? matchForm(shown) : undefined,
      parsed: undefined,
      error: false,
    };
  return { id, shown, match: undefined, parsed: reader.parse(cell), error: false };
}

/** A parser for one kind of cell. */
function parserFor(
  kind: string,
  clock: ZoneClock,
  order: DateOrder,
  intentWords?: ReadonlyMap<string, Intent>,
): (cell: CellValue) => Parsed<number> {
  return kind === "date"
    ? (cell) => parseDateCell(cell, clock, order)
    : kind === "money"
      ? parseMoney
      : kind === "intent"
        ? (cell) => {
            const intent = parseIntent(cell, intentWords);
            return intent === INVALID || intent === undefined ? intent : INTENT_RANK[intent];
          }
        : parseCount;
}
