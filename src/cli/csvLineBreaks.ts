/**
 * Rows of a CSV end where a spreadsheet ends them: at CRLF, LF or a lone CR outside a quoted
 * cell, in any mix (a file edited on two systems, rows appended by a script). papaparse takes the
 * first line ending it sees for the whole file, so a CRLF header over LF rows would read five
 * leads as one. Here every line break outside quotes becomes LF, and the rows are counted on the
 * way: a second count, independent of the parser, that its row count must match.
 */

export interface CsvLines {
  /** The text with every row break outside quotes as LF; breaks inside quoted cells unchanged. */
  text: string;
  /**
   * Rows the text holds, as a parser that yields a last empty row after a final break counts them
   * (none in an empty text).
   */
  rows: number;
}

/**
 * @param delimiter the cell separator (a quote opens a quoted cell only at a cell's start).
 *
 * @example
 * normaliseLineBreaks('a,b\r\n1,"x\r\ny"\n2,z', ",") // { text: 'a,b\n1,"x\r\ny"\n2,z', rows: 3 }
 */
export function normaliseLineBreaks(text: string, delimiter: string): CsvLines {
  if (text === "") return { text, rows: 0 };
  const pieces: string[] = [];
  let copiedTo = 0;
  let rows = 1;
  let inQuotes = false;
  let cellStart = true;
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
    } else if (c === CR) {
      rows++;
      cellStart = true;
      pieces.push(text.slice(copiedTo, i), "\n");
      if (text.charCodeAt(i + 1) === LF) i++;
      copiedTo = i + 1;
    } else cellStart = text[i] === delimiter;
  }
  if (copiedTo === 0) return { text, rows };
  pieces.push(text.slice(copiedTo));
  return { text: pieces.join(""), rows };
}

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;
