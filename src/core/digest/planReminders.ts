/**
 * Who gets a reminder today, at which address, and what must wait. An owner is reached at the
 * address in the Owner cell, or at the address the rep directory gives for that name; an owner
 * with no valid address is reported, never guessed. Owners already reminded today are skipped,
 * and once the day's mail quota is used up the rest wait for the next run — nothing is dropped.
 */
import { zoneClock } from "../dates/civilDay";
import type { RuleSet } from "../rules/schema";
import type { Digest } from "./buildDigests";

/** A plain, practical address check: one @, no spaces, a dot in the domain. */
const EMAIL = /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:"]{2,}$/;

export function isEmailAddress(text: string): boolean {
  return EMAIL.test(text.trim());
}

export interface ReminderPlan {
  send: { owner: string; to: string; digest: Digest }[];
  /** Valid, not yet sent, but over today's quota: try again next run. */
  waiting: { owner: string; to: string }[];
  /** Owners whose address is missing or invalid. */
  invalid: { owner: string; address: string }[];
  /** Owners already reminded today. */
  alreadySent: string[];
}

/**
 * @example
 * planReminders(digests, rules.reps, ["李雷"], 50)
 * // { send: [{ owner: "Tom", to: "tom@example.com", … }], alreadySent: ["李雷"], waiting: [], invalid: [] }
 */
export function planReminders(
  digests: readonly Digest[],
  reps: RuleSet["reps"],
  sentToday: readonly string[],
  quota: number,
  onlyOwners: readonly string[] = [],
): ReminderPlan {
  const plan: ReminderPlan = { send: [], waiting: [], invalid: [], alreadySent: [] };
  const directory = new Map(reps.map((r) => [r.name.trim().toLowerCase(), r.email?.trim() ?? ""]));
  const only = new Set(onlyOwners.map((o) => o.trim().toLowerCase()));
  const sent = new Set(sentToday);
  let left = Math.max(0, Math.floor(quota));
  for (const digest of digests) {
    if (digest.leads.length === 0) continue;
    if (only.size > 0 && !only.has(digest.owner.trim().toLowerCase())) continue;
    if (sent.has(digest.owner)) {
      plan.alreadySent.push(digest.owner);
      continue;
    }
    const address = isEmailAddress(digest.owner)
      ? digest.owner.trim()
      : (directory.get(digest.owner.trim().toLowerCase()) ?? "");
    if (!isEmailAddress(address)) {
      plan.invalid.push({ owner: digest.owner, address });
      continue;
    }
    if (left > 0) {
      plan.send.push({ owner: digest.owner, to: address, digest });
      left--;
    } else plan.waiting.push({ owner: digest.owner, to: address });
  }
  return plan;
}

/**
 * Whether the day's digests may go out at this instant: reminders are on and the local hour (in
 * the rules' time zone) has reached the send hour. Runs later the same day catch up; the ledger
 * of who was reminded keeps it to one digest a day.
 *
 * @example
 * remindersDue({ enabled: true, sendHour: 8, owners: [], cc: [] }, new Date("2026-11-23T00:30:00Z"), "Asia/Shanghai")
 * // true (08:30 in Shanghai)
 */
export function remindersDue(settings: RuleSet["reminders"], now: Date, timeZone: string): boolean {
  return settings.enabled && zoneClock(timeZone).hourOf(now) >= settings.sendHour;
}
