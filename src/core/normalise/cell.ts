/**
 * What a cell can hold when Sheets, a CSV or an XLSX hands it over, and the shared outcome of
 * reading one: a value, nothing (an empty cell), or {@link INVALID} (something that cannot be
 * read as the field's kind — the caller turns that into an issue on the row, never an exception).
 */

export type CellValue = string | number | boolean | Date | null | undefined;

export const INVALID: unique symbol = Symbol("invalid");
export type Invalid = typeof INVALID;

/** `undefined` = empty cell; `INVALID` = present but unreadable. */
export type Parsed<T> = T | undefined | Invalid;

/** True for cells that hold nothing: `""`, whitespace, `null`, `undefined`. */
export function isEmptyCell(cell: CellValue): boolean {
  if (cell === null || cell === undefined) return true;
  if (typeof cell === "string") return cell.trim() === "";
  return false;
}

/** The text of a cell as a person would read it; dates as ISO, empty as "". */
export function cellText(cell: CellValue): string {
  if (cell === null || cell === undefined) return "";
  if (typeof cell === "string") return cell.trim();
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? "" : cell.toISOString();
  return String(cell);
}

/** Full-width digits and punctuation (common in Chinese input) folded to ASCII. */
export function foldFullWidth(text: string): string {
  // U+FF01–U+FF5E map to U+0021–U+007E; U+3000 is the ideographic space.
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xff01 && c <= 0xff5e) out += String.fromCharCode(c - 0xfee0);
    else if (c === 0x3000) out += " ";
    else out += text[i];
  }
  return out;
}
