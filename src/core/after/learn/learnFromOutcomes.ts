/**
 * Learning from won/lost history (seed 001's data-driven tuning; seed 004's quarterly review).
 * From the leads a sheet has already closed, two models of what predicts winning over the sheet's
 * own columns (sheetFeatures.ts) — naive Bayes, as Odoo's predictive lead scoring, and
 * L2-regularised logistic regression, which also sees the current rules' score — each judged by
 * 5-fold cross-validated AUC with DeLong's standard error. What logistic regression learned becomes
 * rules a manager can read: points per value of a column (`Lead Origin = Lead Add Form +25`),
 * points per range of a number, and grade thresholds for the target mix. Those rules are scored on
 * held-out leads too, and suggested only when they beat the current rules by more than the
 * uncertainty of the difference; otherwise nothing changes, and the output says why. Below 40 won
 * and 40 lost leads it says so and suggests nothing. Nothing here throws on the data it is given.
 */

import type { ColumnPoints, RuleSet } from "../../model/schema";
import { validateRules } from "../../model/validateRules";
import { daysSinceCells, type PassOptions, type PassResult, runPass, type Table } from "../../pass/runPass";
import type { CellValue } from "../../text/cell";
import { civilDayFromIso, zoneClock } from "../../text/civilDay";
import { type AucFigure, aucDifference, aucWithError } from "./aucInterval";
import { predictLogistic, type SparseExample, trainLogistic } from "./logistic";
import { predictNaiveBayes, trainNaiveBayes } from "./naiveBayes";
import {
  type DateReading,
  discoverColumns,
  featureCount,
  featureOf,
  type LeftOut,
  type SheetColumn,
} from "./sheetFeatures";
import { type PointSuggestion, suggestThresholds } from "./suggestThresholds";

export const MIN_OUTCOMES = 40;
const FOLDS = 5;
/** The most points one column's value may get: a learned column ranks, it does not decide alone. */
const MAX_COLUMN_POINTS = 40;
/** How many standard errors the suggested rules must beat the current ones by. */
const MARGIN_SE = 1.96;

export type { PointSuggestion };

export type Learned =
  | { enough: false; won: number; lost: number; needed: number }
  | {
      enough: true;
      won: number;
      lost: number;
      /** How often a won lead ranks above a lost one (0.5 chance, 1 perfect), with its error. */
      rules: AucFigure;
      /** Cross-validated: each lead scored by a model that never saw it. */
      naiveBayes: AucFigure;
      logistic: AucFigure;
      chosen: "naiveBayes" | "logistic";
      /**
       * How far logistic regression's held-out probabilities can be taken at their word: their mean
       * against the share won, and the Brier score (mean squared error; 0.25 is a coin's).
       */
      calibration: { meanPredicted: number; shareWon: number; brier: number };
      /** The learned points as rules, cross-validated the same way. */
      suggestedRules: AucFigure;
      /** suggestedRules − rules over the same leads, with the error of the difference. */
      gain: AucFigure;
      /** Whether the suggestion beats the current rules by more than its uncertainty. */
      helps: boolean;
      columns: { header: string; kind: "category" | "number" }[];
      leftOut: LeftOut[];
      /** What would change: learned column points and grade thresholds (empty when it does not help). */
      columnPoints: ColumnPoints[];
      /** New points for buying signals in notes: `label` is the signal's id. */
      signalPoints: PointSuggestion[];
      /** What the current rules' points are multiplied by (1: kept as they are). */
      rulesFactor?: number;
      thresholds: PointSuggestion[];
      /** Why thresholds were left alone, when they were. */
      thresholdsKept?: "would_collapse";
      /** The rule set with the suggestions applied, valid; only when they help. */
      suggested?: RuleSet;
    };

/**
 * The area under the ROC curve: the chance a random won lead scores above a random lost one
 * (ties count half).
 */
export function auc(scores: readonly number[], won: readonly boolean[]): number {
  return aucWithError(scores, won).auc;
}

/** The learning problem: closed leads' features, as sparse one-hot rows over all columns. */
interface Design {
  columns: SheetColumn[];
  /** First feature number of each column. */
  offsets: number[];
  size: number;
  examples: SparseExample[];
  /** Per example, its value of each column (feature number within the column, or -1). */
  levels: Int32Array[];
  rulesScore: number[];
}

