/**
 * A short hash that tells whether text changed: the rules store checks its pieces with it, so a
 * damaged copy is noticed. FNV-1a, 32 bits, over the UTF-16 code units.
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
