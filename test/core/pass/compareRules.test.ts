import { describe, expect, it } from "vitest";
import { compareRules, standardPreset } from "../../../src/core/index";
import { leadTable } from "../../support/leadTable";

describe("compareRules", () => {
  const base = leadTable(
    { 客户名称: "甲", 意向: "高", 来源: "推荐", 最近联系: "2026-11-21" },
    { 客户名称: "乙", 意向: "低" },
    {},
  );
  const table = { header: base.header, rows: [...base.rows, ["", "", ""]] };

  it("gives both distributions and the leads whose grade changes, with the new why", () => {
    const edited = standardPreset();
    edited.grades = edited.grades.map((g) => (g.grade === "A" ? { ...g, minScore: 50 } : g));
    const diff = compareRules(table, standardPreset(), edited, { asOf: "2026-11-22" }, "zh");
    expect(diff.now).toEqual({ B: 1, D: 2 });
    expect(diff.next).toEqual({ A: 1, D: 2 });
    expect(diff.changes).toBe(1);
    expect(diff.changed).toEqual([
      { row: 0, name: "甲", from: "B", to: "A", why: "+30 意向=高 · +5 最近联系=2026-11-21 · +20 来源=推荐" },
    ]);
  });

  it("lists at most the limit but counts them all", () => {
    const many = leadTable(
      ...Array.from({ length: 60 }, (_, i) => ({
        客户名称: `客${i}`,
        意向: "高",
        来源: "推荐",
        最近联系: "2026-11-21",
      })),
    );
    const lowered = standardPreset();
    lowered.grades = lowered.grades.map((g) => (g.grade === "A" ? { ...g, minScore: 50 } : g));
    const diff = compareRules(many, standardPreset(), lowered, { asOf: "2026-11-22" }, "en", 50);
    expect(diff.changes).toBe(60);
    expect(diff.changed).toHaveLength(50);
  });
});