function design(
  table: Table,
  result: PassResult,
  closed: readonly number[],
  columns: SheetColumn[],
  dates: DateReading,
): Design {
  const offsets: number[] = [];
  let size = 1; // feature 0: the current rules' score / 100
  for (const column of columns) {
    offsets.push(size);
    size += featureCount(column);
  }
  // Each column's cells on the closed leads; a date column's as days since; a signal's "yes" or "".
  const cells = columns.map((column) => {
    const { signal } = column;
    if (signal !== undefined)
      return closed.map((row) => (result.rows[row]?.signals.includes(signal) ? "yes" : ""));
    const own = closed.map((row) => table.rows[row]?.[column.index] as CellValue);
    return column.daysSince ? daysSinceCells(own, dates.clock, dates.asOf, dates.order) : own;
  });
  const levels: Int32Array[] = [];
  const rulesScore: number[] = [];
  const examples = closed.map((row, k) => {
    const lead = result.rows[row];
    const score = lead?.score ?? 0;
    rulesScore.push(score);
    const features = [0];
    const values = [score / 100];
    const mine = new Int32Array(columns.length).fill(-1);
    columns.forEach((column, c) => {
      const level = featureOf(column, cells[c]?.[k]);
      if (level === undefined) return;
      mine[c] = level;
      features.push((offsets[c] as number) + level);
      values.push(1);
    });
    levels.push(mine);
    return { features, values, won: lead?.label === "won" };
  });
  return { columns, offsets, size, examples, levels, rulesScore };
}

/**
 * What a fitted model says in the rules' terms: each column's points per feature (0–100 scale,
 * never negative), and the factor the current rules' points are to be multiplied by so that the
 * two weigh against each other as they do in the model (1 when the learned points fit beside
 * them as they are).
 */
function pointsFrom(weights: Float64Array, d: Design): { points: number[][]; factor: number } {
  const effects = d.columns.map((column, c) =>
    Array.from(
      { length: featureCount(column) },
      (_, k) => weights[1 + (d.offsets[c] as number) + k] as number,
    ),
  );
  const spread = Math.max(1e-9, ...effects.map((e) => Math.max(...e, 0) - Math.min(...e, 0)));
  // The most a lead could collect from all columns stays within a score's 100 (leads the model
  // tells apart would otherwise all sit at 100), and no one value is worth more than 40.
  const most = Math.max(
    1e-9,
    effects.reduce((sum, e) => sum + Math.max(...e, 0) - Math.min(...e, 0), 0),
  );
  // One point of the current rules is worth weights[1] / 100 in log-odds.
  const perPoint = Math.max(0, (weights[1] as number) / 100);
  const highest = Math.max(1, ...d.rulesScore);
  // Learned log-odds to points: as many as one rules point is worth, where that fits.
  const fit = Math.min(MAX_COLUMN_POINTS / spread, 100 / most);
  const scale = perPoint > 0 && 1 / perPoint <= fit && highest + most / perPoint <= 100 ? 1 / perPoint : fit;
  // The rules' points, scaled so one of them is worth perPoint log-odds on the same scale.
  const factor = Math.min(1, perPoint * scale);
  // Shifted so a column's least promising value gets 0 — an empty or unlisted value (the model's
  // baseline) gets the shift itself: every lead has one of them per column, so the ranking is
  // unchanged and no score is pushed below 0. The last entry of each list is that "other".
  const points = effects.map((e) => {
    const least = Math.min(...e, 0);
    return [...e, 0].map((w) => Math.min(100, Math.round((w - least) * scale)));
  });
  return { points, factor };
}

/** The score a lead would get from its scaled current score plus the learned points (capped 0–100). */
function suggestedScore(d: Design, learned: { points: number[][]; factor: number }, example: number): number {
  let score = Math.round((d.rulesScore[example] as number) * learned.factor);
  const mine = d.levels[example] as Int32Array;
  for (let c = 0; c < mine.length; c++) {
    const column = learned.points[c] as number[];
    const level = mine[c] as number;
    score += column[level >= 0 ? level : column.length - 1] as number;
  }
  return Math.max(0, Math.min(100, score));
}

