/**
 * The lead pool (公海, seed practice of Chinese CRMs): a lead its owner neglects goes back to the
 * pool, where another rep may take it. Time is counted in working days on the rules' calendar:
 * after a rep takes (or is given) a lead, a protection period in which it is never reclaimed; then
 * a limit per grade to contact it first, and between contacts. A rep holds at most so many open
 * leads, and may not take back a lead they lost to the pool before a cooldown.
 *
 * Who held a lead since when comes from the grade history, which records every change of owner:
 * the pool needs no store of its own. A lead the history does not know yet was taken today.
 */
import { type WorkCalendar, workCalendar } from "../../grade/followup/nextFollowUp";
import type { Lang } from "../../model/messages";
import type { RuleSet } from "../../model/schema";
import type { LeadResult, PassResult } from "../../pass/runPass";
import { type CivilDay, civilDayFromIso, isoFromCivilDay } from "../../text/civilDay";
import type { HistoryEntry } from "../history/gradeHistory";
import { en } from "./locales/en";
import { zh } from "./locales/zh";

export const POOL_WORDS = { zh, en };

export type ReclaimReason = "no_first_contact" | "no_follow_up";

/** A lead to go back to the pool, and why. */
export interface Reclaim {
  /** The lead's data row (0-based, the header not counted). */
  row: number;
  key: string;
  lead: string;
  owner: string;
  grade: string;
  reason: ReclaimReason;
  /** Working days without the contact the limit asks for. */
  days: number;
  limit: number;
  /** `YYYY-MM-DD`: since when the owner has held the lead. */
  since: string;
}

/** The same owner, as a person writes it twice: trimmed, any case. */
export const sameOwner = (a: string, b: string): boolean => a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * Working days `d` with `from < d ≤ to` on the calendar: how many working days have passed since
 * `from`.
 *
 * @example
 * // Friday → Monday, weekends off: 1
 * workingDaysSince(friday, monday, calendar)
 */
export function workingDaysSince(from: CivilDay, to: CivilDay, calendar: WorkCalendar): number {
  let count = 0;
  for (let day = from + 1; day <= to; day++) if (calendar.isWorkingDay(day)) count++;
  return count;
}

/**
 * {@link workingDaysSince} up to one day, for many leads: the running totals back from `to` are
 * worked out once (a pass asks for 100,000 leads, most of them months back: 360 ms counted lead by
 * lead).
 */
function workingDaysUntil(to: CivilDay, calendar: WorkCalendar): (from: CivilDay) => number {
  /** totals[k]: the working days d with to − k < d ≤ to. */
  const totals = [0];
  return (from) => {
    const back = to - from;
    if (!(back > 0)) return 0;
    for (let k = totals.length; k <= back; k++)
      totals.push((totals[k - 1] as number) + (calendar.isWorkingDay(to - k + 1) ? 1 : 0));
    return totals[back] as number;
  };
}

/** What the history says of each lead: since when its owner has held it, and when each rep lost it to the pool. */
interface PoolMemory {
  since: Map<string, { owner: string; day: CivilDay }>;
  lost: Map<string, { owner: string; day: CivilDay }[]>;
}

function poolMemory(entries: readonly HistoryEntry[], poolOwner: string): PoolMemory {
  const since: PoolMemory["since"] = new Map();
  const lost: PoolMemory["lost"] = new Map();
  for (const e of entries) {
    const day = civilDayFromIso(e.day);
    if (day === undefined) continue;
    const held = since.get(e.lead);
    if (held !== undefined && sameOwner(held.owner, e.owner)) continue;
    since.set(e.lead, { owner: e.owner, day });
    if (held !== undefined && held.owner.trim() !== "" && sameOwner(e.owner, poolOwner)) {
      const list = lost.get(e.lead) ?? [];
      list.push({ owner: held.owner, day });
      lost.set(e.lead, list);
    }
  }
  return { since, lost };
}

/** A grade's limits: its own in the rules, else its cadence plus the grace days. */
function limitsOf(
  rules: RuleSet,
  grade: string,
): { firstContactDays: number; followUpDays: number } | undefined {
  const own = rules.pool.limits[grade];
  if (own) return own;
  const def = rules.grades.find((g) => g.grade === grade);
  if (!def) return undefined;
  return {
    firstContactDays: def.cadence.firstContactWithinDays + rules.pool.graceDays,
    followUpDays: def.cadence.everyDays + rules.pool.graceDays,
  };
}

/** The day the lead's owner has held it since: the history's, or today for a lead it does not know held by them. */
function heldSince(memory: PoolMemory, lead: LeadResult, asOf: CivilDay): CivilDay {
  const held = memory.since.get(lead.key);
  return held !== undefined && sameOwner(held.owner, lead.owner) ? held.day : asOf;
}

