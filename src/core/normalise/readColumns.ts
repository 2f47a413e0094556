/**
 * Reads a table's cells into one array per field (typed arrays for numbers and days), row after
 * row. Each field has its own reader that remembers its column's repeated texts ("高", "5万",
 * "2026/11/01"), so each is parsed once. Cells that cannot be read become issues on their row and
 * leave the field empty; nothing here throws.
 */
import type { ColumnMap } from "../columns/findColumns";
import { type CivilDay, isoFromCivilDay, type ZoneClock } from "../dates/civilDay";
import { FIELD_KIND, type Field } from "../fields";
import { memoize } from "../memoize";
import { type CellValue, cellText, INVALID, matchForm, type Parsed, trimText } from "./cell";
import { parseDateCell } from "./parseDateCell";
import { INTENT_RANK, parseIntent } from "./parseIntent";
import { parseCount, parseMoney } from "./parseMoney";

export interface RowIssue {
  code:
    | "bad_date"
    | "bad_number"
    | "bad_money"
    | "bad_intent"
    | "bad_override"
    | "future_date"
    | "negative_number"
    | "missing_contact"
    | "bad_email"
    | "bad_phone"
    | "missing_intent"
    | "missing_source"
    | "before_created"
    | "duplicate";
  field: Field;
  /** For a duplicate: the (0-based data) row it duplicates. */
  of?: number;
}

/** The leads of a table, one array per field; index = row. `NaN` and `undefined` mean empty. */
export interface LeadColumns {
  readonly length: number;
  /** 1 where every mapped cell of the row is empty. */
  readonly blank: Uint8Array;
  /** What the sheet shows, trimmed (dates as `YYYY-MM-DD`), per present field. */
  readonly text: Partial<Record<Field, (string | undefined)[]>>;
  /** Lower-case, width-folded text of text fields, for matching rules. */
  readonly match: Partial<Record<Field, (string | undefined)[]>>;
  /** Numbers and amounts; `NaN` when empty or unreadable. */
  readonly numbers: Partial<Record<Field, Float64Array>>;
  /** Civil days; `NaN` when empty or unreadable. Never after the as-of day. */
  readonly days: Partial<Record<Field, Float64Array>>;
  /** Intent rank: 3 high, 2 medium, 1 low, 0 none. */
  readonly intent: Uint8Array;
  /** Issues per row; `undefined` for a row with none. */
  readonly issues: (RowIssue[] | undefined)[];
}

/** How one mapped field is read into its columns. */
interface FieldReader {
  field: Field;
  index: number;
  kind: (typeof FIELD_KIND)[Field];
  text: (string | undefined)[];
  /** For text fields rules match against. */
  match: (string | undefined)[] | undefined;
  /** For numbers, amounts and dates. */
  values: Float64Array | undefined;
  parse: (cell: CellValue) => Parsed<number>;
  matchForm: (text: string) => string;
}

/** Distinct texts remembered per column (parsed values, match forms). */
const MEMO_LIMIT = 10_000;

/** Longest text kept per cell: enough for any note a rule reads. */
const MAX_TEXT = 2000;

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
): LeadColumns {
  const length = rows.length;
  const cols: LeadColumns = {
    length,
    blank: new Uint8Array(length).fill(1),
    text: {},
    match: {},
    numbers: {},
    days: {},
    intent: new Uint8Array(length),
    issues: emptyColumn(length),
  };
  // An issue says the same on every row it is on: one frozen copy per field and code.
  const made = new Map<string, RowIssue>();
  const addIssue = (row: number, code: RowIssue["code"], field: Field) => {
    const key = `${field} ${code}`;
    let issue = made.get(key);
    if (issue === undefined) {
      issue = Object.freeze({ code, field });
      made.set(key, issue);
    }
    const list = cols.issues[row];
    if (list) list.push(issue);
    else cols.issues[row] = [issue];
  };

  // One reader per mapped field; the rows are then read one after another, every field of a row
  // at once (a sheet is stored row by row: reading it column by column would fetch each row from
  // memory once per field).
  const readers = (Object.entries(columns) as [Field, number][]).map(([field, index]): FieldReader => {
    const kind = FIELD_KIND[field];
    const text: (string | undefined)[] = emptyColumn(length);
    cols.text[field] = text;
    const match =
      kind === "text" && (matched === undefined || matched.has(field))
        ? emptyColumn<string>(length)
        : undefined;
    if (match) cols.match[field] = match;
    const values =
      kind === "number" || kind === "money" || kind === "date"
        ? new Float64Array(length).fill(Number.NaN)
        : undefined;
    if (values) (kind === "date" ? cols.days : cols.numbers)[field] = values;
    return {
      field,
      index,
      kind,
      text,
      match,
      values,
      parse: parserFor(kind, clock),
      matchForm: match ? memoize(matchForm, MEMO_LIMIT) : matchForm,
    };
  });

  for (let row = 0; row < length; row++) {
    const cells = rows[row];
    if (!Array.isArray(cells)) continue;
    for (const { field, index, kind, text, match, values, parse, matchForm: matchFormOf } of readers) {
      const cell = cells[index] as CellValue;
      if (cell === null || cell === undefined) continue;
      // A text cell is trimmed once: it is empty, or it is what the sheet shows.
      const trimmed = typeof cell === "string" ? trimText(cell) : undefined;
      if (trimmed === "") continue;
      cols.blank[row] = 0;
      if (kind === "text") {
        const shown = clip(trimmed ?? cellText(cell));
        text[row] = shown;
        if (match) match[row] = matchFormOf(shown);
        continue;
      }
      const parsed = parse(cell);
      if (parsed === INVALID) {
        addIssue(row, issueFor(kind), field);
        text[row] = clip(trimmed ?? cellText(cell));
        continue;
      }
      if (parsed === undefined) continue;
      if (kind === "intent") {
        cols.intent[row] = parsed;
        text[row] = clip(trimmed ?? cellText(cell));
      } else if (kind === "date") {
        if (parsed > asOf) addIssue(row, "future_date", field);
        // A past-facing date in the future is kept as "today": recorded, not believed.
        const day = parsed > asOf ? asOf : parsed;
        (values as Float64Array)[row] = day;
        text[row] = trimmed !== undefined ? clip(trimmed) : isoFromCivilDay(day);
      } else if (parsed < 0) {
        addIssue(row, "negative_number", field);
        text[row] = clip(trimmed ?? cellText(cell));
      } else {
        (values as Float64Array)[row] = parsed;
        text[row] = clip(trimmed ?? cellText(cell));
      }
    }
  }
  return cols;
}

/**
 * An array of `length` undefined values, filled so it has no holes (V8 keeps such arrays in fast
 * mode; checked with `%HasFastElements` up to 2,000,000 entries).
 */
export function emptyColumn<T>(length: number): (T | undefined)[] {
  return new Array<T | undefined>(length).fill(undefined);
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

/** A parser for one kind of cell that remembers the texts it has read (a column repeats itself). */
function parserFor(kind: string, clock: ZoneClock): (cell: CellValue) => Parsed<number> {
  const base: (cell: CellValue) => Parsed<number> =
    kind === "date"
      ? (cell) => parseDateCell(cell, clock)
      : kind === "money"
        ? parseMoney
        : kind === "intent"
          ? (cell) => {
              const intent = parseIntent(cell);
              return intent === INVALID || intent === undefined ? intent : INTENT_RANK[intent];
            }
          : parseCount;
  const text = memoize(base, MEMO_LIMIT);
  return (cell) => (typeof cell === "string" ? text(cell) : base(cell));
}
