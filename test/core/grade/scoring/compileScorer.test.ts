import { describe, expect, it } from "vitest";
import { compileScorer } from "../../../../src/core/grade/scoring/compileScorer";
import { standardPreset } from "../../../../src/core/model/presets";
import type { RuleSet } from "../../../../src/core/model/schema";
import { findColumns } from "../../../../src/core/read/findColumns";
import { readColumns } from "../../../../src/core/read/readColumns";
import { zoneClock } from "../../../../src/core/text/civilDay";
import { day, HEADER, type LeadCells, leadRow } from "../../../support/leadTable";

const asOf = day("2026-11-22");
const columns = findColumns([...HEADER]).columns;

function scoreOf(cells: LeadCells, rules: RuleSet = standardPreset()) {
  const cols = readColumns([leadRow(cells)], columns, zoneClock(rules.timeZone), asOf);
  return compileScorer(rules, cols)(0, asOf);
}

describe("compileScorer", () => {
  it("adds the points of every rule that fires and says which", () => {
    const { score, trace } = scoreOf({ 意向: "高", 来源: "老客户推荐", 最近联系: "2026-11-20" });
    expect(score).toBe(30 + 20 + 5);
    expect(trace.map((t) => [t.id, t.value, t.points])).toEqual([
      ["intentHigh", "高", 30],
      ["recentTouch", "2026-11-20", 5],
      ["0", "老客户推荐", 20],
    ]);
  });

  it("values a referral above an ad click", () => {
    const referral = scoreOf({ 来源: "老客户转介绍", 最近联系: "2026-11-20" }).score;
    const ads = scoreOf({ 来源: "百度广告", 最近联系: "2026-11-20" }).score;
    expect(referral).toBeGreaterThan(ads);
  });

  it("raises the score at once for a buying signal in the notes", () => {
    const base = { 意向: "中", 最近联系: "2026-11-20" } as const;
    const plain = scoreOf(base);
    const asked = scoreOf({ ...base, 备注: "客户询问报价" });
    expect(asked.score - plain.score).toBe(15);
    expect(asked.signals).toEqual(["quote"]);
  });

  it("caps a group's points and records the cap in the trace", () => {
    const { trace } = scoreOf({ 备注: "询问报价，要求演示，索要合同样本", 最近联系: "2026-11-20" });
    const signalPoints = trace.filter((t) => t.group === "signal").reduce((s, t) => s + t.points, 0);
    expect(signalPoints).toBe(30);
    expect(trace.find((t) => t.kind === "cap")).toMatchObject({ id: "signal", points: 30 - (15 + 12 + 15) });
  });

  it("gives negative points and keeps the total at 0 or more", () => {
    const { score, trace } = scoreOf({ 邮箱: "", 电话: "", 最近联系: "2026-11-20" });
    expect(trace.find((t) => t.id === "noContactInfo")?.points).toBe(-10);
    expect(score).toBe(0);
  });

  it("fades the score of a lead nobody has contacted for long, at most by the set penalty", () => {
    const fresh = scoreOf({ 意向: "高", 来源: "推荐", 最近联系: "2026-11-10" }); // within the 14-day grace
    const stale = scoreOf({ 意向: "高", 来源: "推荐", 最近联系: "2026-09-23" });
    const decay = stale.trace.find((t) => t.kind === "decay");
    // 60 days idle, 14 of grace, half-life 90: keeps 0.5^(46/90) of 50 points → takes 15.
    expect(decay).toMatchObject({ days: 60, points: -15 });
    expect(stale.score).toBe(fresh.score - 15);
    const ancient = scoreOf({ 意向: "高", 来源: "推荐", 最近联系: "2020-01-01" });
    expect(ancient.trace.find((t) => t.kind === "decay")?.points).toBe(-25);
  });

  it("does not decay when decay is off", () => {
    const rules = standardPreset();
    rules.decay = { ...rules.decay, enabled: false };
    expect(scoreOf({ 意向: "高", 最近联系: "2020-01-01" }, rules).trace.some((t) => t.kind === "decay")).toBe(
      false,
    );
  });

  it("scores unreadable cells as if they were empty", () => {
    expect(scoreOf({ 意向: "maybe", 预算: "lots", 最近联系: "2026-11-20" }).score).toBe(
      scoreOf({ 最近联系: "2026-11-20" }).score,
    );
  });

  it("supports all / any / not in custom rules", () => {
    const rules = standardPreset();
    rules.dimensions = [
      {
        id: "bigReferral",
        group: "custom",
        label: "big referral",
        when: {
          all: [
            { field: "budget", op: "range", min: 50_000 },
            {
              any: [
                { field: "source", op: "contains", values: ["推荐"] },
                { field: "source", op: "equals", value: "partner" },
              ],
            },
            { not: { field: "industry", op: "oneOf", values: ["教育"] } },
          ],
        },
        points: 40,
      },
    ];
    rules.sources = { ...rules.sources, entries: [] };
    rules.decay = { ...rules.decay, enabled: false };
    expect(scoreOf({ 预算: "5万", 来源: "老客户推荐" }, rules).score).toBe(40 + 2);
    expect(scoreOf({ 预算: "5万", 来源: "Partner" }, rules).score).toBe(40 + 2);
    expect(scoreOf({ 预算: "5万", 来源: "老客户推荐", 行业: "教育" }, rules).score).toBe(2);
    expect(scoreOf({ 预算: "4万", 来源: "老客户推荐" }, rules).score).toBe(2);
  });
});
