import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { assignLeads, type RuleSet, runPass, standardPreset } from "../../../../src/core/index";
import { type LeadCells, leadTable } from "../../../support/leadTable";

const asOf = "2026-11-22";

function assign(leads: LeadCells[], reps: RuleSet["reps"], options = {}) {
  const rules = { ...standardPreset(), reps };
  const table = leadTable(...leads.map((l) => ({ 负责人: "", ...l })));
  const result = runPass(table, rules, { asOf });
  return assignLeads(table.rows, result, rules, options);
}

const hot = { 意向: "高", 来源: "推荐", 预算: "20万", 最近联系: "2026-11-21" }; // A
const cold = { 意向: "低", 最近联系: "2026-11-21" }; // D

describe("assignLeads", () => {
  it("gives each lead to the rep whose expertise fits it", () => {
    const got = assign(
      [
        { ...cold, 行业: "制造业" },
        { ...cold, 行业: "软件" },
      ],
      [
        { name: "制造组", industries: ["制造"] },
        { name: "软件组", industries: ["软件", "SaaS"] },
      ],
    );
    expect(got.map((a) => [a.row, a.rep, a.reason])).toEqual([
      [0, "制造组", "expertise"],
      [1, "软件组", "expertise"],
    ]);
  });

  it("shares the rest by capacity: a rep with capacity 2 gets twice as many", () => {
    const got = assign(
      Array.from({ length: 6 }, () => cold),
      [{ name: "甲", capacity: 2 }, { name: "乙" }],
    );
    expect(got.map((a) => a.rep)).toEqual(["甲", "甲", "乙", "甲", "甲", "乙"]);
  });

  it("assigns higher grades first, so they get a rep when capacity runs out", () => {
    const got = assign([cold, cold, hot], [{ name: "甲", dailyCap: 1 }]);
    expect(got).toEqual([
      { row: 2, rep: "甲", reason: "turn" },
      { row: 0, rep: null, reason: "no_capacity" },
      { row: 1, rep: null, reason: "no_capacity" },
    ]);
  });

  it("skips reps who are away and counts what was already assigned today", () => {
    const got = assign(
      [cold, cold],
      [
        { name: "甲", away: true },
        { name: "乙", dailyCap: 3 },
      ],
      { assignedToday: { 乙: 2 } },
    );
    expect(got.map((a) => a.rep)).toEqual(["乙", null]);
  });

  it("never changes an existing owner unless asked", () => {
    const reps = [{ name: "乙" }];
    expect(assign([{ ...cold, 负责人: "甲" }, cold], reps).map((a) => a.row)).toEqual([1]);
    expect(assign([{ ...cold, 负责人: "甲" }, cold], reps, { reassign: true }).map((a) => a.row)).toEqual([
      0, 1,
    ]);
  });

  it("prefers reps who speak the lead's language", () => {
    const got = assign(
      [
        { ...cold, 客户名称: "Acme Corp" },
        { ...cold, 客户名称: "华东制造" },
      ],
      [
        { name: "Lucy", languages: ["en"] },
        { name: "李雷", languages: ["zh"] },
      ],
    );
    expect(got.map((a) => a.rep)).toEqual(["Lucy", "李雷"]);
  });
});

const repArb: fc.Arbitrary<RuleSet["reps"][number]> = fc.record(
  {
    name: fc.constantFrom("甲", "乙", "丙", "丁"),
    capacity: fc.constantFrom(0.5, 1, 2, 3),
    dailyCap: fc.integer({ min: 0, max: 5 }),
    away: fc.boolean(),
    industries: fc.constantFrom<string[]>(["制造"], ["软件"], []),
  },
  { requiredKeys: ["name"] },
);
const leadArb = fc.record({
  意向: fc.constantFrom("高", "中", "低", ""),
  行业: fc.constantFrom("制造业", "软件", "教育", ""),
  负责人: fc.constantFrom("", "", "", "老王"),
  最近联系: fc.constantFrom("2026-11-21", "2026-09-01"),
});

describe("assignLeads properties", () => {
  const unique = (reps: RuleSet["reps"]) =>
    reps.filter((r, i) => reps.findIndex((x) => x.name === r.name) === i);

  it("respects caps, skips away reps, keeps owners, and is deterministic", () => {
    fc.assert(
      fc.property(
        fc.array(repArb, { minLength: 1, maxLength: 4 }),
        fc.array(leadArb, { maxLength: 25 }),
        (rawReps, leads) => {
          const reps = unique(rawReps);
          const first = assign(leads, reps);
          expect(assign(leads, reps)).toEqual(first);
          for (const rep of reps) {
            const given = first.filter((a) => a.rep === rep.name).length;
            if (rep.away) expect(given).toBe(0);
            if (rep.dailyCap !== undefined) expect(given).toBeLessThanOrEqual(rep.dailyCap);
          }
          for (const a of first) expect(leads[a.row]?.负责人).toBe("");
        },
      ),
    );
  });

  it("serves leads in grade order: once one finds no rep, no later one does", () => {
    fc.assert(
      fc.property(
        fc.array(repArb, { minLength: 1, maxLength: 4 }),
        fc.array(leadArb, { maxLength: 25 }),
        (rawReps, leads) => {
          const got = assign(leads, unique(rawReps));
          const firstMiss = got.findIndex((a) => a.rep === null);
          if (firstMiss >= 0) expect(got.slice(firstMiss).every((a) => a.rep === null)).toBe(true);
        },
      ),
    );
  });
});
