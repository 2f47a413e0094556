/**
 * How well the grading works (seeds 002/003/004): conversion per grade and per source (won out of
 * closed, with the counts so small samples show), the funnel by sales stage, the lifecycle and RFM
 * mix, response time from creation to first contact per owner (median and 90th percentile), overdue
 * leads per owner, and whether grades convert in order — a lower grade converting better than a
 * higher one is flagged only when Fisher's exact test says it is unlikely to be chance, with how
 * sure; a grade or source with too few closed leads says so instead of a rate. Pure numbers: every
 * door draws them its own way.
 */

import { localText } from "../../explain/formatWhy";
import type { Field } from "../../model/fields";
import type { LocalText, RuleSet } from "../../model/schema";
import type { PassResult, Table } from "../../pass/runPass";
import { type LeadColumns, readColumns } from "../../read/readColumns";
import { cellText } from "../../text/cell";
import { civilDayFromIso, type ZoneOffset, zoneClock } from "../../text/civilDay";
import type { DateOrder } from "../../text/parseDateCell";
import { compilePhrase, findPhrase } from "../../text/phrases";
import { fisherGreater } from "./fisherExact";

export interface Conversion {
  key: string;
  /** The preset's name for a source in both languages, where it has one. */
  names?: LocalText;
  won: number;
  lost: number;
  /** won / (won + lost); null when nothing is closed yet. */
  rate: number | null;
  /** Fewer than `minClosed` closed leads: the rate is shown as "too few to tell". */
  tooFew: boolean;
}

export interface ResponseTime {
  owner: string;
  leads: number;
  medianDays: number;
  p90Days: number;
}

export interface Inversion {
  higher: string;
  lower: string;
  higherRate: number;
  lowerRate: number;
  /** How likely so large a difference is by chance (Fisher's exact test, one-sided). */
  p: number;
}

export interface Report {
  asOf: string;
  leads: number;
  byGrade: Conversion[];
  bySource: Conversion[];
  funnel: { stage: string; leads: number }[];
  lifecycle: Record<string, number>;
  rfm: Record<string, number>;
  /** Null when the sheet has no first-contact column. */
  responseTime: { overall: Omit<ResponseTime, "owner"> | null; byOwner: ResponseTime[] } | null;
  overdueByOwner: Record<string, number>;
  /**
   * Grades that convert worse than the grade below them, significantly (Fisher's exact test,
   * p < 0.05, each side with at least `minClosed` closed leads).
   */
  inversions: Inversion[];
  minClosed: number;
}

/** Closed leads a grade or source needs before its rate is shown or compared. */
const MIN_CLOSED = 10;
/** The chance below which a lower grade converting better is called an inversion. */
const SIGNIFICANCE = 0.05;

function conversion(key: string, won: number, lost: number, names?: LocalText): Conversion {
  return {
    key,
    ...(names === undefined ? {} : { names }),
    won,
    lost,
    rate: won + lost === 0 ? null : won / (won + lost),
    tooFew: won + lost < MIN_CLOSED,
  };
}

/** The value at quantile q (0–1) of sorted numbers, by nearest rank. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.max(1, Math.ceil(q * sorted.length));
  return sorted[rank - 1] as number;
}

/**
 * @example
 * const report = buildReport(table, rules, runPass(table, rules, { asOf }));
 * report.byGrade // [{ key: "A", won: 12, lost: 3, rate: 0.8 }, …]
 */
export function buildReport(
  table: Table,
  rules: RuleSet,
  result: PassResult,
  zoneOffset?: ZoneOffset,
): Report {
  const cols = reportColumns(table, rules, result, zoneOffset);
  const counts = countRows(result, cols, rules);
  const byGrade = [...counts.grade].map(([k, v]) => conversion(k, v.won, v.lost));
  const namesOf = new Map(rules.sources.entries.map((e) => [localText(e.name, "zh"), e.name]));
  return {
    asOf: result.asOf,
    leads: result.summary.leads,
    byGrade,
    bySource: [...counts.source]
      .map(([k, v]) => conversion(k, v.won, v.lost, namesOf.get(k)))
      .sort((a, b) => b.won + b.lost - (a.won + a.lost)),
    funnel: [...counts.funnel].map(([stage, leads]) => ({ stage, leads })).sort((a, b) => b.leads - a.leads),
    lifecycle: { ...result.summary.byStage },
    rfm: counts.rfm,
    responseTime:
      result.columns.firstContact === undefined || result.columns.created === undefined
        ? null
        : responseTimes(counts.gaps),
    overdueByOwner: { ...result.summary.overdueByOwner },
    inversions: gradeInversions(byGrade),
    minClosed: MIN_CLOSED,
  };
}

