/**
 * Reads a date cell into a civil day. Sheets hands over `Date` objects (instants, read in the rule
 * set's time zone); exports hand over text (`2026-11-01`, `2026/11/01`, `2026.11.01`,
 * `2026年11月1日`, each with or without a time, or ISO with an offset), spreadsheet serial numbers
 * (`46327`) or compact numbers (`20261101`). Text with the year last (`11/20/2026` from a US
 * export, `20.11.2026`) is read only in the order the rule set names: `01/02/2026` is a different
 * day in each, and guessing would misdate a lead silently.
 */

import { type CellValue, foldFullWidth, INVALID, isDate, type Parsed } from "./cell";
import { type CivilDay, civilDayFromYmd, type ZoneClock } from "./civilDay";

const DATE_TEXT =
  /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?(?:[\sT]+(\d{1,2})[:：时](\d{1,2})(?:[:：分](\d{1,2}(?:\.\d+)?))?秒?\s*(Z|[+-]\d{2}:?\d{2})?)?$/i;

/**
 * Year, month, day as a rule set says text dates with the year last are written: "ymd" reads
 * none of them (only dates that start with the year); "mdy" 11/20/2026; "dmy" 20/11/2026.
 */
export const DATE_ORDERS = ["ymd", "mdy", "dmy"] as const;
export type DateOrder = (typeof DATE_ORDERS)[number];

/** A date with the year last (day and month in either order), with or without a time. */
const YEAR_LAST_TEXT =
  /^(\d{1,2})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{4})(?:[\sT]+(\d{1,2}):(\d{2})(?::\d{2}(?:\.\d+)?)?(?:\s*([ap])\.?m\.?)?)?$/i;

/**
 * Whether text is a date with the year last (11/20/2026): what a rule set reading only dates that
 * start with the year is to say about it.
 */
export function isYearLastDate(text: string): boolean {
  return YEAR_LAST_TEXT.test(foldFullWidth(text.trim()));
}

/**
 * A date of three numbers with a two-digit year (`20-10-16`, `16/10/20`): year first or last, as
 * the column's values or the rule set's `dateOrder` say. Years 00–29 are 2000–2029, 30–99
 * 1930–1999, as Excel reads them.
 */
const TWO_DIGIT_TEXT =
  /^(\d{1,2})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})(?:[\sT]+(\d{1,2}):(\d{2})(?::\d{2}(?:\.\d+)?)?)?$/;

/** Whether text is a date with a two-digit year (20-10-16). */
export function isTwoDigitYearDate(text: string): boolean {
  const m = TWO_DIGIT_TEXT.exec(foldFullWidth(text.trim()));
  return m !== null && fittingOrders(m).length > 0;
}

/**
 * The orders a date of three numbers can be read in: year first needs two digits first, year
 * last two (or four) digits last, and each needs a month of 1–12 and a day of 1–31.
 */
function fittingOrders(m: RegExpExecArray): DateOrder[] {
  const [a, b, c] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const [first, last] = [(m[1] ?? "").length, (m[3] ?? "").length];
  const fits: DateOrder[] = [];
  if (first === 2 && last <= 2 && b >= 1 && b <= 12 && c >= 1 && c <= 31) fits.push("ymd");
  if (last !== 1 && a >= 1 && a <= 12 && b >= 1 && b <= 31) fits.push("mdy");
  if (last !== 1 && a >= 1 && a <= 31 && b >= 1 && b <= 12) fits.push("dmy");
  return fits;
}

/**
 * The order a column's dates must be read in when its own values leave no doubt: dates with the
 * year last (a first number above 12, as in 20/10/2016, can only be a day, a second one, as in
 * 10/20/2016, only a day too), and dates with a two-digit year (99-10-16 can only start with the
 * year). `undefined` when no value tells, or when values say different things (a mixed column).
 *
 * @example
 * inferDateOrder(["10/20/2016", "3/1/2017"]) // "mdy"
 * inferDateOrder(["01/02/2026"]) // undefined: either order fits
 * inferDateOrder(["99-10-16", "20-10-16"]) // "ymd"
 */
