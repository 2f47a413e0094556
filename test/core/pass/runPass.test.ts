import { describe, expect, it } from "vitest";
import { simplePreset, standardPreset } from "../../../src/core/model/presets";
import { runPass } from "../../../src/core/pass/runPass";
import { leadTable } from "../../support/leadTable";

const rules = standardPreset();
const asOf = "2026-11-22";

describe("runPass", () => {
  it("grades a referral lead with high intent that asked for a quote as A", () => {
    const { rows } = runPass(
      leadTable({ 意向: "高", 来源: "老客户推荐", 预算: "20万", 备注: "询问报价", 最近联系: "2026-11-21" }),
      rules,
      { asOf },
    );
    expect(rows[0]).toMatchObject({ grade: "A", computedGrade: "A", overridden: false, signals: ["quote"] });
    expect(rows[0]?.score).toBe(30 + 20 + 5 + 20 + 15);
  });

  it("returns one result per row, in order, with empty results for blank rows", () => {
    const table = leadTable({ 客户名称: "甲", 意向: "高" }, {}, { 客户名称: "丙" });
    table.rows = [table.rows[0] as never, ["", "", null], table.rows[2] as never];
    const { rows, summary } = runPass(table, rules, { asOf });
    expect(rows.map((r) => r.blank)).toEqual([false, true, false]);
    expect(rows[1]).toMatchObject({
      grade: null,
      computedGrade: null,
      score: null,
      overridden: false,
      pendingOverride: null,
      nextFollowUp: null,
      followUp: null,
      daysOverdue: 0,
      stage: null,
      outcome: null,
      rfm: null,
      signals: [],
      trace: [],
      issues: [],
      completeness: 0,
      duplicateOf: null,
      name: "",
      owner: "",
    });
    expect(rows[2]).toMatchObject({ blank: false, name: "丙", owner: "李雷" });
    expect(summary).toMatchObject({ leads: 2, blank: 1 });
  });

  it("turns unreadable cells into issues on their row and grades on what is valid", () => {
    const { rows, summary } = runPass(leadTable({ 意向: "高", 最近联系: "上周二", 预算: "很多" }), rules, {
      asOf,
    });
    expect(rows[0]?.issues).toEqual([
      { code: "bad_money", field: "budget" },
      { code: "bad_date", field: "lastContact" },
      { code: "missing_source", field: "source" },
    ]);
    expect(rows[0]?.trace.some((t) => t.id === "intentHigh")).toBe(true);
    expect(summary.issuesByCode).toEqual({ bad_money: 1, bad_date: 1, missing_source: 1 });
  });

  it("lets a manual grade win and says so", () => {
    const { rows } = runPass(leadTable({ 意向: "低", 手动等级: "A" }, { 手动等级: "Z" }), rules, { asOf });
    expect(rows[0]).toMatchObject({ grade: "A", computedGrade: "D", overridden: true });
    expect(rows[1]).toMatchObject({ grade: "D", overridden: false });
    expect(rows[1]?.issues).toContainEqual({ code: "bad_override", field: "override" });
  });

  it("schedules the next follow-up by the grade that counts and flags overdue leads", () => {
    const { rows, summary } = runPass(
      leadTable({ 意向: "高", 来源: "推荐", 预算: "20万", 最近联系: "2026-11-16", 负责人: "李雷" }),
      rules,
      { asOf },
    );
    expect(rows[0]).toMatchObject({
      grade: "A",
      nextFollowUp: "2026-11-17",
      followUp: "overdue",
      daysOverdue: 5,
    });
    expect(summary.overdueByOwner).toEqual({ 李雷: 1 });
  });

  it("does not schedule follow-ups for lost leads", () => {
    const { rows } = runPass(leadTable({ 状态: "丢单", 最近联系: "2026-11-01" }), rules, { asOf });
    expect(rows[0]).toMatchObject({ outcome: "lost", nextFollowUp: null, followUp: null, stage: "lost" });
  });

  it("matches outcome words width- and case-insensitively, the cells' and the rules' own", () => {
    const won = (status: string, words: string[] = rules.outcomes.won) =>
      runPass(
        leadTable({ 状态: status, 最近联系: "2026-11-01" }),
        { ...rules, outcomes: { ...rules.outcomes, won: words } },
        {
          asOf,
        },
      ).rows[0]?.outcome;
    expect([won("ＣＬＯＳＥＤ ＷＯＮ"), won("Closed_Won"), won("已成交")]).toEqual(["won", "won", "won"]);
    expect(won("signed", ["ＳＩＧＮＥＤ"])).toBe("won");
  });

  it("gives a column's points by value (any case or width), by number range, or for anything else", () => {
    const withColumns = {
      ...rules,
      columnPoints: [
        {
          header: "Lead Origin",
          values: [{ value: "Lead Add Form", points: 25 }],
          ranges: [],
          otherPoints: 3,
        },
        { header: "visits", values: [], ranges: [{ min: 5, points: 10 }], otherPoints: 0 },
        { header: "Not in this sheet", values: [{ value: "x", points: 50 }], ranges: [], otherPoints: 50 },
      ],
    };
    const table = {
      header: ["客户名称", "Lead Origin", "Visits"],
      rows: [
        ["甲", "ＬＥＡＤ ＡＤＤ ＦＯＲＭ", "7"],
        ["乙", "API", "2"],
        ["丙", "", "5"],
      ],
    };
    const { rows } = runPass(table, withColumns, { asOf });
    const column = (r: number) =>
      rows[r]?.trace.filter((t) => t.kind === "column").map((t) => [t.label, t.value ?? "", t.points]);
    expect(column(0)).toEqual([
      ["Lead Origin", "ＬＥＡＤ ＡＤＤ ＦＯＲＭ", 25],
      ["visits", "7", 10],
    ]);
    expect(column(1)).toEqual([["Lead Origin", "API", 3]]);
    expect(column(2)).toEqual([
      ["Lead Origin", "", 3],
      ["visits", "5", 10],
    ]);
  });

  it("reads a date column's points as days since each date", () => {
    const withDays = {
      ...rules,
      columnPoints: [
        { header: "Engaged", values: [], ranges: [{ max: 30, points: 5 }], otherPoints: 0, daysSince: true },
      ],
    };
    const table = {
      header: ["客户名称", "Engaged"],
      rows: [
        ["甲", "2026-11-12"],
        ["乙", "2025-01-01"],
        ["丙", "not a date"],
      ],
    };
    const { rows } = runPass(table, withDays, { asOf });
    const item = rows[0]?.trace.find((t) => t.kind === "column");
    expect(item).toMatchObject({ value: "10", points: 5 });
    expect(item?.label).toEqual({ zh: "Engaged(距今天数)", en: "Engaged (days ago)" });
    expect(rows[1]?.trace.some((t) => t.kind === "column")).toBe(false);
    expect(rows[2]?.trace.some((t) => t.kind === "column")).toBe(false);
  });

  it("reads Date cells on the rule set's calendar", () => {
    // Midnight 2026-11-21 in Shanghai is 16:00 UTC the day before.
    const table = leadTable({ 意向: "高", 最近联系: new Date("2026-11-20T16:00:00Z") });
    expect(runPass(table, rules, { asOf }).rows[0]?.trace).toContainEqual(
      expect.objectContaining({ id: "recentTouch", value: "2026-11-21" }),
    );
    const utc = runPass(table, standardPreset("UTC"), { asOf }).rows[0];
    expect(utc?.trace).toContainEqual(expect.objectContaining({ id: "recentTouch", value: "2026-11-20" }));
  });

  it("takes today as an instant, read in the rule set's zone", () => {
    const lateSaturdayUtc = new Date("2026-11-21T20:00:00Z"); // already Sunday in Shanghai
    expect(runPass(leadTable({}), rules, { asOf: lateSaturdayUtc }).asOf).toBe("2026-11-22");
    expect(runPass(leadTable({}), standardPreset("UTC"), { asOf: lateSaturdayUtc }).asOf).toBe("2026-11-21");
  });

  it("reports a table without a recognisable header instead of grading nonsense", () => {
    const result = runPass({ header: ["foo", "bar"], rows: [["1", "2"]] }, rules, { asOf });
    expect(result.issues).toEqual([{ code: "no_header" }]);
    expect(result.rows).toHaveLength(1);
    expect(result.rows[0]?.grade).toBeNull();
  });

  it("reports an unreadable as-of date", () => {
    expect(runPass(leadTable({}), rules, { asOf: "soon" }).issues).toContainEqual({ code: "bad_as_of" });
    expect(runPass(leadTable({}), rules, { asOf: new Date(Number.NaN) }).issues).toContainEqual({
      code: "bad_as_of",
    });
  });

  it("grades 高/中/低 with the simple preset", () => {
    const { rows } = runPass(
      leadTable({ 意向: "高", 来源: "推荐", 最近联系: "2026-11-20" }, { 意向: "中" }, { 意向: "低" }),
      simplePreset(),
      { asOf },
    );
    expect(rows.map((r) => r.grade)).toEqual(["高", "低", "低"]);
  });

  it("scores RFM across the customers in the table and leaves prospects out", () => {
    const { rows } = runPass(
      leadTable(
        { 购买次数: 10, 消费金额: "50万", 最近购买: "2026-11-20" },
        { 购买次数: 1, 消费金额: "1000", 最近购买: "2025-01-01" },
        { 意向: "高" },
      ),
      rules,
      { asOf },
    );
    expect(rows[0]?.rfm).toMatchObject({ code: "333", segment: "Potential Loyalist" });
    expect(rows[1]?.rfm).toMatchObject({ code: "111", segment: "Lost" });
    expect(rows[2]?.rfm).toBeNull();
  });

  it("grades a row the same alone as among others (scores never depend on other rows)", () => {
    const table = leadTable({ 意向: "高", 来源: "推荐" }, { 意向: "低", 备注: "询问报价" }, { 预算: "8万" });
    const all = runPass(table, rules, { asOf }).rows;
    table.rows.forEach((row, i) => {
      const alone = runPass({ header: table.header, rows: [row] }, rules, { asOf }).rows[0];
      expect([alone?.score, alone?.grade]).toEqual([all[i]?.score, all[i]?.grade]);
    });
  });

  it("shows each row's own amount in its why, in a column of more distinct amounts than a dictionary holds", () => {
    // 12,000 distinct revenues (past the 10,000 values a column numbers), every one ≥ ¥50,000.
    const revenues = Array.from({ length: 12_000 }, (_, i) => 50_000 + i * 7);
    const table = leadTable(...revenues.map((r) => ({ 消费金额: r, 最近购买: "2026-11-01" })));
    const { rows } = runPass(table, rules, { asOf });
    for (const i of [0, 9_999, 10_000, 11_999]) {
      const item = rows[i]?.trace.find((t) => t.id === "bigSpender");
      expect(item).toMatchObject({ kind: "rule", value: String(revenues[i]), points: 5 });
      expect(Object.isFrozen(item)).toBe(true);
    }
    // The same as the row scored alone.
    const alone = runPass({ header: table.header, rows: [table.rows[10_500] ?? []] }, rules, { asOf });
    expect(rows[10_500]?.trace).toEqual(alone.rows[0]?.trace);
  });
});

