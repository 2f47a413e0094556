/**
 * Turns a rule's `when` (a condition, or `all / any / not` of them) into a plain function of a row
 * of a table's {@link LeadColumns}, once per pass, so testing a row is a few array reads and
 * comparisons.
 */

import { FIELD_KIND, type Field } from "../../model/fields";
import type { Condition, When } from "../../model/schema";
import { type LeadColumns, readFilled, readMatch, readShown } from "../../read/readColumns";
import { INVALID, matchForm } from "../../text/cell";
import type { CivilDay } from "../../text/civilDay";
import { INTENT_RANK, parseIntent } from "../../text/parseIntent";
import { compilePhrase, findPhrase } from "../../text/phrases";

export type RowTest = (row: number, asOf: CivilDay) => boolean;

/** The field a condition looks at first: its value is what the "why" shows. */
export function firstField(when: When): Field | undefined {
  if ("op" in when) return when.field;
  if ("all" in when) return when.all.map(firstField).find((f) => f !== undefined);
  if ("any" in when) return when.any.map(firstField).find((f) => f !== undefined);
  return undefined;
}

/**
 * The fields whose text a rule's `when` compares (`equals`, `oneOf`, `contains`): only these need
 * a match form. `missing` and `present` look at whether a cell is filled, numbers and dates at
 * their values.
 */
export function matchedFieldsOf(when: When): Field[] {
  if ("op" in when)
    return when.op === "equals" || when.op === "oneOf" || when.op === "contains" ? [when.field] : [];
  if ("all" in when) return when.all.flatMap(matchedFieldsOf);
  if ("any" in when) return when.any.flatMap(matchedFieldsOf);
  return matchedFieldsOf(when.not);
}

const NEVER: RowTest = () => false;
const EMPTY_NUMBERS = new Float64Array(0);

/**
 * @example
 * const test = compileWhen({ field: "budget", op: "range", min: 100000 }, cols);
 * test(0, asOf) // true when row 0's budget is ¥100,000 or more
 */
export function compileWhen(when: When, cols: LeadColumns): RowTest {
  if ("op" in when) return compileCondition(when, cols);
  // Index loops: `every`/`some` with an arrow would make a closure per row, for-of an iterator.
  if ("all" in when) {
    const parts = when.all.map((w) => compileWhen(w, cols));
    return (row, asOf) => {
      for (let k = 0; k < parts.length; k++) if (!(parts[k] as RowTest)(row, asOf)) return false;
      return true;
    };
  }
  if ("any" in when) {
    const parts = when.any.map((w) => compileWhen(w, cols));
    return (row, asOf) => {
      for (let k = 0; k < parts.length; k++) if ((parts[k] as RowTest)(row, asOf)) return true;
      return false;
    };
  }
  const inner = compileWhen(when.not, cols);
  return (row, asOf) => !inner(row, asOf);
}

/**
 * A test of a row's text answered once per value number where the field has them (a column
 * repeats a handful of values), each time for the rest.
 */
function oncePerValue(field: Field, cols: LeadColumns, test: (row: number) => boolean): RowTest {
  const values = cols.values[field];
  if (values === undefined) return test;
  const { ids } = values;
  // 0: not yet asked, 1: true, 2: false.
  const answers = new Uint8Array(values.shown.length);
  return (row) => {
    const id = ids[row] as number;
    if (id < 0) return test(row);
    let answer = answers[id] as number;
    if (answer === 0) {
      answer = test(row) ? 1 : 2;
      answers[id] = answer;
    }
    return answer === 1;
  };
}

function compileCondition(c: Condition, cols: LeadColumns): RowTest {
  const field = c.field;
  const kind = FIELD_KIND[field];
  // A field the sheet does not have is empty on every row.
  // Read through the field's value numbers where it has them (no per-row text column is made).
  const shown = readShown(cols, field);
  const filled = readFilled(cols, field);
  // A field read without match forms is matched on its shown text's.
  const matchText =
    field in cols.match
      ? readMatch(cols, field)
      : (row: number) => {
          const t = shown(row);
          return t === undefined ? undefined : matchForm(t);
        };
  const numbers = (kind === "date" ? cols.days[field] : cols.numbers[field]) ?? EMPTY_NUMBERS;
  const intent = cols.intent;
  switch (c.op) {
    case "missing":
      return (row) => !filled(row);
    case "present":
      return filled;
    case "equals":
    case "oneOf": {
      const wanted = c.op === "equals" ? [c.value] : c.values;
      if (kind === "intent") {
        // Ranks are 0–3: a table of the wanted ones, read per row (not a Set look-up).
        const ranks = new Uint8Array(256);
        for (const w of wanted) {
          const rank = intentRank(w);
          if (rank >= 0) ranks[rank] = 1;
        }
        return (row) => intent[row] !== 0 && ranks[intent[row] as number] === 1;
      }
      if (kind === "number" || kind === "money") {
        const set = new Set(wanted.map(Number));
        return (row) => set.has(numbers[row] as number);
      }
      if (kind === "date") return NEVER;
      const set = new Set(wanted.map((w) => matchForm(String(w).trim())));
      return oncePerValue(field, cols, (row) => {
        const t = matchText(row);
        return t !== undefined && set.has(t);
      });
    }
    case "contains": {
      const phrases = c.values.map(compilePhrase);
      return oncePerValue(field, cols, (row) => {
        const t = matchText(row);
        return t !== undefined && phrases.some((p) => findPhrase(t, p) >= 0);
      });
    }
    case "range": {
      const min = c.min ?? Number.NEGATIVE_INFINITY;
      const max = c.max ?? Number.POSITIVE_INFINITY;
      if (kind === "intent")
        return (row) => intent[row] !== 0 && (intent[row] as number) >= min && (intent[row] as number) <= max;
      // NaN (empty) fails both comparisons.
      return (row) => (numbers[row] as number) >= min && (numbers[row] as number) <= max;
    }
    case "withinDays": {
      const days = c.days;
      return (row, asOf) => asOf - (numbers[row] as number) <= days;
    }
    case "olderThanDays": {
      const days = c.days;
      return (row, asOf) => asOf - (numbers[row] as number) > days;
    }
  }
}

function intentRank(value: string | number): number {
  const intent = parseIntent(value);
  return intent === INVALID || intent === undefined ? -1 : INTENT_RANK[intent];
}
