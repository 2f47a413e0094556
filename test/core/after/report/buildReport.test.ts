import { describe, expect, it } from "vitest";
import { buildReport, quantile, runPass, standardPreset } from "../../../../src/core/index";

const asOf = "2026-11-22";
const HEADER = [
  "客户名称",
  "来源",
  "意向",
  "预算",
  "状态",
  "阶段",
  "负责人",
  "创建时间",
  "首次联系",
  "最近联系",
  "邮箱",
];
// A (30 + 20 referral + 20 budget + 5 recent = 75), B (high intent + ads + recent: 38 → C)… built so that each
// row's grade is known: "hot" rows grade A, "cold" rows grade D.
const hot = (status: string, owner: string, created: string, first: string) => [
  "热",
  "老客户推荐",
  "高",
  "20万",
  status,
  "谈判",
  owner,
  created,
  first,
  "2026-11-21",
  "h@example.com",
];
const cold = (status: string, owner: string, created: string, first: string) => [
  "冷",
  "百度广告",
  "低",
  "",
  status,
  "初步接触",
  owner,
  created,
  first,
  "2026-11-21",
  "c@example.com",
];

function report(rows: string[][]) {
  const rules = standardPreset();
  const table = { header: HEADER, rows };
  return buildReport(table, rules, runPass(table, rules, { asOf }));
}

describe("buildReport", () => {
  const rows = [
    hot("已成交", "李雷", "2026-11-01", "2026-11-01"),
    hot("已成交", "李雷", "2026-11-01", "2026-11-03"),
    hot("丢单", "韩梅梅", "2026-11-01", "2026-11-05"),
    cold("丢单", "韩梅梅", "2026-11-01", "2026-11-02"),
    cold("跟进中", "李雷", "2026-11-01", "2026-11-11"),
  ];

  it("gives conversion per grade and per source, won out of closed, with counts", () => {
    const r = report(rows);
    // Three closed leads say too little to show a rate as if it meant something.
    expect(r.byGrade.find((c) => c.key === "A")).toEqual({
      key: "A",
      won: 2,
      lost: 1,
      rate: 2 / 3,
      tooFew: true,
    });
    expect(r.byGrade.find((c) => c.key === "D")).toEqual({
      key: "D",
      won: 0,
      lost: 1,
      rate: 0,
      tooFew: true,
    });
    expect(r.byGrade.find((c) => c.key === "B")).toEqual({
      key: "B",
      won: 0,
      lost: 0,
      rate: null,
      tooFew: true,
    });
    // The preset's sources carry their names in both languages, for an English report.
    expect(r.bySource).toEqual([
      {
        key: "老客户推荐",
        names: { zh: "老客户推荐", en: "referral" },
        won: 2,
        lost: 1,
        rate: 2 / 3,
        tooFew: true,
      },
      { key: "广告投放", names: { zh: "广告投放", en: "ads" }, won: 0, lost: 1, rate: 0, tooFew: true },
    ]);
  });

  it("counts the funnel by sales stage and the lifecycle mix", () => {
    const r = report(rows);
    expect(r.funnel).toEqual([
      { stage: "谈判", leads: 3 },
      { stage: "初步接触", leads: 2 },
    ]);
    expect(r.leads).toBe(5);
  });

  it("gives response time from creation to first contact, median and 90th percentile, per owner", () => {
    const r = report(rows);
    // 李雷: 0, 2, 10 days; 韩梅梅: 4, 1 days.
    expect(r.responseTime?.byOwner).toEqual([
      { owner: "李雷", leads: 3, medianDays: 2, p90Days: 10 },
      { owner: "韩梅梅", leads: 2, medianDays: 1, p90Days: 4 },
    ]);
    expect(r.responseTime?.overall).toEqual({ leads: 5, medianDays: 2, p90Days: 10 });
  });

  it("says nothing about response time without a first-contact column", () => {
    const rules = standardPreset();
    const table = { header: ["客户名称", "意向"], rows: [["a", "高"]] };
    expect(buildReport(table, rules, runPass(table, rules, { asOf })).responseTime).toBeNull();
  });

  const closed = (hotWon: number, hotAll: number, coldWon: number, coldAll: number) => [
    ...Array.from({ length: hotAll }, (_, i) =>
      hot(i < hotWon ? "已成交" : "丢单", "x", "2026-11-01", "2026-11-01"),
    ),
    ...Array.from({ length: coldAll }, (_, i) =>
      cold(i < coldWon ? "已成交" : "丢单", "x", "2026-11-01", "2026-11-01"),
    ),
  ];
  const twoGrades = (rows: string[][]) => {
    const rules = standardPreset();
    rules.grades = rules.grades.filter((g) => g.grade === "A" || g.grade === "D");
    const table = { header: HEADER, rows };
    return buildReport(table, rules, runPass(table, rules, { asOf })).inversions;
  };

  it("flags a lower grade converting better only when chance would rarely do it, and says how sure", () => {
    // A: 2 of 12; D: 9 of 12. B and C in between have no closed leads: only neighbours are compared.
    expect(report(closed(2, 12, 9, 12)).inversions).toEqual([]);
    const [inversion, ...more] = twoGrades(closed(2, 12, 9, 12));
    expect(more).toEqual([]);
    expect(inversion).toMatchObject({ higher: "A", lower: "D", higherRate: 2 / 12, lowerRate: 9 / 12 });
    // Fisher's exact test, one-sided: P(D has ≥ 9 of the 11 won | margins) ≈ 0.006.
    expect(inversion?.p).toBeCloseTo(0.006, 3);
    expect(report(rows).inversions).toEqual([]);
  });

  it("does not flag a difference chance makes often, nor grades with too few closed leads", () => {
    // A: 5 of 12; D: 7 of 12 — the lower grade ahead, but one time in four by chance.
    expect(twoGrades(closed(5, 12, 7, 12))).toEqual([]);
    // A: 1 of 5; D: 4 of 5 — ahead, but five closed leads a grade are too few to compare.
    expect(twoGrades(closed(1, 5, 4, 5))).toEqual([]);
  });
});

describe("buildReport on sources written in different cases", () => {
  it("counts Google, google and ＧＯＯＧＬＥ as one source, shown as first written", () => {
    const table = {
      header: ["客户名称", "来源", "状态"],
      rows: [
        ["甲", "Google", "已成交"],
        ["乙", "google", "丢单"],
        ["丙", "ＧＯＯＧＬＥ", "已成交"],
      ],
    };
    const rules = standardPreset();
    const report = buildReport(table, rules, runPass(table, rules, { asOf: "2026-11-22" }));
    expect(report.bySource.map((s) => [s.key, s.won, s.lost])).toEqual([["Google", 2, 1]]);
  });
});

describe("quantile", () => {
  it("takes the nearest rank", () => {
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2);
    expect(quantile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)).toBe(9);
    expect(quantile([], 0.5)).toBeNaN();
  });
});
