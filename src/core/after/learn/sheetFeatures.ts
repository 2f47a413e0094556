/**
 * What a sheet's own columns can tell about winning, whatever they are called: each column is
 * looked at among the closed leads and becomes a category (its common values), a number (in
 * quantile bins) or is left out, with the reason — an identifier (a different value on nearly every
 * row), free text, the outcome itself, a column filled only once a lead is closed, one LeadGrade
 * or the owner fills, or one with nothing to tell (empty, one value).
 */

import type { Field } from "../../model/fields";
import { daysSinceCells, type Table } from "../../pass/runPass";
import { type CellValue, cellText, matchForm } from "../../text/cell";
import type { CivilDay, ZoneClock } from "../../text/civilDay";
import { DATE_ORDERS, type DateOrder, parseDateCell } from "../../text/parseDateCell";
import { plainNumber } from "../../text/plainNumber";

/** A column the model reads. */
export interface SheetColumn {
  header: string;
  index: number;
  kind: "category" | "number";
  /** A number column of days since a date column's dates (see daysSinceCells). */
  daysSince?: boolean;
  /** Not a column: whether the notes hold this buying signal (its id in the rules), level 0 "yes". */
  signal?: string;
  /** category: the values kept (as written, most common first). */
  levels: string[];
  /** number: the bins' edges, ascending; bin k holds values from edges[k-1] up to edges[k]. */
  edges: number[];
}

export type LeftOutReason =
  | "identifier"
  | "free_text"
  | "outcome"
  | "after_outcome"
  | "not_lead_quality"
  | "no_information"
  | "over_limit";

/** How a date column becomes days since its dates: the pass's clock, day and order. */
export interface DateReading {
  clock: ZoneClock;
  asOf: CivilDay;
  order: DateOrder;
}

export interface LeftOut {
  header: string;
  reason: LeftOutReason;
}

/** Fields never read as lead quality: who the lead is, who owns it, how it ended, what a person set by hand. */
const NOT_FEATURES: readonly Field[] = [
  "name",
  "company",
  "email",
  "phone",
  "owner",
  "status",
  "stage",
  "converted",
  "override",
  "overrideReason",
  "notes",
];
const OUTCOME_FIELDS: readonly Field[] = ["status", "stage", "converted"];

/** Kept values of a category: the most common, each on at least this many closed leads. */
const MAX_LEVELS = 30;
const MIN_LEVEL_COUNT = 5;
const BINS = 5;
/**
 * At most this many features (values and bins) are learned from at once: the fit's cost grows
 * with their cube (400 take a second on 100,000 leads; 1,200 would take minutes).
 */
const MAX_FEATURES = 400;

const textOf = (cell: CellValue | undefined) => cellText(cell ?? "").trim();

/**
 * @param closed the rows (0-based) of leads won or lost: what the columns are judged on.
 * @param open the rows of leads still open: a column filled on closed leads and nearly never on
 *   open ones was filled once the lead closed (a close date, a lost reason).
 */
export function discoverColumns(
  table: Table,
  columns: Partial<Record<Field, number>>,
  closed: readonly number[],
  open: readonly number[],
  dates: DateReading,
): { used: SheetColumn[]; leftOut: LeftOut[] } {
  const byField = new Map<number, Field>(Object.entries(columns).map(([f, i]) => [i as number, f as Field]));
  const used: SheetColumn[] = [];
  const leftOut: LeftOut[] = [];
  let features = 0;
  for (let index = 0; index < table.header.length; index++) {
    const header = textOf(table.header[index]);
    if (header === "") continue;
    const field = byField.get(index);
    if (field !== undefined && NOT_FEATURES.includes(field)) {
      leftOut.push({ header, reason: OUTCOME_FIELDS.includes(field) ? "outcome" : "not_lead_quality" });
      continue;
    }
    const values = closed.map((r) => textOf(table.rows[r]?.[index]));
    // Below 20 open leads, whether a column waits for the close cannot be told.
    const openFilled =
      open.length < 20 ? 1 : open.filter((r) => textOf(table.rows[r]?.[index]) !== "").length / open.length;
    const judged = judgeColumn(header, index, values, openFilled, dates);
    if (typeof judged === "string") leftOut.push({ header, reason: judged });
    else if (features + featureCount(judged) > MAX_FEATURES) leftOut.push({ header, reason: "over_limit" });
    else {
      used.push(judged);
      features += featureCount(judged);
    }
  }
  return { used, leftOut };
}

