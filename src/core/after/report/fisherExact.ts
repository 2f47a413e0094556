/**
 * Fisher's exact test for two conversion rates: how likely a difference at least this large in
 * the lower grade's favour would be if both grades converted alike. Exact (hypergeometric), from
 * log-factorials, so small counts get a fair answer where a normal approximation would not.
 */

/**
 * One-sided p-value that group B's rate exceeds group A's by chance: the probability, with the
 * margins fixed, of B having at least `wonB` of the won leads.
 *
 * @example
 * fisherGreater(2, 10, 8, 2) // ≈ 0.0012: B (8 of 10 won) beats A (2 of 12) — surely
 * fisherGreater(1, 1, 2, 1) // 0.5: three leads tell nothing
 */
export function fisherGreater(wonA: number, lostA: number, wonB: number, lostB: number): number {
  const n = wonA + lostA + wonB + lostB;
  const logFact = new Float64Array(n + 1);
  for (let k = 2; k <= n; k++) logFact[k] = (logFact[k - 1] as number) + Math.log(k);
  const lf = (k: number) => logFact[k] as number;
  const won = wonA + wonB;
  const sizeA = wonA + lostA;
  const sizeB = wonB + lostB;
  // P(B has exactly x of the won leads).
  const probability = (x: number) =>
    Math.exp(
      lf(won) +
        lf(n - won) +
        lf(sizeA) +
        lf(sizeB) -
        lf(n) -
        lf(x) -
        lf(won - x) -
        lf(sizeB - x) -
        lf(sizeA - won + x),
    );
  let p = 0;
  for (let x = wonB; x <= Math.min(won, sizeB); x++) if (won - x <= sizeA) p += probability(x);
  return Math.min(1, p);
}
