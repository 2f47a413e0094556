/**
 * What learning found, in a few lines for `--suggest` and the sidebar's Learn section: each model's cross-validated AUC with its 95 %
 * interval, the columns read and those left out (and why), and the suggested changes as a diff —
 * or, plainly, that the history shows no reliable signal and nothing changes.
 */
import type { Lang } from "../../model/messages";
import type { Learned, PointSuggestion } from "./learnFromOutcomes";
import { en } from "./locales/en";
import { type LearningWords, zh } from "./locales/zh";
import { DEFAULT_MIX } from "./suggestThresholds";

const figure = (f: { auc: number; se: number }) =>
  Number.isFinite(f.auc) ? `${f.auc.toFixed(2)} ± ${(1.96 * f.se).toFixed(3)}` : "—";
const signed = (n: number) => (n >= 0 ? `+${n}` : `−${-n}`);

function rangeText(min: number | undefined, max: number | undefined): string {
  if (min === undefined) return `< ${max}`;
  if (max === undefined) return `≥ ${min}`;
  return `${min}–${max}`;
}

function thresholdLines(thresholds: readonly PointSuggestion[]): string[] {
  return thresholds.map((s) => `    ${s.path.join(".")}  ${s.label}: ${s.from} → ${s.to}`);
}

/**
 * @param coldStart with too little history: the thresholds for the target mix alone, and why
 *   they were kept when they were.
 */
export function learningText(
  learned: Learned,
  coldStart: { thresholds: PointSuggestion[]; kept?: string } | undefined,
  lang: Lang,
): string {
  const w = LEARNING_WORDS[lang];
  if (!learned.enough) {
    const mix = DEFAULT_MIX.map((m) => `${Math.round(m * 100)}%`).join("/");
    const lines = coldStart?.thresholds.length
      ? [w.coldThresholds(mix), ...thresholdLines(coldStart.thresholds)]
      : coldStart?.kept
        ? [w.collapse]
        : [];
    return [w.tooLittle(learned.won, learned.lost, learned.needed), ...lines].join("\n");
  }
  const lines = [...figureLines(learned, w), ...columnLines(learned, w)];
  if (!learned.helps) return [...lines, w.noSignal].join("\n");
  return [...lines, ...suggestionLines(learned, w)].join("\n");
}

const LEARNING_WORDS: Readonly<Record<Lang, LearningWords>> = { zh, en };
type Enough = Extract<Learned, { enough: true }>;

/** Each model's cross-validated AUC, and the logistic model's calibration. */
function figureLines(learned: Enough, w: LearningWords): string[] {
  const chosen = (k: "naiveBayes" | "logistic") => (learned.chosen === k ? w.better : "");
  const c = learned.calibration;
  return [
    w.head(learned.won, learned.lost),
    `  ${w.rules.padEnd(22)}${figure(learned.rules)}`,
    `  ${w.naiveBayes.padEnd(22)}${figure(learned.naiveBayes)}${chosen("naiveBayes")}`,
    `  ${w.logistic.padEnd(22)}${figure(learned.logistic)}${chosen("logistic")}`,
    `  ${w.suggestedRules.padEnd(22)}${figure(learned.suggestedRules)}  (${w.gain} ${figure(learned.gain).replace(/^(\d)/, "+$1")})`,
    w.calibration(c.meanPredicted.toFixed(2), c.shareWon.toFixed(2), c.brier.toFixed(3)),
  ];
}

/** The columns read, and those left out with why. */
function columnLines(learned: Enough, w: LearningWords): string[] {
  const read = learned.columns.map((c) => c.header);
  const lines = [w.columnsRead(read.length, read)];
  if (learned.leftOut.length > 0)
    lines.push(
      `  ${w.leftOut}: ${learned.leftOut.map((l) => `${l.header} (${w.reasons[l.reason] ?? l.reason})`).join(", ")}`,
    );
  return lines;
}

/** The suggested changes, as a diff. */
function suggestionLines(learned: Enough, w: LearningWords): string[] {
  const lines = [w.suggested];
  const factor = learned.rulesFactor ?? 1;
  if (factor < 1) lines.push(factor < 0.005 ? w.allZero : w.scaled(factor.toFixed(2)));
  for (const table of learned.columnPoints) {
    for (const v of table.values) lines.push(`    ${table.header} = ${v.value}  ${signed(v.points)}`);
    const unit = table.daysSince ? w.daysAgo : "";
    for (const r of table.ranges)
      lines.push(`    ${table.header} ${rangeText(r.min, r.max)}${unit}  ${signed(r.points)}`);
  }
  for (const p of learned.signalPoints) lines.push(`    ${w.signal} ${p.label}: ${p.from} → ${p.to}`);
  lines.push(...thresholdLines(learned.thresholds));
  if (learned.thresholdsKept) lines.push(w.collapse);
  return lines;
}
