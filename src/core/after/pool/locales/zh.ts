/** The lead pool's words in Chinese. */
export const zh = {
  /** The column of leads to reclaim (the command line's output). */
  column: "公海",
  noFirstContact: (days: number, limit: number): string =>
    `领取后 ${days} 个工作日未首次联系(限 ${limit} 天)`,
  noFollowUp: (days: number, limit: number): string => `${days} 个工作日未跟进(限 ${limit} 天)`,
  toReclaim: (why: string): string => `待收回公海:${why}`,
  reclaimed: (why: string): string => `已收回公海:${why}`,
  notInPool: "这条线索不在公海,已有负责人",
  atLimit: (held: number, max: number): string => `你已持有 ${held} 条未结线索,上限 ${max} 条`,
  cooldown: (day: string): string => `你刚把这条线索退回公海,${day} 起才能再领取`,
};

export type PoolWords = typeof zh;
