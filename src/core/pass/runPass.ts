/**
 * One pass over a table: header row + rows of cells as Sheets, a CSV or an XLSX hands them over,
 * a rule set, and an as-of date. Returns, for every row in order, the score, grade, next
 * follow-up, lifecycle stage, RFM and the trace that explains them, plus a summary. Every door —
 * formulas, the hourly job, the command line — calls this and only translates its result.
 *
 * It never throws on cell data: a cell that cannot be read is an issue on its row; a table with
 * no recognisable header is an issue on the table.
 */

import { followUpStatus, nextFollowUp, workCalendar } from "../grade/followup/nextFollowUp";
import { type LifecycleFacts, lifecycleStage } from "../grade/lifecycle/lifecycleStage";
import { checkQuality } from "../grade/quality/checkQuality";
import { type ContactKeys, contactKeys } from "../grade/quality/contacts";
import { type DuplicateReason, type Duplicates, findDuplicates } from "../grade/quality/findDuplicates";
import { choosePhoneRegion } from "../grade/quality/phoneRegion";
import { quintileColumn } from "../grade/rfm/rfmScores";
import { rfmSegment } from "../grade/rfm/rfmSegment";
import { matchedFieldsOf } from "../grade/scoring/compileCondition";
import { compileRowScorer, type RowScorer, TraceList } from "../grade/scoring/compileScorer";
import { gradeNumber, parseGradeOverride } from "../grade/scoring/gradeFromScore";
import { leadKeys, matchTouches, type RowTouches } from "../grade/touches/matchTouches";
import { FIELD_KIND, type Field } from "../model/fields";
import type { GradeDef, RuleSet } from "../model/schema";
import { sameShown } from "../read/byShown";
import { type ColumnMap, type ColumnMatch, findColumns } from "../read/findColumns";
import {
  addRowIssue,
  emptyColumn,
  type LeadColumns,
  ROW_ISSUE_CODES,
  type RowIssue,
  readColumns,
  readMatch,
  readShown,
} from "../read/readColumns";
import { readTouchLog, type TouchLogField, type TouchProblem } from "../read/readTouchLog";
import { type CellValue, cellText, isDate, matchForm } from "../text/cell";
import {
  type CivilDay,
  civilDayFromIso,
  isoFromCivilDay,
  type ZoneClock,
  type ZoneOffset,
  zoneClock,
} from "../text/civilDay";
import { type DateOrder, inferDateOrder, isTwoDigitYearDate, parseDateCell } from "../text/parseDateCell";
import { parseYesNo } from "../text/parseYesNo";
import { type LeadResult, leadRows, NO_NUMBER, type ResultColumns, STAGES } from "./leadRows";
import type { RfmResult } from "./rfmResult";

export interface Table {
  header: readonly CellValue[];
  rows: readonly (readonly CellValue[])[];
}

export interface PassOptions {
  /** "Today": an instant (read in the rule set's zone) or a `YYYY-MM-DD` day. */
  asOf: Date | string;
  /** Per row, the hand-set grade a supervisor approved (when the rules ask for approval). */
  approvedOverrides?: readonly (string | undefined)[];
  /** The host's answer to "what is the zone's UTC offset at this instant" (default: Intl). */
  zoneOffset?: ZoneOffset;
  /** A follow-up log (跟进记录; see readTouchLog): touches matched to the leads by key. */
  touchLog?: Table;
}

/** What became of a follow-up log: touches read and matched, and the lines that were not. */
export interface TouchLogResult {
  touches: number;
  matched: number;
  /** By line: rows that could not be read, and touches that name no lead of the sheet. */
  problems: TouchProblem[];
  /** Columns the log lacks ("lead", "when"): then none of it was read. */
  missing: TouchLogField[];
}

export type { LeadResult, RfmResult };

