/**
 * The alerts' words in Chinese. Apart from the core's other words (model/locales) because only the
 * alerts' senders use them (the command line's --notify and the add-on's alerts).
 */
export const zh = {
  topGrade: (grade: string): string => `升为 ${grade} 级`,
  newSignal: (signal: string): string => `新的购买信号:${signal}`,
  pendingApproval: (grade: string): string => `手动等级 ${grade} 待审批`,
  toReclaim: (why: string): string => why,
  unassigned: "未分配",
  row: (row: number): string => `第 ${row} 行`,
  due: (day: string): string => `,下次跟进 ${day}`,
  title: (leads: number): string => `LeadGrade:${leads} 条线索需要马上跟进`,
  more: (more: number): string => `……另有 ${more} 条`,
};

export type AlertWords = typeof zh;
