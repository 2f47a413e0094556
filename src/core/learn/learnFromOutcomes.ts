/**
 * Learning from won/lost history (seed 001's data-driven tuning; seed 004's quarterly review): from
 * the leads a sheet has already closed, a naive Bayes model of what predicts winning, over the
 * same fields the rules read (source, industry, intent, budget, region, buying signals). It reports
 * how well the current rules and the model rank leads (AUC, the model's by 5-fold
 * cross-validation) and suggests new points for the source table — a diff for a manager to apply,
 * never applied here. With fewer than 40 won and 40 lost leads it says so and suggests nothing.
 */

import { localText } from "../explain/formatWhy";
import { cellText, INVALID, matchForm } from "../normalise/cell";
import { parseIntent } from "../normalise/parseIntent";
import { parseMoney } from "../normalise/parseMoney";
import { compilePhrase, findPhrase } from "../normalise/phrases";
import type { PassResult, Table } from "../pass/runPass";
import type { RuleSet } from "../rules/schema";
import { type Example, predictNaiveBayes, trainNaiveBayes } from "./naiveBayes";

export const MIN_OUTCOMES = 40;
const FOLDS = 5;

export interface PointSuggestion {
  /** Where in the rule set, e.g. ["sources", "entries", 0, "points"]. */
  path: (string | number)[];
  label: string;
  from: number;
  to: number;
}

export type Learned =
  | { enough: false; won: number; lost: number; needed: number }
  | {
      enough: true;
      won: number;
      lost: number;
      /** How often a won lead ranks above a lost one: 0.5 is chance, 1 is perfect. */
      aucRules: number;
      aucModel: number;
      suggestions: PointSuggestion[];
    };

/**
 * The area under the ROC curve: the chance a random won lead scores above a random lost one
 * (ties count half).
 */
export function auc(scores: readonly number[], won: readonly boolean[]): number {
  const order = scores.map((_, i) => i).sort((a, b) => (scores[a] as number) - (scores[b] as number));
  let rankSum = 0;
  let positives = 0;
  let i = 0;
  while (i < order.length) {
    let j = i;
    while (j < order.length && scores[order[j] as number] === scores[order[i] as number]) j++;
    const averageRank = (i + j + 1) / 2; // ranks i+1 … j share their average
    for (let k = i; k < j; k++) {
      if (won[order[k] as number]) {
        rankSum += averageRank;
        positives++;
      }
    }
    i = j;
  }
  const negatives = order.length - positives;
  if (positives === 0 || negatives === 0) return Number.NaN;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

function budgetBand(amount: number | undefined): string | undefined {
  if (amount === undefined) return undefined;
  return amount >= 100_000 ? "≥10万" : amount >= 20_000 ? "2–10万" : "<2万";
}

/** The name of the first table entry whose words match, or the text itself. */
function entryName(text: string | undefined, entries: RuleSet["sources"]["entries"]): string | undefined {
  if (text === undefined) return undefined;
  const entry = entries.find((e) => e.match.some((m) => findPhrase(text, compilePhrase(m)) >= 0));
  return entry === undefined ? text : localText(entry.name, "zh");
}

/** The values the model sees for one lead: the fields the rules read, never its outcome. */
function features(table: Table, result: PassResult, rules: RuleSet, row: number): Record<string, string> {
  const at = result.columns;
  const raw = (index: number | undefined) => (index === undefined ? undefined : table.rows[row]?.[index]);
  const text = (index: number | undefined) => {
    const t = matchForm(cellText(raw(index)));
    return t === "" ? undefined : t;
  };
  const amount = parseMoney(raw(at.budget));
  const intent = parseIntent(raw(at.intent));
  const values: Record<string, string | undefined> = {
    source: entryName(text(at.source), rules.sources.entries),
    industry: entryName(text(at.industry), rules.industries.entries),
    intent: intent === INVALID ? undefined : intent,
    budget: budgetBand(amount === INVALID ? undefined : amount),
    region: text(at.region),
  };
  for (const signal of result.rows[row]?.signals ?? []) values[`signal:${signal}`] = "yes";
  return Object.fromEntries(Object.entries(values).filter((e): e is [string, string] => e[1] !== undefined));
}

/**
 * @example
 * const learned = learnFromOutcomes(table, rules, runPass(table, rules, { asOf }));
 * if (learned.enough) learned.aucModel // e.g. 0.81 against aucRules 0.64
 */
export function learnFromOutcomes(table: Table, rules: RuleSet, result: PassResult): Learned {
  const closed = result.rows.flatMap((row, i) => (row.label === null || row.blank ? [] : [i]));
  const outcomes = closed.map((i) => result.rows[i]?.label === "won");
  const won = outcomes.filter(Boolean).length;
  const lost = outcomes.length - won;
  if (won < MIN_OUTCOMES || lost < MIN_OUTCOMES) return { enough: false, won, lost, needed: MIN_OUTCOMES };

  const examples: Example[] = closed.map((row, k) => ({
    values: features(table, result, rules, row),
    won: outcomes[k] as boolean,
  }));
  // Cross-validated: each lead is predicted by a model that never saw it.
  const predicted = examples.map(() => 0);
  for (let fold = 0; fold < FOLDS; fold++) {
    const model = trainNaiveBayes(examples.filter((_, k) => k % FOLDS !== fold));
    examples.forEach((example, k) => {
      if (k % FOLDS === fold) predicted[k] = predictNaiveBayes(model, example.values).probability;
    });
  }
  const model = trainNaiveBayes(examples);
  const scale = Math.max(1, ...rules.sources.entries.map((e) => Math.abs(e.points)));
  const odds = rules.sources.entries.map((entry) => {
    const counts = model.fields.get("source")?.get(localText(entry.name, "zh"));
    return counts === undefined ? undefined : Math.log(counts.won / model.won / (counts.lost / model.lost));
  });
  const strongest = Math.max(1e-9, ...odds.map((o) => Math.abs(o ?? 0)));
  const suggestions: PointSuggestion[] = [];
  rules.sources.entries.forEach((entry, i) => {
    const o = odds[i];
    if (o === undefined) return;
    const to = Math.round((o / strongest) * scale);
    if (to !== entry.points)
      suggestions.push({
        path: ["sources", "entries", i, "points"],
        label: localText(entry.name, "zh"),
        from: entry.points,
        to,
      });
  });
  return {
    enough: true,
    won,
    lost,
    aucRules: auc(
      closed.map((i) => result.rows[i]?.score ?? 0),
      outcomes,
    ),
    aucModel: auc(predicted, outcomes),
    suggestions,
  };
}
