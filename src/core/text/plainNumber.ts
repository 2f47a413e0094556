/**
 * A cell's text read as a plain number (thousands commas allowed, no units or currency), the way
 * learning bins a column and the column's points read it back: both must agree on every cell.
 */

/**
 * @example
 * plainNumber("1,250.5") // 1250.5
 * plainNumber("0x10") // NaN (Number would say 16)
 */
export function plainNumber(text: string): number {
  if (text === "" || !/^[-+]?[\d,]*\.?\d+(e[-+]?\d+)?$/i.test(text)) return Number.NaN;
  return Number(text.replace(/,/g, ""));
}
