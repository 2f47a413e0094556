/**
 * Finds buying signals in free-text notes (seed 004 "购买信号识别规则"): asking about price,
 * asking for a demo, asking for a contract sample. A phrase preceded in the same clause by a
 * negation (不需要报价, not interested in pricing, no demo) does not count.
 *
 * A note is scanned once whatever the number of phrases: a table of first characters skips every
 * position where no phrase can start; each hit is then checked for whole words and negation.
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
  // Phrases grouped by their first character, longest first, so "合同样本" wins over "合同".
  const byFirst = new Map<number, { text: string; phrase: Phrase; signal: Signal; order: number }[]>();
  // One byte per UTF-16 code unit: can a phrase start here? Most characters of a note cannot, and
  // the scan skips them with one array read.
  const starts = new Uint8Array(65_536);
  signals.forEach((signal, order) => {
    for (const p of signal.phrases) {
      const text = p.toLowerCase();
      const first = text.charCodeAt(0);
      const list = byFirst.get(first) ?? [];
      if (list.some((c) => c.text === text)) continue;
      list.push({ text, phrase: compilePhrase(text), signal, order });
      list.sort((a, b) => b.text.length - a.text.length);
      byFirst.set(first, list);
      starts[first] = 1;
    }
  });
  const negs = negations.map(compilePhrase);

  return (notes) => {
    let found: (SignalMatch & { order: number })[] | undefined;
    for (let i = 0; i < notes.length; i++) {
      if (starts[notes.charCodeAt(i)] === 0) continue;
      for (const candidate of byFirst.get(notes.charCodeAt(i)) ?? []) {
        if (!notes.startsWith(candidate.text, i)) continue;
        if (found?.some((f) => f.id === candidate.signal.id)) continue;
        const whole = !candidate.phrase.wholeWord || isWordBoundedAt(notes, i, candidate.text.length);
        if (whole && !isNegated(notes, i, negs)) {
          found ??= [];
          found.push({
            id: candidate.signal.id,
            phrase: candidate.text,
            points: candidate.signal.points,
            order: candidate.order,
          });
          break;
        }
      }
    }
    if (found === undefined) return [];
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
