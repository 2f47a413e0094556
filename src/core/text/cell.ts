/**
 * What a cell can hold when Sheets, a CSV or an XLSX hands it over, and the shared outcome of
 * reading one: a value, nothing (an empty cell), or {@link INVALID} (something that cannot be
 * read as the field's kind — the caller turns that into an issue on the row, never an exception).
 */

export type CellValue = string | number | boolean | Date | null | undefined;

export const INVALID: unique symbol = Symbol("invalid");
export type Invalid = typeof INVALID;

/** `undefined` = empty cell; `INVALID` = present but unreadable. */
export type Parsed<T> = T | undefined | Invalid;

/**
 * True for a `Date`, from this realm or another: a check by tag, not `instanceof`, so dates made
 * by a host (Sheets, a test harness, another frame) are recognised too.
 */
export function isDate(value: unknown): value is Date {
  // Not `instanceof` even as a shortcut: `Object.create(Date.prototype)` passes it and has no time.
  return (
    typeof value === "object" && value !== null && Object.prototype.toString.call(value) === "[object Date]"
  );
}

/** True for cells that hold nothing: `""`, whitespace, `null`, `undefined`. */
export function isEmptyCell(cell: CellValue): boolean {
  if (cell === null || cell === undefined) return true;
  if (typeof cell === "string") return trimText(cell) === "";
  return false;
}

/**
 * `text.trim()`, without the call when neither end can be white space (most cells): looking at
 * two characters is cheaper than the built-in's general path.
 */
export function trimText(text: string): string {
  const last = text.length - 1;
  if (last < 0 || mayBeSpace(text.charCodeAt(0)) || mayBeSpace(text.charCodeAt(last))) return text.trim();
  return text;
}

/** Every character `trim` removes is one of these (some of these it keeps: then `trim` decides). */
function mayBeSpace(c: number): boolean {
  return (
    c <= 32 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** The text of a cell as a person would read it; dates as ISO, empty as "". */
export function cellText(cell: CellValue): string {
  if (cell === null || cell === undefined) return "";
  if (typeof cell === "string") return trimText(cell);
  if (isDate(cell)) return Number.isNaN(cell.getTime()) ? "" : cell.toISOString();
  return String(cell);
}

/**
 * The error values a formula shows in Google Sheets and Excel; `getValues()` (and an XLSX export)
 * hands them over as this text.
 */
const ERROR_VALUES: ReadonlySet<string> = new Set([
  "#N/A",
  "#REF!",
  "#VALUE!",
  "#DIV/0!",
  "#NAME?",
  "#NUM!",
  "#NULL!",
  "#ERROR!",
  "#SPILL!",
  "#CALC!",
  "#GETTING_DATA",
]);

/**
 * Whether trimmed cell text is a formula's error value (#N/A from a lookup that found nothing).
 *
 * @example
 * isErrorValue("#N/A") // true
 * isErrorValue("#1 客户") // false
 */
export function isErrorValue(text: string): boolean {
  return text.charCodeAt(0) === 35 && ERROR_VALUES.has(text.toUpperCase());
}

/** Full-width digits and punctuation (common in Chinese input) folded to ASCII. */
const FULL_WIDTH = /[\uff01-\uff5e\u3000]/;
const FULL_WIDTH_ALL = /[\uff01-\uff5e\u3000]/g;
// U+FF01–U+FF5E map to U+0021–U+007E; U+3000 is the ideographic space.
const toHalfWidth = (ch: string) => (ch === "\u3000" ? " " : String.fromCharCode(ch.charCodeAt(0) - 0xfee0));

export function foldFullWidth(text: string): string {
  // Most cells have none: leave them as they are without copying.
  return FULL_WIDTH.test(text) ? text.replace(FULL_WIDTH_ALL, toHalfWidth) : text;
}

/** Characters that may have a lower-case form; CJK text has none and skips the costly call. */
const CASED = /[A-Z\u00c0-\u2fff\ua640-\uabff]/;
/** CASED's ranges as numbers, for {@link matchUnits} (its test checks the two agree on every unit). */
const CASED_RANGES = [
  [0x41, 0x5a],
  [0xc0, 0x2fff],
  [0xa640, 0xabff],
] as const;

/** Full-width folded and lower-cased, the form rules match against. */
export function matchForm(text: string): string {
  const folded = foldFullWidth(text);
  return CASED.test(folded) ? folded.toLowerCase() : folded;
}

let units: Uint16Array | undefined;
let preimages: { starts: Int32Array; units: Uint16Array } | undefined;

/**
 * The match form one UTF-16 unit at a time: `matchUnits()[c]` is the unit {@link matchForm} makes
 * of unit `c` (full-width folded, then lower-cased). A scan can then read a cell as the rules see
 * it without making a lower-case copy of it. Where lower-casing takes the context or changes the
 * length (a final Σ, İ, letters outside the BMP) the unit is kept as written. Built on first use.
 *
 * @example
 * const fold = matchUnits();
 * String.fromCharCode(fold["Ｑ".charCodeAt(0)]) // "q"
 */
export function matchUnits(): Uint16Array {
  if (units) return units;
  const table = new Uint16Array(65_536);
  for (let c = 0; c < 65_536; c++) table[c] = c;
  // Only the units CASED names can have a lower-case form.
  for (const [from, to] of CASED_RANGES) {
    for (let c = from; c <= to; c++) {
      const lower = String.fromCharCode(c).toLowerCase();
      if (lower.length === 1) table[c] = lower.charCodeAt(0);
    }
  }
  for (let c = 0xff01; c <= 0xff5e; c++) table[c] = table[c - 0xfee0] as number;
  table[0x3000] = 32;
  units = table;
  return table;
}

/**
 * The units {@link matchUnits} folds to each unit: those folding to `u` are
 * `units[starts[u]] … units[starts[u + 1] - 1]`, in order. A table keyed by the units as read can
 * then be filled for a few folded units without going through all 65,536. Built on first use.
 *
 * @example
 * const { starts, units } = matchPreimages();
 * units.subarray(starts[113], starts[114]) // "Q", "q", "Ｑ", "ｑ" as units
 */
export function matchPreimages(): { starts: Int32Array; units: Uint16Array } {
  if (preimages) return preimages;
  const fold = matchUnits();
  const starts = new Int32Array(65_537);
  for (let c = 0; c < 65_536; c++)
    starts[(fold[c] as number) + 1] = (starts[(fold[c] as number) + 1] as number) + 1;
  for (let u = 0; u < 65_536; u++) starts[u + 1] = (starts[u + 1] as number) + (starts[u] as number);
  const next = starts.slice(0, 65_536);
  const raw = new Uint16Array(65_536);
  for (let c = 0; c < 65_536; c++) {
    const u = fold[c] as number;
    raw[next[u] as number] = c;
    next[u] = (next[u] as number) + 1;
  }
  preimages = { starts, units: raw };
  return preimages;
}

/**
 * How many of `rows` there are up to the last one holding a non-empty cell (outside the columns
 * in `skip`). A range far larger than the data (`A1:P` on a sheet of 1,000,000 rows) costs only
 * the rows that hold data: what follows the last of them is not graded.
 *
 * @example
 * filledRowCount([["张三"], [""], ["李四"], [""], [null]]) // 3
 */
export function filledRowCount(rows: readonly (readonly CellValue[])[], skip?: ReadonlySet<number>): number {
  for (let end = rows.length; end > 0; end--) {
    const row = rows[end - 1] ?? [];
    for (let c = 0; c < row.length; c++) if (!skip?.has(c) && !isEmptyCell(row[c])) return end;
  }
  return 0;
}