/** The rules with every point value multiplied by `factor` (rounded): their weight beside learned points. */
function scaledRules(rules: RuleSet, factor: number): RuleSet {
  if (factor >= 1) return rules;
  const times = (p: number) => Math.round(p * factor);
  const table = (t: RuleSet["sources"]) => ({
    ...t,
    entries: t.entries.map((e) => ({ ...e, points: times(e.points) })),
    otherPoints: times(t.otherPoints),
  });
  // A rule worth nothing once scaled only lengthens every lead's why: it goes.
  return {
    ...rules,
    dimensions: rules.dimensions
      .map((r) => ({ ...r, points: times(r.points) }))
      .filter((r) => r.points !== 0),
    sources: table(rules.sources),
    industries: table(rules.industries),
    signals: {
      ...rules.signals,
      items: rules.signals.items
        .map((i) => ({ ...i, points: times(i.points) }))
        .filter((i) => i.points !== 0),
    },
    columnPoints: rules.columnPoints.map((c) => ({
      ...c,
      values: c.values.map((v) => ({ ...v, points: times(v.points) })),
      ranges: c.ranges.map((r) => ({ ...r, points: times(r.points) })),
    })),
    caps: Object.fromEntries(
      Object.entries(rules.caps).map(([group, cap]) => [
        group,
        {
          ...(cap.min === undefined ? {} : { min: times(cap.min) }),
          ...(cap.max === undefined ? {} : { max: times(cap.max) }),
        },
      ]),
    ),
  };
}

/** A column's learned points as rules; the last of `withOther` is for empty and unlisted values. */
function asColumnPoints(column: SheetColumn, withOther: readonly number[]): ColumnPoints | undefined {
  if (withOther.every((p) => p === 0)) return undefined;
  const otherPoints = withOther[withOther.length - 1] ?? 0;
  const points = withOther.slice(0, -1);
  if (column.kind === "category")
    return {
      header: column.header,
      values: column.levels.flatMap((value, k) =>
        (points[k] ?? 0) === otherPoints ? [] : [{ value, points: points[k] ?? 0 }],
      ),
      ranges: [],
      otherPoints,
    };
  const bounds = [Number.NEGATIVE_INFINITY, ...column.edges, Number.POSITIVE_INFINITY];
  return {
    header: column.header,
    values: [],
    otherPoints,
    ...(column.daysSince ? { daysSince: true } : {}),
    ranges: points.flatMap((p, k) => {
      if (p === otherPoints) return [];
      const min = bounds[k] as number;
      const max = bounds[k + 1] as number;
      return [
        { ...(Number.isFinite(min) ? { min } : {}), ...(Number.isFinite(max) ? { max } : {}), points: p },
      ];
    }),
  };
}

/** The rules' buying signals found in the notes of at least 10 closed leads, each as a yes/no feature. */
function signalColumns(rules: RuleSet, result: PassResult, closed: readonly number[]): SheetColumn[] {
  return rules.signals.items.flatMap((item) => {
    const seen = closed.filter((row) => result.rows[row]?.signals.includes(item.id)).length;
    return seen < 10 || seen === closed.length
      ? []
      : [
          {
            header: `signal:${item.id}`,
            index: -1,
            kind: "category" as const,
            levels: ["yes"],
            edges: [],
            signal: item.id,
          },
        ];
  });
}

/**
 * A signal's new points: its scaled points plus what the model adds for it (its "yes" over its
 * baseline, which every lead without it gets); the path points at the signal in the rules.
 */
function signalSuggestions(
  rules: RuleSet,
  scaled: RuleSet,
  used: readonly SheetColumn[],
  points: readonly (readonly number[])[],
): PointSuggestion[] {
  return used.flatMap((column, c) => {
    const k = rules.signals.items.findIndex((i) => i.id === column.signal);
    if (column.signal === undefined || k < 0) return [];
    const withOther = points[c] ?? [];
    const delta = (withOther[0] ?? 0) - (withOther[withOther.length - 1] ?? 0);
    const from = rules.signals.items[k]?.points ?? 0;
    const kept = scaled.signals.items.find((i) => i.id === column.signal)?.points ?? 0;
    const to = Math.max(-100, Math.min(100, kept + delta));
    return to === from ? [] : [{ path: ["signals", "items", k, "points"], label: column.signal, from, to }];
  });
}

