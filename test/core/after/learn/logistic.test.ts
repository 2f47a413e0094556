import { describe, expect, it } from "vitest";
import { aucDifference, aucWithError } from "../../../../src/core/after/learn/aucInterval";
import {
  predictLogistic,
  type SparseExample,
  solveCholesky,
  trainLogistic,
} from "../../../../src/core/after/learn/logistic";
import { seededRandom } from "../../../support/generateLeads";

describe("logistic regression", () => {
  it("recovers the weights that made the data, and gives the same model every time", () => {
    const random = seededRandom(7);
    const truth = [1.5, -1, 0];
    const examples: SparseExample[] = Array.from({ length: 20_000 }, () => {
      const features = [0, 1, 2].filter(() => random() < 0.5);
      const logit = -0.25 + features.reduce((sum, f) => sum + (truth[f] as number), 0);
      return { features, values: features.map(() => 1), won: random() < 1 / (1 + Math.exp(-logit)) };
    });
    const model = trainLogistic(examples, 3, 0.01);
    expect(model.weights[0]).toBeCloseTo(-0.25, 1);
    expect(model.weights[1]).toBeCloseTo(1.5, 1);
    expect(model.weights[2]).toBeCloseTo(-1, 1);
    expect(model.weights[3]).toBeCloseTo(0, 1);
    expect(trainLogistic(examples, 3, 0.01).weights).toEqual(model.weights);
    expect(predictLogistic(model, { features: [0], values: [1], won: true })).toBeCloseTo(
      1 / (1 + Math.exp(-1.25)),
      1,
    );
  });

  it("keeps weights finite where a feature separates the outcome perfectly (the penalty bounds them)", () => {
    const examples: SparseExample[] = Array.from({ length: 200 }, (_, i) => ({
      features: i % 2 === 0 ? [0] : [],
      values: i % 2 === 0 ? [1] : [],
      won: i % 2 === 0,
    }));
    const model = trainLogistic(examples, 1, 1);
    expect(Number.isFinite(model.weights[1])).toBe(true);
    expect(model.weights[1]).toBeGreaterThan(3);
  });

  it("solves a symmetric positive definite system", () => {
    const a = Float64Array.from([4, 0, 0, 2, 3, 0, 0, 1, 2]); // lower triangle of [[4,2,0],[2,3,1],[0,1,2]]
    const x = solveCholesky(a, Float64Array.from([6, 6, 3]), 3);
    expect([...x].map((v) => Math.round(v * 1e9) / 1e9)).toEqual([1, 1, 1]);
  });
});

describe("AUC with DeLong's standard error", () => {
  it("is exact for a perfect ranking and narrows as leads are added", () => {
    expect(aucWithError([0.9, 0.8, 0.3, 0.1], [true, true, false, false])).toEqual({ auc: 1, se: 0 });
    const random = seededRandom(3);
    const sample = (n: number) => {
      const won = Array.from({ length: n }, () => random() < 0.5);
      return { won, scores: won.map((w) => random() + (w ? 0.3 : 0)) };
    };
    const small = sample(200);
    const large = sample(5_000);
    const a = aucWithError(small.scores, small.won);
    const b = aucWithError(large.scores, large.won);
    expect(b.se).toBeLessThan(a.se);
    expect(Math.abs(a.auc - b.auc)).toBeLessThan(3 * a.se);
  });

  it("takes the difference of two scorings of the same leads, which is 0 ± 0 for the same scores", () => {
    const won = [true, false, true, false, true, false];
    const scores = [0.9, 0.2, 0.4, 0.6, 0.8, 0.1];
    expect(aucDifference(scores, scores, won)).toEqual({ auc: 0, se: 0 });
    const reversed = scores.map((s) => -s);
    expect(aucDifference(scores, reversed, won).auc).toBeCloseTo(2 * aucWithError(scores, won).auc - 1, 10);
  });
});
