/**
 * Who gets a reminder today, at which address, and what must wait. An owner is reached at the
 * address in the Owner cell, or at the address the rep directory gives for that name; an owner
 * with no valid address is reported, never guessed. Owners already reminded today are skipped,
 * and once the day's mail quota is used up the rest wait for the next run — nothing is dropped.
 */

import type { RuleSet } from "../../model/schema";
import { type ZoneOffset, zoneClock } from "../../text/civilDay";
import { isEmailAddress } from "../../text/isEmailAddress";
import { type Digest, sortByUrgency } from "./buildDigests";

export { isEmailAddress };

export interface ReminderPlan {
  /**
   * One message per address: owners written differently for one rep (`Bob`, `bob`,
   * `bob@example.com`) share it, their leads together. `key` is the address case-folded: what
   * the ledger of the day's reminders records.
   */
  send: { owner: string; to: string; key: string; digest: Digest }[];
  /** Valid, not yet sent, but over today's quota: try again next run. */
  waiting: { owner: string; to: string }[];
  /** Owners whose address is missing or invalid. */
  invalid: { owner: string; address: string }[];
  /** Owners already reminded today. */
  alreadySent: string[];
}

/**
 * The address an owner cell reaches: the address in the cell, or the one the rep directory gives
 * for that name (case-insensitive); "" when there is neither.
 *
 * @example
 * ownerAddress("Bob", [{ name: "bob", email: "bob@example.com" }]) // "bob@example.com"
 */
export function ownerAddress(owner: string, reps: RuleSet["reps"]): string {
  const text = owner.trim();
  if (isEmailAddress(text)) return text;
  const wanted = text.toLowerCase();
  return reps.find((r) => r.name.trim().toLowerCase() === wanted)?.email?.trim() ?? "";
}

/**
 * @param sentToday the ledger: addresses (any case) already reminded today.
 * @param quota recipients the mail service may still reach today; each message costs `recipientsEach`
 *   (its To plus its copies).
 *
 * @example
 * planReminders(digests, rules.reps, ["lilei@example.com"], 50)
 * // { send: [{ owner: "Tom", to: "tom@example.com", … }], alreadySent: ["李雷"], waiting: [], invalid: [] }
 */
export function planReminders(
  digests: readonly Digest[],
  reps: RuleSet["reps"],
  sentToday: readonly string[],
  quota: number,
  onlyOwners: readonly string[] = [],
  recipientsEach = 1,
): ReminderPlan {
  const plan: ReminderPlan = { send: [], waiting: [], invalid: [], alreadySent: [] };
  const only = new Set(onlyOwners.map((o) => o.trim().toLowerCase()));
  const sent = new Set(sentToday.map((s) => s.trim().toLowerCase()));
  const byAddress = new Map<string, { owner: string; to: string; digests: Digest[] }>();
  for (const digest of digests) {
    if (digest.leads.length === 0 && digest.conflicts.length === 0) continue;
    const name = digest.owner.trim().toLowerCase();
    if (only.size > 0 && !only.has(name)) continue;
    const address = ownerAddress(digest.owner, reps);
    if (!isEmailAddress(address)) {
      plan.invalid.push({ owner: digest.owner, address });
      continue;
    }
    const key = address.toLowerCase();
    if (sent.has(key) || sent.has(name)) {
      plan.alreadySent.push(digest.owner);
      continue;
    }
    const group = byAddress.get(key);
    if (group) group.digests.push(digest);
    else byAddress.set(key, { owner: digest.owner, to: address, digests: [digest] });
  }
  const each = Math.max(1, Math.floor(recipientsEach));
  let left = Math.max(0, Math.floor(quota));
  for (const [key, { owner, to, digests: group }] of byAddress) {
    if (left >= each) {
      plan.send.push({ owner, to, key, digest: mergeDigests(owner, group) });
      left -= each;
    } else plan.waiting.push({ owner, to });
  }
  return plan;
}

/** One owner's digest from the digests of the names that reach one address, most urgent first. */
function mergeDigests(owner: string, digests: readonly Digest[]): Digest {
  if (digests.length === 1) return digests[0] as Digest;
  return {
    owner,
    leads: sortByUrgency(digests.flatMap((d) => d.leads)),
    conflicts: digests.flatMap((d) => d.conflicts),
  };
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
export function remindersDue(
  settings: RuleSet["reminders"],
  now: Date,
  timeZone: string,
  zoneOffset?: ZoneOffset,
): boolean {
  return settings.enabled && zoneClock(timeZone, zoneOffset).hourOf(now) >= settings.sendHour;
}