export interface TableIssue {
  /**
   * "column_not_used": a header named the field but its values did not fit (`examples` shows
   * some); "column_by_values": no header named the field, the column's values did.
   */
  code:
    | "no_header"
    | "manual_column_missing"
    | "bad_as_of"
    | "column_not_used"
    | "column_by_values"
    | "date_order_inferred"
    | "two_digit_years"
    | "phone_region";
  field?: Field;
  header?: string;
  examples?: string[];
  /** "date_order_inferred": the order the column's values settled. */
  order?: DateOrder;
  /** "phone_region": the numbering plan national phone numbers were judged in, and whether the column chose it. */
  region?: string;
  inferred?: boolean;
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
  /** Present when a follow-up log was given. */
  touchLog?: TouchLogResult;
}

/**
 * @example
 * const result = runPass({ header: ["客户名称", "意向", "来源"], rows: [["张三", "高", "老客户推荐"]] },
 *   standardPreset(), { asOf: "2026-11-22" });
 * result.rows[0].grade // "B"
 */
export function runPass(table: Table, rules: RuleSet, options: PassOptions): PassResult {
  const clock = zoneClock(rules.timeZone, options.zoneOffset);
  const asOf =
    typeof options.asOf === "string" ? civilDayFromIso(options.asOf) : safeDay(options.asOf, clock.dayOf);
  const header = Array.isArray(table.header) ? table.header : [];
  const rows = Array.isArray(table.rows) ? table.rows : [];
  const match = findColumns(header, rules.columns, rows, rules.ignore);
  const issues = columnIssues(match, header);
  if (asOf === undefined) issues.push({ code: "bad_as_of" });
  if (Object.keys(match.columns).length === 0) issues.push({ code: "no_header" });
  const usable = asOf !== undefined && Object.keys(match.columns).length > 0;
  const day = asOf ?? 0;
  const columns = usable ? match.columns : {};
  const cols = readLeads(rows, columns, rules, clock, day, issues);
  const { contacts, completeness } = checkLeads(cols, columns, rules, issues);
  const log = options.touchLog ? readTouchLog(options.touchLog, clock, rules.dateOrder) : undefined;
  const touches = log && usable ? matchTouches(log.touches, cols, contacts, rules.touches, day) : undefined;
  if (touches) applyTouches(cols, touches, rules.touches.asLastContact);
  const results = gradeRows(
    cols,
    rules,
    day,
    options.approvedOverrides ?? [],
    completeness,
    findDuplicates(cols, contacts),
    contacts,
    columnPointCells({ header, rows }, rules, clock, day),
    touches,
  );
  const headers: Partial<Record<Field, string>> = {};
  for (const [field, index] of Object.entries(match.columns) as [Field, number][])
    headers[field] = String(header[index] ?? "");
  const result: PassResult = {
    asOf: isoFromCivilDay(day),
    timeZone: rules.timeZone,
    columns: match.columns,
    headers,
    rows: leadRows(results),
    summary: summarise(results),
    issues,
  };
  if (log) result.touchLog = touchLogResult(log, touches);
  return result;
}

/** What finding the columns has to say: columns the rules name but the sheet lacks, and so on. */
function columnIssues(match: ColumnMatch, header: readonly CellValue[]): TableIssue[] {
  const issues: TableIssue[] = match.missingManual.map((m) => ({
    code: "manual_column_missing",
    field: m.field,
    header: m.header,
  }));
  for (const r of match.rejected)
    issues.push({ code: "column_not_used", field: r.field, header: r.header, examples: r.examples });
  for (const field of match.byValues)
    issues.push({
      code: "column_by_values",
      field,
      header: String(header[match.columns[field] as number] ?? ""),
    });
  return issues;
}

