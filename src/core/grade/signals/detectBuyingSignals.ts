/**
 * Finds buying signals in free-text notes (seed 004 "购买信号识别规则"): asking about price,
 * asking for a demo, asking for a contract sample. A phrase preceded in the same clause by a
 * negation (不需要报价, not interested in pricing, no demo) does not count.
 *
 * A note is scanned once whatever the number of phrases: a table of first characters skips every
 * position where no phrase can start; each hit is then checked for whole words and negation.
 */

import type { Signal } from "../../model/schema";
import { matchPreimages, matchUnits } from "../../text/cell";
import { isWordChar } from "../../text/phrases";

export interface SignalMatch {
  id: string;
  /** The phrase that fired, as written in the rules (lower-case). */
  phrase: string;
  points: number;
}

export type SignalDetector = (notes: string) => readonly SignalMatch[];

/** How far before a phrase (in characters, same clause) a negation still applies. */
const NEGATION_REACH = 24;
/** 1 for the units that end a clause (read folded: "，" is ","). */
const CLAUSE_BREAKS = new Uint8Array(65_536);
for (const c of ["。", "!", "?", ";", "\n", "\r", ",", "、"]) CLAUSE_BREAKS[c.charCodeAt(0)] = 1;

/** A phrase as the units of its match form, compared with a note's units as they are read. */
interface Units {
  units: Uint16Array;
  /** Latin letters or digits: matches whole words only. */
  wholeWord: boolean;
}

interface Candidate extends Units {
  /** Shared by every note this phrase fires in. */
  match: SignalMatch;
  /** The answer for a note where this is the only signal. */
  alone: readonly SignalMatch[];
  /** The signal's place in the rules: answers list signals in this order. */
  order: number;
  /** This phrase's number among all phrases. */
  index: number;
}

const NO_SIGNALS: readonly SignalMatch[] = Object.freeze([]);
/** Sets of phrases remembered (a sheet's notes show a few dozen). */
const MAX_ANSWERS = 10_000;

function unitsOf(phrase: string, fold: Uint16Array): Units {
  const units = new Uint16Array(phrase.length);
  for (let i = 0; i < phrase.length; i++) units[i] = fold[phrase.charCodeAt(i)] as number;
  let wholeWord = false;
  for (const u of units) wholeWord ||= isWordChar(u);
  return { units, wholeWord };
}

/** True when `text` at `at` reads as `phrase` once folded and lower-cased (from the unit `from` on). */
function unitsAt(text: string, at: number, phrase: Uint16Array, fold: Uint16Array, from = 0): boolean {
  if (at + phrase.length > text.length) return false;
  for (let k = from; k < phrase.length; k++) {
    if (fold[text.charCodeAt(at + k)] !== phrase[k]) return false;
  }
  return true;
}

/** The folded unit at `at`, or 0 outside the text (a word break). */
function unitOf(text: string, at: number, fold: Uint16Array): number {
  return at < 0 || at >= text.length ? 0 : (fold[text.charCodeAt(at)] as number);
}

/**
 * Prepares the signal phrases once; the returned function runs per row on notes as the sheet
 * shows them: it reads them folded and lower-cased (as {@link matchForm} would make them) one unit
 * at a time, without making a copy. What it returns is shared between calls (one frozen list per
 * set of phrases found): treat it as read-only.
 *
 * @example
 * const detect = compileSignalDetector(rules.signals.items, rules.signals.negations);
 * detect("客户询问报价，想看演示") // [{ id: "quote", … }, { id: "demo", … }]
 * detect("Asked for a QUOTE") // [{ id: "quote", … }]
 * detect("目前不需要报价") // []
 */
export function compileSignalDetector(
  signals: readonly Signal[],
  negations: readonly string[],
): SignalDetector {
  const detector = new Detector(signals, negations);
  return (notes) => detector.detect(notes);
}

