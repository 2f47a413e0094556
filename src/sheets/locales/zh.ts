/**
 * The add-on's own words in Chinese: its menu and toasts, the self-check, and the labels of its
 * cells. `en.ts` has the same keys (the compiler checks: `AddonWords` is this object's shape).
 */
export const zh = {
  menu: {
    editor: "打开规则编辑器",
    insert: "插入 LeadGrade 评分列",
    refresh: "刷新基准日(今天)",
    restore: "恢复上一版规则",
    check: "检查 LeadGrade 在此文档中的状态",
    runPass: "立即更新优先级",
    logFollowUp: "记录跟进(选中的线索)",
    week: "本周变化",
    hourlyOn: "开启每小时自动更新与提醒",
    hourlyOff: "关闭每小时自动更新",
    passDone: (rows: number, cells: number, sent: number) =>
      `已更新 ${rows} 条线索(${cells} 个单元格),发送提醒 ${sent} 封`,
    passLocked: "另一个更新正在进行,请稍后再试",
    followUpProblems: (n: number) =>
      `跟进记录中 ${n} 行未能使用,原因见“LeadGrade 跟进记录 Follow-ups”表最后一列`,
    noAddress: (owners: string) => `以下负责人没有有效邮箱,未发送提醒:${owners}`,
    waiting: (n: number) => `${n} 封提醒待下次发送(今日配额或时间已用完)`,
    passNoHeader: "此工作表第一行没有可识别的表头",
    hourlyInstalled: "已开启每小时自动更新",
    hourlyExists: "每小时自动更新已经开启",
    hourlyRemoved: "已关闭每小时自动更新",
    approve: "批准待审批的手动等级",
    assign: "为无负责人的线索分配销售",
    merge: "合并重复线索",
    report: "生成报告(转化率、漏斗、响应时间)",
    reportDone: "报告已更新:见“LeadGrade 报告 Report”工作表",
    mergeAsk: (groups: number, rows: number) =>
      `找到 ${groups} 组重复线索。将把 ${rows} 行合并到每组第一行(保留所有值,原行记入审计表)后删除。继续?`,
    mergeDone: (groups: number, rows: number) => `已合并 ${groups} 组,移除 ${rows} 行,原始内容已记入审计表`,
    mergeNone: "没有找到重复线索",
    mergeCancelled: "已取消,未做任何修改",
    assignDone: (tally: string, left: number) =>
      `已分配:${tally || "无"}${left > 0 ? `;${left} 条因名额已满未分配` : ""}`,
    assignNoReps: "规则中还没有销售名单(reps),无法分配",
    assignNoOwner: "此工作表没有负责人列",
    notApprover: "只有规则中列出的主管可以批准手动等级",
    approved: (n: number) => `已批准 ${n} 条手动等级,已记入审计表`,
    inserted: "已插入 LeadGrade 公式列",
    already: "此工作表已有 LeadGrade 公式列",
    noHeader: "第一行没有可识别的表头(如 客户名称、来源、意向),无法插入",
    settings: "请在线索工作表上使用此命令",
    refreshed: "基准日已更新为今天",
    restored: (v: number) => `已恢复上一版规则(版本 ${v})`,
    noPrevious: "没有可恢复的上一版规则",
  },
  /** The self-check's items. */
  checks: {
    scopes: "授权范围",
    timeZones: "时区",
    properties: "文档属性",
    trigger: "每小时自动更新",
    mail: "今日邮件配额",
    size: "表格大小",
    formulas: "公式列",
    alerts: "即时提醒",
  },
  pool: {
    reclaim: "收回超时线索到公海",
    take: "从公海领取选中的线索",
    off: "公海规则未开启(规则编辑器 JSON 中的 pool.enabled)",
    none: "没有超时待收回的线索",
    more: (n: number) => `……另有 ${n} 条`,
    ask: (n: number, pool: string) => `${n} 条线索超时未跟进。把它们的负责人改为“${pool}”?(记入审计表)`,
    moved: (n: number, pool: string) => `已把 ${n} 条线索收回“${pool}”,已记入审计表`,
    select: "请先在线索表中选中要领取的线索所在的行",
    whoAreYou: "读不到你的账号,无法领取",
    taken: (lead: string, rep: string) => `已把“${lead}”领取给 ${rep},已记入审计表`,
  },
  /** In a formula's header cell when the saved rules are not used. */
  rulesWarning: {
    stored_rules_invalid: "⚠ 已保存的规则无法读取,暂用默认规则",
    rules_unavailable: "⚠ 此处读不到文档属性,暂用默认规则",
  },
  /** The hidden column that records each lead's hand-set grade. */
  overrideRecord: "手动等级记录",
};

export type AddonWords = typeof zh;
