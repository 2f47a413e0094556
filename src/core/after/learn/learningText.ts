/**
 * What learning found, in a few lines for `--suggest` and the sidebar's Learn section: each model's cross-validated AUC with its 95 %
 * interval, the columns read and those left out (and why), and the suggested changes as a diff —
 * or, plainly, that the history shows no reliable signal and nothing changes.
 */
import type { Lang } from "../../model/messages";
import type { Learned, PointSuggestion } from "./learnFromOutcomes";
import { DEFAULT_MIX } from "./suggestThresholds";

const REASONS: Record<string, Record<Lang, string>> = {
  identifier: { zh: "标识", en: "identifier" },
  free_text: { zh: "自由文本", en: "free text" },
  outcome: { zh: "结果本身", en: "the outcome" },
  after_outcome: { zh: "关闭后才填写", en: "filled after closing" },
  not_lead_quality: { zh: "非线索质量", en: "not lead quality" },
  no_information: { zh: "无信息", en: "nothing to tell" },
  over_limit: { zh: "超出一次可学习的 400 个特征", en: "past the 400 features learned at once" },
};

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
  const zh = lang === "zh";
  const mix = DEFAULT_MIX.map((m) => `${Math.round(m * 100)}%`).join("/");
  const collapse = zh
    ? "  等级分数线保持不变:分数过于集中,按目标分布会使各级分数线相同"
    : "  Grade thresholds kept: the scores are too alike for the target mix to keep grades apart";
  if (!learned.enough) {
    const head = zh
      ? `学习:已关闭线索不足(成交 ${learned.won}、丢单 ${learned.lost},各需至少 ${learned.needed}),保持现有规则`
      : `Learning: too little history (won ${learned.won}, lost ${learned.lost}; ${learned.needed} of each needed), rules kept`;
    const lines = coldStart?.thresholds.length
      ? [
          zh
            ? `  等级分数线(目标分布 ${mix}),未自动应用:`
            : `  Grade thresholds for the target mix ${mix} (not applied):`,
          ...thresholdLines(coldStart.thresholds),
        ]
      : coldStart?.kept
        ? [collapse]
        : [];
    return [head, ...lines].join("\n");
  }
  const chosen = (k: "naiveBayes" | "logistic") =>
    learned.chosen === k ? (zh ? "  ← 较好" : "  ← better") : "";
  const lines = [
    zh
      ? `学习(成交 ${learned.won}、丢单 ${learned.lost};5 折交叉验证 AUC ± 95% 区间):`
      : `Learning from ${learned.won} won and ${learned.lost} lost leads (5-fold cross-validated AUC ± 95% interval):`,
    `  ${(zh ? "现有规则" : "current rules").padEnd(22)}${figure(learned.rules)}`,
    `  ${(zh ? "朴素贝叶斯" : "naive Bayes").padEnd(22)}${figure(learned.naiveBayes)}${chosen("naiveBayes")}`,
    `  ${(zh ? "逻辑回归" : "logistic regression").padEnd(22)}${figure(learned.logistic)}${chosen("logistic")}`,
    `  ${(zh ? "建议规则" : "suggested rules").padEnd(22)}${figure(learned.suggestedRules)}  (${zh ? "提升" : "gain"} ${figure(learned.gain).replace(/^(\d)/, "+$1")})`,
  ];
  const c = learned.calibration;
  lines.push(
    zh
      ? `  逻辑回归的概率:平均 ${c.meanPredicted.toFixed(2)},实际成交比例 ${c.shareWon.toFixed(2)}(Brier ${c.brier.toFixed(3)})`
      : `  logistic regression's probabilities: mean ${c.meanPredicted.toFixed(2)} against ${c.shareWon.toFixed(2)} won (Brier ${c.brier.toFixed(3)})`,
  );
  const read = learned.columns.map((c) => c.header);
  lines.push(
    zh
      ? `  读取的列(${read.length}):${read.join("、") || "无"}`
      : `  Columns read (${read.length}): ${read.join(", ") || "none"}`,
  );
  if (learned.leftOut.length > 0)
    lines.push(
      `  ${zh ? "未使用" : "Left out"}: ${learned.leftOut.map((l) => `${l.header} (${REASONS[l.reason]?.[lang] ?? l.reason})`).join(", ")}`,
    );
  if (!learned.helps) {
    lines.push(
      zh
        ? "  历史数据没有显示比现有规则更可靠的规律:规则保持不变,未写出建议"
        : "  The history shows no reliable signal beyond the current rules: rules kept, nothing suggested",
    );
    return lines.join("\n");
  }
  lines.push(zh ? "  建议(未自动应用):" : "  Suggested (not applied):");
  const factor = learned.rulesFactor ?? 1;
  if (factor < 1)
    lines.push(
      factor < 0.005
        ? zh
          ? "    现有规则的分值全部设为 0(它们没有区分这些历史线索)"
          : "    every point of the current rules set to 0 (they did not rank this history)"
        : zh
          ? `    现有规则的分值 × ${factor.toFixed(2)}(使其与学到的分值按历史数据显示的比重相称)`
          : `    every point of the current rules × ${factor.toFixed(2)} (so they weigh against the learned points as the history shows)`,
    );
  for (const table of learned.columnPoints) {
    for (const v of table.values) lines.push(`    ${table.header} = ${v.value}  ${signed(v.points)}`);
    const unit = table.daysSince ? (zh ? " 天前" : " days ago") : "";
    for (const r of table.ranges)
      lines.push(`    ${table.header} ${rangeText(r.min, r.max)}${unit}  ${signed(r.points)}`);
  }
  for (const p of learned.signalPoints)
    lines.push(`    ${zh ? "信号" : "signal"} ${p.label}: ${p.from} → ${p.to}`);
  lines.push(...thresholdLines(learned.thresholds));
  if (learned.thresholdsKept) lines.push(collapse);
  return lines.join("\n");
}
