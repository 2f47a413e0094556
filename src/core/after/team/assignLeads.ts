/**
 * Assigning leads that have no owner (seed 003 "根据员工的专长和能力"): highest grade first, each
 * to the rep whose expertise fits it best (industry, region, language), sharing the rest by
 * weighted round-robin on each rep's capacity, skipping reps who are away and never giving a rep
 * more than their daily cap. The same input always gives the same assignment. Leads that already
 * have an owner keep them unless `reassign` is asked for.
 */

import type { Rep, RuleSet } from "../../model/schema";
import type { PassResult } from "../../pass/runPass";
import type { CellValue } from "../../text/cell";
import { cellText, matchForm } from "../../text/cell";
import { compilePhrase, findPhrase } from "../../text/phrases";

export interface Assignment {
  /** 0-based data row. */
  row: number;
  /** The rep's name, or null when no rep has room left today. */
  rep: string | null;
  /** Why this rep: their expertise fits, or it was their turn. */
  reason: "expertise" | "turn" | "no_capacity";
}

export interface AssignOptions {
  /** Leads each rep was already given today (their daily cap counts these). */
  assignedToday?: Record<string, number>;
  /** Reassign leads that have an owner too (only when a manager asks). */
  reassign?: boolean;
}

const hasChinese = (text: string) => /[\u4e00-\u9fff]/.test(text);

function fits(rep: Rep, lead: { industry: string; region: string; language: "zh" | "en" }): number {
  const matches = (words: readonly string[] | undefined, value: string) =>
    words !== undefined && value !== "" && words.some((w) => findPhrase(value, compilePhrase(w)) >= 0);
  return (
    (matches(rep.industries, lead.industry) ? 1 : 0) +
    (matches(rep.regions, lead.region) ? 1 : 0) +
    (rep.languages?.includes(lead.language) ? 1 : 0)
  );
}

/**
 * @example
 * assignLeads(table.rows, result, rules) // [{ row: 4, rep: "李雷", reason: "expertise" }, …]
 */
export function assignLeads(
  rows: readonly (readonly CellValue[])[],
  result: PassResult,
  rules: RuleSet,
  options: AssignOptions = {},
): Assignment[] {
  const at = result.columns;
  const text = (row: number, index: number | undefined) =>
    index === undefined ? "" : matchForm(cellText(rows[row]?.[index]));
  const gradeRank = new Map(rules.grades.map((g, i) => [g.grade, i]));
  const reps = rules.reps.filter((r) => !r.away && (r.capacity ?? 1) > 0);
  const load = new Map(reps.map((r) => [r.name, options.assignedToday?.[r.name] ?? 0]));

  const leads = result.rows
    .map((lead, row) => ({ lead, row }))
    .filter(
      ({ lead }) =>
        !lead.blank && lead.outcome !== "lost" && (options.reassign === true || lead.owner.trim() === ""),
    )
    .sort(
      (a, b) =>
        (gradeRank.get(a.lead.grade ?? "") ?? 99) - (gradeRank.get(b.lead.grade ?? "") ?? 99) ||
        (b.lead.score ?? 0) - (a.lead.score ?? 0) ||
        a.row - b.row,
    );

  return leads.map(({ row }): Assignment => {
    const eligible = reps.filter((r) => r.dailyCap === undefined || (load.get(r.name) ?? 0) < r.dailyCap);
    if (eligible.length === 0) return { row, rep: null, reason: "no_capacity" };
    const name = `${cellText(rows[row]?.[at.name ?? -1])}${cellText(rows[row]?.[at.company ?? -1])}${cellText(rows[row]?.[at.notes ?? -1])}`;
    const lead = {
      industry: text(row, at.industry),
      region: text(row, at.region),
      language: hasChinese(name) ? ("zh" as const) : ("en" as const),
    };
    const best = Math.max(...eligible.map((r) => fits(r, lead)));
    const pool = best > 0 ? eligible.filter((r) => fits(r, lead) === best) : eligible;
    // Weighted round-robin: the rep whose share of leads, after this one, would be smallest.
    let chosen = pool[0] as Rep;
    for (const rep of pool) {
      const share = ((load.get(rep.name) ?? 0) + 1) / (rep.capacity ?? 1);
      const chosenShare = ((load.get(chosen.name) ?? 0) + 1) / (chosen.capacity ?? 1);
      if (share < chosenShare) chosen = rep;
    }
    load.set(chosen.name, (load.get(chosen.name) ?? 0) + 1);
    return { row, rep: chosen.name, reason: best > 0 ? "expertise" : "turn" };
  });
}