/** The mapped columns read: dates in the order their values settle, intent with the rules' words. */
function readLeads(
  rows: readonly (readonly CellValue[])[],
  columns: ColumnMap,
  rules: RuleSet,
  clock: ZoneClock,
  day: CivilDay,
  issues: TableIssue[],
): LeadColumns {
  // Buying signals read the notes as they are shown; a match form is made only for a rule's test.
  const matched = new Set<Field>([
    "source",
    "industry",
    "status",
    "stage",
    "converted",
    ...rules.dimensions.flatMap((d) => matchedFieldsOf(d.when)),
  ]);
  const dateOrders = columnDateOrders(rows, columns, rules.dateOrder, issues);
  const intentWords = new Map(
    (["high", "medium", "low"] as const).flatMap((intent) =>
      rules.intentWords[intent].map((w) => [matchForm(w.trim()), intent] as const),
    ),
  );
  return readColumns(rows, columns, clock, day, matched, dateOrders, intentWords);
}

/** Contacts' keys (phones read in the column's region, said in an issue) and each row's quality checks. */
function checkLeads(
  cols: LeadColumns,
  columns: ColumnMap,
  rules: RuleSet,
  issues: TableIssue[],
): { contacts: ContactKeys; completeness: Uint8Array } {
  const phoneRegion = choosePhoneRegion(cols.text.phone ?? [], rules.phoneRegion);
  if (phoneRegion && cols.text.phone)
    issues.push({
      code: "phone_region",
      field: "phone",
      region: phoneRegion.region,
      inferred: phoneRegion.inferred,
    });
  const contacts = contactKeys(
    cols.text.email ?? [],
    cols.text.phone ?? [],
    cols.length,
    phoneRegion?.region,
  );
  const completeness = checkQuality(cols, new Set(Object.keys(columns) as Field[]), contacts);
  return { contacts, completeness };
}

function touchLogResult(
  log: ReturnType<typeof readTouchLog>,
  touches: RowTouches | undefined,
): TouchLogResult {
  return {
    touches: log.touches.length,
    matched: touches?.matched ?? 0,
    problems: [...log.problems, ...(touches?.problems ?? [])].sort((a, b) => a.line - b.line),
    missing: log.missing,
  };
}

/**
 * A lead's latest logged touch is its last contact where the sheet's cell is older (the rules
 * may turn this off), and its touches' notes are read with the Notes cell for buying signals. A
 * next step stands until a contact on or after its day: a Last contact cell that reaches it drops it.
 */
function applyTouches(cols: LeadColumns, touches: RowTouches, asLastContact: boolean): void {
  const cell = cols.days.lastContact;
  const merged = cell ? cell.slice() : new Float64Array(cols.length).fill(Number.NaN);
  const notes = (cols.text.notes ?? new Array<string | undefined>(cols.length).fill(undefined)).slice();
  for (let row = 0; row < cols.length; row++) {
    const last = touches.last[row] as number;
    if (Number.isNaN(last)) continue;
    const written = cell ? (cell[row] as number) : Number.NaN;
    // A contact written in the sheet on or after the step's day kept it.
    if (written >= (touches.next[row] as number)) touches.next[row] = Number.NaN;
    if (asLastContact && !(written > last)) merged[row] = last;
    const logged = touches.notes[row];
    if (logged !== undefined) notes[row] = notes[row] === undefined ? logged : `${notes[row]}\n${logged}`;
  }
  if (asLastContact) cols.days.lastContact = merged;
  cols.text.notes = notes;
}

function safeDay(date: Date, dayOf: (d: Date) => CivilDay): CivilDay | undefined {
  return isDate(date) && !Number.isNaN(date.getTime()) ? dayOf(date) : undefined;
}

const NONE: (string | undefined)[] = [];
const BAD_OVERRIDE: RowIssue = Object.freeze({ code: "bad_override", field: "override" });
const NO_DAYS = new Float64Array(0);