/** The sheet read again with the columns and date orders the pass settled (not found again). */
function reportColumns(
  table: Table,
  rules: RuleSet,
  result: PassResult,
  zoneOffset?: ZoneOffset,
): LeadColumns {
  const columns = result.columns;
  const orders: Partial<Record<Field, DateOrder>> = {};
  for (const issue of result.issues)
    if (issue.code === "date_order_inferred" && issue.field && issue.order) orders[issue.field] = issue.order;
  const clock = zoneClock(rules.timeZone, zoneOffset);
  return readColumns(table.rows, columns, clock, civilDayFromIso(result.asOf) ?? 0, undefined, {
    ...Object.fromEntries(Object.keys(columns).map((f) => [f, rules.dateOrder])),
    ...orders,
  });
}

/**
 * A row's source as the report groups it: the rules' source it matches, else its text as first
 * written ("Google" and "google", and ＧＯＯＧＬＥ, are one source).
 */
function sourceNamer(rules: RuleSet, cols: LeadColumns): (row: number) => string {
  const sourceNames = rules.sources.entries.map((e) => ({
    name: localText(e.name, "zh"),
    phrases: e.match.map(compilePhrase),
  }));
  const shownAs = new Map<string, string>();
  return (row) => {
    const text = cols.match.source?.[row];
    if (text === undefined) return "—";
    const named = sourceNames.find((s) => s.phrases.some((p) => findPhrase(text, p) >= 0))?.name;
    if (named !== undefined) return named;
    let shown = shownAs.get(text);
    if (shown === undefined) {
      shown = cellText(cols.text.source?.[row]);
      shownAs.set(text, shown);
    }
    return shown;
  };
}

type WonLost = { won: number; lost: number };

/** One walk over the leads: won and lost per grade and source, the funnel, RFM, response gaps. */
function countRows(result: PassResult, cols: LeadColumns, rules: RuleSet) {
  const grade = new Map<string, WonLost>(rules.grades.map((g) => [g.grade, { won: 0, lost: 0 }]));
  const source = new Map<string, WonLost>();
  const funnel = new Map<string, number>();
  const rfm: Record<string, number> = {};
  /** Per owner, days from creation to first contact. */
  const gaps = new Map<string, number[]>();
  const sourceOf = sourceNamer(rules, cols);
  result.rows.forEach((row, i) => {
    if (row.blank) return;
    const stage = cols.text.stage?.[i];
    if (stage !== undefined) funnel.set(stage, (funnel.get(stage) ?? 0) + 1);
    if (row.rfm) rfm[row.rfm.segment] = (rfm[row.rfm.segment] ?? 0) + 1;
    const created = cols.days.created?.[i] ?? Number.NaN;
    const first = cols.days.firstContact?.[i] ?? Number.NaN;
    if (!Number.isNaN(created) && !Number.isNaN(first) && first >= created) {
      const owner = row.owner || "—";
      const list = gaps.get(owner);
      if (list) list.push(first - created);
      else gaps.set(owner, [first - created]);
    }
    if (row.outcome === null) return;
    // Conversion by the grade the rules give (a hand-set grade would measure the rep, not the rules).
    const key = sourceOf(i);
    const s = source.get(key) ?? { won: 0, lost: 0 };
    source.set(key, s);
    for (const counted of [grade.get(row.computedGrade ?? ""), s])
      if (counted) counted[row.outcome === "won" ? "won" : "lost"]++;
  });
  return { grade, source, funnel, rfm, gaps };
}

/** Each grade that converts significantly better than the grade above it. */
function gradeInversions(byGrade: readonly Conversion[]): Inversion[] {
  const inversions: Inversion[] = [];
  for (let i = 0; i + 1 < byGrade.length; i++) {
    const higher = byGrade[i] as Conversion;
    const lower = byGrade[i + 1] as Conversion;
    if (higher.tooFew || lower.tooFew || (lower.rate ?? 0) <= (higher.rate ?? 0)) continue;
    const p = fisherGreater(higher.won, higher.lost, lower.won, lower.lost);
    if (p < SIGNIFICANCE)
      inversions.push({
        higher: higher.key,
        lower: lower.key,
        higherRate: higher.rate ?? 0,
        lowerRate: lower.rate ?? 0,
        p,
      });
  }
  return inversions;
}

/** Median and 90th percentile of the days to first contact, overall and per owner. */
function responseTimes(gaps: ReadonlyMap<string, readonly number[]>): NonNullable<Report["responseTime"]> {
  const times = (owner: string, days: readonly number[]) => {
    const sorted = [...days].sort((a, b) => a - b);
    return { owner, leads: sorted.length, medianDays: quantile(sorted, 0.5), p90Days: quantile(sorted, 0.9) };
  };
  const all = [...gaps.values()].flat();
  const { owner: _, ...overall } = times("", all);
  return {
    overall: all.length === 0 ? null : overall,
    byOwner: [...gaps].map(([o, d]) => times(o, d)).sort((a, b) => a.owner.localeCompare(b.owner)),
  };
}
