/** What learning says, in English: the same keys as `zh.ts`. */
import type { LearningWords } from "./zh";

export const en: LearningWords = {
  tooLittle: (won, lost, needed) =>
    `Learning: too little history (won ${won}, lost ${lost}; ${needed} of each needed), rules kept`,
  coldThresholds: (mix) => `  Grade thresholds for the target mix ${mix} (not applied):`,
  collapse: "  Grade thresholds kept: the scores are too alike for the target mix to keep grades apart",
  head: (won, lost) =>
    `Learning from ${won} won and ${lost} lost leads (5-fold cross-validated AUC ± 95% interval):`,
  better: "  ← better",
  rules: "current rules",
  naiveBayes: "naive Bayes",
  logistic: "logistic regression",
  suggestedRules: "suggested rules",
  gain: "gain",
  calibration: (mean, won, brier) =>
    `  logistic regression's probabilities: mean ${mean} against ${won} won (Brier ${brier})`,
  columnsRead: (count, headers) => `  Columns read (${count}): ${headers.join(", ") || "none"}`,
  leftOut: "Left out",
  noSignal: "  The history shows no reliable signal beyond the current rules: rules kept, nothing suggested",
  suggested: "  Suggested (not applied):",
  allZero: "    every point of the current rules set to 0 (they did not rank this history)",
  scaled: (factor) =>
    `    every point of the current rules × ${factor} (so they weigh against the learned points as the history shows)`,
  daysAgo: " days ago",
  signal: "signal",
  reasons: {
    identifier: "identifier",
    free_text: "free text",
    outcome: "the outcome",
    after_outcome: "filled after closing",
    not_lead_quality: "not lead quality",
    no_information: "nothing to tell",
    over_limit: "past the 400 features learned at once",
  },
};