function gradeRows(
  cols: LeadColumns,
  rules: RuleSet,
  asOf: CivilDay,
  approved: readonly (string | undefined)[],
  /** Per row, 0–100; the quality checks' issues are already on the rows' lists. */
  completeness: Uint8Array,
  duplicates: Duplicates,
  contacts: ContactKeys,
  /** Per `rules.columnPoints` entry, its column's cells (see columnPointCells). */
  columnCells: readonly (readonly CellValue[] | undefined)[],
  touches: RowTouches | undefined,
): ResultColumns {
  markDuplicates(cols, duplicates);
  markOwnerConflicts(cols, duplicates);
  const scorer = compileRowScorer(rules, cols, columnCells, touches?.engagement);
  const out = resultColumns(cols, rules, asOf, scorer, completeness, duplicates.of, contacts, touches);
  const overrideOf = compileOverride(cols, rules, approved, out);
  const followUpOf = compileFollowUp(cols, rules, asOf, touches, out);
  const { trace, traceEnd } = out;
  for (let row = 0; row < cols.length; row++) {
    if (cols.blank[row] === 0) {
      const points = scorer.score(row, asOf, trace, out.signals);
      out.score[row] = points;
      const computed = gradeNumber(rules.grades, points);
      out.computedGrade[row] = computed;
      const grade = overrideOf(row, computed);
      out.grade[row] = grade;
      followUpOf(row, grade);
    }
    traceEnd[row] = trace.length;
  }
  return out;
}

/**
 * Puts each duplicate's issue on its row. Every later row of a group says the same: one issue per
 * group, made at its first later row, frozen and with its own shared one-item list only when rows
 * share it (a pair's one later row needs neither).
 */
function markDuplicates(cols: LeadColumns, duplicates: Duplicates): void {
  const groupIssue = emptyColumn<RowIssue>(duplicates.count);
  const groupList = emptyColumn<readonly RowIssue[]>(duplicates.count);
  for (let row = 0; row < cols.length; row++) {
    const first = duplicates.of[row] as number;
    if (first < 0) continue;
    const g = duplicates.group[row] as number;
    let issue = groupIssue[g];
    if (issue === undefined) {
      issue = { code: "duplicate", field: duplicates.by[g] as DuplicateReason, of: first };
      if ((duplicates.size[g] as number) > 2) {
        Object.freeze(issue);
        groupList[g] = Object.freeze([issue]);
      }
      groupIssue[g] = issue;
    }
    addRowIssue(cols, row, issue, groupList[g]);
  }
}

/**
 * 撞单: leads of one duplicate group held by different owners. Each of them says which row another
 * owner holds (the group's first such row; for that row, the first row with another owner), so
 * both reps, and the manager reading the sheet, see it.
 */
function markOwnerConflicts(cols: LeadColumns, duplicates: Duplicates): void {
  if (duplicates.count === 0 || (cols.values.owner === undefined && cols.text.owner === undefined)) return;
  const owner = ownerNumbers(cols, duplicates.group);
  // Per group: its first row with an owner, and the first row with another owner than that one.
  const first = new Int32Array(duplicates.count).fill(-1);
  const other = new Int32Array(duplicates.count).fill(-1);
  for (let row = 0; row < cols.length; row++) {
    const g = duplicates.group[row] as number;
    if (g < 0 || owner[row] === 0) continue;
    const f = first[g] as number;
    if (f < 0) first[g] = row;
    else if ((other[g] as number) < 0 && owner[row] !== owner[f]) other[g] = row;
  }
  for (let row = 0; row < cols.length; row++) {
    const g = duplicates.group[row] as number;
    if (g < 0 || (other[g] as number) < 0 || owner[row] === 0) continue;
    const held = owner[row] === owner[first[g] as number] ? (other[g] as number) : (first[g] as number);
    addRowIssue(cols, row, { code: "owner_conflict", field: "owner", of: held });
  }
}

/**
 * Per row of a duplicate group, a number for its owner as compared for 撞单 (trimmed, lower case):
 * equal numbers, the same owner; 0, none (or the row is in no group).
 */