/** Phrases grouped by their first unit, longest first, so "合同样本" wins over "合同". */
function compilePhrases(signals: readonly Signal[], fold: Uint16Array): ByFirstUnit<Candidate> {
  const phrases = new ByFirstUnit<Candidate>();
  let count = 0;
  signals.forEach((signal, order) => {
    for (const p of signal.phrases) {
      const text = p.toLowerCase();
      if (text === "") continue;
      const phrase = unitsOf(text, fold);
      const list = phrases.groupFor(phrase);
      if (list.some((c) => sameUnits(c.units, phrase.units))) continue;
      const match = Object.freeze({ id: signal.id, phrase: text, points: signal.points });
      list.push({ ...phrase, match, alone: Object.freeze([match]), order, index: count++ });
      list.sort((a, b) => b.units.length - a.units.length);
    }
  });
  phrases.seal();
  return phrases;
}

function compileNegations(negations: readonly string[], fold: Uint16Array): ByFirstUnit<Units> {
  const negs = new ByFirstUnit<Units>();
  for (const n of negations) {
    if (n === "") continue;
    const negation = unitsOf(n.toLowerCase(), fold);
    negs.groupFor(negation).push(negation);
  }
  negs.seal();
  return negs;
}

/** The compiled phrases, and what one call of {@link Detector.detect} finds, kept between calls. */
class Detector {
  private readonly fold = matchUnits();
  private readonly phrases: ByFirstUnit<Candidate>;
  private readonly negs: ByFirstUnit<Units>;
  /** How many phrases there are (each candidate's `index` is below it). */
  private readonly count: number;
  /** Per signal (by order): 1 while a phrase of it was found in the notes being read. */
  private readonly taken: Uint8Array;
  /**
   * The phrases that fired: its first `found` places (an array kept at its size: emptying it by
   * `length = 0` would give back its room, and each note would make it again).
   */
  private readonly hits: Candidate[] = [];
  private found = 0;
  /** The answer for each set of phrases found (keyed by their numbers), made once and shared (frozen). */
  private readonly answers = new Map<number | string, readonly SignalMatch[]>();

  constructor(signals: readonly Signal[], negations: readonly string[]) {
    this.phrases = compilePhrases(signals, this.fold);
    this.negs = compileNegations(negations, this.fold);
    this.count = this.phrases.groups.reduce((n, g) => n + (g?.length ?? 0), 0);
    this.taken = new Uint8Array(signals.length);
  }

  detect(notes: string): readonly SignalMatch[] {
    const { taken, hits } = this;
    const { groupOfRead, groups } = this.phrases;
    this.found = 0;
    for (let i = 0; i < notes.length; i++) {
      const unit = notes.charCodeAt(i);
      const group = groupOfRead[unit] as number;
      if (group === 0) continue;
      const candidate = this.firstAt(notes, i, groups[group] as Candidate[]);
      if (candidate === undefined) continue;
      taken[candidate.order] = 1;
      hits[this.found++] = candidate;
    }
    if (this.found === 0) return NO_SIGNALS;
    if (this.found === 1) {
      const only = hits[0] as Candidate;
      taken[only.order] = 0;
      return only.alone;
    }
    return this.answer();
  }

  /** The longest phrase of a signal not found yet that stands whole and un-negated at `i`. */
  private firstAt(notes: string, i: number, candidates: readonly Candidate[]): Candidate | undefined {
    const fold = this.fold;
    for (let c = 0; c < candidates.length; c++) {
      const candidate = candidates[c] as Candidate;
      // The first unit is the group's: the rest is compared.
      if (this.taken[candidate.order] === 1 || !unitsAt(notes, i, candidate.units, fold, 1)) continue;
      const whole =
        !candidate.wholeWord ||
        (!isWordChar(unitOf(notes, i - 1, fold)) &&
          !isWordChar(unitOf(notes, i + candidate.units.length, fold)));
      if (whole && !isNegated(notes, i, this.negs, fold)) return candidate;
    }
    return undefined;
  }

