/**
 * For each row, the first row before it with the same text. Used for the columns where nearly
 * every text is different (e-mails, phones): a `Map` keyed by 100,000 distinct texts spends most
 * of its time waiting on memory, while this open-addressing table of row numbers (typed arrays,
 * FNV-1a hashes of the texts' UTF-16 units) touches each text once and compares two texts only
 * when their hashes agree. It answers exactly as a `Map` from text to first row would.
 */

/**
 * @param texts per row; `undefined` and `""` are no text.
 * @param skip rows to leave out (1 = skip), e.g. blank rows.
 * @returns per row, the first earlier row with the same text, or -1.
 *
 * @example
 * firstSameText(["a@x.cn", "b@x.cn", "a@x.cn", undefined]) // Int32Array [-1, -1, 0, -1]
 */
export function firstSameText(texts: ArrayLike<string | undefined>, skip?: Uint8Array): Int32Array {
  const length = texts.length;
  const first = new Int32Array(length).fill(-1);
  // At most half full, so a probe ends soon.
  let size = 16;
  while (size < length * 2) size *= 2;
  const mask = size - 1;
  const table = new Int32Array(size).fill(-1);
  const hashes = new Int32Array(length);
  for (let row = 0; row < length; row++) {
    const text = texts[row];
    if (text === undefined || text === "" || skip?.[row] === 1) continue;
    let hash = 0x811c9dc5;
    for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 16_777_619);
    let slot = hash & mask;
    for (;;) {
      const other = table[slot] as number;
      if (other === -1) {
        table[slot] = row;
        hashes[row] = hash;
        break;
      }
      if (hashes[other] === hash && texts[other] === text) {
        first[row] = other;
        break;
      }
      slot = (slot + 1) & mask;
    }
  }
  return first;
}

/**
 * For each row, the first row before it with the same pair of numbers (`a[row]`, `b[row]`): as
 * {@link firstSameText}, for rows keyed by two value numbers (a company's and a name's).
 *
 * @param a per row, a number ≥ 0, or -1 for no key (the row is left out).
 * @returns per row, the first earlier row with the same pair, or -1.
 *
 * @example
 * firstSamePair(Int32Array.of(0, 1, 0), Int32Array.of(5, 5, 5)) // Int32Array [-1, -1, 0]
 */
export function firstSamePair(a: Int32Array, b: Int32Array): Int32Array {
  const length = a.length;
  const first = new Int32Array(length).fill(-1);
  let size = 16;
  while (size < length * 2) size *= 2;
  const mask = size - 1;
  const table = new Int32Array(size).fill(-1);
  for (let row = 0; row < length; row++) {
    const x = a[row] as number;
    if (x < 0) continue;
    const y = b[row] as number;
    const mixed = Math.imul(x, 0x9e3779b1) ^ Math.imul(y + 0x7f4a7c15, 0x85ebca77);
    let slot = (mixed ^ (mixed >>> 15)) & mask;
    for (;;) {
      const other = table[slot] as number;
      if (other === -1) {
        table[slot] = row;
        break;
      }
      if (a[other] === x && b[other] === y) {
        first[row] = other;
        break;
      }
      slot = (slot + 1) & mask;
    }
  }
  return first;
}