export function inferDateOrder(cells: readonly CellValue[]): DateOrder | undefined {
  let left = new Set<DateOrder>(DATE_ORDERS);
  let seen = false;
  for (const cell of cells) {
    if (typeof cell !== "string") continue;
    const text = foldFullWidth(cell.trim());
    const m = YEAR_LAST_TEXT.exec(text) ?? TWO_DIGIT_TEXT.exec(text);
    if (!m) continue;
    const fits = fittingOrders(m);
    left = new Set([...left].filter((o) => fits.includes(o)));
    seen = true;
  }
  return seen && left.size === 1 ? [...left][0] : undefined;
}

/** Spreadsheet serial day 25569 is 1970-01-01 (both Sheets and Excel count from 1899-12-30). */
const SERIAL_EPOCH = 25_569;

/**
 * The civil day a date cell names, `undefined` for an empty cell, or `INVALID`.
 *
 * @example
 * parseDateCell("2026年11月1日", zoneClock("Asia/Shanghai")) // civil day of 2026-11-01
 * parseDateCell("next week", clock) // INVALID
 */
export function parseDateCell(cell: CellValue, clock: ZoneClock, order: DateOrder = "ymd"): Parsed<CivilDay> {
  const day = anyDay(cell, clock, order);
  // 9999-12-31 or a phone number read as a date is no day a lead was touched or is due.
  return typeof day === "number" && (day < FIRST_PLAUSIBLE_DAY || day > LAST_PLAUSIBLE_DAY) ? INVALID : day;
}

/** Days between 1900-01-01 and 2199-12-31: any other is not plausibly a lead's date. */
const FIRST_PLAUSIBLE_DAY = -25_567;
const LAST_PLAUSIBLE_DAY = 84_005;

function anyDay(cell: CellValue, clock: ZoneClock, order: DateOrder): Parsed<CivilDay> {
  if (cell === null || cell === undefined || cell === "") return undefined;
  if (isDate(cell)) {
    const ms = cell.getTime();
    // Far outside the plausible days, the zone's offset is not asked: at Date's limits (year
    // 275760) the runtime cannot tell it, and the day would be refused anyway.
    const utcDay = ms / 86_400_000;
    if (Number.isNaN(ms) || utcDay < FIRST_PLAUSIBLE_DAY - 2 || utcDay > LAST_PLAUSIBLE_DAY + 2)
      return INVALID;
    return clock.dayOf(ms);
  }
  if (typeof cell === "number") return dayFromNumber(cell);
  if (typeof cell !== "string") return INVALID;
  const text = cell.trim();
  if (text === "") return undefined;
  // 上午/下午 (a.m./p.m.) do not change the day of a wall-clock time.
  const folded = (text.length > 40 ? text : foldFullWidth(text)).replace(/\s*[上下]午\s*/, " ").trim();
  const m = DATE_TEXT.exec(folded);
  if (!m) {
    if (/^\d+(\.\d+)?$/.test(text)) return dayFromNumber(Number(text));
    const named = monthNameDay(folded);
    if (named !== undefined) return named;
    const two = TWO_DIGIT_TEXT.exec(folded);
    if (two) return twoDigitYearDay(two, order);
    return order === "ymd" ? INVALID : yearLastDay(folded, order);
  }
  const day = civilDayFromYmd(Number(m[1]), Number(m[2]), Number(m[3]));
  if (day === undefined) return INVALID;
  const hour = m[4] === undefined ? 0 : Number(m[4]);
  const minute = m[5] === undefined ? 0 : Number(m[5]);
  if (hour > 23 || minute > 59) return INVALID;
  const zone = m[7];
  if (zone === undefined) return day; // wall-clock time in the sheet's zone: the date part is the day
  // An explicit offset names an instant; read it on the rule set's calendar.
  const offsetMinutes = zone.toUpperCase() === "Z" ? 0 : zoneOffsetMinutes(zone);
  const seconds = m[6] === undefined ? 0 : Number(m[6]);
  const ms = day * 86_400_000 + ((hour * 60 + minute - offsetMinutes) * 60 + seconds) * 1000;
  return clock.dayOf(ms);
}

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const TIME = String.raw`(?:[\sT,]+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:[ap]\.?m\.?)?)?`;
/** "15 Apr, 2021 00:03:00" (Zoho), "15-Apr-2021", "15 April 2021". */
const DAY_MONTH_YEAR = new RegExp(String.raw`^(\d{1,2})[\s-]+([a-z]{3,9})\.?,?[\s-]+(\d{4})${TIME}$`, "i");
/** "Apr 15, 2021", "April 15th 2021 3:05 pm". */
const MONTH_DAY_YEAR = new RegExp(
  String.raw`^([a-z]{3,9})\.?[\s-]+(\d{1,2})(?:st|nd|rd|th)?,?[\s-]+(\d{4})${TIME}$`,
  "i",
);

