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
  const n = values.length;
  const worst = better === "higher" ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  // Sort key where larger is better, so ranks go from worst to best.
  const keys = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const v = values[k];
    const value = v === undefined || Number.isNaN(v) ? worst : v;
    keys[k] = better === "higher" ? value : -value;
  }
  const sorted = keys.slice().sort();
  // Equal keys share the score of the first of them in sorted order (its rank decides the bin).
  const scores: number[] = [];
  for (let k = 0; k < n; k++) {
    const key = keys[k] as number;
    let low = 0;
    let high = n;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((sorted[mid] as number) < key) low = mid + 1;
      else high = mid;
    }
    scores.push(Math.floor((bins * low) / n) + 1);
  }
  return scores;
}