function ownerNumbers(cols: LeadColumns, group: Int32Array): Int32Array {
  const byText = new Map<string, number>();
  const numberOf = sameShown(cols, "owner", (shown) => {
    const key = (shown ?? "").trim().toLowerCase();
    if (key === "") return 0;
    let n = byText.get(key);
    if (n === undefined) {
      n = byText.size + 1;
      byText.set(key, n);
    }
    return n;
  });
  const numbers = new Int32Array(cols.length);
  for (let row = 0; row < cols.length; row++) if ((group[row] as number) >= 0) numbers[row] = numberOf(row);
  return numbers;
}

/** The pass's result columns, empty, for {@link gradeRows} to fill. */
function resultColumns(
  cols: LeadColumns,
  rules: RuleSet,
  asOf: CivilDay,
  scorer: RowScorer,
  completeness: Uint8Array,
  duplicateOf: Int32Array,
  contacts: ContactKeys,
  touches: RowTouches | undefined,
): ResultColumns {
  const length = cols.length;
  return {
    asOf,
    blank: cols.blank,
    score: new Float64Array(length),
    grades: rules.grades.map((g) => g.grade),
    grade: new Uint8Array(length).fill(NO_NUMBER),
    computedGrade: new Uint8Array(length).fill(NO_NUMBER),
    overridden: new Uint8Array(length),
    pendingOverride: new Uint8Array(length).fill(NO_NUMBER),
    nextFollowUp: new Float64Array(length).fill(Number.NaN),
    stage: new Uint8Array(length).fill(NO_NUMBER),
    outcome: new Uint8Array(length),
    ...rfmFor(cols, asOf),
    signals: new Int32Array(length).fill(-1),
    signalLists: scorer.signalLists,
    trace: new TraceList(),
    traceEnd: new Int32Array(length),
    items: scorer.items,
    rowValues: scorer.rowValues,
    issues: cols.issues,
    issueTally: cols.issueTally,
    completeness,
    duplicateOf,
    name: cols.text.name ?? NONE,
    company: cols.text.company ?? NONE,
    owner: readShown(cols, "owner"),
    key: leadKeys(cols, contacts),
    lastContact: cols.days.lastContact,
    lastTouch: touches?.last,
    recentTouches: touches?.recent,
  };
}

/**
 * A row's grade given its computed one: the hand-set grade where the row has one (marked
 * `overridden`), unless it moves into or out of a grade that needs approval and a supervisor has
 * not agreed (then `pendingOverride`, and the computed grade counts). An unreadable one is an issue.
 */
function compileOverride(
  cols: LeadColumns,
  rules: RuleSet,
  approved: readonly (string | undefined)[],
  out: ResultColumns,
): (row: number, computed: number) => number {
  const override = cols.text.override ?? NONE;
  const grades = out.grades;
  const needsApproval = new Set(rules.overrides.approvers.length > 0 ? rules.overrides.approvalFor : []);
  return (row, computed) => {
    const overrideText = override[row];
    if (overrideText === undefined) return computed;
    const manualName = parseGradeOverride(rules.grades, overrideText);
    if (manualName === undefined) {
      addRowIssue(cols, row, BAD_OVERRIDE);
      return computed;
    }
    const manual = grades.indexOf(manualName);
    const waits =
      manual !== computed &&
      (needsApproval.has(manualName) || needsApproval.has(grades[computed] as string)) &&
      approved[row] !== manualName;
    if (waits) {
      out.pendingOverride[row] = manual;
      return computed;
    }
    out.overridden[row] = 1;
    return manual;
  };
}