/**
 * What one column is, from its values on the closed leads (`openFilled`: the share of open leads
 * that have a value): a category, a number in bins, or why it is left out.
 */
function judgeColumn(
  header: string,
  index: number,
  values: readonly string[],
  openFilled: number,
  dates: DateReading,
): SheetColumn | LeftOutReason {
  const filled = values.filter((v) => v !== "");
  if (filled.length < MIN_LEVEL_COUNT * 2) return "no_information";
  if (filled.length / values.length > 0.5 && openFilled < 0.05) return "after_outcome";
  // Dates (a created time, an engage date) are read as days since, in bins like any number.
  const sample = filled.slice(0, 200);
  const isDate = (v: string) =>
    Number.isNaN(plainNumber(v)) &&
    DATE_ORDERS.some((order) => typeof parseDateCell(v, dates.clock, order) === "number");
  if (sample.filter(isDate).length >= 0.8 * sample.length) {
    const days = daysSinceCells(filled, dates.clock, dates.asOf, dates.order)
      .map(plainNumber)
      .filter((n) => !Number.isNaN(n));
    const edges = quantileEdges(days);
    return edges.length === 0
      ? "no_information"
      : { header, index, kind: "number", daysSince: true, levels: [], edges };
  }
  const readable = filled.map(plainNumber).filter((n) => !Number.isNaN(n));
  if (readable.length >= 0.9 * filled.length) {
    // Whole numbers that nearly never repeat are numbers of records (Lead Number), not amounts.
    if (readable.every(Number.isInteger) && new Set(readable).size > 0.95 * readable.length)
      return "identifier";
    const edges = quantileEdges(readable);
    return edges.length === 0 ? "no_information" : { header, index, kind: "number", levels: [], edges };
  }
  const counts = new Map<string, { shown: string; n: number }>();
  for (const v of filled) {
    const key = matchForm(v);
    const known = counts.get(key);
    if (known) known.n++;
    else counts.set(key, { shown: v, n: 1 });
  }
  if (counts.size > 0.5 * filled.length && counts.size > MAX_LEVELS) {
    // Words with spaces between them are text people wrote; a code without spaces (a UUID) an identifier.
    return filled.filter((v) => /\s/.test(v)).length > 0.5 * filled.length ? "free_text" : "identifier";
  }
  const levels = [...counts.values()]
    .filter((c) => c.n >= MIN_LEVEL_COUNT)
    .sort((a, b) => b.n - a.n)
    .slice(0, MAX_LEVELS)
    .map((c) => c.shown);
  // One value tells something only against empty cells.
  if (levels.length < 2 && !(levels.length === 1 && filled.length < values.length)) return "no_information";
  return { header, index, kind: "category", levels, edges: [] };
}

/** Inner edges of up to BINS bins of about equal counts; none when the values are all alike. */
function quantileEdges(values: number[]): number[] {
  const sorted = Float64Array.from(values).sort();
  const edges: number[] = [];
  for (let k = 1; k < BINS; k++) {
    const edge = sorted[Math.floor((k * sorted.length) / BINS)] as number;
    if (edge > (sorted[0] as number) && !edges.includes(edge)) edges.push(edge);
  }
  return edges;
}

/**
 * The feature a cell gives: a kept value of a category, or a number's bin (0 … edges.length);
 * undefined for an empty cell, a rare value or text in a number column.
 */
export function featureOf(column: SheetColumn, cell: CellValue | undefined): number | undefined {
  const text = textOf(cell);
  if (text === "") return undefined;
  if (column.kind === "number") {
    const n = plainNumber(text);
    if (Number.isNaN(n)) return undefined;
    let bin = 0;
    while (bin < column.edges.length && n >= (column.edges[bin] as number)) bin++;
    return bin;
  }
  return levelsOf(column).get(matchForm(text));
}

/** A category's values in match form → their feature number, made once per column. */
const LEVELS = new WeakMap<SheetColumn, Map<string, number>>();
function levelsOf(column: SheetColumn): Map<string, number> {
  let levels = LEVELS.get(column);
  if (levels === undefined) {
    levels = new Map();
    for (const [k, level] of column.levels.entries())
      if (!levels.has(matchForm(level))) levels.set(matchForm(level), k);
    LEVELS.set(column, levels);
  }
  return levels;
}

/** How many features a column gives. */
export function featureCount(column: SheetColumn): number {
  return column.kind === "number" ? column.edges.length + 1 : column.levels.length;
}
