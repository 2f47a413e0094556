/**
 * Finds buying signals in free-text notes (seed 004 "购买信号识别规则"): asking about price,
 * asking for a demo, asking for a contract sample. A phrase preceded in the same clause by a
 * negation (不需要报价, not interested in pricing, no demo) does not count.
 *
 * All phrases are compiled into one regular expression, so a note is scanned once whatever the
 * number of phrases; each hit is then checked for whole words (Latin) and negation.
 */
import { compilePhrase, findPhrase, isWordBoundedAt, type Phrase } from "../normalise/phrases";
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

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

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
  const owner = new Map<string, { signal: Signal; order: number }>();
  signals.forEach((signal, order) => {
    for (const p of signal.phrases) {
      const text = p.toLowerCase();
      if (!owner.has(text)) owner.set(text, { signal, order });
    }
  });
  if (owner.size === 0) return () => [];
  // Longest first, so "合同样本" is reported rather than "合同".
  const alternatives = [...owner.keys()].sort((a, b) => b.length - a.length).map(escapeRegExp);
  const pattern = new RegExp(alternatives.join("|"), "g");
  const negs = negations.map(compilePhrase);

  return (notes) => {
    if (notes === "") return [];
    const found: (SignalMatch & { order: number })[] = [];
    pattern.lastIndex = 0;
    let m = pattern.exec(notes);
    while (m !== null) {
      const text = m[0];
      const hit = owner.get(text);
      if (hit && !found.some((f) => f.id === hit.signal.id)) {
        const phrase = compilePhrase(text);
        const whole = !phrase.wholeWord || isWordBoundedAt(notes, m.index, text.length);
        if (whole && !isNegated(notes, m.index, negs)) {
          found.push({ id: hit.signal.id, phrase: text, points: hit.signal.points, order: hit.order });
        }
      }
      // Step one character on, so a phrase inside a rejected longer match is still seen.
      pattern.lastIndex = m.index + 1;
      m = pattern.exec(notes);
    }
    found.sort((a, b) => a.order - b.order);
    return found.map(({ id, phrase, points }) => ({ id, phrase, points }));
  };
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
