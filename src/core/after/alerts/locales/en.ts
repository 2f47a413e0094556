/** The alerts' words in English: the same keys as `zh.ts`. */
import type { AlertWords } from "./zh";

export const en: AlertWords = {
  topGrade: (grade) => `reached grade ${grade}`,
  newSignal: (signal) => `new buying signal: ${signal}`,
  pendingApproval: (grade) => `manual grade ${grade} awaits approval`,
  toReclaim: (why) => why,
  unassigned: "unassigned",
  row: (row) => `row ${row}`,
  due: (day) => `, next follow-up ${day}`,
  title: (leads) => `LeadGrade: ${leads} leads to act on now`,
  more: (more) => `… and ${more} more`,
};
