/**
 * How well scores rank won leads above lost ones, with how sure that figure is: the AUC and its
 * standard error by DeLong's method (DeLong, DeLong & Clarke-Pearson, 1988), and the same for the
 * difference of two scorings of the same leads, which are correlated (the paired test).
 */

export interface AucFigure {
  auc: number;
  /** Standard error: the 95 % interval is auc ± 1.96 × se. */
  se: number;
}

/**
 * For each won lead, the share of lost leads it outscores (ties half); for each lost lead, the
 * share of won leads that outscore it. Their means are the AUC.
 */
function placements(
  scores: readonly number[],
  won: readonly boolean[],
): { pos: Float64Array; neg: Float64Array } {
  const positives: number[] = [];
  const negatives: number[] = [];
  for (let i = 0; i < scores.length; i++) (won[i] ? positives : negatives).push(scores[i] as number);
  const sortedNeg = Float64Array.from(negatives).sort();
  const sortedPos = Float64Array.from(positives).sort();
  const below = (sorted: Float64Array, x: number) => {
    // Count of values < x plus half the values == x.
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((sorted[mid] as number) < x) lo = mid + 1;
      else hi = mid;
    }
    let equal = lo;
    while (equal < sorted.length && sorted[equal] === x) equal++;
    return lo + (equal - lo) / 2;
  };
  const pos = Float64Array.from(positives, (s) => below(sortedNeg, s) / Math.max(1, negatives.length));
  const neg = Float64Array.from(negatives, (s) => 1 - below(sortedPos, s) / Math.max(1, positives.length));
  return { pos, neg };
}

const mean = (v: Float64Array) => v.reduce((a, b) => a + b, 0) / Math.max(1, v.length);

function covariance(a: Float64Array, b: Float64Array): number {
  if (a.length < 2) return 0;
  const ma = mean(a);
  const mb = mean(b);
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += ((a[i] as number) - ma) * ((b[i] as number) - mb);
  return sum / (a.length - 1);
}

/**
 * @example
 * aucWithError([0.9, 0.8, 0.3, 0.1], [true, true, false, false]) // { auc: 1, se: 0 }
 */
export function aucWithError(scores: readonly number[], won: readonly boolean[]): AucFigure {
  const { pos, neg } = placements(scores, won);
  if (pos.length === 0 || neg.length === 0) return { auc: Number.NaN, se: Number.NaN };
  const variance = covariance(pos, pos) / pos.length + covariance(neg, neg) / neg.length;
  return { auc: mean(pos), se: Math.sqrt(Math.max(0, variance)) };
}

/**
 * The AUC of `a` minus that of `b` over the same leads, with the standard error of the difference.
 *
 * @example
 * aucDifference(model, rules, won) // { auc: 0.12, se: 0.02 }: the model ranks better, surely
 */
export function aucDifference(
  a: readonly number[],
  b: readonly number[],
  won: readonly boolean[],
): AucFigure {
  const pa = placements(a, won);
  const pb = placements(b, won);
  if (pa.pos.length === 0 || pa.neg.length === 0) return { auc: Number.NaN, se: Number.NaN };
  const dPos = pa.pos.map((v, i) => v - (pb.pos[i] as number));
  const dNeg = pa.neg.map((v, i) => v - (pb.neg[i] as number));
  const variance = covariance(dPos, dPos) / dPos.length + covariance(dNeg, dNeg) / dNeg.length;
  return { auc: mean(pa.pos) - mean(pb.pos), se: Math.sqrt(Math.max(0, variance)) };
}
