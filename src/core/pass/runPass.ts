/**
 * One pass over a table: header row + rows of cells as Sheets, a CSV or an XLSX hands them over,
 * a rule set, and an as-of date. Returns, for every row in order, the score, grade, next
 * follow-up, lifecycle stage, RFM and the trace that explains them, plus a summary. Every door —
 * formulas, the hourly job, the command line — calls this and only translates its result.
 *
 * It never throws on cell data: a cell that cannot be read is an issue on its row; a table with
 * no recognisable header is an issue on the table.
 */
import { type ColumnMap, findColumns } from "../columns/findColumns";
import { type CivilDay, civilDayFromIso, isoFromCivilDay, zoneClock } from "../dates/civilDay";
import type { Field } from "../fields";
import { type FollowUpStatus, followUpStatus, nextFollowUp, workCalendar } from "../followup/nextFollowUp";
import { type LifecycleStage, lifecycleStage } from "../lifecycle/lifecycleStage";
import type { CellValue } from "../normalise/cell";
import { type Lead, type RowIssue, readLeadWith } from "../normalise/readLead";
import { quintileScores } from "../rfm/rfmScores";
import { type RfmSegment, rfmSegment } from "../rfm/rfmSegment";
import type { GradeDef, RuleSet } from "../rules/schema";
import { compileScorer, type TraceItem } from "../scoring/compileScorer";
import { gradeFromScore, parseGradeOverride } from "../scoring/gradeFromScore";

export interface Table {
  header: readonly CellValue[];
  rows: readonly (readonly CellValue[])[];
}

export interface PassOptions {
  /** "Today": an instant (read in the rule set's zone) or a `YYYY-MM-DD` day. */
  asOf: Date | string;
}

export interface RfmResult {
  r: number;
  f: number;
  m: number;
  /** "545" style code. */
  code: string;
  segment: RfmSegment;
}

export interface LeadResult {
  /** A row whose mapped cells are all empty: every result is null. */
  blank: boolean;
  score: number | null;
  /** The grade that counts: the manual one when set, else the computed one. */
  grade: string | null;
  computedGrade: string | null;
  overridden: boolean;
  /** `YYYY-MM-DD` on the rule set's calendar; null for blank and lost leads. */
  nextFollowUp: string | null;
  followUp: FollowUpStatus | null;
  daysOverdue: number;
  stage: LifecycleStage | null;
  outcome: "won" | "lost" | null;
  rfm: RfmResult | null;
  signals: string[];
  trace: TraceItem[];
  issues: RowIssue[];
  owner: string;
}

export interface TableIssue {
  code: "no_header" | "manual_column_missing" | "bad_as_of";
  field?: Field;
  header?: string;
}

export interface PassSummary {
  leads: number;
  blank: number;
  byGrade: Record<string, number>;
  byStage: Record<string, number>;
  overdue: number;
  dueToday: number;
  overdueByOwner: Record<string, number>;
  issuesByCode: Record<string, number>;
  rowsWithIssues: number;
}

export interface PassResult {
  asOf: string;
  timeZone: string;
  columns: ColumnMap;
  /** Headers per field, for messages ("最近联系 is not a date"). */
  headers: Partial<Record<Field, string>>;
  rows: LeadResult[];
  summary: PassSummary;
  issues: TableIssue[];
}

/**
 * @example
 * const result = runPass({ header: ["客户名称", "意向", "来源"], rows: [["张三", "高", "老客户推荐"]] },
 *   standardPreset(), { asOf: "2026-11-22" });
 * result.rows[0].grade // "B"
 */
export function runPass(table: Table, rules: RuleSet, options: PassOptions): PassResult {
  const clock = zoneClock(rules.timeZone);
  const asOf =
    typeof options.asOf === "string" ? civilDayFromIso(options.asOf) : safeDay(options.asOf, clock.dayOf);
  const match = findColumns(table.header, rules.columns);
  const issues: TableIssue[] = match.missingManual.map((m) => ({
    code: "manual_column_missing",
    field: m.field,
    header: m.header,
  }));
  const headers: Partial<Record<Field, string>> = {};
  for (const [field, index] of Object.entries(match.columns) as [Field, number][])
    headers[field] = String(table.header[index] ?? "");

  if (asOf === undefined) issues.push({ code: "bad_as_of" });
  if (Object.keys(match.columns).length === 0) issues.push({ code: "no_header" });
  const usable = asOf !== undefined && Object.keys(match.columns).length > 0;
  const day = asOf ?? 0;

  const entries = Object.entries(match.columns) as [Field, number][];
  const leads: Lead[] = usable
    ? table.rows.map((row) => readLeadWith(Array.isArray(row) ? row : [], entries, clock, day))
    : table.rows.map(() => blankLead());
  const rows = gradeLeads(leads, rules, day);
  return {
    asOf: isoFromCivilDay(day),
    timeZone: rules.timeZone,
    columns: match.columns,
    headers,
    rows,
    summary: summarise(rows),
    issues,
  };
}

function safeDay(date: Date, dayOf: (d: Date) => CivilDay): CivilDay | undefined {
  return date instanceof Date && !Number.isNaN(date.getTime()) ? dayOf(date) : undefined;
}

function blankLead(): Lead {
  return { blank: true, text: {}, match: {}, numbers: {}, days: {}, intent: undefined, issues: [] };
}

