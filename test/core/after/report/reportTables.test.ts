import { describe, expect, it } from "vitest";
import { buildReport, reportTables, runPass, standardPreset } from "../../../../src/core/index";

const TABLE = {
  header: ["Name", "Source", "Intent", "Status", "Owner"],
  rows: [
    ["Acme", "referral", "high", "won", "tom"],
    ["Beta", "ads", "low", "lost", "ann"],
    ["Cyan", "ads", "medium", "", "tom"],
  ],
};

describe("the report as tables", () => {
  it("gives each table a title and header in the language asked, the same rows in both", () => {
    const rules = standardPreset("UTC");
    const report = buildReport(TABLE, rules, runPass(TABLE, rules, { asOf: "2026-12-01" }));
    const en = reportTables(report, rules, "en");
    const zh = reportTables(report, rules, "zh");
    expect(en.title).toBe("LeadGrade report · as of 2026-12-01");
    expect(zh.title).toBe("LeadGrade 报告 · 基准日 2026-12-01");
    expect(en.tables.map((t) => t.title)).toEqual([
      "Conversion by grade % (won / closed)",
      "Conversion by source %",
      "Funnel",
      "Lifecycle mix",
      "RFM segments",
      "Response time (days, creation to first contact)",
      "Overdue by owner",
    ]);
    expect(en.tables[0]?.header).toEqual(["Grade", "Rate %", "Won", "Lost"]);
    expect(zh.tables[0]?.header).toEqual(["等级", "转化率 %", "成交", "丢单"]);
    // Two closed leads are too few to give a rate: it says so instead of a number.
    expect(en.tables[0]?.rows.map((r) => r[1])).toEqual([
      "too few to tell",
      "too few to tell",
      "too few to tell",
      "too few to tell",
    ]);
    expect(en.tables.map((t) => t.rows.length)).toEqual(zh.tables.map((t) => t.rows.length));
    expect(en.flagged).toEqual([]);
  });
});
