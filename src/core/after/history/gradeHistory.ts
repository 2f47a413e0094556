/**
 * Each lead's grade history, kept as changes only: a pass records, per lead whose score, grade or
 * overdue state moved since the last record, one entry — the day, the lead's key, from → to, and
 * the terms of the why that appeared or went. The first pass records every lead (from nothing).
 * Entries older than the rules' keep-days are pruned, and the newest `maxEntries` kept, so the
 * history never nears a sheet's cell limit. From it: a trend per lead over 7 and 30 days, and the
 * week's "what changed".
 */
import { formatTraceItem } from "../../explain/formatWhy";
import { WORDS } from "../../model/locales/index";
import type { Lang } from "../../model/messages";
import type { LeadResult, PassResult } from "../../pass/runPass";
import { type CellValue, cellText } from "../../text/cell";
import { civilDayFromIso, isoFromCivilDay } from "../../text/civilDay";

export interface HistoryEntry {
  /** `YYYY-MM-DD`: the pass's as-of day. */
  day: string;
  lead: string;
  scoreFrom: number | null;
  scoreTo: number | null;
  gradeFrom: string | null;
  gradeTo: string | null;
  overdueFrom: boolean;
  overdueTo: boolean;
  /** The why's terms that appeared ("+10 1次拜访(14天内)") or went ("− −8 60天未联系"). */
  moved: string;
  /** The whole why at `day`, which the next pass's `moved` is worked out against. */
  why: string;
  owner: string;
}

export const HISTORY_FIELDS = [
  "day",
  "lead",
  "scoreFrom",
  "scoreTo",
  "gradeFrom",
  "gradeTo",
  "overdueFrom",
  "overdueTo",
  "moved",
  "why",
  "owner",
] as const satisfies readonly (keyof HistoryEntry)[];

/** The history's header row: both languages, so either team reads it and it reads back. */
export const HISTORY_HEADER: readonly string[] = [
  "日期 Day",
  "线索 Lead",
  "原分 Score from",
  "新分 Score to",
  "原等级 Grade from",
  "新等级 Grade to",
  "原逾期 Overdue from",
  "新逾期 Overdue to",
  "变化 Moved",
  "原因 Why",
  "负责人 Owner",
];

/** What a rules-less history keeps: about half a year, and at most this many entries. */
export const HISTORY_KEEP_DAYS = 180;
export const HISTORY_MAX_ENTRIES = 100_000;

const WHY_SEPARATOR = " · ";

/** The history's rows as entries; a row whose day or lead cannot be read is counted, not kept. */
export function readHistory(rows: readonly (readonly CellValue[])[]): {
  entries: HistoryEntry[];
  unreadable: number;
} {
  const entries: HistoryEntry[] = [];
  let unreadable = 0;
  for (const row of rows) {
    const text = (k: number) => cellText(row[k] ?? "").trim();
    const day = text(0).slice(0, 10);
    if (civilDayFromIso(day) === undefined || text(1) === "") {
      if (row.some((c) => cellText(c ?? "").trim() !== "")) unreadable++;
      continue;
    }
    const score = (k: number) => (text(k) === "" || Number.isNaN(Number(text(k))) ? null : Number(text(k)));
    const flag = (k: number) => /^(true|yes|1|是)$/i.test(text(k));
    entries.push({
      day,
      lead: text(1),
      scoreFrom: score(2),
      scoreTo: score(3),
      gradeFrom: text(4) || null,
      gradeTo: text(5) || null,
      overdueFrom: flag(6),
      overdueTo: flag(7),
      moved: text(8),
      why: text(9),
      owner: text(10),
    });
  }
  return { entries, unreadable };
}

/** An entry as a row under {@link HISTORY_HEADER}. */
export function historyRow(entry: HistoryEntry): (string | number)[] {
  return HISTORY_FIELDS.map((field) => {
    const value = entry[field];
    return value === null ? "" : typeof value === "boolean" ? (value ? "yes" : "") : value;
  });
}

interface LeadState {
  score: number | null;
  grade: string | null;
  overdue: boolean;
  why: string;
  owner: string;
}

/** Each lead's state as its newest entry left it. Entries are in the order they were recorded. */
function latestStates(entries: readonly HistoryEntry[]): Map<string, LeadState> {
  const states = new Map<string, LeadState>();
  for (const e of entries)
    states.set(e.lead, {
      score: e.scoreTo,
      grade: e.gradeTo,
      overdue: e.overdueTo,
      why: e.why,
      owner: e.owner,
    });
  return states;
}