describe("text dates with the year last (11/20/2026 from a US export)", () => {
  it("are an issue that names the setting where the column is ambiguous, and read in the order the rules name", () => {
    const table = leadTable({ 意向: "高", 最近联系: "11/02/2026" }, { 意向: "高", 最近联系: "2026-11-02" });
    const byDefault = runPass(table, rules, { asOf }).rows;
    expect(byDefault[0]?.issues).toContainEqual({ code: "date_order", field: "lastContact" });
    expect(byDefault[0]?.score).not.toBe(byDefault[1]?.score);
    const us = runPass(table, { ...standardPreset(), dateOrder: "mdy" }, { asOf }).rows;
    expect(us[0]?.issues.some((i) => i.field === "lastContact")).toBe(false);
    expect([us[0]?.score, us[0]?.nextFollowUp]).toEqual([us[1]?.score, us[1]?.nextFollowUp]);
    // Day first, 11/02 is the 11th of February: another day than 2026-11-02.
    const european = runPass(table, { ...standardPreset(), dateOrder: "dmy" }, { asOf }).rows;
    expect(european[0]?.issues.some((i) => i.field === "lastContact")).toBe(false);
    expect(european[0]?.nextFollowUp).not.toBe(european[1]?.nextFollowUp);
  });

  it("are read month-first where the column's own values settle it (11/20/2026), and the table says so", () => {
    const table = leadTable({ 意向: "高", 最近联系: "11/20/2026" }, { 意向: "高", 最近联系: "2026-11-20" });
    const result = runPass(table, rules, { asOf });
    expect(result.rows[0]?.issues.some((i) => i.field === "lastContact")).toBe(false);
    expect(result.rows[0]?.score).toBe(result.rows[1]?.score);
    expect(result.issues).toContainEqual({ code: "date_order_inferred", field: "lastContact", order: "mdy" });
    // Told day-first, 11/20 has no month 20.
    const european = runPass(table, { ...standardPreset(), dateOrder: "dmy" }, { asOf }).rows;
    expect(european[0]?.issues).toContainEqual({ code: "bad_date", field: "lastContact" });
  });
});

