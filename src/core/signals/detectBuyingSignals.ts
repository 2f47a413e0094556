/**
 * Finds buying signals in free-text notes (seed 004 "购买信号识别规则"): asking about price,
 * asking for a demo, asking for a contract sample. A phrase preceded in the same clause by a
 * negation (不需要报价, not interested in pricing, no demo) does not count.
 *
 * A note is scanned once whatever the number of phrases: a table of first characters skips every
 * position where no phrase can start; each hit is then checked for whole words and negation.
 */
import { compilePhrase, isWordBoundedAt, isWordChar, type Phrase } from "../normalise/phrases";
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
const CLAUSE_BREAKS = new Set(
  ["。", "！", "？", "!", "?", ";", "；", "\n", "\r", ",", "，", "、"].map((c) => c.charCodeAt(0)),
);

interface Candidate {
  text: string;
  phrase: Phrase;
  /** Shared by every note this phrase fires in. */
  match: SignalMatch;
  order: number;
}

const NO_SIGNALS: readonly SignalMatch[] = Object.freeze([]);

/**
 * Prepares the signal phrases once; the returned function runs per row on lower-case notes.
 * The matches it returns are shared between calls: treat them as read-only.
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
  const groups: Candidate[][] = [[]];
  // One entry per UTF-16 code unit: the group of phrases that start with it, 0 for none. Most
  // characters of a note start no phrase, and the scan skips them with one array read.
  const groupOf = new Uint16Array(65_536);
  signals.forEach((signal, order) => {
    for (const p of signal.phrases) {
      const text = p.toLowerCase();
      const first = text.charCodeAt(0);
      if (Number.isNaN(first)) continue;
      if (groupOf[first] === 0) {
        groupOf[first] = groups.length;
        groups.push([]);
      }
      const list = groups[groupOf[first] as number] as Candidate[];
      if (list.some((c) => c.text === text)) continue;
      const match = Object.freeze({ id: signal.id, phrase: text, points: signal.points });
      list.push({ text, phrase: compilePhrase(text), match, order });
      list.sort((a, b) => b.text.length - a.text.length);
    }
  });
  const negs = negations.map(compilePhrase);
  // Characters a negation can start with: a clause without any of them holds no negation.
  const negationStarts = new Uint8Array(65_536);
  for (const neg of negs) if (neg.text !== "") negationStarts[neg.text.charCodeAt(0)] = 1;

  return (notes) => {
    let found: Candidate[] | undefined;
    for (let i = 0; i < notes.length; i++) {
      const group = groupOf[notes.charCodeAt(i)] as number;
      if (group === 0) continue;
      for (const candidate of groups[group] as Candidate[]) {
        if (!notes.startsWith(candidate.text, i)) continue;
        if (found?.some((f) => f.match.id === candidate.match.id)) continue;
        const whole = !candidate.phrase.wholeWord || isWordBoundedAt(notes, i, candidate.text.length);
        if (whole && !isNegated(notes, i, negs, negationStarts)) {
          found ??= [];
          found.push(candidate);
          break;
        }
      }
    }
    if (found === undefined) return NO_SIGNALS as SignalMatch[];
    if (found.length > 1) found.sort((a, b) => a.order - b.order);
    return found.map((c) => c.match);
  };
}

/** True when a negation ends before `at` in the same clause (within the negation reach). */
function isNegated(text: string, at: number, negations: readonly Phrase[], starts: Uint8Array): boolean {
  const start = clauseStart(text, at);
  let possible = false;
  for (let i = start; i < at && !possible; i++) possible = starts[text.charCodeAt(i)] === 1;
  if (!possible) return false;
  for (const neg of negations) if (occursWithin(text, neg, start, at)) return true;
  return false;
}

/** Whether `phrase` occurs inside `text[start, end)`, the ends of that span counting as word breaks. */
function occursWithin(text: string, phrase: Phrase, start: number, end: number): boolean {
  const length = phrase.text.length;
  let at = text.indexOf(phrase.text, start);
  while (at >= 0 && at + length <= end) {
    if (
      !phrase.wholeWord ||
      ((at === start || !isWordChar(text.charCodeAt(at - 1))) &&
        (at + length === end || !isWordChar(text.charCodeAt(at + length))))
    )
      return true;
    at = text.indexOf(phrase.text, at + 1);
  }
  return false;
}

/** Where the clause holding `at` begins, looking back no further than the negation reach. */
function clauseStart(text: string, at: number): number {
  const limit = Math.max(0, at - NEGATION_REACH);
  for (let i = at - 1; i >= limit; i--) {
    const ch = text.charCodeAt(i);
    // "没问题，发报价" is not a negated quote; a full stop ends a clause when a space follows it.
    if (CLAUSE_BREAKS.has(ch) || (ch === 46 && text.charCodeAt(i + 1) === 32)) return i + 1;
  }
  return limit;
}
