/**
 * Finds buying signals in free-text notes (seed 004 "购买信号识别规则"): asking about price,
 * asking for a demo, asking for a contract sample. A phrase preceded in the same clause by a
 * negation (不需要报价, not interested in pricing, no demo) does not count.
 */
import { compilePhrase, findPhrase, type Phrase } from "../normalise/phrases";
import type { Signal } from "../rules/schema";

export interface SignalMatch {
  id: string;
  /** The phrase that fired, as written in the rules (lower-case). */
  phrase: string;
  points: number;
}

export type SignalDetector = (notes: string) => SignalMatch[];

/** How far before a phrase (in characters, same clause) a negation still applies. */
const NEGATION_REACH = 24;
const CLAUSE_BREAKS = new Set(["。", "！", "？", "!", "?", ";", "；", "\n", "\r", ",", "，", "、"]);

/**
 * Prepares the signal phrases once; the returned function runs per row on lower-case notes.
 *
 * @example
 * const detect = compileSignalDetector(rules.signals.items, rules.signals.negations);
 * detect("客户询问报价，想看演示") // [{ id: "quote", … }, { id: "demo", … }]
 * detect("目前不需要报价") // []
 */
export function compileSignalDetector(
  signals: readonly Signal[],
  negations: readonly string[],
): SignalDetector {
  const compiled = signals.map((signal) => ({
    signal,
    // Longest first, so "合同样本" is reported rather than "合同".
    phrases: [...signal.phrases].sort((a, b) => b.length - a.length).map(compilePhrase),
  }));
  const negs = negations.map(compilePhrase);

  return (notes) => {
    if (notes === "") return [];
    const found: SignalMatch[] = [];
    for (const { signal, phrases } of compiled) {
      const phrase = phrases.find((p) => findAffirmed(notes, p, negs) >= 0);
      if (phrase) found.push({ id: signal.id, phrase: phrase.text, points: signal.points });
    }
    return found;
  };
}

function findAffirmed(text: string, phrase: Phrase, negations: readonly Phrase[]): number {
  let at = findPhrase(text, phrase);
  while (at >= 0 && isNegated(text, at, negations)) at = findPhrase(text, phrase, at + 1);
  return at;
}

function isNegated(text: string, at: number, negations: readonly Phrase[]): boolean {
  const window = text.slice(clauseStart(text, at), at);
  return window !== "" && negations.some((neg) => findPhrase(window, neg) >= 0);
}

/** Where the clause holding `at` begins, looking back no further than the negation reach. */
function clauseStart(text: string, at: number): number {
  const limit = Math.max(0, at - NEGATION_REACH);
  for (let i = at - 1; i >= limit; i--) {
    const ch = text[i] as string;
    // "没问题，发报价" is not a negated quote; a full stop ends a clause when a space follows it.
    if (CLAUSE_BREAKS.has(ch) || (ch === "." && text[i + 1] === " ")) return i + 1;
  }
  return limit;
}
