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

/** `high` leads of high intent (one won in six), as many of low intent (five won in six). */
function html(lang: "zh" | "en", rules = standardPreset(), high = 12) {
  const rows = [
    ...Array.from({ length: high }, (_, i) => row("高", i % 6 === 0 ? "已成交" : "丢单", "谈判")),
    ...Array.from({ length: high }, (_, i) => row("低", i % 6 !== 0 ? "已成交" : "丢单", "初步接触")),
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
    // The preset's sources by their English names in an English report.
    expect(html("zh")).toContain("广告投放");
    expect(html("en")).not.toContain("广告投放");
  });

  const twoGrades = () => {
    const rules = standardPreset();
    // Two grades: high intent (31 points) is A, low intent (3 points) is D.
    rules.grades = rules.grades
      .filter((g) => g.grade === "A" || g.grade === "D")
      .map((g) => (g.grade === "A" ? { ...g, minScore: 30 } : g));
    return rules;
  };

  it("shows conversion with its counts and flags a significant grade inversion, saying how sure", () => {
    const page = html("zh", twoGrades());
    expect(page).toContain("17% (2/12)");
    expect(page).toContain("83% (10/12)");
    expect(page).toMatch(/等级倒挂:D 的转化率\(83%\)高于 A\(17%\),偶然出现的可能约为 0\.00\d/);
  });

  it("says too few to tell, and flags nothing, where grades have few closed leads", () => {
    const page = html("en", twoGrades(), 5);
    expect(page).toContain("too few to tell (5 closed)");
    expect(page).not.toContain("Grade inversion");
    expect(page).toContain("No significant grade inversion");
  });
});