function gradeLeads(leads: readonly Lead[], rules: RuleSet, asOf: CivilDay): LeadResult[] {
  const score = compileScorer(rules);
  const calendar = workCalendar(rules.followUp);
  const gradeByName = new Map<string, GradeDef>(rules.grades.map((g) => [g.grade, g]));
  const won = new Set(rules.outcomes.won.map(normaliseOutcome));
  const lost = new Set(rules.outcomes.lost.map(normaliseOutcome));
  const rfm = rfmFor(leads, asOf);

  return leads.map((lead, i): LeadResult => {
    if (lead.blank) return emptyResult(lead);
    const { score: points, trace, signals } = score(lead, asOf);
    const computed = gradeFromScore(rules.grades, points);
    const issues = lead.issues;
    const overrideText = lead.text.override;
    const manual = overrideText === undefined ? undefined : parseGradeOverride(rules.grades, overrideText);
    if (overrideText !== undefined && manual === undefined)
      issues.push({ code: "bad_override", field: "override" });
    const grade = manual ?? computed;
    const outcome = outcomeOf(lead, won, lost);
    const gradeDef = gradeByName.get(grade) as GradeDef;
    const next = outcome === "lost" ? null : nextFollowUp(lead.days, gradeDef, calendar, asOf);
    const status = next === null ? null : followUpStatus(next, asOf);
    return {
      blank: false,
      score: points,
      grade,
      computedGrade: computed,
      overridden: manual !== undefined,
      nextFollowUp: next === null ? null : isoFromCivilDay(next),
      followUp: status,
      daysOverdue: next !== null && status === "overdue" ? asOf - next : 0,
      stage: lifecycleStage(
        {
          lastPurchase: lead.days.lastPurchase,
          lastContact: lead.days.lastContact,
          created: lead.days.created,
          orders: lead.numbers.orders,
          revenue: lead.numbers.revenue,
          markedLost: outcome === "lost",
        },
        asOf,
        rules.lifecycle,
      ),
      outcome,
      rfm: rfm[i] ?? null,
      signals,
      trace,
      issues,
      owner: lead.text.owner ?? "",
    };
  });
}

function emptyResult(lead: Lead): LeadResult {
  return {
    blank: true,
    score: null,
    grade: null,
    computedGrade: null,
    overridden: false,
    nextFollowUp: null,
    followUp: null,
    daysOverdue: 0,
    stage: null,
    outcome: null,
    rfm: null,
    signals: [],
    trace: [],
    issues: lead.issues,
    owner: "",
  };
}

function normaliseOutcome(text: string): string {
  return text.toLowerCase().replace(/[\s_-]/g, "");
}

function outcomeOf(lead: Lead, won: Set<string>, lost: Set<string>): "won" | "lost" | null {
  for (const field of ["status", "stage"] as const) {
    const t = lead.match[field];
    if (t === undefined) continue;
    const key = normaliseOutcome(t);
    if (lost.has(key)) return "lost";
    if (won.has(key)) return "won";
  }
  return null;
}

/** RFM over the customers in the table (leads with a purchase, orders or revenue). */
function rfmFor(leads: readonly Lead[], asOf: CivilDay): (RfmResult | undefined)[] {
  const customers: number[] = [];
  leads.forEach((lead, i) => {
    if (lead.blank) return;
    const n = lead.numbers;
    if (lead.days.lastPurchase !== undefined || (n.orders ?? 0) > 0 || (n.revenue ?? 0) > 0)
      customers.push(i);
  });
  const out: (RfmResult | undefined)[] = new Array(leads.length);
  if (customers.length === 0) return out;
  const recency = customers.map((i) => {
    const d = leads[i]?.days.lastPurchase;
    return d === undefined ? undefined : asOf - d;
  });
  const r = quintileScores(recency, "lower");
  const f = quintileScores(
    customers.map((i) => leads[i]?.numbers.orders),
    "higher",
  );
  const m = quintileScores(
    customers.map((i) => leads[i]?.numbers.revenue),
    "higher",
  );
  customers.forEach((row, k) => {
    const rs = r[k] as number;
    const fs = f[k] as number;
    const ms = m[k] as number;
    out[row] = { r: rs, f: fs, m: ms, code: `${rs}${fs}${ms}`, segment: rfmSegment(rs, fs, ms) };
  });
  return out;
}

function summarise(rows: readonly LeadResult[]): PassSummary {
  const s: PassSummary = {
    leads: 0,
    blank: 0,
    byGrade: {},
    byStage: {},
    overdue: 0,
    dueToday: 0,
    overdueByOwner: {},
    issuesByCode: {},
    rowsWithIssues: 0,
  };
  for (const row of rows) {
    if (row.blank) {
      s.blank++;
      continue;
    }
    s.leads++;
    if (row.grade !== null) s.byGrade[row.grade] = (s.byGrade[row.grade] ?? 0) + 1;
    if (row.stage !== null) s.byStage[row.stage] = (s.byStage[row.stage] ?? 0) + 1;
    if (row.followUp === "overdue") {
      s.overdue++;
      const owner = row.owner || "—";
      s.overdueByOwner[owner] = (s.overdueByOwner[owner] ?? 0) + 1;
    } else if (row.followUp === "due") s.dueToday++;
    if (row.issues.length > 0) s.rowsWithIssues++;
    for (const issue of row.issues) s.issuesByCode[issue.code] = (s.issuesByCode[issue.code] ?? 0) + 1;
  }
  return s;
}
