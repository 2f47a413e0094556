/**
 * The text of a CSV export in the encoding it was saved in, decided by which decoding is valid
 * over the whole file: UTF-16 with a BOM (Excel's "Unicode text"); UTF-8 (with or without a BOM)
 * when the file is valid UTF-8, or when most of its lines with non-ASCII text are (a cell cut in
 * the middle of a character leaves a few broken bytes, and reading such a file as GB18030 would
 * turn every `ü` and `李` into other characters); otherwise GB18030, the superset of GBK and
 * GB2312 that Excel on Chinese Windows saves "CSV" in, when the whole file is valid in it.
 * Lines that do not fit the encoding chosen are named, never rewritten silently. Decoding is the
 * platform's (WHATWG Encoding).
 */

export type CsvEncoding = "utf-8" | "utf-16le" | "utf-16be" | "gb18030" | "unknown";

export interface DecodedCsv {
  text: string;
  /** "unknown": neither UTF-8 nor GB18030; read as UTF-8 with the unreadable bytes as �. */
  encoding: CsvEncoding;
  /** File lines (1-based) whose bytes are not valid in the encoding chosen: shown as �. */
  badLines: number[];
  /** File lines (1-based) that look written in another encoding than the one chosen. */
  otherEncodingLines: number[];
}

/**
 * @example
 * decodeCsv(Buffer.from("客户名称\n张三\n")) // { text: "客户名称\n张三\n", encoding: "utf-8", badLines: [], … }
 */
export function decodeCsv(bytes: Uint8Array): DecodedCsv {
  const none = { badLines: [], otherEncodingLines: [] };
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return { text: new TextDecoder("utf-16le").decode(bytes), encoding: "utf-16le", ...none };
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return { text: new TextDecoder("utf-16be").decode(bytes), encoding: "utf-16be", ...none };
  const lines = scanUtf8Lines(bytes);
  const utf8 = () => new TextDecoder("utf-8").decode(bytes);
  if (lines.broken.length === 0) return { text: utf8(), encoding: "utf-8", ...none };
  // Most lines with non-ASCII text are UTF-8: the others are broken or in a second encoding.
  if (lines.valid.length >= lines.broken.length)
    return {
      text: utf8(),
      encoding: "utf-8",
      badLines: lines.broken,
      otherEncodingLines: lines.broken.filter((n) => validGb18030Line(bytes, n, lines.starts)),
    };
  try {
    const text = new TextDecoder("gb18030", { fatal: true }).decode(bytes);
    // Lines with several whole UTF-8 characters and nothing broken are rare in GB18030 text.
    return { text, encoding: "gb18030", badLines: [], otherEncodingLines: lines.clearlyUtf8 };
  } catch {
    return { text: utf8(), encoding: "unknown", badLines: lines.broken, otherEncodingLines: [] };
  }
}

interface Utf8Lines {
  /** Lines with non-ASCII bytes, all valid UTF-8. */
  valid: number[];
  /** Lines with bytes that are not valid UTF-8. */
  broken: number[];
  /** Valid lines with at least two multi-byte characters. */
  clearlyUtf8: number[];
  /** Byte offset where each line starts (index 0 for line 1). */
  starts: number[];
}

/** Sorts the file's lines (split at LF, CR or CRLF) by whether their bytes are valid UTF-8. */
function scanUtf8Lines(bytes: Uint8Array): Utf8Lines {
  const result: Utf8Lines = { valid: [], broken: [], clearlyUtf8: [], starts: [0] };
  let line = 1;
  let wide = 0;
  let broken = false;
  const endLine = () => {
    if (broken) result.broken.push(line);
    else if (wide > 0) {
      result.valid.push(line);
      if (wide >= 2) result.clearlyUtf8.push(line);
    }
    line++;
    wide = 0;
    broken = false;
  };
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    if (b === 0x0a || b === 0x0d) {
      i += b === 0x0d && bytes[i + 1] === 0x0a ? 2 : 1;
      endLine();
      result.starts.push(i);
      continue;
    }
    if (b < 0x80) {
      i++;
      continue;
    }
    const size = utf8SequenceLength(bytes, i);
    if (size === 0) {
      broken = true;
      i++;
    } else {
      wide++;
      i += size;
    }
  }
  endLine();
  return result;
}

/** Length of the valid UTF-8 sequence starting at `i` (2–4), or 0 when none starts there. */
function utf8SequenceLength(bytes: Uint8Array, i: number): number {
  const b = bytes[i] as number;
  const cont = (k: number) => {
    const c = bytes[i + k];
    return c !== undefined && c >= 0x80 && c <= 0xbf;
  };
  if (b >= 0xc2 && b <= 0xdf) return cont(1) ? 2 : 0;
  if (b >= 0xe0 && b <= 0xef) {
    const second = bytes[i + 1] ?? 0;
    // No overlong forms (E0 80–9F) and no surrogates (ED A0–BF).
    if ((b === 0xe0 && second < 0xa0) || (b === 0xed && second > 0x9f)) return 0;
    return cont(1) && cont(2) ? 3 : 0;
  }
  if (b >= 0xf0 && b <= 0xf4) {
    const second = bytes[i + 1] ?? 0;
    if ((b === 0xf0 && second < 0x90) || (b === 0xf4 && second > 0x8f)) return 0;
    return cont(1) && cont(2) && cont(3) ? 4 : 0;
  }
  return 0;
}

/** Whether one line (1-based) of the file is valid GB18030. */
function validGb18030Line(bytes: Uint8Array, line: number, starts: readonly number[]): boolean {
  const start = starts[line - 1] ?? 0;
  const end = starts[line] ?? bytes.length;
  try {
    new TextDecoder("gb18030", { fatal: true }).decode(bytes.subarray(start, end));
    return true;
  } catch {
    return false;
  }
}