describe("formula error values (#N/A from a lookup that found nothing)", () => {
  const lead = { 意向: "高", 来源: "老客户推荐", 预算: "20万", 备注: "询问报价", 最近联系: "2026-11-21" };

  it("read as empty cells, each with an issue naming its field, in fields with and without value numbers", () => {
    const broken = {
      ...lead,
      来源: "#N/A",
      预算: "#DIV/0!",
      备注: " #ref! ",
      邮箱: "#N/A",
      最近联系: "#VALUE!",
    };
    const empty = { ...lead, 来源: "", 预算: "", 备注: "", 邮箱: "", 最近联系: "" };
    const { rows } = runPass(leadTable(broken, empty), rules, { asOf });
    const [withErrors, withBlanks] = rows;
    expect(withErrors?.score).toBe(withBlanks?.score);
    expect(withErrors?.grade).toBe(withBlanks?.grade);
    expect(withErrors?.trace).toEqual(withBlanks?.trace);
    expect(withErrors?.signals).toEqual([]);
    const formulaErrors = withErrors?.issues.filter((i) => i.code === "formula_error").map((i) => i.field);
    expect(formulaErrors?.sort()).toEqual(["budget", "email", "lastContact", "notes", "source"]);
    // What an empty cell gets, the error cell gets too: here, no source.
    expect(withErrors?.issues.filter((i) => i.code !== "formula_error")).toEqual(withBlanks?.issues);
  });

  it("leave a row that holds nothing else a lead with issues, not a blank line", () => {
    const { rows, summary } = runPass(
      {
        header: ["客户名称", "来源"],
        rows: [
          ["#N/A", "#N/A"],
          ["", ""],
        ],
      },
      rules,
      { asOf },
    );
    expect(rows.map((r) => r.blank)).toEqual([false, true]);
    expect(rows[0]?.issues).toEqual(
      expect.arrayContaining([
        { code: "formula_error", field: "name" },
        { code: "formula_error", field: "source" },
      ]),
    );
    expect(summary.rowsWithIssues).toBe(1);
  });

  it("are only the error values themselves: other text starting with # is read as written", () => {
    const { rows } = runPass(leadTable({ ...lead, 来源: "#1 展会", 备注: "#N/A 已询问报价" }), rules, {
      asOf,
    });
    expect(rows[0]?.issues.some((i) => i.code === "formula_error")).toBe(false);
    expect(rows[0]?.signals).toEqual(["quote"]);
    expect(rows[0]?.trace.find((t) => t.kind === "source")?.value).toBe("#1 展会");
  });
});

