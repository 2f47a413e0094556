import { describe, expect, it } from "vitest";
import { writeReportSheetFromMenu } from "../../src/sheets/menu";
import { installGasFakes } from "../support/gasFakes";

const d = (iso: string) => new Date(`${iso}T00:00:00+08:00`);
const LEADS = [
  ["客户名称", "来源", "意向", "状态", "阶段", "负责人", "创建时间", "首次联系", "邮箱"],
  ["甲", "老客户推荐", "高", "已成交", "谈判", "李雷", d("2026-11-01"), d("2026-11-02"), "a@example.com"],
  ["乙", "百度广告", "低", "丢单", "初步接触", "韩梅梅", d("2026-11-01"), d("2026-11-05"), "b@example.com"],
  ["丙", "展会", "中", "", "初步接触", "李雷", d("2026-11-10"), d("2026-11-10"), "c@example.com"],
];

describe("the report sheet", () => {
  it("holds the report's tables with a chart beside each, and leaves the lead sheet alone", () => {
    const fakes = installGasFakes({ sheets: { 线索: LEADS.map((r) => [...r]) } });
    const before = JSON.stringify(fakes.spreadsheet.sheets[0]?.values);
    writeReportSheetFromMenu();
    const sheet = fakes.spreadsheet.getSheetByName("LeadGrade 报告 Report");
    expect(sheet?.values[2]?.[0]).toBe("各等级转化率 %(成交/已关闭)");
    expect(sheet?.values[3]?.slice(0, 4)).toEqual(["等级", "转化率 %", "成交", "丢单"]);
    const firstGrade = sheet?.values[4]?.slice(0, 4);
    expect(firstGrade?.[0]).toBe("A 紧急重要");
    const titles = [
      "各等级转化率 %(成交/已关闭)",
      "各来源转化率 %",
      "销售漏斗",
      "生命周期分布",
      "RFM 分群",
      "响应时间(天,创建到首次联系)",
      "逾期(按负责人)",
    ];
    expect(sheet?.values.map((r) => r?.[0]).filter((v) => titles.includes(String(v)))).toEqual(titles);
    expect(sheet?.charts.length).toBeGreaterThanOrEqual(5);
    expect(sheet?.charts[0]).toMatchObject({
      type: "BAR",
      options: { title: "各等级转化率 %(成交/已关闭)" },
    });
    expect(JSON.stringify(fakes.spreadsheet.sheets[0]?.values)).toBe(before);
    expect(fakes.spreadsheet.toasts.at(-1)).toContain("报告已更新");
  });

  it("is rewritten, not added to, on a second run", () => {
    const fakes = installGasFakes({ sheets: { 线索: LEADS.map((r) => [...r]) } });
    writeReportSheetFromMenu();
    const charts = fakes.spreadsheet.getSheetByName("LeadGrade 报告 Report")?.charts.length;
    fakes.spreadsheet.active = 0;
    writeReportSheetFromMenu();
    expect(fakes.spreadsheet.getSheetByName("LeadGrade 报告 Report")?.charts.length).toBe(charts);
    expect(fakes.spreadsheet.sheets.filter((s) => s.getName() === "LeadGrade 报告 Report")).toHaveLength(1);
  });
});