/** Fills a graded row's outcome, next follow-up and lifecycle stage. */
function compileFollowUp(
  cols: LeadColumns,
  rules: RuleSet,
  asOf: CivilDay,
  touches: RowTouches | undefined,
  out: ResultColumns,
): (row: number, grade: number) => void {
  const calendar = workCalendar(rules.followUp);
  const outcomeOf = compileOutcome(rules, cols);
  const lastContact = cols.days.lastContact ?? NO_DAYS;
  const created = cols.days.created ?? NO_DAYS;
  const lastPurchase = cols.days.lastPurchase ?? NO_DAYS;
  const orders = cols.numbers.orders ?? NO_DAYS;
  const revenue = cols.numbers.revenue ?? NO_DAYS;
  const defined = (n: number | undefined) => (n === undefined || Number.isNaN(n) ? undefined : n);
  // One facts object, filled again for each row.
  const facts: LifecycleFacts = {};
  return (row, grade) => {
    const outcome = outcomeOf(row);
    out.outcome[row] = outcome === "won" ? 1 : outcome === "lost" ? 2 : outcome === "notConverted" ? 3 : 0;
    facts.lastContact = defined(lastContact[row]);
    facts.created = defined(created[row]);
    facts.lastPurchase = defined(lastPurchase[row]);
    facts.orders = defined(orders[row]);
    facts.revenue = defined(revenue[row]);
    facts.markedLost = outcome === "lost";
    facts.markedWon = outcome === "won";
    // A closed lead, won or lost, is not followed up: never due, never overdue, in no digest.
    if (outcome !== "lost" && outcome !== "won") {
      // A next step the rep set with a logged touch comes before the grade's cadence.
      const step = touches === undefined ? Number.NaN : (touches.next[row] as number);
      out.nextFollowUp[row] = Number.isNaN(step)
        ? nextFollowUp(facts, rules.grades[grade] as GradeDef, calendar, asOf)
        : step;
    }
    const stage = lifecycleStage(facts, asOf, rules.lifecycle);
    // Five stage names, each one text: a search of them beats a Map look-up.
    if (stage !== null) out.stage[row] = STAGES.indexOf(stage);
  };
}

/** Cells looked at to settle a date column's order: bounded whatever the sheet's size. */
const ORDER_SAMPLE = 5000;

/**
 * Where the rules read dates with the year last only as they say ("ymd": not at all), a date
 * column whose own values settle the order (10/20/2016 can only be month-first) is read in it,
 * and an issue on the table says so. Ambiguous columns keep the rules' order.
 */
function columnDateOrders(
  rows: readonly (readonly CellValue[])[],
  columns: ColumnMap,
  order: DateOrder,
  issues: TableIssue[],
): Partial<Record<Field, DateOrder>> {
  const orders: Partial<Record<Field, DateOrder>> = {};
  for (const [field, index] of Object.entries(columns) as [Field, number][]) {
    if (FIELD_KIND[field] !== "date") continue;
    orders[field] = order;
    if (order !== "ymd") continue;
    const step = Math.max(1, Math.floor(rows.length / ORDER_SAMPLE));
    const cells: CellValue[] = [];
    for (let r = 0; r < rows.length; r += step) cells.push(rows[r]?.[index] as CellValue);
    const found = inferDateOrder(cells);
    if (found && found !== "ymd") {
      orders[field] = found;
      issues.push({ code: "date_order_inferred", field, order: found });
    } else if (cells.some((c) => typeof c === "string" && isTwoDigitYearDate(c))) {
      // 20-10-16 is read with the year first: said, with the setting that reads it otherwise.
      issues.push({ code: "two_digit_years", field, order: "ymd" });
    }
  }
  return orders;
}

/**
 * The cells of each column `rules.columnPoints` names, found by header (whatever its case or
 * width); undefined where the sheet has no such column.
 */
function columnPointCells(
  table: Table,
  rules: RuleSet,
  clock: ZoneClock,
  asOf: CivilDay,
): (CellValue[] | undefined)[] {
  const headers = table.header.map((h) => matchForm(cellText(h).trim()));
  return rules.columnPoints.map((entry) => {
    const at = headers.indexOf(matchForm(entry.header.trim()));
    if (at < 0) return undefined;
    const cells = table.rows.map((row) => row[at] as CellValue);
    return entry.daysSince ? daysSinceCells(cells, clock, asOf, rules.dateOrder) : cells;
  });
}

