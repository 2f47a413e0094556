/**
 * Fingerprints: short hashes that tell whether text or a whole table changed, so the hourly job
 * can skip a sheet nobody touched (Apps Script allows 90 minutes of triggers a day on consumer
 * accounts) and the rules store can tell a damaged copy. FNV-1a, 32 bits; a table's fingerprint
 * runs it twice with different seeds (64 bits), over every cell's type and text.
 */

const FNV_PRIME = 0x01000193;

/**
 * @example
 * fnv1a("abc") // "1a47e90b"
 */
export function fnv1a(text: string, seed = 0x811c9dc5): string {
  return hex(hashText(text, seed));
}

function hashText(text: string, seed: number): number {
  let hash = seed;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, FNV_PRIME) >>> 0;
  }
  return hash;
}

const hex = (n: number) => n.toString(16).padStart(8, "0");

/**
 * A fingerprint of a table of cell values (as `getValues()` gives them): any changed cell, row or
 * column changes it. Dates count by their instant, and a cell's type counts ("1" is not 1).
 *
 * @example
 * tableFingerprint([["客户名称"], ["张三"]]) === tableFingerprint([["客户名称"], ["李四"]]) // false
 */
export function tableFingerprint(rows: readonly (readonly unknown[])[]): string {
  let a = 0x811c9dc5;
  let b = 0x01234567;
  const mix = (text: string) => {
    a = hashText(text, a);
    b = hashText(text, b);
  };
  for (const row of rows) {
    mix("\n");
    for (const cell of row) mix(cellKey(cell));
  }
  return hex(a) + hex(b);
}

function cellKey(cell: unknown): string {
  if (cell instanceof Date || Object.prototype.toString.call(cell) === "[object Date]")
    return `\u0001d${(cell as Date).getTime()}`;
  return `\u0001${typeof cell}${String(cell)}`;
}