/** A date with the month written as a word (English), which no order setting is needed for. */
function monthNameDay(text: string): CivilDay | typeof INVALID | undefined {
  const dmy = DAY_MONTH_YEAR.exec(text);
  const mdy = dmy ? undefined : MONTH_DAY_YEAR.exec(text);
  if (!dmy && !mdy) return undefined;
  const [dayText, monthText, yearText] = dmy ? [dmy[1], dmy[2], dmy[3]] : [mdy?.[2], mdy?.[1], mdy?.[3]];
  const name = (monthText ?? "").toLowerCase();
  const month = MONTHS.findIndex((m) => name.startsWith(m) && (name.length === 3 || FULL_MONTH.test(name)));
  if (month < 0) return INVALID;
  return civilDayFromYmd(Number(yearText), month + 1, Number(dayText)) ?? INVALID;
}

const FULL_MONTH =
  /^(january|february|march|april|may|june|july|august|september|october|november|december|sept)$/;

/** A date with a two-digit year, in the order given: "ymd" reads the year first (20-10-16). */
function twoDigitYearDay(m: RegExpExecArray, order: DateOrder): Parsed<CivilDay> {
  if (!fittingOrders(m).includes(order)) return INVALID;
  const [a, b, c] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const [yy, month, day] = order === "ymd" ? [a, b, c] : order === "mdy" ? [c, a, b] : [c, b, a];
  const found = civilDayFromYmd(yy < 30 ? 2000 + yy : 1900 + yy, month, day);
  if (found === undefined) return INVALID;
  if (m[4] !== undefined && (Number(m[4]) > 23 || Number(m[5]) > 59)) return INVALID;
  return found;
}

/** A date with the year last, in the order given; its time, if any, must be a time of day. */
function yearLastDay(text: string, order: "mdy" | "dmy"): Parsed<CivilDay> {
  const m = YEAR_LAST_TEXT.exec(text);
  if (!m) return INVALID;
  const [first, second] = [Number(m[1]), Number(m[2])];
  const day =
    order === "mdy"
      ? civilDayFromYmd(Number(m[3]), first, second)
      : civilDayFromYmd(Number(m[3]), second, first);
  if (day === undefined) return INVALID;
  const hour = m[4] === undefined ? 0 : Number(m[4]);
  const meridiem = m[6];
  if (meridiem === undefined ? hour > 23 : hour < 1 || hour > 12) return INVALID;
  if (m[5] !== undefined && Number(m[5]) > 59) return INVALID;
  return day;
}

function zoneOffsetMinutes(zone: string): number {
  const sign = zone[0] === "-" ? -1 : 1;
  const digits = zone.slice(1).replace(":", "");
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4)));
}

function dayFromNumber(n: number): Parsed<CivilDay> {
  if (!Number.isFinite(n)) return INVALID;
  if (Number.isInteger(n) && n >= 19_000_101 && n <= 29_991_231) {
    // Compact yyyymmdd, common in Chinese CRM exports.
    return civilDayFromYmd(Math.floor(n / 10_000), Math.floor(n / 100) % 100, n % 100) ?? INVALID;
  }
  // Serial days between 1954 and 2119; anything else is not plausibly a date.
  if (n >= 20_000 && n < 80_000) return Math.floor(n) - SERIAL_EPOCH;
  return INVALID;
}
