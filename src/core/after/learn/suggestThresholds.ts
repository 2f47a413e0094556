/**
 * Grade thresholds that would give a target mix of grades (seed 004 grades by urgency, so a team
 * usually wants few A leads and many C/D): the scores at those shares of the current open leads,
 * best first. Returned as a diff for the manager; nothing is applied here.
 */

import type { RuleSet } from "../../model/schema";
import type { PassResult } from "../../pass/runPass";

/** A change to one number of the rule set, as a diff line: where, what, from, to. */
export interface PointSuggestion {
  /** Where in the rule set, e.g. ["grades", 0, "minScore"]. */
  path: (string | number)[];
  label: string;
  from: number;
  to: number;
}

/** Share of leads per grade, best grade first; the last grade takes the rest. */
export const DEFAULT_MIX = [0.1, 0.2, 0.3, 0.4];

/**
 * @example
 * suggestThresholds(result, rules) // [{ path: ["grades", 0, "minScore"], label: "A", from: 70, to: 64 }, …]
 */
export function suggestThresholds(
  result: PassResult,
  rules: RuleSet,
  mix: readonly number[] = DEFAULT_MIX,
): PointSuggestion[] {
  const scores = result.rows
    .filter((r) => !r.blank && r.outcome === null && r.score !== null)
    .map((r) => r.score as number)
    .sort((a, b) => b - a);
  if (scores.length === 0) return [];
  const suggestions: PointSuggestion[] = [];
  let share = 0;
  rules.grades.slice(0, -1).forEach((grade, i) => {
    share += mix[i] ?? 0;
    // The lowest score still inside the top `share` of leads.
    const index = Math.min(scores.length - 1, Math.max(0, Math.ceil(share * scores.length) - 1));
    const to = scores[index] as number;
    const previous = suggestions[i - 1]?.to ?? Number.POSITIVE_INFINITY;
    // Thresholds must fall from grade to grade: ties in scores can make two equal.
    const bounded = Math.max(0, Math.min(to, previous - 1));
    suggestions.push({
      path: ["grades", i, "minScore"],
      label: grade.grade,
      from: grade.minScore,
      to: bounded,
    });
  });
  return suggestions.filter((s) => s.from !== s.to);
}
