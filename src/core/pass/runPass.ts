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
import { memoize } from "../memoize";
import { type CellValue, isDate } from "../normalise/cell";
import { emptyColumn, type LeadColumns, type RowIssue, readColumns } from "../normalise/readColumns";
import { checkQuality } from "../quality/checkQuality";
import { contactKeys } from "../quality/contacts";
import { type DuplicateGroup, findDuplicates } from "../quality/findDuplicates";
import { quintileScores } from "../rfm/rfmScores";
import { type RfmSegment, rfmSegment } from "../rfm/rfmSegment";
import type { GradeDef, RuleSet } from "../rules/schema";
import { matchedFieldsOf } from "../scoring/compileCondition";
import { compileScorer, type TraceItem } from "../scoring/compileScorer";
import { gradeFromScore, parseGradeOverride } from "../scoring/gradeFromScore";

export interface Table {
  header: readonly CellValue[];
  rows: readonly (readonly CellValue[])[];
}

export interface PassOptions {
  /** "Today": an instant (read in the rule set's zone) or a `YYYY-MM-DD` day. */
  asOf: Date | string;
  /** Per row, the hand-set grade a supervisor approved (when the rules ask for approval). */
  approvedOverrides?: readonly (string | undefined)[];
}

/** Shared between the customers with the same scores: read-only. */
export interface RfmResult {
  readonly r: number;
  readonly f: number;
  readonly m: number;
  /** "545" style code. */
  readonly code: string;
  readonly segment: RfmSegment;
}

export interface LeadResult {
  /** A row whose mapped cells are all empty: every result is null. */
  blank: boolean;
  score: number | null;
  /** The grade that counts: the manual one when set, else the computed one. */
  grade: string | null;
  computedGrade: string | null;
  overridden: boolean;
  /** A hand-set grade waiting for a supervisor's approval; until then the computed grade counts. */
  pendingOverride: string | null;
  /** `YYYY-MM-DD` on the rule set's calendar; null for blank and lost leads. */
  nextFollowUp: string | null;
  followUp: FollowUpStatus | null;
  daysOverdue: number;
  stage: LifecycleStage | null;
  outcome: "won" | "lost" | null;
  rfm: RfmResult | null;
  /** Ids of the buying signals in the notes; shared between rows: read-only. */
  signals: readonly string[];
  trace: TraceItem[];
  issues: readonly RowIssue[];
  /** 0–100: how much of what a sales team needs about the lead is filled in. */
  completeness: number;
  /** The (0-based data) row this lead likely duplicates, if any. */
  duplicateOf: number | null;
  /** The lead's name (or company), for digests and previews. */
  name: string;
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
  /** Average completeness of the leads, 0–100. */
  completeness: number;
  /** Rows that likely duplicate an earlier row. */
  duplicates: number;
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
  const header = Array.isArray(table.header) ? table.header : [];
  const match = findColumns(header, rules.columns);
  const issues: TableIssue[] = match.missingManual.map((m) => ({
    code: "manual_column_missing",
    field: m.field,
    header: m.header,
  }));
  const headers: Partial<Record<Field, string>> = {};
  for (const [field, index] of Object.entries(match.columns) as [Field, number][])
    headers[field] = String(header[index] ?? "");

  if (asOf === undefined) issues.push({ code: "bad_as_of" });
  if (Object.keys(match.columns).length === 0) issues.push({ code: "no_header" });
  const usable = asOf !== undefined && Object.keys(match.columns).length > 0;
  const day = asOf ?? 0;
  // Buying signals read the notes as they are shown; a match form is made only for a rule's test.
  const matched = new Set<Field>([
    "source",
    "industry",
    "status",
    "stage",
    ...rules.dimensions.flatMap((d) => matchedFieldsOf(d.when)),
  ]);
  const cols = readColumns(table.rows, usable ? match.columns : {}, clock, day, matched);
  const mapped = new Set(Object.keys(usable ? match.columns : {}) as Field[]);
  const contacts = contactKeys(cols.text.email ?? [], cols.text.phone ?? [], cols.length);
  const completeness = checkQuality(cols, mapped, contacts);
  const rows = gradeRows(
    cols,
    rules,
    day,
    options.approvedOverrides ?? [],
    completeness,
    findDuplicates(cols, contacts),
  );
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
  return isDate(date) && !Number.isNaN(date.getTime()) ? dayOf(date) : undefined;
}

