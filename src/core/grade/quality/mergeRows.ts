/**
 * Merging a group of duplicate leads into one row without losing anything: where the rows agree
 * (or only one has a value) that value is kept as it is; where they differ, every distinct value
 * is kept, joined with " | " in row order. The rows merged away are returned whole, for the audit.
 */
import { type CellValue, cellText, isDate, isEmptyCell } from "../../text/cell";
import { widestRow } from "../../text/widestRow";

export interface MergedRow {
  /** The values of the merged lead, one per column. */
  values: CellValue[];
  /** Columns (0-based) where the rows disagreed and values were joined. */
  joined: number[];
}

const SEPARATOR = " | ";

function sameValue(a: CellValue, b: CellValue): boolean {
  if (isDate(a) && isDate(b)) return a.getTime() === b.getTime();
  return cellText(a) === cellText(b);
}

/**
 * @example
 * mergeRows([["张三", "138…", ""], ["张三", "", "a@b.cn"]]).values // ["张三", "138…", "a@b.cn"]
 * mergeRows([["张三", "高"], ["张三", "中"]]).values // ["张三", "高 | 中"]
 */
export function mergeRows(rows: readonly (readonly CellValue[])[]): MergedRow {
  const width = widestRow(rows);
  const values: CellValue[] = [];
  const joined: number[] = [];
  for (let c = 0; c < width; c++) {
    const distinct: CellValue[] = [];
    for (const row of rows) {
      const v = row[c];
      if (!isEmptyCell(v) && !distinct.some((d) => sameValue(d, v))) distinct.push(v);
    }
    if (distinct.length <= 1) values.push(distinct[0] ?? "");
    else {
      values.push(distinct.map(cellText).join(SEPARATOR));
      joined.push(c);
    }
  }
  return { values, joined };
}