/**
 * The entries a pass adds: one per lead whose score, grade, overdue state or owner differs from its
 * newest entry (every lead, the first time). An owner's change is kept so the lead pool knows since
 * when a rep holds a lead, and who lost it to the pool. Leads without a key, blank rows and second rows of
 * one key are left out.
 *
 * @example
 * historyChanges(result, [], "zh")[0] // { day: "2026-12-03", lead: "zs@example.com", scoreFrom: null, scoreTo: 72, gradeFrom: null, gradeTo: "A", … }
 */
export function historyChanges(
  result: PassResult,
  entries: readonly HistoryEntry[],
  lang: Lang,
): HistoryEntry[] {
  const states = latestStates(entries);
  const seen = new Set<string>();
  const added: HistoryEntry[] = [];
  for (const lead of result.rows) {
    const key = lead.key;
    if (lead.blank || key === "" || seen.has(key)) continue;
    seen.add(key);
    const now = stateOf(lead, lang);
    const before = states.get(key);
    if (
      before &&
      before.score === now.score &&
      before.grade === now.grade &&
      before.overdue === now.overdue &&
      before.owner === now.owner
    )
      continue;
    added.push({
      day: result.asOf,
      lead: key,
      scoreFrom: before?.score ?? null,
      scoreTo: now.score,
      gradeFrom: before?.grade ?? null,
      gradeTo: now.grade,
      overdueFrom: before?.overdue ?? false,
      overdueTo: now.overdue,
      moved: movedTerms(before?.why ?? "", now.why),
      why: now.why,
      owner: lead.owner,
    });
  }
  return added;
}

function stateOf(lead: LeadResult, lang: Lang): LeadState {
  return {
    score: lead.score,
    grade: lead.grade,
    overdue: lead.followUp === "overdue",
    why: lead.trace.map((item) => formatTraceItem(item, lang)).join(WHY_SEPARATOR),
    owner: lead.owner,
  };
}

/** The terms of `now` not in `before`, then those of `before` gone from `now` (marked "−"). */
export function movedTerms(before: string, now: string): string {
  const split = (why: string) => (why === "" ? [] : why.split(WHY_SEPARATOR));
  const old = new Set(split(before));
  const current = split(now);
  const fresh = new Set(current);
  const came = current.filter((t) => !old.has(t));
  const went = [...old].filter((t) => !fresh.has(t)).map((t) => `\u2212 ${t}`);
  return [...came, ...went].join("; ");
}

/** Entries within `keepDays` of the as-of day, the newest `maxEntries` of them. */
export function pruneHistory(
  entries: readonly HistoryEntry[],
  asOf: string,
  keepDays = HISTORY_KEEP_DAYS,
  maxEntries = HISTORY_MAX_ENTRIES,
): HistoryEntry[] {
  const cutoff = isoFromCivilDay((civilDayFromIso(asOf) as number) - keepDays);
  const kept = entries.filter((e) => e.day >= cutoff);
  return kept.length > maxEntries ? kept.slice(kept.length - maxEntries) : kept;
}

/**
 * The history after a pass: what the pass adds ({@link historyChanges}), and every entry kept
 * ({@link pruneHistory} to `keepDays`), in the order recorded.
 */
export function appendHistory(
  before: readonly HistoryEntry[],
  result: PassResult,
  keepDays: number,
  lang: Lang,
): { added: HistoryEntry[]; entries: HistoryEntry[] } {
  const added = historyChanges(result, before, lang);
  return { added, entries: pruneHistory([...before, ...added], result.asOf, keepDays) };
}

export type Trend = "up" | "steady" | "down";

/** Points a score must move to be a trend rather than noise, where the grade stays. */
const TREND_POINTS = 5;

/**
 * Per lead key, its trend over the `days` before the as-of day: the current state against the one
 * its history shows at the span's start (or the first it shows, for a lead newer than that). A
 * better grade is up, a worse one down (grades are in the rules' order, best first); with the same
 * grade, a score 5 or more points away.
 */
