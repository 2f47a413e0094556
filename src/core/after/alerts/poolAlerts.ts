/**
 * Alerts for the lead pool: a lead to be reclaimed is news to its owner (follow it up now, or lose
 * it) and to the manager, once per lead and day it was taken (a lead taken again is news again).
 */
import type { Lang } from "../../model/messages";
import { outputCells } from "../../pass/outputColumns";
import type { PassResult } from "../../pass/runPass";
import { type Reclaim, reclaimText } from "../pool/leadPool";
import type { Alert } from "./findAlerts";

/**
 * @param sent the records of alerts already sent (AlertState.sent): a reclaim among them is not news.
 * @param moved the leads were moved to the pool already (the rules' writeOwner): said so.
 * @example
 * poolAlerts(leadsToReclaim(result, rules, history), result, new Set(state.sent), "zh")[0].detail
 * // "待收回公海:领取后 3 个工作日未首次联系(限 1 天)"
 */
export function poolAlerts(
  reclaims: readonly Reclaim[],
  result: PassResult,
  sent: ReadonlySet<string>,
  lang: Lang,
  moved = false,
): Alert[] {
  return reclaims.flatMap((r) => {
    const record = JSON.stringify([r.key, "to_reclaim", r.since]);
    const lead = result.rows[r.row];
    if (sent.has(record) || !lead) return [];
    return [
      {
        key: r.key,
        sent: record,
        reason: "to_reclaim" as const,
        detail: reclaimText(r, lang, moved),
        lead: r.lead,
        owner: r.owner,
        grade: r.grade,
        why: String(outputCells(lead, result, lang).why),
        due: lead.nextFollowUp,
        row: r.row + 2,
      },
    ];
  });
}
