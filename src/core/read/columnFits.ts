/**
 * Whether a column's values are what its header promises. A header is a hint, not a contract:
 * `Do Not Email` (Yes/No) has the word "email" in it and `Last Activity` ("Email Opened") reads
 * like a last-contact date. A bounded sample of the column's filled cells is checked against the
 * field's kind; a column whose values mostly disagree is not used for that field.
 */

import type { Field } from "../model/fields";
import { type CellValue, cellText, INVALID, isDate } from "../text/cell";
import { type ZoneOffset, zoneClock } from "../text/civilDay";
import { isEmailAddress } from "../text/isEmailAddress";
import { parseDateCell } from "../text/parseDateCell";
import { parseCount, parseMoney } from "../text/parseMoney";
import { parseYesNo } from "../text/parseYesNo";

/** Cells looked at per column: enough to tell, bounded whatever the sheet's size. */
const SAMPLE = 60;
/** The share of sampled cells that must fit. */
const MOSTLY = 0.5;

/** UTC offsets are not needed to tell whether text is a date at all. */
const UTC_ONLY: ZoneOffset = () => 0;
const clock = zoneClock("UTC", UTC_ONLY);

const isAnyDate = (cell: CellValue): boolean =>
  isDate(cell) ||
  (["ymd", "mdy", "dmy"] as const).some((order) => typeof parseDateCell(cell, clock, order) === "number");

const isAmount = (cell: CellValue): boolean => {
  const v = parseMoney(cell);
  return v !== INVALID && v !== undefined;
};

const isCount = (cell: CellValue): boolean => {
  const v = parseCount(cell);
  return v !== INVALID && v !== undefined;
};

/** A phone number as people write them: 7 to 15 digits with the usual punctuation. */
const isPhoneLike = (cell: CellValue): boolean => {
  const text = cellText(cell).trim();
  const digits = text.replace(/\D/g, "").length;
  return digits >= 7 && digits <= 15 && /^[+\d\s().\-/–]+(?:\s*(?:ext|x|转|#)\.?\s*\d+)?$/i.test(text);
};

const isYesNo = (cell: CellValue): boolean =>
  typeof cell === "boolean" || parseYesNo(cellText(cell)) !== undefined;

const CHECKS: Partial<Record<Field, (cell: CellValue) => boolean>> = {
  email: (cell) => isEmailAddress(cellText(cell)),
  phone: isPhoneLike,
  lastContact: isAnyDate,
  firstContact: isAnyDate,
  created: isAnyDate,
  lastPurchase: isAnyDate,
  budget: isAmount,
  revenue: isAmount,
  orders: isCount,
  converted: isYesNo,
};

export interface ColumnSample {
  /** Whether most sampled cells fit the field (true for a field with no check, or an empty column). */
  fits: boolean;
  /** Filled cells sampled, and how many of them fit. */
  seen: number;
  fit: number;
  /** A few distinct values seen, for the message ("Yes/No"). */
  examples: string[];
}

/**
 * @example
 * columnFits("email", [["No"], ["Yes"]], 0) // { fits: false, examples: ["No", "Yes"] }
 */
export function columnFits(
  field: Field,
  rows: readonly (readonly CellValue[])[],
  index: number,
  share = MOSTLY,
): ColumnSample {
  const check = CHECKS[field];
  if (!check) return { fits: true, seen: 0, fit: 0, examples: [] };
  const step = Math.max(1, Math.floor(rows.length / SAMPLE));
  let seen = 0;
  let fit = 0;
  const examples = new Set<string>();
  for (let r = 0; r < rows.length && seen < SAMPLE; r += step) {
    const cell = rows[r]?.[index];
    if (cell === undefined || cell === null || cellText(cell).trim() === "") continue;
    seen++;
    if (check(cell)) fit++;
    if (examples.size < 3) examples.add(cellText(cell).trim().slice(0, 30));
  }
  return { fits: seen === 0 || fit >= seen * share, seen, fit, examples: [...examples] };
}

/** Whether a field has a value check (so a column may be found by its values alone). */
export function hasValueCheck(field: Field): boolean {
  return CHECKS[field] !== undefined;
}
