/** The lead pool's words in English: the same keys as `zh.ts`. */
import type { PoolWords } from "./zh";

export const en: PoolWords = {
  column: "Pool",
  noFirstContact: (days, limit) => `not contacted in ${days} working days since taken (limit ${limit})`,
  noFollowUp: (days, limit) => `no follow-up in ${days} working days (limit ${limit})`,
  toReclaim: (why) => `to reclaim for the pool: ${why}`,
  reclaimed: (why) => `back in the pool: ${why}`,
  notInPool: "This lead is not in the pool: it has an owner",
  atLimit: (held, max) => `You hold ${held} open leads; the limit is ${max}`,
  cooldown: (day) => `You lost this lead to the pool lately; you may take it again from ${day}`,
};
