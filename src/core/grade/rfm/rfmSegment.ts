/**
 * Names an RFM score triple with the segment table of the R package `rfm` (rsquaredacademy,
 * version 0.3.0 documentation): segments are tried in order and the first whose R, F and M ranges
 * all hold wins. Triples the table leaves unnamed ("Others" there) are called Hibernating here.
 */

export const RFM_SEGMENTS = [
  "Champions",
  "Potential Loyalist",
  "Loyal Customers",
  "Promising",
  "New Customers",
  "Can't Lose Them",
  "At Risk",
  "Need Attention",
  "About To Sleep",
  "Lost",
  "Hibernating",
] as const;

export type RfmSegment = (typeof RFM_SEGMENTS)[number];

type Range = readonly [number, number];

/** [segment, R range, F range, M range], in the reference's order. */
const TABLE: readonly (readonly [RfmSegment, Range, Range, Range])[] = [
  ["Champions", [5, 5], [5, 5], [5, 5]],
  ["Potential Loyalist", [3, 5], [3, 5], [2, 5]],
  ["Loyal Customers", [2, 4], [2, 4], [2, 4]],
  ["Promising", [3, 4], [1, 3], [3, 5]],
  ["New Customers", [4, 5], [1, 3], [1, 5]],
  ["Can't Lose Them", [1, 2], [3, 4], [4, 5]],
  ["At Risk", [1, 2], [2, 5], [4, 5]],
  ["Need Attention", [1, 3], [3, 5], [3, 5]],
  ["About To Sleep", [2, 3], [1, 3], [1, 4]],
  ["Lost", [1, 1], [1, 5], [1, 5]],
];

const within = (x: number, [lo, hi]: Range) => x >= lo && x <= hi;

/**
 * @example
 * rfmSegment(5, 5, 5) // "Champions"
 * rfmSegment(1, 4, 5) // "Can't Lose Them"
 */
export function rfmSegment(r: number, f: number, m: number): RfmSegment {
  for (const [name, rr, fr, mr] of TABLE) {
    if (within(r, rr) && within(f, fr) && within(m, mr)) return name;
  }
  return "Hibernating";
}
