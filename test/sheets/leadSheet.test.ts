import { describe, expect, it } from "vitest";
import { readLeadSheet } from "../../src/sheets/leadSheet";
import { writeReportSheet } from "../../src/sheets/reportSheet";
import { installGasFakes } from "../support/gasFakes";

// A lead sheet whose =LEADCOLUMNS formula (E1) spills six columns: score, grade, next follow-up,
// stage (LeadGrade's 新客/流失, not a sales stage), RFM, why. The team keeps no stage column.
const FORMULA = "=LEADCOLUMNS(A1:D, LeadGrade_RulesVersion, LeadGrade_AsOf)";
function install() {
  const fakes = installGasFakes({
    sheets: {
      线索: [
        ["客户名称", "意向", "状态", "负责人", "评分", "等级", "下次跟进", "阶段", "RFM", "原因"],
        ["张三", "高", "已成交", "李雷", 80, "A", "", "新客", "", ""],
        ["李四", "低", "丢单", "李雷", 10, "D", "", "流失", "", ""],
        ["", "", "", "", "", "", "", "", "", ""],
      ],
    },
  });
  const sheet = fakes.spreadsheet.sheets[0];
  sheet?.getRange(1, 5).setFormula(FORMULA);
  return sheet as unknown as GoogleAppsScript.Spreadsheet.Sheet;
}

describe("readLeadSheet", () => {
  it("blanks every column LeadGrade fills, the formula's spilled ones too, and stops at the last filled row", () => {
    const read = readLeadSheet(install());
    expect([...read.ours].sort((a, b) => a - b)).toEqual([4, 5, 6, 7, 8, 9]);
    expect(read.table.header).toEqual(["客户名称", "意向", "状态", "负责人", "", "", "", "", "", ""]);
    expect(read.table.rows).toHaveLength(2);
  });

  it("keeps LeadGrade's own stage column out of the report's funnel", () => {
    install();
    const report = writeReportSheet(new Date("2026-11-22T02:00:00Z"));
    expect(report?.funnel).toEqual([]);
    expect(report?.byGrade.reduce((n, g) => n + g.won + g.lost, 0)).toBe(2);
  });
});