const NONE: (string | undefined)[] = [];
const NO_ISSUES: readonly RowIssue[] = Object.freeze([]);
const NO_SIGNALS: readonly string[] = Object.freeze([]);
const BAD_OVERRIDE: RowIssue = Object.freeze({ code: "bad_override", field: "override" });
const NO_DAYS = new Float64Array(0);
const DUPLICATE_BY: readonly DuplicateGroup["by"][] = ["email", "phone", "name"];

function gradeRows(
  cols: LeadColumns,
  rules: RuleSet,
  asOf: CivilDay,
  approved: readonly (string | undefined)[],
  /** Per row, 0–100; the quality checks' issues are already on the rows' lists. */
  completeness: Uint8Array,
  duplicates: readonly DuplicateGroup[],
): LeadResult[] {
  // Per row, the earlier row it duplicates (-1: none) and the group's reason.
  const duplicateOf = new Int32Array(cols.length).fill(-1);
  const duplicateBy = new Uint8Array(cols.length);
  for (const group of duplicates) {
    const first = group.rows[0] as number;
    for (let k = 1; k < group.rows.length; k++) {
      const row = group.rows[k] as number;
      duplicateOf[row] = first;
      duplicateBy[row] = DUPLICATE_BY.indexOf(group.by);
    }
  }
  const needsApproval = new Set(rules.overrides.approvers.length > 0 ? rules.overrides.approvalFor : []);
  const score = compileScorer(rules, cols);
  const calendar = workCalendar(rules.followUp);
  const gradeByName = new Map<string, GradeDef>(rules.grades.map((g) => [g.grade, g]));
  const outcomeOf = compileOutcome(rules, cols);
  const rfm = rfmFor(cols, asOf);
  const override = cols.text.override ?? NONE;
  const owner = cols.text.owner ?? NONE;
  const name = cols.text.name ?? NONE;
  const company = cols.text.company ?? NONE;
  const lastContact = cols.days.lastContact ?? NO_DAYS;
  const created = cols.days.created ?? NO_DAYS;
  const lastPurchase = cols.days.lastPurchase ?? NO_DAYS;
  const orders = cols.numbers.orders ?? NO_DAYS;
  const revenue = cols.numbers.revenue ?? NO_DAYS;
  const defined = (n: number | undefined) => (n === undefined || Number.isNaN(n) ? undefined : n);

  const results: LeadResult[] = [];
  for (let row = 0; row < cols.length; row++) {
    // One list per row with issues: what reading found, then the quality checks, then duplicates.
    // The list belongs to this pass's columns: it is extended in place.
    const found = cols.issues[row];
    const dupOf = duplicateOf[row] as number;
    let issues: RowIssue[] | readonly RowIssue[] = found ?? NO_ISSUES;
    if (dupOf >= 0) {
      const by = DUPLICATE_BY[duplicateBy[row] as number] as DuplicateGroup["by"];
      const duplicate: RowIssue = { code: "duplicate", field: by, of: dupOf };
      if (found) found.push(duplicate);
      else issues = [duplicate];
    }
    if (cols.blank[row] === 1) {
      results.push(emptyResult(issues));
      continue;
    }
    const { score: points, trace, signals } = score(row, asOf);
    const computed = gradeFromScore(rules.grades, points);
    const overrideText = override[row];
    const manual = overrideText === undefined ? undefined : parseGradeOverride(rules.grades, overrideText);
    if (overrideText !== undefined && manual === undefined) issues = [...issues, BAD_OVERRIDE];
    // Into or out of a grade that needs approval: the computed grade counts until a supervisor agrees.
    const waits =
      manual !== undefined &&
      manual !== computed &&
      (needsApproval.has(manual) || needsApproval.has(computed)) &&
      approved[row] !== manual;
    const grade = waits ? computed : (manual ?? computed);
    const outcome = outcomeOf(row);
    const facts = {
      lastContact: defined(lastContact[row]),
      created: defined(created[row]),
      lastPurchase: defined(lastPurchase[row]),
      orders: defined(orders[row]),
      revenue: defined(revenue[row]),
      markedLost: outcome === "lost",
    };
    const next =
      outcome === "lost" ? null : nextFollowUp(facts, gradeByName.get(grade) as GradeDef, calendar, asOf);
    const status = next === null ? null : followUpStatus(next, asOf);
    results.push({
      blank: false,
      score: points,
      grade,
      computedGrade: computed,
      overridden: manual !== undefined && !waits,
      pendingOverride: waits ? (manual as string) : null,
      completeness: completeness[row] as number,
      duplicateOf: dupOf >= 0 ? dupOf : null,
      // isoFromCivilDay remembers the days it has written: each distinct day is formatted once.
      nextFollowUp: next === null ? null : isoFromCivilDay(next),
      followUp: status,
      daysOverdue: next !== null && status === "overdue" ? asOf - next : 0,
      stage: lifecycleStage(facts, asOf, rules.lifecycle),
      outcome,
      rfm: rfm[row] ?? null,
      signals,
      trace,
      issues,
      name: name[row] ?? company[row] ?? "",
      owner: owner[row] ?? "",
    });
  }
  return results;
}

