import { describe, expect, it } from "vitest";
import { type RuleSet, standardPreset } from "../../src/core/index";
import { assignUnownedLeadsFromMenu } from "../../src/sheets/menu";
import { saveRules } from "../../src/sheets/rulesStore";
import { installGasFakes } from "../support/gasFakes";

const LEADS = [
  ["客户名称", "行业", "意向", "负责人", "备注"],
  ["甲", "制造业", "高", "", ""],
  ["乙", "软件", "低", "老张", ""],
  ["丙", "软件", "中", "", ""],
];

function setup(
  reps: RuleSet["reps"] = [{ name: "小王", industries: ["制造"], dailyCap: 1 }, { name: "小李" }],
) {
  const fakes = installGasFakes({ sheets: { 线索: LEADS.map((r) => [...r]) } });
  saveRules(
    fakes.documentProperties as unknown as GoogleAppsScript.Properties.Properties,
    { ...standardPreset(), reps },
    new Date(),
  );
  const sheet = fakes.spreadsheet.sheets[0];
  if (!sheet) throw new Error("no sheet");
  return { fakes, sheet };
}

describe("assign now", () => {
  it("fills only empty owner cells and says who got what", () => {
    const { fakes, sheet } = setup();
    assignUnownedLeadsFromMenu();
    expect(sheet.values.map((r) => r[3])).toEqual(["负责人", "小王", "老张", "小李"]);
    expect(sheet.values.map((r) => r.slice(0, 3).concat(r.slice(4)))).toEqual(
      LEADS.map((r) => r.slice(0, 3).concat(r.slice(4))),
    );
    expect(fakes.spreadsheet.toasts.at(-1)).toBe("已分配:小王 1, 小李 1");
  });

  it("keeps daily caps across runs on the same day", () => {
    const { fakes, sheet } = setup([{ name: "小王", dailyCap: 1 }]);
    assignUnownedLeadsFromMenu();
    (sheet.values[3] as unknown[])[3] = "";
    (sheet.values[1] as unknown[])[3] = "";
    assignUnownedLeadsFromMenu();
    expect(fakes.spreadsheet.toasts.at(-1)).toBe("已分配:无;2 条因名额已满未分配");
  });

  it("never replaces a formula in the owner column", () => {
    const { sheet } = setup();
    (sheet.formulas[2] as string[])[3] = "=VLOOKUP(A3, Reps!A:B, 2, FALSE)";
    assignUnownedLeadsFromMenu();
    expect(sheet.formulas[2]?.[3]).toBe("=VLOOKUP(A3, Reps!A:B, 2, FALSE)");
    expect(sheet.values[1]?.[3]).toBe("小王");
  });

  it("asks for a rep directory first", () => {
    const { fakes } = setup([]);
    assignUnownedLeadsFromMenu();
    expect(fakes.spreadsheet.toasts.at(-1)).toContain("销售名单");
  });
});
