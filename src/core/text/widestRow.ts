/**
 * The number of cells in a table's longest row. A loop, not `Math.max(...rows.map(…))`: spreading
 * an export's rows into arguments overflows the call stack at around 125,000 rows.
 *
 * @example
 * widestRow([["a"], ["b", "c"]]) // 2
 */
export function widestRow(rows: readonly (readonly unknown[])[], atLeast = 0): number {
  let width = atLeast;
  for (const row of rows) if (row.length > width) width = row.length;
  return width;
}
