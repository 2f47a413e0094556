/**
 * The command line's words in Chinese: its summary, its HTML report and its messages. `en.ts`
 * has the same keys (the compiler checks: `CliWords` is this object's shape).
 */
export const zh = {
  program: {
    noHeaderBelow: ",前十行里也找不到",
    earlierReplaced: "  上次评分留下的 LeadGrade 列已换成这次的结果",
    suggestedWritten: (path: string): string => `  已写出应用建议后的规则(需用 --rules 明确采用):${path}`,
    wrote: "已写入",
    noRepFree: "无人可分配",
    none: "无",
    assigned: "分配",
    /** The column --assign adds. */
    assignedHeader: "分配给",
  },
  notify: {
    nothingNew: "提醒:没有新的提醒",
    sent: (count: number, channel: string): string => `提醒:${count} 条已发送到${channel}`,
    failed: (count: number, channel: string, why: string): string =>
      `提醒:${count} 条未能发送到${channel}(${why}),下次运行时重试`,
  },
  touchLog: {
    missing: (path: string, columns: readonly string[]): string =>
      `跟进记录 ${path} 缺少列:${columns.join("、")}(表头写 线索、时间、方式、备注、下次),未读取`,
    head: (touches: number, matched: number, problems: number): string =>
      `跟进记录:${touches} 条,${matched} 条对上线索,${problems} 条有问题`,
    problem: (line: number, shown: string, words: string): string => `  第 ${line} 行${shown}:${words}`,
    more: (more: number): string => `  另有 ${more} 条`,
  },
  history: {
    head: (
      path: string,
      added: number,
      week: { rose: number; fell: number; overdue: number; touched: number },
      top: string,
      trend: string,
    ): string =>
      `等级历史 ${path}:本次记下 ${added} 条变化;近 7 天 ${week.rose} 条升入 ${top},${week.fell} 条跌出 ${top},${week.overdue} 条转为逾期,${week.touched} 条有跟进;趋势见“${trend}”列`,
    unreadable: (rows: number): string => `  历史里有 ${rows} 行读不出(日期或线索为空),已略去`,
    pool: (leads: number, column: string): string =>
      `公海:${leads} 条线索超时未跟进,待收回(原因见“${column}”列;负责人未改动)`,
    poolWithoutHistory: "公海规则已开启,但没有 --history:要有等级历史才知道谁何时领取了线索,本次未检查",
  },
  lists: {
    separator: "、",
    moreGroups: (all: number): string => ` 等 ${all} 组`,
    moreLines: (all: number): string => ` 等 ${all} 行`,
  },
  phoneInferred: "(多数号码符合;可在规则 phoneRegion 中指定)",
  dayFirst: "日/月/年",
  monthFirst: "月/日/年",
  encoding: (name: string): string => `文件编码: ${name}`,
  htmlLang: "zh-CN",
  encodingBroken: (lines: string, name: string): string =>
    `第 ${lines} 行有不是 ${name} 的字节,已显示为 �:请检查这些行`,
  encodingMixed: (lines: string, second: string, gb18030: boolean): string =>
    `第 ${lines} 行看起来是 ${second} 编码,与文件其余部分不同${gb18030 ? ",可能显示为错误的字" : ",已显示为 �"}:请把文件统一存为一种编码后重新运行`,
  summary: {
    leads: "条线索",
    blank: "空行",
    grades: "等级分布",
    overdue: "逾期(按负责人)",
    due: "今天到期",
    issues: "数据问题",
    none: "无",
    rows: (n: number) => `${n} 行`,
    unassigned: "(未分配)",
    title: "LeadGrade 评分摘要",
    duplicates: "可能重复的线索",
    ownerConflicts: "撞单(同一客户在不同负责人名下)",
    completeness: "资料完整度",
    groups: "重复分组(按表格行号)",
    asOf: "基准日",
    columns: "列对应",
    columnNote: "列",
  },
  report: {
    title: "LeadGrade 线索报告",
    asOf: "基准日",
    leads: "条线索",
    byGrade: "各等级转化率(成交 / 已关闭)",
    bySource: "各来源转化率",
    funnel: "销售漏斗(按阶段)",
    lifecycle: "生命周期分布",
    rfm: "RFM 分群",
    response: "响应时间(创建到首次联系,天)",
    owner: "负责人",
    median: "中位数",
    p90: "90 分位",
    count: "线索数",
    overdue: "逾期(按负责人)",
    inversion: (h: string, l: string, hr: string, lr: string, p: string) =>
      `等级倒挂:${l} 的转化率(${lr})高于 ${h}(${hr}),偶然出现的可能约为 ${p}(Fisher 精确检验),请检查规则`,
    noInversion: (n: number) =>
      `没有显著的等级倒挂(每级至少 ${n} 条已关闭线索、且差异偶然出现的可能低于 5% 时才算倒挂)`,
    tooFew: (n: number) => `太少,无法判断(${n} 条已关闭)`,
    noData: "暂无数据",
    noFirstContact: "表格没有“首次联系”和“创建时间”列,无法计算响应时间",
  },
};

export type CliWords = typeof zh;
