/**
 * Where an export's header is. Exports often carry something above it: a title ("客户列表"), the
 * export time, a blank line. The first row is the header when it names two or more columns
 * LeadGrade reads (as every export that worked before does). Otherwise the header is the row,
 * among the first ten, that names the most (at least two; the earliest on a tie); without one, the
 * first row, and the command says it found no header. The rows above are kept: written back
 * unchanged above the header, never graded.
 */
import { type CellValue, findColumns, type RuleSet } from "../core/index";
import type { InputTable } from "./readTable";

const LOOK_AT = 10;

/** The header's index among `rows`, the table's first rows (ten are looked at). */
export function headerRowIndex(rows: readonly (readonly CellValue[])[], manual: RuleSet["columns"]): number {
  const named = (row: readonly CellValue[] | undefined) =>
    Object.keys(findColumns(row ?? [], manual).columns).length;
  if (named(rows[0]) >= 2) return 0;
  let best = 0;
  let most = 1;
  for (let i = 1; i < Math.min(LOOK_AT, rows.length); i++) {
    const count = named(rows[i]);
    if (count > most) {
      best = i;
      most = count;
    }
  }
  return best;
}

/** The table with its header at row `index` (0 = as read), the rows above it as its preamble. */
export function withHeaderAt(table: InputTable, index: number): InputTable {
  if (index === 0) return table;
  const all = [table.header, ...table.rows];
  return {
    ...table,
    header: all[index] ?? [],
    rows: all.slice(index + 1),
    preamble: (table.original ?? all).slice(0, index),
    ...(table.original ? { original: table.original.slice(index) } : {}),
  };
}
