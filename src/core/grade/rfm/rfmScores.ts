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
  // above the key at that place in sorted order: bins − 1 thresholds, compared in turn.
  const sorted = new Float64Array(n);
  for (let k = 0; k < n; k++) sorted[k] = keyOf(values[k] as number);
  sorted.sort();
  const thresholds = new Float64Array(bins - 1);
  for (let j = 1; j < bins && n > 0; j++) thresholds[j - 1] = sorted[Math.ceil((j * n) / bins) - 1] as number;
  const scores = new Uint8Array(n);
  for (let k = 0; k < n; k++) {
    const key = keyOf(values[k] as number);
    let score = 1;
    for (let j = 0; j < thresholds.length; j++) if ((thresholds[j] as number) < key) score++;
    scores[k] = score;
  }
  return scores;
}