  /** The shared answer for the phrases found (two or more), in the rules' order; clears `taken`. */
  private answer(): readonly SignalMatch[] {
    const { hits, found, taken } = this;
    // In the rules' order (a note holds a few hits: an insertion sort, no comparator calls).
    for (let i = 1; i < found; i++) {
      const hit = hits[i] as Candidate;
      let j = i - 1;
      for (; j >= 0 && (hits[j] as Candidate).order > hit.order; j--) hits[j + 1] = hits[j] as Candidate;
      hits[j + 1] = hit;
    }
    // The set's key: the phrases' numbers as digits of base (count + 1), or as text once that
    // number would pass 2^53.
    let key: number | string = 0;
    for (let k = 0; k < found; k++) {
      const hit = hits[k] as Candidate;
      taken[hit.order] = 0;
      if (typeof key === "number") {
        const next: number = key * (this.count + 1) + hit.index + 1;
        key = next <= Number.MAX_SAFE_INTEGER ? next : `${key},${hit.index}`;
      } else key += `,${hit.index}`;
    }
    let answer = this.answers.get(key);
    if (answer === undefined) {
      answer = Object.freeze(hits.slice(0, found).map((c) => c.match));
      if (this.answers.size < MAX_ANSWERS) this.answers.set(key, answer);
    }
    return answer;
  }
}

function sameUnits(a: Uint16Array, b: Uint16Array): boolean {
  return a.length === b.length && a.every((u, i) => u === b[i]);
}

/**
 * Phrases grouped by their first unit. `groupOf` has one entry per UTF-16 code unit: the group of
 * phrases that start with it, 0 for none. Most characters of a note start no phrase, and a scan
 * skips them with one array read: `groupOfRead` answers for a unit as the note has it (before
 * folding), once {@link ByFirstUnit.seal} has made it.
 */
class ByFirstUnit<T extends Units> {
  readonly groupOf = new Uint16Array(65_536);
  readonly groupOfRead = new Uint16Array(65_536);
  readonly groups: T[][] = [[]];
  /** Makes `groupOfRead` once every phrase is in. */
  seal(): void {
    const { starts, units } = matchPreimages();
    for (let g = 1; g < this.groups.length; g++) {
      // Every unit read as the group's first unit starts the group.
      const first = ((this.groups[g] as T[])[0] as T).units[0] as number;
      for (let k = starts[first] as number; k < (starts[first + 1] as number); k++)
        this.groupOfRead[units[k] as number] = g;
    }
  }

  /** The group a phrase belongs in, made when it is the first to start with its unit. */
  groupFor(phrase: Units): T[] {
    const first = phrase.units[0] as number;
    if (this.groupOf[first] === 0) {
      this.groupOf[first] = this.groups.length;
      this.groups.push([]);
    }
    return this.groups[this.groupOf[first] as number] as T[];
  }
}

/**
 * True when a negation ends before `at` in the same clause (within the negation reach). The ends
 * of the clause count as word breaks for whole-word negations. One scan back from `at` to the
 * clause's start, trying a negation wherever one can begin.
 */
function isNegated(text: string, at: number, negations: ByFirstUnit<Units>, fold: Uint16Array): boolean {
  const limit = Math.max(0, at - NEGATION_REACH);
  for (let i = at - 1; i >= limit; i--) {
    const ch = fold[text.charCodeAt(i)] as number;
    // "没问题，发报价" is not a negated quote; a full stop ends a clause when a space follows it.
    if (CLAUSE_BREAKS[ch] === 1 || (ch === 46 && unitOf(text, i + 1, fold) === 32)) return false;
    const group = negations.groupOfRead[text.charCodeAt(i)] as number;
    if (group === 0) continue;
    const candidates = negations.groups[group] as Units[];
    for (let k = 0; k < candidates.length; k++) {
      const neg = candidates[k] as Units;
      const end = i + neg.units.length;
      if (end > at || !unitsAt(text, i, neg.units, fold)) continue;
      // Before `i`: the clause's start (a break, the text's start, or the reach's), or no letter.
      if (
        !neg.wholeWord ||
        ((i === limit || !isWordChar(unitOf(text, i - 1, fold))) &&
          (end === at || !isWordChar(unitOf(text, end, fold))))
      )
        return true;
    }
  }
  return false;
}
