import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { quintileScores } from "../../../../src/core/grade/rfm/rfmScores";
import { rfmSegment } from "../../../../src/core/grade/rfm/rfmSegment";

describe("quintileScores", () => {
  // pyretailscience tests/segmentation/test_rfm.py: five customers, one order each, current date
  // 2025-03-17. Its scores are 0-based with ties broken by customer id; ours are 1-based with
  // ties sharing a score, so R and M (no ties) agree after +1 and F (all tied) differs by design.
  const recencyDays = [16, 30, 46, 7, 25];
  const monetary = [100, 200, 150, 300, 250];
  const frequency = [1, 1, 1, 1, 1];

  it("agrees with pyretailscience's published R and M scores", () => {
    expect(quintileScores(recencyDays, "lower")).toEqual([3, 1, 0, 4, 2].map((s) => s + 1));
    expect(quintileScores(monetary, "higher")).toEqual([0, 2, 1, 4, 3].map((s) => s + 1));
  });

  it("gives tied customers the same score (pyretailscience would give 1–5 by id)", () => {
    expect(quintileScores(frequency, "higher")).toEqual([1, 1, 1, 1, 1]);
  });

  it("puts a tied group at the score of its lowest position", () => {
    // Ten customers: two with 1 order, five with 2, three with 5.
    const orders = [1, 1, 2, 2, 2, 2, 2, 5, 5, 5];
    expect(quintileScores(orders, "higher")).toEqual([1, 1, 2, 2, 2, 2, 2, 4, 4, 4]);
  });

  it("splits twenty distinct values into five equal quintiles", () => {
    const values = Array.from({ length: 20 }, (_, i) => i);
    const scores = quintileScores(values, "higher");
    expect([1, 2, 3, 4, 5].map((s) => scores.filter((x) => x === s).length)).toEqual([4, 4, 4, 4, 4]);
  });

  it("scores missing values as the worst", () => {
    expect(quintileScores([undefined, 10, 20, 30, 40], "higher")[0]).toBe(1);
    expect(quintileScores([undefined, 10, 20, 30, 40], "lower")[0]).toBe(1);
  });

  it("scores every value by how many values are strictly worse (the tie rule), whatever the input", () => {
    const value = fc.oneof(fc.integer({ min: -5, max: 5 }), fc.constant(undefined), fc.constant(Number.NaN));
    fc.assert(
      fc.property(
        fc.array(value, { maxLength: 60 }),
        fc.boolean(),
        fc.integer({ min: 1, max: 10 }),
        (values, higher, bins) => {
          const better = higher ? "higher" : "lower";
          const key = (v: number | undefined) =>
            v === undefined || Number.isNaN(v) ? Number.NEGATIVE_INFINITY : higher ? v : -v;
          const expected = values.map((v) => {
            const below = values.filter((w) => key(w) < key(v)).length;
            return Math.floor((bins * below) / values.length) + 1;
          });
          expect(quintileScores(values, better, bins)).toEqual(expected);
        },
      ),
    );
  });

  it("scores long columns as sorting them would (sorted, reversed, tied and spread values)", () => {
    const column = fc.oneof(
      fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { maxLength: 3000 }),
      fc.array(fc.integer({ min: 0, max: 12 }), { maxLength: 3000 }),
      fc.array(fc.integer({ min: 0, max: 3000 }), { maxLength: 3000 }).map((a) => a.sort((x, y) => x - y)),
      fc.array(fc.integer({ min: 0, max: 3000 }), { maxLength: 3000 }).map((a) => a.sort((x, y) => y - x)),
    );
    fc.assert(
      fc.property(column, fc.boolean(), fc.integer({ min: 1, max: 10 }), (values, higher, bins) => {
        const keys = values.map((v) => (higher ? v : -v));
        const sorted = Float64Array.from(keys).sort();
        const thresholds = Array.from(
          { length: bins - 1 },
          (_, j) => sorted[Math.ceil(((j + 1) * keys.length) / bins) - 1],
        );
        const expected = keys.map((k) => 1 + thresholds.filter((t) => (t as number) < k).length);
        expect(quintileScores(values, higher ? "higher" : "lower", bins)).toEqual(expected);
      }),
      { numRuns: 200 },
    );
  });

  it("scores an empty list as empty", () => {
    expect(quintileScores([], "higher")).toEqual([]);
  });
});

describe("rfmSegment", () => {
  // The segment table of the R package rfm (rsquaredacademy), tried in order.
  it.each([
    [5, 5, 5, "Champions"],
    [4, 4, 4, "Potential Loyalist"],
    [2, 3, 3, "Loyal Customers"],
    [3, 1, 3, "Promising"],
    [5, 1, 1, "New Customers"],
    [1, 3, 5, "Can't Lose Them"],
    [2, 5, 5, "At Risk"],
    [1, 3, 3, "Need Attention"],
    [2, 1, 1, "About To Sleep"],
    [1, 1, 1, "Lost"],
    [2, 5, 1, "Hibernating"],
  ] as const)("names R%d F%d M%d %s", (r, f, m, segment) => {
    expect(rfmSegment(r, f, m)).toBe(segment);
  });

  it("names every one of the 125 score triples", () => {
    for (let r = 1; r <= 5; r++)
      for (let f = 1; f <= 5; f++)
        for (let m = 1; m <= 5; m++) expect(typeof rfmSegment(r, f, m)).toBe("string");
  });
});