/**
 * Which of the FOLDS each example is held out in: equal shares, shuffled by a fixed seed, so the
 * answer is the same every run and a pattern in the rows' order (every tenth row) cannot line up
 * with the folds.
 */
function foldsOf(n: number): Uint8Array {
  const folds = Uint8Array.from({ length: n }, (_, k) => k % FOLDS);
  let seed = 0x9e3779b9;
  for (let i = n - 1; i > 0; i--) {
    // xorshift32
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    const j = (seed >>> 0) % (i + 1);
    const t = folds[i] as number;
    folds[i] = folds[j] as number;
    folds[j] = t;
  }
  return folds;
}

/**
 * @example
 * const learned = learnFromOutcomes(table, rules, runPass(table, rules, { asOf }));
 * if (learned.enough && learned.helps) learned.suggested // the rules to grade with
 */
export function learnFromOutcomes(
  table: Table,
  rules: RuleSet,
  result: PassResult,
  /** How the suggested rules are tried on the table (the add-on's zone offsets); as of the result's day. */
  pass: Omit<PassOptions, "asOf"> = {},
): Learned {
  const closed = result.rows.flatMap((row, i) => (row.label === null || row.blank ? [] : [i]));
  const open = result.rows.flatMap((row, i) => (row.label !== null || row.blank ? [] : [i]));
  const outcomes = closed.map((i) => result.rows[i]?.label === "won");
  const won = outcomes.filter(Boolean).length;
  const lost = outcomes.length - won;
  if (won < MIN_OUTCOMES || lost < MIN_OUTCOMES) return { enough: false, won, lost, needed: MIN_OUTCOMES };

  const clock = zoneClock(rules.timeZone, pass.zoneOffset);
  const dates = { clock, asOf: civilDayFromIso(result.asOf) ?? 0, order: rules.dateOrder };
  const discovered = discoverColumns(table, result.columns, closed, open, dates);
  const used = [...discovered.used, ...signalColumns(rules, result, closed)];
  const d = design(table, result, closed, used, dates);
  const figures = crossValidate(d, outcomes, won);
  const helps =
    used.length > 0 &&
    Number.isFinite(figures.gain.auc) &&
    figures.gain.auc - MARGIN_SE * figures.gain.se > 0;
  const base = {
    enough: true as const,
    won,
    lost,
    ...figures,
    chosen: figures.logistic.auc >= figures.naiveBayes.auc ? ("logistic" as const) : ("naiveBayes" as const),
    helps,
    columns: used.flatMap((c) => (c.signal === undefined ? [{ header: c.header, kind: c.kind }] : [])),
    leftOut: discovered.leftOut,
  };
  if (!helps) return { ...base, columnPoints: [], signalPoints: [], thresholds: [] };
  return { ...base, ...suggestRules(table, rules, result, pass, d, used) };
}

/**
 * Each closed lead scored by models trained without its fold — naive Bayes, logistic regression,
 * and the points learned from the latter as rules — and the AUC of each, of the current rules, and
 * of the learned rules' gain over them; with the logistic model's calibration.
 */
