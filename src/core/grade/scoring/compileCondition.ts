/**
 * Turns a rule's `when` (a condition, or `all / any / not` of them) into a plain function of a row
 * of a table's {@link LeadColumns}, once per pass, so testing a row is a few array reads and
 * comparisons.
 */

import { FIELD_KIND, type Field } from "../../model/fields";
import type { Condition, When } from "../../model/schema";
import { type LeadColumns, readFilled, readMatch, readShown } from "../../read/readColumns";
import { matchForm } from "../../text/cell";
import { type FieldReaders, OPERATORS, type RowTest } from "./operators";

export type { RowTest };

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
  if ("op" in when) return OPERATORS[when.op].matchesText ? [when.field] : [];
  if ("all" in when) return when.all.flatMap(matchedFieldsOf);
  if ("any" in when) return when.any.flatMap(matchedFieldsOf);
  return matchedFieldsOf(when.not);
}

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
  // A field read without match forms is matched on its shown text's.
  const matchText =
    field in cols.match
      ? readMatch(cols, field)
      : (row: number) => {
          const t = shown(row);
          return t === undefined ? undefined : matchForm(t);
        };
  const readers: FieldReaders = {
    kind,
    filled: readFilled(cols, field),
    matchText,
    numbers: (kind === "date" ? cols.days[field] : cols.numbers[field]) ?? EMPTY_NUMBERS,
    intent: cols.intent,
    oncePerValue: (test) => oncePerValue(field, cols, test),
  };
  return (OPERATORS[c.op] as { compile: (c: Condition, f: FieldReaders) => RowTest }).compile(c, readers);
}
