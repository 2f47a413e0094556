import { describe, expect, it } from "vitest";
import { mergeDuplicateLeadsFromMenu } from "../../src/sheets/menu";
import { runPriorityPass } from "../../src/sheets/priorityPass";
import { installGasFakes } from "../support/gasFakes";

const LEADS = [
  ["客户名称", "公司", "电话", "邮箱", "意向", "备注"],
  ["张三", "甲公司", "138 1234 5678", "", "高", "询问报价"],
  ["李四", "乙公司", "13900000000", "ls@example.com", "低", ""],
  ["张三", "甲公司", "+86-138-1234-5678", "zs@example.com", "中", "要求演示"],
];

function setup() {
  const fakes = installGasFakes({ sheets: { 线索: LEADS.map((r) => [...r]) } });
  const sheet = fakes.spreadsheet.sheets[0];
  if (!sheet) throw new Error("no sheet");
  return { fakes, sheet };
}

describe("merge duplicate leads", () => {
  it("asks first, then keeps every value in the first row and records the removed row", () => {
    const { fakes, sheet } = setup();
    mergeDuplicateLeadsFromMenu();
    expect(fakes.alerts[0]).toContain("找到 1 组重复线索");
    expect(sheet.values.slice(0, 3).map((r) => r.slice(0, 6))).toEqual([
      LEADS[0],
      [
        "张三",
        "甲公司",
        "138 1234 5678 | +86-138-1234-5678",
        "zs@example.com",
        "高 | 中",
        "询问报价 | 要求演示",
      ],
      LEADS[2],
    ]);
    expect(sheet.getLastRow()).toBe(3);
    const audit = fakes.spreadsheet.getSheetByName("LeadGrade 审计 Audit");
    expect(audit?.values[1]?.slice(2, 7)).toEqual([
      "张三",
      4,
      "合并重复 merged",
      "张三 | 甲公司 | +86-138-1234-5678 | zs@example.com | 中 | 要求演示",
      "→ 2",
    ]);
    expect(fakes.spreadsheet.toasts.at(-1)).toContain("已合并 1 组,移除 1 行");
  });

  it("changes nothing when the person says no", () => {
    const { fakes, sheet } = setup();
    fakes.ui.answer = "NO";
    mergeDuplicateLeadsFromMenu();
    expect(sheet.values.map((r) => r.slice(0, 6))).toEqual(LEADS);
    expect(fakes.spreadsheet.getSheetByName("LeadGrade 审计 Audit")).toBeNull();
  });

  it("leaves LeadGrade's own columns to the next pass", () => {
    const { fakes, sheet } = setup();
    runPriorityPass({ now: new Date("2026-11-22T02:00:00Z"), remind: false, useActiveSheet: true });
    mergeDuplicateLeadsFromMenu();
    expect(sheet.values[0]?.slice(6, 8)).toEqual(["评分 (LeadGrade)", "等级 (LeadGrade)"]);
    expect(fakes.alerts).toHaveLength(1);
  });
});
