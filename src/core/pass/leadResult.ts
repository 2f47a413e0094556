/**
 * One lead's results as the doors read them (`LeadResult`), and the RFM result rows share:
 * declared here, below both the pass that makes them and the row views that read them.
 */
import type { FollowUpStatus } from "../grade/followup/nextFollowUp";
import type { LifecycleStage } from "../grade/lifecycle/lifecycleStage";
import type { RfmSegment } from "../grade/rfm/rfmSegment";
import type { TraceItem } from "../grade/scoring/compileScorer";
import type { RowIssue } from "../read/readColumns";

/** Shared between the customers with the same scores: read-only. */
export interface RfmResult {
  readonly r: number;
  readonly f: number;
  readonly m: number;
  /** "545" style code. */
  readonly code: string;
  readonly segment: RfmSegment;
}

/**
 * One row's results: a read-only view over the pass's columns, so its fields are worked out when
 * read (a trace is a new list each time).
 */
export interface LeadResult {
  /** A row whose mapped cells are all empty: every result is null. */
  readonly blank: boolean;
  readonly score: number | null;
  /** The grade that counts: the manual one when set, else the computed one. */
  readonly grade: string | null;
  readonly computedGrade: string | null;
  readonly overridden: boolean;
  /** A hand-set grade waiting for a supervisor's approval; until then the computed grade counts. */
  readonly pendingOverride: string | null;
  /** `YYYY-MM-DD` on the rule set's calendar; null for blank and lost leads. */
  readonly nextFollowUp: string | null;
  readonly followUp: FollowUpStatus | null;
  readonly daysOverdue: number;
  readonly stage: LifecycleStage | null;
  /** Closed won or lost (status, stage, or a Converted column saying yes): such a lead is not followed up. */
  readonly outcome: "won" | "lost" | null;
  /** What learning takes from the sheet's history: won, or lost (also a Converted column saying no). */
  readonly label: "won" | "lost" | null;
  readonly rfm: RfmResult | null;
  /** Ids of the buying signals in the notes; shared between rows: read-only. */
  readonly signals: readonly string[];
  /** What made the score, in order; items are shared between rows: read-only. */
  readonly trace: TraceItem[];
  /** What is wrong with the row's cells; lists and issues may be shared between rows. */
  readonly issues: readonly RowIssue[];
  /** 0–100: how much of what a sales team needs about the lead is filled in. */
  readonly completeness: number;
  /** The (0-based data) row this lead likely duplicates, if any. */
  readonly duplicateOf: number | null;
  /** The lead's name (or company), for digests and previews. */
  readonly name: string;
  readonly owner: string;
  /** How a follow-up log or the grade history names the lead: its e-mail, phone, "name / company" or name. */
  readonly key: string;
  /** `YYYY-MM-DD` of the latest logged touch; null without one. */
  readonly lastTouch: string | null;
  /** Touches logged in the rules' windowDays (`touches.windowDays`). */
  readonly recentTouches: number;
}