export function trendOf(
  entries: readonly HistoryEntry[],
  current: { score: number | null; grade: string | null },
  grades: readonly string[],
  asOf: string,
  days: number,
): Trend {
  const start = isoFromCivilDay((civilDayFromIso(asOf) as number) - days);
  let then: { score: number | null; grade: string | null } | undefined;
  for (const e of entries) {
    if (e.day <= start) then = { score: e.scoreTo, grade: e.gradeTo };
    else if (then === undefined) then = { score: e.scoreFrom ?? e.scoreTo, grade: e.gradeFrom ?? e.gradeTo };
  }
  if (then === undefined) return "steady";
  const rank = (g: string | null) => (g === null ? grades.length : grades.indexOf(g));
  if (rank(current.grade) !== rank(then.grade)) return rank(current.grade) < rank(then.grade) ? "up" : "down";
  const delta = (current.score ?? 0) - (then.score ?? 0);
  return delta >= TREND_POINTS ? "up" : delta <= -TREND_POINTS ? "down" : "steady";
}

const ARROW: Record<Trend, string> = { up: "↑", steady: "→", down: "↓" };

/** The trend column's header, on the command line's output and ("… (LeadGrade)") on the sheet. */
export const TREND_LABEL: Readonly<Record<Lang, string>> = {
  zh: WORDS.zh.trendLabel,
  en: WORDS.en.trendLabel,
};

/**
 * Each row's trend cell: "7天↑ 30天→" / "7d ↑ · 30d →"; "" for a blank row or one without a key.
 * `entries` must include this pass's own.
 */
export function trendColumn(
  result: PassResult,
  entries: readonly HistoryEntry[],
  grades: readonly string[],
  lang: Lang,
): string[] {
  const byLead = new Map<string, HistoryEntry[]>();
  for (const e of entries) {
    const list = byLead.get(e.lead);
    if (list) list.push(e);
    else byLead.set(e.lead, [e]);
  }
  return result.rows.map((lead) => {
    if (lead.blank || lead.key === "") return "";
    const own = byLead.get(lead.key) ?? [];
    const [week, month] = [7, 30].map((days) => ARROW[trendOf(own, lead, grades, result.asOf, days)]);
    return WORDS[lang].trend(week as string, month as string);
  });
}

export interface WeekChange {
  lead: string;
  owner: string;
  day: string;
  from: string | null;
  to: string | null;
  moved: string;
}

/** What changed in the `days` before the as-of day, per kind, each list newest first. */
export interface WhatChanged {
  days: number;
  roseIntoTop: WeekChange[];
  fellFromTop: WeekChange[];
  wentOverdue: WeekChange[];
  /** Leads with a touch logged within windowDays, and their touches in the rules' windowDays. */
  touched: { lead: string; owner: string; touches: number }[];
  /** Per owner: how many of each. */
  byOwner: Record<string, { roseIntoTop: number; fellFromTop: number; wentOverdue: number; touched: number }>;
}

/**
 * @example
 * whatChanged(result, entries, ["A", "B", "C", "D"], 7).roseIntoTop // [{ lead: "zs@example.com", from: "B", to: "A", … }]
 */
export function whatChanged(
  result: PassResult,
  entries: readonly HistoryEntry[],
  grades: readonly string[],
  days = 7,
): WhatChanged {
  const top = grades[0];
  const start = isoFromCivilDay((civilDayFromIso(result.asOf) as number) - days);
  const out: WhatChanged = {
    days,
    roseIntoTop: [],
    fellFromTop: [],
    wentOverdue: [],
    touched: [],
    byOwner: {},
  };
  const owner = (o: string) => {
    out.byOwner[o] ??= { roseIntoTop: 0, fellFromTop: 0, wentOverdue: 0, touched: 0 };
    return out.byOwner[o];
  };
  for (let k = entries.length - 1; k >= 0; k--) {
    const e = entries[k] as HistoryEntry;
    if (e.day <= start) break;
    const change = {
      lead: e.lead,
      owner: e.owner,
      day: e.day,
      from: e.gradeFrom,
      to: e.gradeTo,
      moved: e.moved,
    };
    // A lead's first record is where the history starts, not a change.
    if (e.gradeFrom !== null && e.gradeTo === top && e.gradeFrom !== top) {
      out.roseIntoTop.push(change);
      owner(e.owner).roseIntoTop++;
    }
    if (e.gradeFrom === top && e.gradeTo !== top) {
      out.fellFromTop.push(change);
      owner(e.owner).fellFromTop++;
    }
    if (e.overdueTo && !e.overdueFrom && e.scoreFrom !== null) {
      out.wentOverdue.push(change);
      owner(e.owner).wentOverdue++;
    }
  }
  for (const lead of result.rows) {
    if (lead.blank || lead.lastTouch === null || lead.lastTouch <= start) continue;
    out.touched.push({ lead: lead.key, owner: lead.owner, touches: lead.recentTouches });
    owner(lead.owner).touched++;
  }
  return out;
}
