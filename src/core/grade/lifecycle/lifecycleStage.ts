/**
 * Where a lead is in its life with the business (seeds 001/002): potential (never bought), new
 * (first purchase recently), active, dormant (沉睡) or lost (流失) — from purchases and activity,
 * relative to an explicit as-of date, with windows the manager sets.
 */

import type { RuleSet } from "../../model/schema";
import type { CivilDay } from "../../text/civilDay";

export type LifecycleStage = "potential" | "new" | "active" | "dormant" | "lost";

export interface LifecycleFacts {
  lastPurchase?: CivilDay;
  lastContact?: CivilDay;
  created?: CivilDay;
  orders?: number;
  revenue?: number;
  /** The sheet marks the lead as lost (丢单, closed lost). */
  markedLost?: boolean;
  /** The sheet marks the lead as won (已成交, closed won, Converted = yes): a customer. */
  markedWon?: boolean;
}

/**
 * @example
 * lifecycleStage({ lastPurchase: asOf - 10, orders: 1 }, asOf, rules.lifecycle) // "new"
 * lifecycleStage({ lastPurchase: asOf - 200, orders: 6 }, asOf, rules.lifecycle) // "dormant"
 */
export function lifecycleStage(
  facts: LifecycleFacts,
  asOf: CivilDay,
  windows: RuleSet["lifecycle"],
): LifecycleStage | null {
  if (facts.markedLost) return "lost";
  const bought = (facts.orders ?? 0) > 0 || (facts.revenue ?? 0) > 0 || facts.lastPurchase !== undefined;
  if (facts.markedWon && !bought) return wonStage(facts, asOf, windows);
  if (!bought) {
    const touched = facts.lastContact ?? facts.created;
    if (touched !== undefined && asOf - touched > windows.lostAfterDays) return "lost";
    return "potential";
  }
  const last = facts.lastPurchase ?? facts.lastContact;
  if (last === undefined) return null; // a customer with no dates: nothing honest to say
  const idle = asOf - last;
  if (idle > windows.lostAfterDays) return "lost";
  if (idle > windows.activeWithinDays) return "dormant";
  if (idle <= windows.newWithinDays && (facts.orders ?? 1) <= 1) return "new";
  return "active";
}

/** A won lead with no purchases on the sheet: a customer since its last contact (or creation). */
function wonStage(facts: LifecycleFacts, asOf: CivilDay, windows: RuleSet["lifecycle"]): LifecycleStage {
  const since = facts.lastContact ?? facts.created;
  if (since === undefined) return "new";
  const idle = asOf - since;
  if (idle > windows.activeWithinDays) return "dormant";
  return idle <= windows.newWithinDays ? "new" : "active";
}
