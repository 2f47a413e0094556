import { describe, expect, it } from "vitest";
import {
  auc,
  learnFromOutcomes,
  runPass,
  standardPreset,
  thresholdsFor,
  validateRules,
} from "../../../../src/core/index";
import { seededRandom } from "../../../support/generateLeads";

const asOf = "2026-11-22";
const HEADER = [
  "客户名称",
  "来源",
  "意向",
  "状态",
  "邮箱",
  "最近联系",
  "Lead Origin",
  "Visits",
  "Ref",
  "Close Date",
  "备注",
];
const SOURCES = ["老客户推荐", "合作伙伴", "展会", "百度广告", "公开名单"];
const ORIGINS = ["Lead Add Form", "Landing Page", "API", "Import"];
/** Known effects: how much each origin and each extra visit add to the log-odds of winning. */
const ORIGIN_EFFECT = [2, 0.5, -0.5, -1.5];
const VISIT_EFFECT = 0.35;
/** A lead whose notes say it asked for a demo wins far more often. */
const DEMO_EFFECT = 1.5;

/**
 * A made-up history: the outcome follows Lead Origin and Visits (known effects) and nothing else;
 * `Ref` is a number of record, `Close Date` is filled only once a lead closed, and a tenth of the
 * leads are still open. With `signal` false the outcome is a coin toss.
 */