function emptyResult(issues: readonly RowIssue[]): LeadResult {
  return {
    blank: true,
    score: null,
    grade: null,
    computedGrade: null,
    overridden: false,
    pendingOverride: null,
    completeness: 0,
    duplicateOf: null,
    nextFollowUp: null,
    followUp: null,
    daysOverdue: 0,
    stage: null,
    outcome: null,
    rfm: null,
    signals: NO_SIGNALS,
    trace: [],
    issues,
    name: "",
    owner: "",
  };
}

/** Status or stage words the rule set calls won or lost (exact words: "未成交" is not "成交"). */
function compileOutcome(rules: RuleSet, cols: LeadColumns): (row: number) => "won" | "lost" | null {
  const won = new Set(rules.outcomes.won.map(normaliseOutcome));
  const lost = new Set(rules.outcomes.lost.map(normaliseOutcome));
  const fields = [cols.match.status, cols.match.stage].filter(
    (c): c is (string | undefined)[] => c !== undefined,
  );
  // A status column holds a handful of words: each is looked up once.
  const outcome = memoize((text: string): "won" | "lost" | null => {
    const key = normaliseOutcome(text);
    return lost.has(key) ? "lost" : won.has(key) ? "won" : null;
  }, 10_000);
  return (row) => {
    for (const column of fields) {
      const t = column[row];
      if (t === undefined) continue;
      const found = outcome(t);
      if (found !== null) return found;
    }
    return null;
  };
}

function normaliseOutcome(text: string): string {
  return text.toLowerCase().replace(/[\s_-]/g, "");
}

/** RFM over the customers in the table (leads with a purchase, orders or revenue). */
function rfmFor(cols: LeadColumns, asOf: CivilDay): (RfmResult | undefined)[] {
  const lastPurchase = cols.days.lastPurchase ?? NO_DAYS;
  const orders = cols.numbers.orders ?? NO_DAYS;
  const revenue = cols.numbers.revenue ?? NO_DAYS;
  const value = (column: Float64Array, row: number) => {
    const v = column[row];
    return v === undefined || Number.isNaN(v) ? undefined : v;
  };
  const customers: number[] = [];
  for (let row = 0; row < cols.length; row++) {
    if (cols.blank[row] === 1) continue;
    if (
      value(lastPurchase, row) !== undefined ||
      (value(orders, row) ?? 0) > 0 ||
      (value(revenue, row) ?? 0) > 0
    )
      customers.push(row);
  }
  const out = emptyColumn<RfmResult>(cols.length);
  if (customers.length === 0) return out;
  const r = quintileScores(
    customers.map((row) => {
      const d = value(lastPurchase, row);
      return d === undefined ? undefined : asOf - d;
    }),
    "lower",
  );
  const f = quintileScores(
    customers.map((row) => value(orders, row)),
    "higher",
  );
  const m = quintileScores(
    customers.map((row) => value(revenue, row)),
    "higher",
  );
  // 125 possible triples: one frozen result each, shared by every customer that has it.
  const made: (RfmResult | undefined)[] = [];
  customers.forEach((row, k) => {
    const rs = r[k] as number;
    const fs = f[k] as number;
    const ms = m[k] as number;
    const key = (rs * 6 + fs) * 6 + ms;
    let result = made[key];
    if (result === undefined) {
      result = Object.freeze({
        r: rs,
        f: fs,
        m: ms,
        code: `${rs}${fs}${ms}`,
        segment: rfmSegment(rs, fs, ms),
      });
      made[key] = result;
    }
    out[row] = result;
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
    completeness: 0,
    duplicates: 0,
  };
  let completeness = 0;
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
    completeness += row.completeness;
    if (row.duplicateOf !== null) s.duplicates++;
    for (const issue of row.issues) s.issuesByCode[issue.code] = (s.issuesByCode[issue.code] ?? 0) + 1;
  }
  s.completeness = s.leads === 0 ? 0 : Math.round(completeness / s.leads);
  return s;
}
