import { beforeEach, describe, expect, it } from "vitest";
import { standardPreset } from "../../src/core/index";
import { columnLetter } from "../../src/core/text/a1Notation";
import {
  insertLeadGradeColumns,
  onOpen,
  refreshAsOfDate,
  restorePreviousRulesFromMenu,
  runPriorityPassFromMenu,
} from "../../src/sheets/menu";
import { saveRules } from "../../src/sheets/rulesStore";
import { installGasFakes } from "../support/gasFakes";

const LEADS = [
  ["客户名称", "来源", "意向", "最近联系", "负责人"],
  ["张三", "老客户推荐", "高", new Date("2026-11-20T16:00:00Z"), "李雷"],
  ["李四", "广告", "低", "", "韩梅梅"],
];

describe("the LeadGrade menu", () => {
  it("is built in Chinese for a Chinese user", () => {
    const fakes = installGasFakes({ locale: "zh_CN" });
    onOpen();
    const [menu] = fakes.menus;
    expect(menu?.added).toBe(true);
    expect(menu?.items[0]).toEqual({ label: "打开规则编辑器", functionName: "openSidebar" });
    expect(menu?.items[1]).toEqual({
      label: "插入 LeadGrade 评分列",
      functionName: "insertLeadGradeColumns",
    });
  });

  it("is built in English, touching nothing else, when the locale cannot be read (AuthMode.NONE)", () => {
    const fakes = installGasFakes({ locale: null });
    onOpen();
    expect(fakes.menus[0]?.items.map((i) => (i === "separator" ? i : i.functionName))).toEqual([
      "openSidebar",
      "insertLeadGradeColumns",
      "refreshAsOfDate",
      "separator",
      "runPriorityPassFromMenu",
      "openFollowUpPanel",
      "openWeekPanel",
      "installHourlyTriggerFromMenu",
      "removeHourlyTriggerFromMenu",
      "separator",
      "writeReportSheetFromMenu",
      "assignUnownedLeadsFromMenu",
      "reclaimNeglectedLeadsFromMenu",
      "takeSelectedLeadFromMenu",
      "mergeDuplicateLeadsFromMenu",
      "approvePendingOverridesFromMenu",
      "restorePreviousRulesFromMenu",
      "separator",
      "checkLeadGradeFromMenu",
    ]);
    expect(fakes.log.calls).toEqual([]);
  });
});

describe("insertLeadGradeColumns", () => {
  let fakes: ReturnType<typeof installGasFakes>;
  beforeEach(() => {
    fakes = installGasFakes({ sheets: { 线索: LEADS } });
  });

  it("adds one formula after the last column, filling every LeadGrade column from one pass", () => {
    insertLeadGradeColumns();
    const sheet = fakes.spreadsheet.sheets[0];
    expect(sheet?.formulas[0]?.slice(5)).toEqual([
      "=LEADCOLUMNS(A1:E, LeadGrade_RulesVersion, LeadGrade_AsOf)",
    ]);
    const settings = fakes.spreadsheet.getSheetByName("LeadGrade");
    expect(settings?.isSheetHidden()).toBe(true);
    expect(fakes.spreadsheet.namedRanges.get("LeadGrade_RulesVersion")?.getValue()).toBe(0);
    expect(fakes.spreadsheet.namedRanges.get("LeadGrade_AsOf")?.getValue()).toBeInstanceOf(Date);
    expect(sheet?.formats.get("2,8")).toBe("yyyy-mm-dd");
  });

  it("never changes the user's own cells", () => {
    const before = JSON.stringify(fakes.spreadsheet.sheets[0]?.values.map((row) => row.slice(0, 5)));
    insertLeadGradeColumns();
    expect(JSON.stringify(fakes.spreadsheet.sheets[0]?.values.map((row) => row.slice(0, 5)))).toBe(before);
  });

  it("does not insert a second set", () => {
    insertLeadGradeColumns();
    insertLeadGradeColumns();
    expect(fakes.spreadsheet.sheets[0]?.formulas[0]?.filter((f) => f.startsWith("="))).toHaveLength(1);
    expect(fakes.spreadsheet.toasts.at(-1)).toContain("已有");
  });

  it("adds columns when the sheet is too narrow", () => {
    const wide = Array.from({ length: 24 }, (_, i) => (i === 0 ? "客户名称" : `列${i}`));
    const narrow = installGasFakes({ sheets: { 线索: [wide] } });
    insertLeadGradeColumns();
    expect(narrow.spreadsheet.sheets[0]?.getMaxColumns()).toBe(30);
    expect(narrow.spreadsheet.sheets[0]?.formulas[0]?.[24]).toContain("=LEADCOLUMNS(A1:X,");
  });

  it("refuses a sheet with no recognisable header", () => {
    const other = installGasFakes({ sheets: { Other: [["foo", "bar"]] } });
    insertLeadGradeColumns();
    expect(other.spreadsheet.sheets[0]?.formulas[0]?.filter(Boolean) ?? []).toEqual([]);
    expect(other.spreadsheet.toasts[0]).toContain("表头");
  });
});

describe("menu commands", () => {
  it("refresh the as-of date to today's midnight in the sheet's zone", () => {
    const fakes = installGasFakes({ sheets: { 线索: LEADS } });
    insertLeadGradeColumns();
    fakes.spreadsheet.namedRanges.get("LeadGrade_AsOf")?.setValue("old");
    refreshAsOfDate();
    const value = fakes.spreadsheet.namedRanges.get("LeadGrade_AsOf")?.getValue() as Date;
    expect(value).toBeInstanceOf(Date);
    expect((value.getTime() + 8 * 3_600_000) % 86_400_000).toBe(0);
  });

  it("restore the previous rules and bump the version cell", () => {
    const fakes = installGasFakes({ sheets: { 线索: LEADS } });
    const props = fakes.documentProperties as unknown as GoogleAppsScript.Properties.Properties;
    saveRules(props, standardPreset(), new Date());
    saveRules(props, { ...standardPreset(), name: "Newer" }, new Date());
    insertLeadGradeColumns();
    restorePreviousRulesFromMenu();
    expect(fakes.spreadsheet.namedRanges.get("LeadGrade_RulesVersion")?.getValue()).toBe(3);
  });
});

describe("columnLetter", () => {
  it("names columns as Sheets does", () => {
    expect([1, 26, 27, 52, 703].map(columnLetter)).toEqual(["A", "Z", "AA", "AZ", "AAA"]);
  });
});

describe("runPriorityPassFromMenu", () => {
  it("says what it did, and names owners it could not remind", () => {
    const fakes = installGasFakes({
      sheets: {
        线索: [
          ["客户名称", "意向", "负责人", "最近联系"],
          ["张三", "高", "王强", new Date("2026-09-01T00:00:00+08:00")],
        ],
      },
    });
    runPriorityPassFromMenu();
    expect(fakes.spreadsheet.toasts.at(-1)).toMatch(
      /^已更新 1 条线索.*以下负责人没有有效邮箱,未发送提醒:王强$/,
    );
  });
});