describe("hand-set grades that need a supervisor", () => {
  const withApproval = () => {
    const r = standardPreset();
    r.overrides = { approvers: ["boss@example.com"], approvalFor: ["A"] };
    return r;
  };

  it("keep the computed grade, visibly pending, until approved", () => {
    const { rows } = runPass(leadTable({ 意向: "低", 手动等级: "A" }), withApproval(), { asOf });
    expect(rows[0]).toMatchObject({
      grade: "D",
      computedGrade: "D",
      overridden: false,
      pendingOverride: "A",
    });
  });

  it("count once a supervisor approved that very grade", () => {
    const table = leadTable({ 意向: "低", 手动等级: "A" });
    expect(runPass(table, withApproval(), { asOf, approvedOverrides: ["A"] }).rows[0]).toMatchObject({
      grade: "A",
      overridden: true,
      pendingOverride: null,
    });
    expect(runPass(table, withApproval(), { asOf, approvedOverrides: ["B"] }).rows[0]?.pendingOverride).toBe(
      "A",
    );
  });

  it("wait too when moving a lead out of A", () => {
    const table = leadTable({
      意向: "高",
      来源: "推荐",
      预算: "20万",
      最近联系: "2026-11-21",
      手动等级: "C",
    });
    expect(runPass(table, withApproval(), { asOf }).rows[0]).toMatchObject({
      grade: "A",
      pendingOverride: "C",
    });
  });

  it("do not wait between grades that need no approval, nor when no approver is listed", () => {
    expect(runPass(leadTable({ 意向: "低", 手动等级: "C" }), withApproval(), { asOf }).rows[0]).toMatchObject(
      { grade: "C", pendingOverride: null },
    );
    expect(
      runPass(leadTable({ 意向: "低", 手动等级: "A" }), standardPreset(), { asOf }).rows[0],
    ).toMatchObject({ grade: "A", pendingOverride: null });
  });
});