/**
 * A date column as days since each date (read as the pass reads dates: the column's own order where
 * its values settle it), text so the column's ranges read it as a number; "" where no date.
 */
export function daysSinceCells(
  cells: readonly CellValue[],
  clock: ZoneClock,
  asOf: CivilDay,
  order: DateOrder,
): string[] {
  const settled = order === "ymd" ? (inferDateOrder(cells.slice(0, ORDER_SAMPLE)) ?? order) : order;
  return cells.map((cell) => {
    const day = parseDateCell(cell, clock, settled);
    return typeof day === "number" ? String(asOf - day) : "";
  });
}

type Outcome = "won" | "lost" | "notConverted" | null;

/**
 * Status or stage words the rule set calls won or lost (exact words: "未成交" is not "成交"), or
 * a Converted column's yes (won) and no (not converted: open, but not won).
 */
function compileOutcome(rules: RuleSet, cols: LeadColumns): (row: number) => Outcome {
  const won = new Set(rules.outcomes.won.map(normaliseOutcome));
  const lost = new Set(rules.outcomes.lost.map(normaliseOutcome));
  const wordOf = (text: string): Outcome => {
    const key = normaliseOutcome(text);
    return lost.has(key) ? "lost" : won.has(key) ? "won" : null;
  };
  const flagOf = (text: string): Outcome => {
    const yes = parseYesNo(text);
    return yes === true ? "won" : yes === false ? "notConverted" : null;
  };
  // A status column holds a handful of words: each value number is looked up once.
  const fields = (["status", "stage", "converted"] as const).flatMap((field) => {
    if (!(field in cols.match)) return [];
    const outcomeOf = field === "converted" ? flagOf : wordOf;
    const match = readMatch(cols, field);
    const ids = cols.values[field]?.ids;
    const known: (Outcome | undefined)[] = [];
    return [
      (row: number): Outcome => {
        const id = ids === undefined ? -1 : (ids[row] as number);
        if (id < 0) {
          const t = match(row);
          return t === undefined ? null : outcomeOf(t);
        }
        let found = known[id];
        if (found === undefined) {
          found = outcomeOf(match(row) as string);
          known[id] = found;
        }
        return found;
      },
    ];
  });
  // A closed status or stage wins over a Converted column's "not yet".
  return (row) => {
    let open: Outcome = null;
    for (let k = 0; k < fields.length; k++) {
      const found = (fields[k] as (row: number) => Outcome)(row);
      if (found === "notConverted") open = found;
      else if (found !== null) return found;
    }
    return open;
  };
}

/** An outcome word as matched: width-folded, lower-cased, without spaces, dashes or underscores. */
function normaliseOutcome(text: string): string {
  return matchForm(text).replace(/[\s_-]/g, "");
}

