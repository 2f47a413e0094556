/**
 * Reads an amount of money as a plain number. Accepts what sales sheets hold: `50000`, `¥50,000`,
 * `￥5万`, `1.2万元`, `5w`, `$8k`, `1.5M`, `2亿`, `RMB 30,000`, a range `5-10万` or `50k-100k` (read as
 * its lower bound, the amount the lead has actually committed to), and an approximate or
 * at-least amount (`约5万`, `5万左右`, `~8k`, `5万以上`) as that amount. "面议", "待定", "TBD": no amount
 * yet, like an empty cell. Currency is not converted.
 */
import { type CellValue, foldFullWidth, INVALID, type Parsed } from "./cell";

const UNIT: Record<string, number> = {
  "": 1,
  k: 1_000,
  千: 1_000,
  w: 10_000,
  万: 10_000,
  m: 1_000_000,
  百万: 1_000_000,
  亿: 100_000_000,
};

const PLAIN_NUMBER = /^-?\d+(?:\.\d+)?$/;
const AMOUNT =
  /^(-?\d+(?:\.\d+)?)\s*(k|千|w|万|m|百万|亿)?(?:\s*[-~至到]\s*(\d+(?:\.\d+)?)\s*(k|千|w|万|m|百万|亿)?)?$/i;
/** "About", "around", "at least": the amount is read as written. ("以内", up to, is not: it is a ceiling.) */
const APPROXIMATE = /^(?:约|大约|大概|预计|~|≈|about|around|approx\.?)|(?:左右|上下|以上|起|\+)$/g;
/** Words for "no amount yet". */
const NO_AMOUNT = new Set(["面议", "待定", "未定", "不详", "未知", "tbd", "n/a", "na", "negotiable"]);
const CURRENCY_WORDS = /^(?:rmb|cny|usd|us\$|eur|hk\$|人民币)|(?:rmb|cny|usd|eur|元|块|人民币)$/gi;

/**
 * @example
 * parseMoney("1.2万") // 12000
 * parseMoney("$8k") // 8000
 * parseMoney("a lot") // INVALID
 */
export function parseMoney(cell: CellValue): Parsed<number> {
  if (cell === null || cell === undefined || cell === "") return undefined;
  if (typeof cell === "number") return Number.isFinite(cell) ? cell : INVALID;
  if (typeof cell !== "string") return INVALID;
  // A plain number as a CSV gives it ("50000"): no currency, unit or separators to work out.
  if (PLAIN_NUMBER.test(cell)) return Math.round(Number(cell) * 100) / 100;
  let text = foldFullWidth(cell.trim()).toLowerCase();
  if (text === "") return undefined;
  if (NO_AMOUNT.has(text)) return undefined;
  text = text
    .replace(/[¥￥$€£,\s]/g, "")
    .replace(APPROXIMATE, "")
    .replace(CURRENCY_WORDS, "");
  const m = AMOUNT.exec(text);
  if (!m) return INVALID;
  // "10-20万": the unit after the range is both ends'.
  const unit = UNIT[(m[2] ?? m[4] ?? "").toLowerCase()] ?? 1;
  const value = Number(m[1]) * unit;
  return Number.isFinite(value) ? Math.round(value * 100) / 100 : INVALID;
}

/**
 * Reads a plain count or number (`12`, `"12"`, `"1,200"`, `"3次"`, `"3单"`).
 *
 * @example
 * parseCount("3次") // 3
 */
export function parseCount(cell: CellValue): Parsed<number> {
  if (cell === null || cell === undefined || cell === "") return undefined;
  if (typeof cell === "number") return Number.isFinite(cell) ? cell : INVALID;
  if (typeof cell !== "string") return INVALID;
  if (PLAIN_NUMBER.test(cell)) return Number(cell);
  const text = foldFullWidth(cell.trim())
    .replace(/,/g, "")
    .replace(/\s*[次单笔个件]$/, "");
  if (text === "") return undefined;
  if (!PLAIN_NUMBER.test(text)) return INVALID;
  return Number(text);
}