/**
 * The open leads whose owner let the time run out. `entries` is the grade history, this pass's
 * own entries included (appendHistory). Leads in the pool or unowned, closed, blank or without a
 * key are never reclaimed.
 *
 * @example
 * leadsToReclaim(result, rules, history)[0] // { row: 4, owner: "王", grade: "A", reason: "no_first_contact", days: 3, limit: 2, … }
 */
export function leadsToReclaim(
  result: PassResult,
  rules: RuleSet,
  entries: readonly HistoryEntry[],
): Reclaim[] {
  const { pool } = rules;
  const asOf = civilDayFromIso(result.asOf) as CivilDay;
  const since = workingDaysUntil(asOf, workCalendar(rules.followUp));
  const memory = poolMemory(entries, pool.owner);
  const out: Reclaim[] = [];
  result.rows.forEach((lead, row) => {
    if (lead.blank || lead.key === "" || lead.outcome !== null || lead.grade === null) return;
    if (lead.owner.trim() === "" || sameOwner(lead.owner, pool.owner)) return;
    const limits = limitsOf(rules, lead.grade);
    if (!limits) return;
    const held = heldSince(memory, lead, asOf);
    if (since(held) <= pool.protectionDays) return;
    const last = lead.lastContact === null ? undefined : civilDayFromIso(lead.lastContact);
    const first = last === undefined || last < held;
    const limit = first ? limits.firstContactDays : limits.followUpDays;
    const days = since(first ? held : (last as CivilDay));
    if (days <= limit) return;
    out.push({
      row,
      key: lead.key,
      lead: lead.name,
      owner: lead.owner,
      grade: lead.grade,
      reason: first ? "no_first_contact" : "no_follow_up",
      days,
      limit,
      since: isoFromCivilDay(held),
    });
  });
  return out;
}

/**
 * Why a lead was flagged, in the sheet's language: "待收回公海:领取后 3 个工作日未首次联系(限 2 天)",
 * or once its Owner cell was written, "已收回公海:…".
 */
export function reclaimText(reclaim: Reclaim, lang: Lang, moved = false): string {
  const w = POOL_WORDS[lang];
  const why =
    reclaim.reason === "no_first_contact"
      ? w.noFirstContact(reclaim.days, reclaim.limit)
      : w.noFollowUp(reclaim.days, reclaim.limit);
  return moved ? w.reclaimed(why) : w.toReclaim(why);
}

export type TakeAnswer =
  | { ok: true }
  | { ok: false; reason: "not_in_pool" }
  | { ok: false; reason: "at_limit"; held: number; max: number }
  | { ok: false; reason: "cooldown"; from: string };

/**
 * Whether `rep` may take the lead of data row `row` from the pool: it must be in the pool (or
 * unowned), the rep must hold fewer than the most open leads, and must not have lost this lead to
 * the pool within the cooldown.
 *
 * @example
 * canTake("王", 7, result, rules, history) // { ok: false, reason: "at_limit", held: 200, max: 200 }
 */
export function canTake(
  rep: string,
  row: number,
  result: PassResult,
  rules: RuleSet,
  entries: readonly HistoryEntry[],
): TakeAnswer {
  const { pool } = rules;
  const lead = result.rows[row];
  if (!lead || lead.blank || (lead.owner.trim() !== "" && !sameOwner(lead.owner, pool.owner)))
    return { ok: false, reason: "not_in_pool" };
  const held = result.rows.filter((l) => !l.blank && l.outcome === null && sameOwner(l.owner, rep)).length;
  if (held >= pool.maxPerRep) return { ok: false, reason: "at_limit", held, max: pool.maxPerRep };
  const asOf = civilDayFromIso(result.asOf) as CivilDay;
  const calendar = workCalendar(rules.followUp);
  let lostOn: CivilDay | undefined;
  for (const loss of poolMemory(entries, pool.owner).lost.get(lead.key) ?? [])
    if (sameOwner(loss.owner, rep)) lostOn = loss.day;
  if (lostOn !== undefined && workingDaysSince(lostOn, asOf, calendar) < pool.cooldownDays) {
    // The first day the cooldown's working days have passed (within ten years: a calendar has working days).
    let from = asOf + 1;
    while (from < lostOn + 3660 && workingDaysSince(lostOn, from, calendar) < pool.cooldownDays) from++;
    return { ok: false, reason: "cooldown", from: isoFromCivilDay(from) };
  }
  return { ok: true };
}

/** A refusal to take a lead, in the sheet's language. */
export function takeRefusalText(answer: Exclude<TakeAnswer, { ok: true }>, lang: Lang): string {
  const w = POOL_WORDS[lang];
  if (answer.reason === "not_in_pool") return w.notInPool;
  if (answer.reason === "at_limit") return w.atLimit(answer.held, answer.max);
  return w.cooldown(answer.from);
}
