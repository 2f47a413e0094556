/**
 * A pass's per-row results, kept in columns (typed arrays, shared lists, traces as numbered items)
 * rather than as one object per row: grading a large sheet then makes a handful of arrays instead
 * of hundreds of thousands of objects. {@link leadRows} gives every row a small read-only view of
 * its results, a {@link LeadResult}, which is what the doors read.
 */

import { type FollowUpStatus, followUpStatus } from "../grade/followup/nextFollowUp";
import type { LifecycleStage } from "../grade/lifecycle/lifecycleStage";
import type { RowValue, TraceItem, TraceList } from "../grade/scoring/compileScorer";
import type { IssueTally, RowIssue } from "../read/readColumns";
import { type CivilDay, isoFromCivilDay } from "../text/civilDay";
import type { RfmResult } from "./rfmResult";

/** Stages by number, as {@link ResultColumns.stage} holds them. */
export const STAGES: readonly LifecycleStage[] = ["potential", "new", "active", "dormant", "lost"];
/** Outcomes by number: 0 none, 1 won, 2 lost. */
/**
 * What a row's outcome number means: closed won, closed lost, or (3) a yes/no Converted column
 * saying "not yet" — open for follow-up, but a lead that did not convert for learning.
 */
export const OUTCOMES = [null, "won", "lost", null] as const;
const LABELS = [null, "won", "lost", "lost"] as const;
/** In a column of grade or stage numbers: none. */
export const NO_NUMBER = 255;

const NO_ISSUES: readonly RowIssue[] = Object.freeze([]);
const NO_SIGNALS: readonly string[] = Object.freeze([]);

/** Every row's results, one column per kind. Index = data row. */
export interface ResultColumns {
  readonly asOf: CivilDay;
  /** 1 where every mapped cell of the row is empty. */
  readonly blank: Uint8Array;
  readonly score: Float64Array;
  /** Grade names, in the rule set's order: the grade columns hold their numbers. */
  readonly grades: readonly string[];
  /** The grade that counts (see {@link LeadResult.grade}); {@link NO_NUMBER} for a blank row. */
  readonly grade: Uint8Array;
  readonly computedGrade: Uint8Array;
  readonly overridden: Uint8Array;
  readonly pendingOverride: Uint8Array;
  /** Civil day; `NaN` for none. */
  readonly nextFollowUp: Float64Array;
  /** A number of {@link STAGES}, or {@link NO_NUMBER}. */
  readonly stage: Uint8Array;
  /** A number of {@link OUTCOMES}. */
  readonly outcome: Uint8Array;
  /** A number of `rfmResults` (R·36 + F·6 + M); 0 for a row that is not a customer. */
  readonly rfm: Uint8Array;
  readonly rfmResults: readonly (RfmResult | undefined)[];
  /** A number of `signalLists`; -1 for none. */
  readonly signals: Int32Array;
  readonly signalLists: readonly (readonly string[])[];
  /** Row `i`'s trace is `trace.numbers[traceEnd[i - 1] … traceEnd[i])`, numbers of `items`. */
  readonly trace: TraceList;
  readonly traceEnd: Int32Array;
  readonly items: readonly TraceItem[];
  /** Per item number, how a row's value is read for an item made for many rows' values. */
  readonly rowValues: readonly (RowValue | undefined)[];
  readonly issues: readonly (readonly RowIssue[] | undefined)[];
  /** The issues counted as they were added (blank rows have none). */
  readonly issueTally: IssueTally;
  readonly completeness: Uint8Array;
  /** -1 for none. */
  readonly duplicateOf: Int32Array;
  readonly name: readonly (string | undefined)[];
  readonly company: readonly (string | undefined)[];
  /** A row's owner as the sheet shows it (read through the owner column's value numbers). */
  readonly owner: (row: number) => string | undefined;
  /** A row's lead key: its e-mail, phone, "name / company" or name (see leadKeys). */
  readonly key: (row: number) => string;
  /** Civil day of each row's last contact, logged touches included (NaN: none); absent without the column. */
  readonly lastContact?: Float64Array;
  /** Civil day of each row's latest logged touch (NaN: none); absent without a follow-up log. */
  readonly lastTouch?: Float64Array;
  /** Touches in the rules' windowDays per row; absent without a follow-up log. */
  readonly recentTouches?: Uint16Array;
}

/**
 * One row's results: the one declaration of what a pass says about a lead. A read-only view over
 * the pass's columns ({@link ResultColumns}), so its fields are worked out when read; the doors
 * read it as {@link LeadResult}.
 */