/** RFM over the customers in the table (leads with a purchase, orders or revenue). */
function rfmFor(
  cols: LeadColumns,
  asOf: CivilDay,
): { rfm: Uint8Array; rfmResults: (RfmResult | undefined)[] } {
  const lastPurchase = cols.days.lastPurchase;
  const orders = cols.numbers.orders;
  const revenue = cols.numbers.revenue;
  // NaN (empty) is neither > 0 nor a day; typed arrays throughout (see readColumns).
  const isCustomer = new Uint8Array(cols.length);
  let count = 0;
  for (let row = 0; row < cols.length; row++) {
    if (cols.blank[row] === 1) continue;
    const purchase = lastPurchase === undefined ? Number.NaN : (lastPurchase[row] as number);
    const n = orders === undefined ? Number.NaN : (orders[row] as number);
    const spent = revenue === undefined ? Number.NaN : (revenue[row] as number);
    if (!Number.isNaN(purchase) || n > 0 || spent > 0) {
      isCustomer[row] = 1;
      count++;
    }
  }
  // 125 possible triples: one frozen result each, shared by every customer that has it.
  const out = { rfm: new Uint8Array(cols.length), rfmResults: [] as (RfmResult | undefined)[] };
  if (count === 0) return out;
  const customers = new Int32Array(count);
  const recency = new Float64Array(count);
  const frequency = new Float64Array(count);
  const monetary = new Float64Array(count);
  for (let row = 0, k = 0; row < cols.length; row++) {
    if (isCustomer[row] === 0) continue;
    customers[k] = row;
    recency[k] = lastPurchase === undefined ? Number.NaN : asOf - (lastPurchase[row] as number);
    frequency[k] = orders === undefined ? Number.NaN : (orders[row] as number);
    monetary[k] = revenue === undefined ? Number.NaN : (revenue[row] as number);
    k++;
  }
  const r = quintileColumn(recency, "lower");
  const f = quintileColumn(frequency, "higher");
  const m = quintileColumn(monetary, "higher");
  const made = out.rfmResults;
  for (let k = 0; k < count; k++) {
    const rs = r[k] as number;
    const fs = f[k] as number;
    const ms = m[k] as number;
    const key = (rs * 6 + fs) * 6 + ms;
    if (made[key] === undefined)
      made[key] = Object.freeze({
        r: rs,
        f: fs,
        m: ms,
        code: `${rs}${fs}${ms}`,
        segment: rfmSegment(rs, fs, ms),
      });
    out.rfm[customers[k] as number] = key;
  }
  return out;
}

function summarise(c: ResultColumns): PassSummary {
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
  // Counted by number, named at the end: grades and stages in first-seen order, as rows name them.
  const byGrade = new Float64Array(c.grades.length);
  const byStage = new Float64Array(STAGES.length);
  const gradeOrder: number[] = [];
  const stageOrder: number[] = [];
  // Counted in a map, named at the end: an owner is a cell's text, and as an object's key it would
  // be looked up in V8's table of property names on every row.
  const overdueByOwner = new Map<string, number>();
  let completeness = 0;
  for (let row = 0; row < c.blank.length; row++) {
    if (c.blank[row] === 1) {
      s.blank++;
      continue;
    }
    s.leads++;
    const grade = c.grade[row] as number;
    if (grade !== NO_NUMBER) {
      if (byGrade[grade] === 0) gradeOrder.push(grade);
      byGrade[grade] = (byGrade[grade] as number) + 1;
    }
    const stage = c.stage[row] as number;
    if (stage !== NO_NUMBER) {
      if (byStage[stage] === 0) stageOrder.push(stage);
      byStage[stage] = (byStage[stage] as number) + 1;
    }
    const next = c.nextFollowUp[row] as number;
    const status = Number.isNaN(next) ? null : followUpStatus(next, c.asOf);
    if (status === "overdue") {
      s.overdue++;
      const owner = c.owner(row) || "—";
      overdueByOwner.set(owner, (overdueByOwner.get(owner) ?? 0) + 1);
    } else if (status === "due") s.dueToday++;
    completeness += c.completeness[row] as number;
    if ((c.duplicateOf[row] as number) >= 0) s.duplicates++;
  }
  for (const [owner, n] of overdueByOwner) s.overdueByOwner[owner] = n;
  // Issues were counted as they were added, in the order the steps added them.
  s.rowsWithIssues = c.issueTally.rows;
  for (const code of c.issueTally.order)
    s.issuesByCode[ROW_ISSUE_CODES[code] as RowIssue["code"]] = c.issueTally.byCode[code] as number;
  for (const g of gradeOrder) s.byGrade[c.grades[g] as string] = byGrade[g] as number;
  for (const g of stageOrder) s.byStage[STAGES[g] as string] = byStage[g] as number;
  s.completeness = s.leads === 0 ? 0 : Math.round(completeness / s.leads);
  return s;
}