function history(n: number, signal = true, seed = 1) {
  const random = seededRandom(seed);
  return Array.from({ length: n }, (_, i) => {
    const o = Math.floor(random() * ORIGINS.length);
    const visits = Math.floor(random() * 10);
    const demo = random() < 0.3;
    const logit = signal
      ? (ORIGIN_EFFECT[o] as number) + VISIT_EFFECT * (visits - 4.5) + (demo ? DEMO_EFFECT : 0)
      : 0;
    const won = random() < 1 / (1 + Math.exp(-logit));
    const open = i % 10 === 0;
    return [
      `客户${i}`,
      SOURCES[Math.floor(random() * SOURCES.length)] as string,
      ["高", "中", "低"][Math.floor(random() * 3)] as string,
      open ? "跟进中" : won ? "已成交" : "丢单",
      `c${i}@example.com`,
      "2026-11-01",
      ORIGINS[o] as string,
      String(visits),
      String(100_000 + i),
      open ? "" : "2026-11-10",
      demo ? "想看演示" : "",
    ];
  });
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
    const rules = standardPreset();
    expect(learnFromOutcomes(table, rules, runPass(table, rules, { asOf }))).toMatchObject({
      enough: false,
      needed: 40,
    });
  });

  it("recovers known effects from the sheet's own columns and suggests them as rules that rank as well", () => {
    const table = { header: HEADER, rows: history(3000) };
    const rules = standardPreset();
    const learned = learnFromOutcomes(table, rules, runPass(table, rules, { asOf }));
    if (!learned.enough) throw new Error("expected enough history");
    expect(learned.columns.map((c) => c.header)).toEqual(expect.arrayContaining(["Lead Origin", "Visits"]));
    expect(learned.leftOut).toEqual(
      expect.arrayContaining([
        { header: "Ref", reason: "identifier" },
        { header: "Close Date", reason: "after_outcome" },
        { header: "状态", reason: "outcome" },
        { header: "邮箱", reason: "not_lead_quality" },
      ]),
    );
    // The current rules see none of it; both models do, and the suggested rules rank about as well.
    expect(learned.rules.auc).toBeLessThan(0.56);
    expect(learned.logistic.auc).toBeGreaterThan(0.8);
    expect(learned.naiveBayes.auc).toBeGreaterThan(0.75);
    expect(Math.abs(learned.suggestedRules.auc - learned.logistic.auc)).toBeLessThan(0.02);
    expect(learned.helps).toBe(true);
    // Held-out probabilities are taken at their word: their mean is the share won, and they beat a coin.
    expect(Math.abs(learned.calibration.meanPredicted - learned.calibration.shareWon)).toBeLessThan(0.02);
    expect(learned.calibration.brier).toBeLessThan(0.2);
    expect(learned.gain.auc - 1.96 * learned.gain.se).toBeGreaterThan(0);
    // Points follow the known effects: origins in their order, more visits more points.
    const origin = learned.columnPoints.find((c) => c.header === "Lead Origin");
    const pointsOf = (value: string) =>
      origin?.values.find((v) => v.value === value)?.points ?? origin?.otherPoints;
    const byOrigin = ORIGINS.map(pointsOf) as number[];
    expect([...byOrigin].sort((a, b) => b - a)).toEqual(byOrigin);
    expect(byOrigin[0]).toBeGreaterThan(byOrigin[3] as number);
    const visits = learned.columnPoints.find((c) => c.header === "Visits");
    const ranges = visits?.ranges ?? [];
    expect(ranges.length).toBeGreaterThan(1);
    expect((ranges.at(-1)?.points ?? 0) > (ranges[0]?.points ?? 0)).toBe(true);
    // The demo signal the rules already score is worth more in this history.
    const demo = learned.signalPoints.find((p) => p.label === "demo");
    expect(demo?.to).toBeGreaterThan(0);
    expect(learned.suggested?.signals.items.find((i) => i.id === "demo")?.points).toBe(demo?.to);
    // The suggestion is a valid rule set, and grading with it ranks the history as the model did.
    expect(validateRules(learned.suggested).ok).toBe(true);
    const regraded = runPass(table, learned.suggested as never, { asOf });
    const closed = regraded.rows.filter((r) => r.label !== null);
    expect(
      auc(
        closed.map((r) => r.score ?? 0),
        closed.map((r) => r.label === "won"),
      ),
    ).toBeGreaterThan(0.8);
    // The why names the same terms.
    expect(regraded.rows[1]?.trace.some((t) => t.kind === "column" && t.label === "Lead Origin")).toBe(true);
  });

  it("suggests nothing when the history shows no signal", () => {
    const table = { header: HEADER, rows: history(3000, false) };
    const rules = standardPreset();
    const learned = learnFromOutcomes(table, rules, runPass(table, rules, { asOf }));
    if (!learned.enough) throw new Error("expected enough history");
    expect(learned.logistic.auc).toBeLessThan(0.56);
    expect(learned).toMatchObject({ helps: false, columnPoints: [], signalPoints: [], thresholds: [] });
    expect(learned.suggested).toBeUndefined();
  });

  it("learns from at most 400 features, leaving the columns past them out with the reason", () => {
    // 20 columns of 30 values each would be 600 features.
    const header = ["客户名称", "状态", ...Array.from({ length: 20 }, (_, c) => `Field ${c}`)];
    const rows = Array.from({ length: 300 }, (_, i) => [
      `客户${i}`,
      i % 2 === 0 ? "已成交" : "丢单",
      ...Array.from({ length: 20 }, (_, c) => `v${(i + c) % 30}`),
    ]);
    const table = { header, rows };
    const rules = standardPreset();
    const learned = learnFromOutcomes(table, rules, runPass(table, rules, { asOf }));
    if (!learned.enough) throw new Error("expected enough history");
    const over = learned.leftOut.filter((l) => l.reason === "over_limit");
    expect(over.length).toBeGreaterThan(0);
    expect(learned.columns.length + over.length).toBe(20);
    expect(learned.columns.length * 30).toBeLessThanOrEqual(400);
  });

  it("leaves thresholds alone, with the reason, where the target mix would make them equal", () => {
    const table = {
      header: ["客户名称", "状态"],
      rows: Array.from({ length: 30 }, (_, i) => [`客户${i}`, "跟进中"]),
    };
    const rules = standardPreset();
    const result = runPass(table, rules, { asOf });
    expect(result.rows.every((r) => r.score === 0)).toBe(true);
    expect(thresholdsFor(result, rules)).toEqual({ thresholds: [], kept: "would_collapse" });
  });
});
