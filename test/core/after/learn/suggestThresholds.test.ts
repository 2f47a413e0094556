import { describe, expect, it } from "vitest";
import { gradeFromScore, runPass, standardPreset, suggestThresholds } from "../../../../src/core/index";
import { GENERATED_HEADER, generateLeads } from "../../../support/generateLeads";

describe("suggestThresholds", () => {
  const rules = standardPreset();
  const table = { header: GENERATED_HEADER, rows: generateLeads(2000, new Date("2026-11-21T16:00:00Z"), 5) };
  const result = runPass(table, rules, { asOf: "2026-11-22" });

  it("suggests thresholds that give about the target mix of grades", () => {
    const suggested = structuredClone(rules);
    for (const s of suggestThresholds(result, rules))
      (suggested.grades[s.path[1] as number] as { minScore: number }).minScore = s.to;
    const open = result.rows.filter((r) => !r.blank && r.outcome === null);
    const shares = suggested.grades.map(
      (g) =>
        open.filter((r) => gradeFromScore(suggested.grades, r.score ?? 0) === g.grade).length / open.length,
    );
    expect(shares[0]).toBeGreaterThanOrEqual(0.08);
    expect(shares[0]).toBeLessThanOrEqual(0.16);
    expect((shares[0] ?? 0) + (shares[1] ?? 0)).toBeGreaterThanOrEqual(0.27);
    expect((shares[0] ?? 0) + (shares[1] ?? 0)).toBeLessThanOrEqual(0.36);
  });

  it("keeps thresholds falling from grade to grade", () => {
    const flat = runPass(
      { header: ["客户名称", "意向"], rows: Array.from({ length: 50 }, () => ["x", "高"]) },
      rules,
      { asOf: "2026-11-22" },
    );
    const to = suggestThresholds(flat, rules).map((s) => s.to);
    expect(to).toEqual([...to].sort((a, b) => b - a));
    expect(new Set(to).size).toBe(to.length);
  });

  it("suggests nothing without open leads", () => {
    expect(
      suggestThresholds(runPass({ header: ["客户名称"], rows: [] }, rules, { asOf: "2026-11-22" }), rules),
    ).toEqual([]);
  });
});
