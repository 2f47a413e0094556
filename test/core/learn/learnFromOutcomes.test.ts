import { describe, expect, it } from "vitest";
import { auc, learnFromOutcomes, runPass, standardPreset } from "../../../src/core/index";
import { seededRandom } from "../../support/generateLeads";

const asOf = "2026-11-22";
const HEADER = ["客户名称", "来源", "意向", "状态", "邮箱", "最近联系"];
const SOURCES = ["老客户推荐", "合作伙伴", "展会", "百度广告", "公开名单"];
/** How often each source is won in this made-up history: the signal the model should find. */
const WIN_RATE = [0.8, 0.6, 0.4, 0.2, 0.1];

function history(n: number, seed = 1) {
  const random = seededRandom(seed);
  return Array.from({ length: n }, (_, i) => {
    const s = Math.floor(random() * SOURCES.length);
    const intent = ["高", "中", "低"][Math.floor(random() * 3)] as string; // unrelated to winning here
    const won = random() < (WIN_RATE[s] as number);
    return [
      `客户${i}`,
      SOURCES[s] as string,
      intent,
      won ? "已成交" : "丢单",
      `c${i}@example.com`,
      "2026-11-01",
    ];
  });
}

/** Deliberately poor rules: they value ads above referrals and trust intent, which means nothing here. */
function poorRules() {
  const rules = standardPreset();
  rules.sources = {
    ...rules.sources,
    entries: rules.sources.entries.map((e) => ({
      ...e,
      points: e.points === 3 ? 20 : e.points === 20 ? 0 : e.points,
    })),
  };
  return rules;
}

describe("auc", () => {
  it("is 1 for a perfect ranking, 0 for a reversed one and ½ for no information", () => {
    expect(auc([0.9, 0.8, 0.2, 0.1], [true, true, false, false])).toBe(1);
    expect(auc([0.1, 0.2, 0.8, 0.9], [true, true, false, false])).toBe(0);
    expect(auc([0.5, 0.5, 0.5, 0.5], [true, false, true, false])).toBe(0.5);
    expect(auc([0.9, 0.3, 0.5, 0.1], [true, true, false, false])).toBe(0.75);
  });
});

describe("learnFromOutcomes", () => {
  it("keeps the rules when there is too little history (fewer than 40 won and 40 lost)", () => {
    const table = { header: HEADER, rows: history(50) };
    const rules = poorRules();
    expect(learnFromOutcomes(table, rules, runPass(table, rules, { asOf }))).toMatchObject({
      enough: false,
      needed: 40,
    });
  });

  it("learns a model that ranks leads better than poor rules, and suggests points that follow the history", () => {
    const table = { header: HEADER, rows: history(600) };
    const rules = poorRules();
    const learned = learnFromOutcomes(table, rules, runPass(table, rules, { asOf }));
    if (!learned.enough) throw new Error("expected enough history");
    expect(learned.aucModel).toBeGreaterThan(0.7);
    expect(learned.aucRules).toBeLessThan(0.5);
    const points = Object.fromEntries(learned.suggestions.map((s) => [s.label, s.to]));
    expect(points.老客户推荐).toBeGreaterThan(0);
    expect(points.广告投放).toBeLessThan(0);
    expect(learned.suggestions.find((s) => s.label === "广告投放")).toMatchObject({
      path: ["sources", "entries", 6, "points"],
      from: 20,
    });
  });
});
