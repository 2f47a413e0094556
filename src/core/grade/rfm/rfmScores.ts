/**
 * RFM quintile scores (seeds 002/004): each customer gets 1–5 for Recency, Frequency and Monetary
 * value relative to the other customers in the same table; 5 is best (most recent, most orders,
 * most spent).
 *
 * Tie rule: customers with equal values always get the same score — the score of the lowest
 * position the tied group occupies. With `n` customers sorted worst to best, a value with `below`
 * customers strictly worse than it scores `floor(bins * below / n) + 1`. Where no two values tie
 * this equals SQL `NTILE(bins)` when `n` is a multiple of `bins`; where values tie it differs from
 * tools that break ties by row order (pyretailscience orders ties by customer id, so five
 * customers with one order each get five different F scores; here they all get 1).
 */

/**
 * Scores one dimension. `undefined` values (no data) score as the worst.
 *
 * @example
 * quintileScores([100, 200, 150, 300, 250], "higher") // [1, 3, 2, 5, 4]
 * quintileScores([1, 1, 1, 1, 1], "higher") // [1, 1, 1, 1, 1]
 */
export function quintileScores(
  values: readonly (number | undefined)[],
  better: "higher" | "lower",
  bins = 5,
): number[] {
  const column = new Float64Array(values.length);
  for (let k = 0; k < values.length; k++) column[k] = values[k] ?? Number.NaN;
  return Array.from(quintileColumn(column, better, bins));
}

/**
 * {@link quintileScores} over a column of numbers, `NaN` for no data; scores in a byte array (a
 * pass scores tens of thousands of customers, and typed arrays are cheap to make).
 */
export function quintileColumn(values: Float64Array, better: "higher" | "lower", bins = 5): Uint8Array {
  const n = values.length;
  const higher = better === "higher";
  // Sort key where larger is better, so ranks go from worst to best; no data is the worst.
  const keyOf = (v: number) => (Number.isNaN(v) ? Number.NEGATIVE_INFINITY : higher ? v : -v);
  // A key scores above j when at least ceil(j·n / bins) keys are below it, that is when it is
  // above the key at that place in sorted order: bins − 1 thresholds, compared in turn. The keys
  // at those places are selected in one copy of the keys, not sorted for (sorting 35,000 amounts
  // took ~4 ms; a fresh array of them ~0.8 ms).
  const thresholds = new Float64Array(bins - 1);
  if (n > 0) {
    const work = new Float64Array(n);
    for (let k = 0; k < n; k++) work[k] = keyOf(values[k] as number);
    let from = 0;
    let last = -1;
    for (let j = 1; j < bins; j++) {
      const place = Math.ceil((j * n) / bins) - 1;
      if (place !== last) {
        selectInPlace(work, place, from, n - 1);
        from = place + 1;
        last = place;
      }
      thresholds[j - 1] = work[place] as number;
    }
  }
  const scores = new Uint8Array(n);
  for (let k = 0; k < n; k++) {
    const key = keyOf(values[k] as number);
    let score = 1;
    for (let j = 0; j < thresholds.length; j++) if ((thresholds[j] as number) < key) score++;
    scores[k] = score;
  }
  return scores;
}

/**
 * Moves the value that sorted order puts at `place` (within `from … to`) there, with no greater
 * value before it and no smaller one after it (Hoare's selection, median-of-three pivots). After
 * a few dozen rounds on a stubborn range it sorts the range instead, so it is never worse than a
 * sort.
 */
function selectInPlace(a: Float64Array, place: number, from: number, to: number): void {
  let lo = from;
  let hi = to;
  for (let round = 0; hi > lo; round++) {
    if (round === 64) {
      a.subarray(lo, hi + 1).sort();
      return;
    }
    const x = a[lo] as number;
    const y = a[(lo + hi) >>> 1] as number;
    const z = a[hi] as number;
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while ((a[i] as number) < pivot) i++;
      while ((a[j] as number) > pivot) j--;
      if (i <= j) {
        const t = a[i] as number;
        a[i] = a[j] as number;
        a[j] = t;
        i++;
        j--;
      }
    }
    // Now lo … j ≤ pivot ≤ i … hi, and everything between equals the pivot.
    if (place <= j) hi = j;
    else if (place >= i) lo = i;
    else return;
  }
}
