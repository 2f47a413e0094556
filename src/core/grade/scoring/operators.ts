/**
 * Every operator a rule's condition may use, in one table: each knows how to test a row (compiled
 * once per pass against the table's columns), how to say itself in words, and whether it compares
 * a field's text. A new operator is its schema entry (model/schema.ts) and one entry here.
 */

import { WORDS } from "../../model/locales/index";
import type { Lang } from "../../model/messages";
import type { Condition } from "../../model/schema";
import { INVALID, matchForm } from "../../text/cell";
import type { CivilDay } from "../../text/civilDay";
import { INTENT_RANK, parseIntent } from "../../text/parseIntent";
import { compilePhrase, findPhrase } from "../../text/phrases";

export type RowTest = (row: number, asOf: CivilDay) => boolean;

/** What a condition reads of its field, for every row of the table. */
export interface FieldReaders {
  kind: "text" | "number" | "money" | "date" | "intent";
  filled: (row: number) => boolean;
  /** The field's text in match form (width-folded, lower-cased), or undefined for an empty cell. */
  matchText: (row: number) => string | undefined;
  /** Numbers (days for a date field); NaN where empty. */
  numbers: Float64Array;
  /** Intent ranks (0 empty). */
  intent: Uint8Array;
  /** A test of the row's text, answered once per distinct value where the field has value numbers. */
  oncePerValue: (test: (row: number) => boolean) => RowTest;
}

interface Operator<C extends Condition> {
  /** Whether it compares the field's text, which then needs a match form. */
  readonly matchesText: boolean;
  compile(condition: C, field: FieldReaders): RowTest;
  /** `field` is the field's name in `lang`. */
  describe(condition: C, field: string, lang: Lang): string;
}

type Operators = { readonly [Op in Condition["op"]]: Operator<Extract<Condition, { op: Op }>> };

const NEVER: RowTest = () => false;
const MAX_VALUES = 4;

function list(values: readonly (string | number)[], lang: Lang): string {
  return WORDS[lang].list(values.slice(0, MAX_VALUES).map(String), values.length);
}

function intentRank(value: string | number): number {
  const intent = parseIntent(value);
  return intent === INVALID || intent === undefined ? -1 : INTENT_RANK[intent];
}

/** equals / oneOf: the row's value is one of `wanted` (an intent by rank, a number as a number). */
function compileMembers(wanted: readonly (string | number)[], f: FieldReaders): RowTest {
  if (f.kind === "intent") {
    // Ranks are 0–3: a table of the wanted ones, read per row (not a Set look-up).
    const ranks = new Uint8Array(256);
    for (const w of wanted) {
      const rank = intentRank(w);
      if (rank >= 0) ranks[rank] = 1;
    }
    const intent = f.intent;
    return (row) => intent[row] !== 0 && ranks[intent[row] as number] === 1;
  }
  if (f.kind === "number" || f.kind === "money") {
    const set = new Set(wanted.map(Number));
    const numbers = f.numbers;
    return (row) => set.has(numbers[row] as number);
  }
  if (f.kind === "date") return NEVER;
  const set = new Set(wanted.map((w) => matchForm(String(w).trim())));
  return f.oncePerValue((row) => {
    const t = f.matchText(row);
    return t !== undefined && set.has(t);
  });
}

export const OPERATORS: Operators = {
  equals: {
    matchesText: true,
    compile: (c, f) => compileMembers([c.value], f),
    describe: (c, field) => `${field} = ${c.value}`,
  },
  oneOf: {
    matchesText: true,
    compile: (c, f) => compileMembers(c.values, f),
    describe: (c, field, lang) => WORDS[lang].conditions.oneOf(field, list(c.values, lang)),
  },
  contains: {
    matchesText: true,
    compile: (c, f) => {
      const phrases = c.values.map(compilePhrase);
      return f.oncePerValue((row) => {
        const t = f.matchText(row);
        return t !== undefined && phrases.some((p) => findPhrase(t, p) >= 0);
      });
    },
    describe: (c, field, lang) => WORDS[lang].conditions.contains(field, list(c.values, lang)),
  },
  range: {
    matchesText: false,
    compile: (c, f) => {
      const min = c.min ?? Number.NEGATIVE_INFINITY;
      const max = c.max ?? Number.POSITIVE_INFINITY;
      const { intent, numbers } = f;
      if (f.kind === "intent")
        return (row) => intent[row] !== 0 && (intent[row] as number) >= min && (intent[row] as number) <= max;
      // NaN (empty) fails both comparisons.
      return (row) => (numbers[row] as number) >= min && (numbers[row] as number) <= max;
    },
    describe: (c, field) => {
      if (c.min !== undefined && c.max !== undefined) return `${c.min} ≤ ${field} ≤ ${c.max}`;
      return c.min !== undefined ? `${field} ≥ ${c.min}` : `${field} ≤ ${c.max}`;
    },
  },
  missing: {
    matchesText: false,
    compile: (_, f) => (row) => !f.filled(row),
    describe: (_, field, lang) => WORDS[lang].conditions.empty(field),
  },
  present: {
    matchesText: false,
    compile: (_, f) => f.filled,
    describe: (_, field, lang) => WORDS[lang].conditions.filled(field),
  },
  withinDays: {
    matchesText: false,
    compile: (c, f) => {
      const { days } = c;
      const numbers = f.numbers;
      return (row, asOf) => asOf - (numbers[row] as number) <= days;
    },
    describe: (c, field, lang) => WORDS[lang].conditions.withinDays(field, c.days),
  },
  olderThanDays: {
    matchesText: false,
    compile: (c, f) => {
      const { days } = c;
      const numbers = f.numbers;
      return (row, asOf) => asOf - (numbers[row] as number) > days;
    },
    describe: (c, field, lang) => WORDS[lang].conditions.olderThanDays(field, c.days),
  },
};