function crossValidate(d: Design, outcomes: readonly boolean[], won: number) {
  const n = d.examples.length;
  const folds = foldsOf(n);
  const fold = (k: number) => folds[k] as number;
  const nb = new Array<number>(n).fill(0);
  const lr = new Array<number>(n).fill(0);
  const asRules = new Array<number>(n).fill(0);
  const nbValues = d.levels.map((levels) =>
    Object.fromEntries(
      [...levels].flatMap((level, c) =>
        level < 0 ? [] : [[d.columns[c]?.header ?? String(c), String(level)]],
      ),
    ),
  );
  for (let f = 0; f < FOLDS; f++) {
    const train = d.examples.filter((_, k) => fold(k) !== f);
    const bayes = trainNaiveBayes(
      nbValues.flatMap((values, k) => (fold(k) === f ? [] : [{ values, won: outcomes[k] as boolean }])),
    );
    const model = trainLogistic(train, d.size);
    const learnedRules = pointsFrom(model.weights, d);
    for (let k = 0; k < n; k++) {
      if (fold(k) !== f) continue;
      nb[k] = predictNaiveBayes(bayes, nbValues[k] as Record<string, string>).probability;
      lr[k] = predictLogistic(model, d.examples[k] as SparseExample);
      asRules[k] = suggestedScore(d, learnedRules, k);
    }
  }
  return {
    rules: aucWithError(d.rulesScore, outcomes),
    naiveBayes: aucWithError(nb, outcomes),
    logistic: aucWithError(lr, outcomes),
    suggestedRules: aucWithError(asRules, outcomes),
    gain: aucDifference(asRules, d.rulesScore, outcomes),
    calibration: {
      meanPredicted: lr.reduce((a, b) => a + b, 0) / n,
      shareWon: won / n,
      brier: lr.reduce((sum, p, k) => sum + (p - (outcomes[k] ? 1 : 0)) ** 2, 0) / n,
    },
  };
}

/**
 * The rules learning suggests, from a model trained on every closed lead: the current rules scaled
 * to weigh as the model does, with points per column and per signal, and thresholds for the mix.
 */
function suggestRules(
  table: Table,
  rules: RuleSet,
  result: PassResult,
  pass: Omit<PassOptions, "asOf">,
  d: Design,
  used: readonly SheetColumn[],
) {
  const { points, factor } = pointsFrom(trainLogistic(d.examples, d.size).weights, d);
  const columnPoints = used.flatMap((column, c) =>
    column.signal === undefined ? (asColumnPoints(column, points[c] ?? []) ?? []) : [],
  );
  const scaled = scaledRules(rules, factor);
  const signalPoints = signalSuggestions(rules, scaled, used, points);
  // Every signal with its learned points where there are some, else its scaled ones; none at 0.
  const signals = rules.signals.items.flatMap((item) => {
    const change = signalPoints.find((p) => p.label === item.id);
    const to = change ? change.to : (scaled.signals.items.find((i) => i.id === item.id)?.points ?? 0);
    return to === 0 ? [] : [{ ...item, points: to }];
  });
  const withPoints: RuleSet = {
    ...scaled,
    signals: { ...scaled.signals, items: signals },
    columnPoints: [...scaled.columnPoints, ...columnPoints],
  };
  return {
    ...withThresholds(withPoints, runPass(table, withPoints, { ...pass, asOf: result.asOf })),
    columnPoints,
    signalPoints,
    rulesFactor: factor,
  };
}

/**
 * The rules with learned points, and grade thresholds giving the target mix under them; the
 * thresholds are left alone (with the reason) where they would not fall from grade to grade.
 */
function withThresholds(
  rules: RuleSet,
  after: PassResult,
): Pick<Extract<Learned, { enough: true }>, "thresholds" | "thresholdsKept" | "suggested"> {
  const { thresholds, kept } = thresholdsFor(after, rules);
  const suggested = withGrades(rules, thresholds);
  if (suggested) return { thresholds, ...(kept ? { thresholdsKept: kept } : {}), suggested };
  const valid = withGrades(rules, []);
  return valid ? { thresholds: [], thresholdsKept: "would_collapse", suggested: valid } : { thresholds: [] };
}

/**
 * Thresholds for the target mix under these scores, or none (with the reason) where they would
 * not fall from grade to grade: scores too alike to tell grades apart (all 0, say).
 */
export function thresholdsFor(
  result: PassResult,
  rules: RuleSet,
): { thresholds: PointSuggestion[]; kept?: "would_collapse" } {
  const thresholds = suggestThresholds(result, rules);
  return withGrades(rules, thresholds) ? { thresholds } : { thresholds: [], kept: "would_collapse" };
}

/** The rules with these grade thresholds, when they are still a valid rule set. */
export function withGrades(rules: RuleSet, thresholds: readonly PointSuggestion[]): RuleSet | undefined {
  const copy = JSON.parse(JSON.stringify(rules)) as RuleSet;
  for (const s of thresholds) {
    const grade = copy.grades[s.path[1] as number];
    if (grade) grade.minScore = s.to;
  }
  const checked = validateRules(copy);
  return checked.ok ? checked.rules : undefined;
}
