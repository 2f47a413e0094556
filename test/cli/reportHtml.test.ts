import { describe, expect, it } from "vitest";
import { reportHtml } from "../../src/cli/reportHtml";
import { buildReport, runPass, standardPreset } from "../../src/core/index";

const HEADER = ["客户名称", "来源", "意向", "状态", "阶段", "负责人", "创建时间", "首次联系", "邮箱"];
const row = (intent: string, status: string, stage: string) => [
  "x",
  "<b>广告</b>",
  intent,
  status,
  stage,
  "<script>Tom</script>",
  "2026-11-01",
  "2026-11-03",
  "x@example.com",
];

function html(lang: "zh" | "en", rules = standardPreset()) {
  const rows = [
    ...Array.from({ length: 5 }, (_, i) => row("高", i === 0 ? "已成交" : "丢单", "谈判")),
    ...Array.from({ length: 5 }, (_, i) => row("低", i < 4 ? "已成交" : "丢单", "初步接触")),
  ];
  const table = { header: HEADER, rows };
  return reportHtml(buildReport(table, rules, runPass(table, rules, { asOf: "2026-11-22" })), rules, lang);
}

describe("the HTML report", () => {
  it("is one self-contained file: no scripts, nothing loaded from elsewhere", () => {
    const page = html("zh");
    expect(page.startsWith("<!doctype html>")).toBe(true);
    expect(page).not.toMatch(/<script|src=|href=|url\(|@import/i);
    expect(page).toContain("&#60;script&#62;Tom&#60;/script&#62;");
  });

  it("has every section, in Chinese or English", () => {
    for (const title of [
      "各等级转化率",
      "各来源转化率",
      "销售漏斗",
      "生命周期分布",
      "RFM 分群",
      "响应时间",
      "逾期(按负责人)",
    ]) {
      expect(html("zh")).toContain(title);
    }
    expect(html("en")).toContain("Conversion by grade (won / closed)");
    expect(html("en")).toContain("Response time (creation to first contact, days)");
  });

  it("shows conversion with its counts and flags a grade inversion", () => {
    const rules = standardPreset();
    // Two grades: high intent (31 points) is A, low intent (3 points) is D.
    rules.grades = rules.grades
      .filter((g) => g.grade === "A" || g.grade === "D")
      .map((g) => (g.grade === "A" ? { ...g, minScore: 30 } : g));
    const page = html("zh", rules);
    expect(page).toContain("20% (1/5)");
    expect(page).toContain("80% (4/5)");
    expect(page).toContain("等级倒挂:D 的转化率(80%)高于 A(20%)");
  });
});