class LeadRow {
  constructor(
    private readonly c: ResultColumns,
    private readonly row: number,
  ) {}
  /** A row whose mapped cells are all empty: every result is null. */
  get blank(): boolean {
    return this.c.blank[this.row] === 1;
  }
  get score(): number | null {
    return this.blank ? null : (this.c.score[this.row] as number);
  }
  /** The grade that counts: the manual one when set, else the computed one. */
  get grade(): string | null {
    return gradeName(this.c, this.c.grade[this.row] as number);
  }
  get computedGrade(): string | null {
    return gradeName(this.c, this.c.computedGrade[this.row] as number);
  }
  get overridden(): boolean {
    return this.c.overridden[this.row] === 1;
  }
  /** A hand-set grade waiting for a supervisor's approval; until then the computed grade counts. */
  get pendingOverride(): string | null {
    return gradeName(this.c, this.c.pendingOverride[this.row] as number);
  }
  /** `YYYY-MM-DD` on the rule set's calendar; null for blank and lost leads. */
  get nextFollowUp(): string | null {
    const day = this.c.nextFollowUp[this.row] as number;
    // isoFromCivilDay remembers the days it has written: each distinct day is formatted once.
    return Number.isNaN(day) ? null : isoFromCivilDay(day);
  }
  get followUp(): FollowUpStatus | null {
    const day = this.c.nextFollowUp[this.row] as number;
    return Number.isNaN(day) ? null : followUpStatus(day, this.c.asOf);
  }
  get daysOverdue(): number {
    return this.followUp === "overdue" ? this.c.asOf - (this.c.nextFollowUp[this.row] as number) : 0;
  }
  get stage(): LifecycleStage | null {
    return STAGES[this.c.stage[this.row] as number] ?? null;
  }
  /** Closed won or lost (status, stage, or a Converted column saying yes): such a lead is not followed up. */
  get outcome(): "won" | "lost" | null {
    return OUTCOMES[this.c.outcome[this.row] as number] ?? null;
  }
  /** What learning takes from the sheet's history: won, or lost (also a Converted column saying no). */
  get label(): "won" | "lost" | null {
    return LABELS[this.c.outcome[this.row] as number] ?? null;
  }
  get rfm(): RfmResult | null {
    return this.c.rfmResults[this.c.rfm[this.row] as number] ?? null;
  }
  /** Ids of the buying signals in the notes; shared between rows: read-only. */
  get signals(): readonly string[] {
    return this.c.signalLists[this.c.signals[this.row] as number] ?? NO_SIGNALS;
  }
  /** What made the score, in order; items are shared between rows: read-only (a new list each read). */
  get trace(): TraceItem[] {
    const { trace, traceEnd, items, rowValues } = this.c;
    const start = this.row === 0 ? 0 : (traceEnd[this.row - 1] as number);
    return trace.itemsOf(start, traceEnd[this.row] as number, items, rowValues, this.row);
  }
  /** What is wrong with the row's cells; lists and issues may be shared between rows. */
  get issues(): readonly RowIssue[] {
    return this.c.issues[this.row] ?? NO_ISSUES;
  }
  /** 0–100: how much of what a sales team needs about the lead is filled in. */
  get completeness(): number {
    return this.c.completeness[this.row] as number;
  }
  /** The (0-based data) row this lead likely duplicates, if any. */
  get duplicateOf(): number | null {
    const of = this.c.duplicateOf[this.row] as number;
    return of >= 0 ? of : null;
  }
  /** The lead's name (or company), for digests and previews. */
  get name(): string {
    return this.blank ? "" : (this.c.name[this.row] ?? this.c.company[this.row] ?? "");
  }
  get owner(): string {
    return this.blank ? "" : (this.c.owner(this.row) ?? "");
  }
  /** How a follow-up log or the grade history names the lead: its e-mail, phone, "name / company" or name. */
  get key(): string {
    return this.c.key(this.row);
  }
  /** `YYYY-MM-DD` of the last contact (the sheet's, or a newer logged touch); null without one. */
  get lastContact(): string | null {
    const day = this.c.lastContact?.[this.row] ?? Number.NaN;
    return Number.isNaN(day) ? null : isoFromCivilDay(day);
  }
  /** `YYYY-MM-DD` of the latest logged touch; null without one. */
  get lastTouch(): string | null {
    const day = this.c.lastTouch?.[this.row] ?? Number.NaN;
    return Number.isNaN(day) ? null : isoFromCivilDay(day);
  }
  /** Touches logged in the rules' windowDays (`touches.windowDays`). */
  get recentTouches(): number {
    return this.c.recentTouches?.[this.row] ?? 0;
  }
}

function gradeName(c: ResultColumns, number: number): string | null {
  return c.grades[number] ?? null;
}

/** One lead's results as the doors read them: the fields of {@link LeadRow}, read-only. */
export type LeadResult = { readonly [K in keyof LeadRow]: LeadRow[K] };

/**
 * A read-only view of each row's results.
 *
 * @example
 * leadRows(columns)[0].grade // "B"
 */
export function leadRows(columns: ResultColumns): LeadResult[] {
  const rows: LeadResult[] = new Array(columns.blank.length);
  for (let row = 0; row < rows.length; row++) rows[row] = new LeadRow(columns, row);
  return rows;
}
