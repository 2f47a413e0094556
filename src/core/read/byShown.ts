/**
 * A number per distinct thing a field's rows show, worked out once per value: the pass's later
 * steps (a rule's trace item for "意向=高", a column's points) ask per row and get the number made
 * for the first row that showed the same, without reading the row's text. How rows are numbered
 * (value numbers, dates shown as their day) stays inside read/.
 */
import type { Field } from "../model/fields";
import type { CivilDay } from "../text/civilDay";
import { type LeadColumns, SHOWN_AS_DAY, shownAt } from "./readColumns";

const NONE: readonly (string | undefined)[] = [];

/**
 * Per row, `byText(what the row shows in the field)`, asked once per value: by the row's value
 * number where the field has them (an array read), by its day for a date shown as its day, else by
 * the text shown.
 *
 * @example
 * const itemOf = sameShown(cols, "source", (shown) => registry.add({ …, value: shown }));
 * itemOf(0) === itemOf(7) // rows 0 and 7 both say 老客户推荐
 */
export function sameShown(
  cols: LeadColumns,
  field: Field | undefined,
  byText: (shown: string | undefined) => number,
): (row: number) => number {
  const values = field === undefined ? undefined : cols.values[field];
  if (values === undefined) {
    const text = field === undefined ? NONE : (cols.text[field] ?? NONE);
    return (row) => byText(text[row]);
  }
  const ids = values.ids;
  const byId = new Int32Array(values.shown.length).fill(-1);
  const days = values.days;
  const byDay = new Map<CivilDay, number>();
  return (row) => {
    const id = ids[row] as number;
    if (id === SHOWN_AS_DAY && days !== undefined) {
      const day = days[row] as number;
      let made = byDay.get(day);
      if (made === undefined) {
        made = byText(shownAt(values, row));
        byDay.set(day, made);
      }
      return made;
    }
    if (id < 0) return byText(shownAt(values, row));
    let made = byId[id] as number;
    if (made < 0) {
      made = byText(shownAt(values, row));
      byId[id] = made;
    }
    return made;
  };
}
