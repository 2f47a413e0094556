/**
 * Rows of a CSV end where a spreadsheet ends them: at CRLF, LF or a lone CR outside a quoted
 * cell, in any mix (a file edited on two systems, rows appended by a script). papaparse takes the
 * first line ending it sees for the whole file, so a CRLF header over LF rows would read five
 * leads as one. Here every line break outside quotes becomes LF, and the rows are counted on the
 * way: a second count, independent of the parser, that its row count must match.
 */

export interface CsvLines {
  /**
   * The text with every row break outside quotes as `newline`; breaks inside quoted cells
   * unchanged. A text whose row breaks are all of one kind is returned as it is (a copy of a
   * 200 MB file would cost 400 MB more), one with a mix gets LF for each.
   */
  text: string;
  newline: "\n" | "\r\n" | "\r";
  /**
   * Rows the text holds, as a parser that yields a last empty row after a final break counts them
   * (none in an empty text).
   */
  rows: number;
}

/**
 * @param delimiter the cell separator (a quote opens a quoted cell only at a cell's start).
 * @param copyLimit the longest text given back as a copy; a longer one with mixed breaks throws
 *   {@link MixedBreaksTooLong}.
 *
 * @example
 * normaliseLineBreaks('a,b\r\n1,"x\r\ny"\n2,z', ",") // { text: 'a,b\n1,"x\r\ny"\n2,z', rows: 3, newline: "\n" }
 * normaliseLineBreaks('a,b\r\n1,2', ",") // { text: 'a,b\r\n1,2', rows: 2, newline: "\r\n" }
 */
export function normaliseLineBreaks(text: string, delimiter: string, copyLimit = Infinity): CsvLines {
  if (text === "") return { text, rows: 0, newline: "\n" };
  const pieces: string[] = [];
  let copiedTo = 0;
  let rows = 1;
  let inQuotes = false;
  let cellStart = true;
  /** The kinds of row break seen: 1 LF, 2 CRLF, 4 CR. */
  let kinds = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inQuotes) {
      if (c === QUOTE) {
        if (text.charCodeAt(i + 1) === QUOTE) i++;
        else inQuotes = false;
      }
      continue;
    }
    if (c === QUOTE && cellStart) {
      inQuotes = true;
      cellStart = false;
    } else if (c === LF) {
      rows++;
      cellStart = true;
      kinds |= 1;
    } else if (c === CR) {
      rows++;
      cellStart = true;
      pieces.push(text.slice(copiedTo, i), "\n");
      if (text.charCodeAt(i + 1) === LF) {
        i++;
        kinds |= 2;
      } else kinds |= 4;
      copiedTo = i + 1;
    } else cellStart = text[i] === delimiter;
  }
  if (kinds === 2) return { text, rows, newline: "\r\n" };
  if (kinds === 4) return { text, rows, newline: "\r" };
  if (copiedTo === 0) return { text, rows, newline: "\n" };
  if (text.length > copyLimit) throw new MixedBreaksTooLong(copyLimit);
  pieces.push(text.slice(copiedTo));
  return { text: pieces.join(""), rows, newline: "\n" };
}

/** A text with mixed row breaks, too long to copy with each made LF in the memory there is. */
export class MixedBreaksTooLong extends Error {
  constructor(readonly limit: number) {
    super(`mixed row breaks in a text of more than ${limit} characters`);
  }
}

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;
