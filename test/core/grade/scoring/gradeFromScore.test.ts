import { describe, expect, it } from "vitest";
import {
  gradeFromScore,
  gradeNumber,
  parseGradeOverride,
} from "../../../../src/core/grade/scoring/gradeFromScore";
import { simplePreset, standardPreset } from "../../../../src/core/model/presets";

const standard = standardPreset().grades;
const simple = simplePreset().grades;

describe("gradeFromScore", () => {
  it.each([
    [100, "A"],
    [70, "A"],
    [69, "B"],
    [50, "B"],
    [49, "C"],
    [30, "C"],
    [29, "D"],
    [0, "D"],
  ])("grades %d as %s in the standard preset", (score, grade) => {
    expect(gradeFromScore(standard, score)).toBe(grade);
  });

  it("numbers grades by their place in the rule set, best first", () => {
    expect([100, 69, 49, 29, -5].map((s) => gradeNumber(standard, s))).toEqual([0, 1, 2, 3, 3]);
  });

  it("grades on three tiers in the simple preset", () => {
    expect([80, 60, 59, 35, 34, 0].map((s) => gradeFromScore(simple, s))).toEqual([
      "高",
      "高",
      "中",
      "中",
      "低",
      "低",
    ]);
  });
});

describe("parseGradeOverride", () => {
  it("reads hand-set grades as people write them", () => {
    expect(parseGradeOverride(standard, "A")).toBe("A");
    expect(parseGradeOverride(standard, " b ")).toBe("B");
    expect(parseGradeOverride(standard, "C级")).toBe("C");
    expect(parseGradeOverride(simple, "高意向")).toBe("高");
  });

  it("rejects what is not a grade of the rule set", () => {
    expect(parseGradeOverride(standard, "E")).toBeUndefined();
    expect(parseGradeOverride(standard, "高")).toBeUndefined();
  });
});
