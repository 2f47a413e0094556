/**
 * Turns one row of cells into a {@link Lead}: typed values for the fields the rules use, the text
 * a person sees, and an issue for every cell that could not be read. It never throws; an
 * unreadable cell leaves its field empty and the lead is graded on what is valid.
 */
import type { ColumnMap } from "../columns/findColumns";
import { type CivilDay, isoFromCivilDay, type ZoneClock } from "../dates/civilDay";
import { FIELD_KIND, type Field } from "../fields";
import { type CellValue, cellText, foldFullWidth, INVALID, isEmptyCell } from "./cell";
import { parseDateCell } from "./parseDateCell";
import { type Intent, parseIntent } from "./parseIntent";
import { parseCount, parseMoney } from "./parseMoney";

export interface RowIssue {
  code:
    | "bad_date"
    | "bad_number"
    | "bad_money"
    | "bad_intent"
    | "bad_override"
    | "future_date"
    | "negative_number";
  field: Field;
}

export interface Lead {
  /** True when every mapped cell is empty: such rows get empty results, not grades. */
  blank: boolean;
  /** What the sheet shows, trimmed, for each present field (used in "why" and digests). */
  text: Partial<Record<Field, string>>;
  /** Lower-case, width-folded text for matching rules. */
  match: Partial<Record<Field, string>>;
  numbers: Partial<Record<Field, number>>;
  days: Partial<Record<Field, CivilDay>>;
  intent: Intent | undefined;
  issues: RowIssue[];
}

type Entry = [Field, number];

/**
 * @example
 * readLead(["张三", "高", "2026/11/01"], { name: 0, intent: 1, lastContact: 2 }, zoneClock("Asia/Shanghai"), asOf)
 * // { intent: "high", days: { lastContact: <2026-11-01> }, issues: [] , … }
 */
export function readLead(
  row: readonly CellValue[],
  columns: ColumnMap,
  clock: ZoneClock,
  asOfDay: CivilDay,
): Lead {
  return readLeadWith(row, Object.entries(columns) as Entry[], clock, asOfDay);
}

/** The same, with the column entries listed once per table rather than once per row. */
export function readLeadWith(
  row: readonly CellValue[],
  entries: readonly Entry[],
  clock: ZoneClock,
  asOfDay: CivilDay,
): Lead {
  const lead: Lead = {
    blank: true,
    text: {},
    match: {},
    numbers: {},
    days: {},
    intent: undefined,
    issues: [],
  };
  for (const [field, index] of entries) {
    const cell = row[index];
    if (isEmptyCell(cell)) continue;
    lead.blank = false;
    const text = cellText(cell);
    lead.text[field] = text.length > 500 ? text.slice(0, 500) : text;
    switch (FIELD_KIND[field]) {
      case "text":
        lead.match[field] = foldFullWidth(text).toLowerCase();
        break;
      case "intent": {
        const intent = parseIntent(cell);
        if (intent === INVALID) lead.issues.push({ code: "bad_intent", field });
        else lead.intent = intent;
        break;
      }
      case "money":
      case "number": {
        const n = FIELD_KIND[field] === "money" ? parseMoney(cell) : parseCount(cell);
        if (n === INVALID)
          lead.issues.push({ code: FIELD_KIND[field] === "money" ? "bad_money" : "bad_number", field });
        else if (n !== undefined && n < 0) lead.issues.push({ code: "negative_number", field });
        else if (n !== undefined) lead.numbers[field] = n;
        break;
      }
      case "date": {
        const day = parseDateCell(cell, clock);
        if (day === INVALID) lead.issues.push({ code: "bad_date", field });
        else if (day !== undefined) {
          // A past-facing date in the future is kept as "today": recorded, not believed.
          if (day > asOfDay) lead.issues.push({ code: "future_date", field });
          lead.days[field] = Math.min(day, asOfDay);
          // A Date or serial number reads best as the day it names on the sheet's calendar.
          if (typeof cell !== "string") lead.text[field] = isoFromCivilDay(day);
        }
        break;
      }
    }
  }
  return lead;
}
