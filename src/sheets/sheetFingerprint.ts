/**
 * A fingerprint of the values a pass read, so the hourly job can skip a sheet nobody touched
 * (consumer accounts have 90 minutes of trigger time a day): Apps Script's own MD5
 * (`Utilities.computeDigest`) over the values as JSON, which tells "1" from 1 and counts dates by
 * their instant; LeadGrade's own columns left out. Done natively, a block of rows at a time, so a
 * sheet near the 10-million-cell limit is never held twice (as values and as one long JSON text).
 */

/** Cells digested at a time (a JSON text of a few MB): one call per block, one more for many. */
export const BLOCK_CELLS = 250_000;

function md5(text: string): string {
  const bytes = Utilities.computeDigest(Utilities.DigestAlgorithm.MD5, text, Utilities.Charset.UTF_8);
  return bytes.map((b) => ((b + 256) % 256).toString(16).padStart(2, "0")).join("");
}

/**
 * @param skip columns (0-based) left out: LeadGrade's own.
 * @example
 * sheetFingerprint([["客户名称"], ["张三"]]) // "3f0c…" (32 hex digits)
 */
export function sheetFingerprint(
  values: readonly (readonly unknown[])[],
  skip: ReadonlySet<number> = new Set(),
): string {
  const blocks: string[] = [];
  const blockRows = Math.max(1, Math.floor(BLOCK_CELLS / Math.max(1, values[0]?.length ?? 1)));
  for (let start = 0; start < values.length || start === 0; start += blockRows) {
    const rows = values.slice(start, start + blockRows);
    blocks.push(
      md5(JSON.stringify(skip.size === 0 ? rows : rows.map((r) => r.filter((_, c) => !skip.has(c))))),
    );
  }
  return blocks.length === 1 ? (blocks[0] as string) : md5(blocks.join(""));
}
