/**
 * What learning says, in Chinese. Apart from the core's other words (model/locales) because only
 * learningText uses them: the add-on's sidebar draws that text itself, so the add-on's server
 * bundle leaves them out.
 */
export const zh = {
  tooLittle: (won: number, lost: number, needed: number): string =>
    `学习:已关闭线索不足(成交 ${won}、丢单 ${lost},各需至少 ${needed}),保持现有规则`,
  coldThresholds: (mix: string): string => `  等级分数线(目标分布 ${mix}),未自动应用:`,
  collapse: "  等级分数线保持不变:分数过于集中,按目标分布会使各级分数线相同",
  head: (won: number, lost: number): string => `学习(成交 ${won}、丢单 ${lost};5 折交叉验证 AUC ± 95% 区间):`,
  better: "  ← 较好",
  rules: "现有规则",
  naiveBayes: "朴素贝叶斯",
  logistic: "逻辑回归",
  suggestedRules: "建议规则",
  gain: "提升",
  calibration: (mean: string, won: string, brier: string): string =>
    `  逻辑回归的概率:平均 ${mean},实际成交比例 ${won}(Brier ${brier})`,
  columnsRead: (count: number, headers: readonly string[]): string =>
    `  读取的列(${count}):${headers.join("、") || "无"}`,
  leftOut: "未使用",
  noSignal: "  历史数据没有显示比现有规则更可靠的规律:规则保持不变,未写出建议",
  suggested: "  建议(未自动应用):",
  allZero: "    现有规则的分值全部设为 0(它们没有区分这些历史线索)",
  scaled: (factor: string): string =>
    `    现有规则的分值 × ${factor}(使其与学到的分值按历史数据显示的比重相称)`,
  daysAgo: " 天前",
  signal: "信号",
  reasons: {
    identifier: "标识",
    free_text: "自由文本",
    outcome: "结果本身",
    after_outcome: "关闭后才填写",
    not_lead_quality: "非线索质量",
    no_information: "无信息",
    over_limit: "超出一次可学习的 400 个特征",
  } as Readonly<Record<string, string>>,
};

export type LearningWords = typeof zh;
