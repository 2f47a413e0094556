import { describe, expect, it } from "vitest";
import { earlierOutputColumns, outputHeader } from "../../../src/core/index";
import { type ManagedColumn, managedHeader } from "../../../src/sheets/managedColumns";

describe("earlierOutputColumns", () => {
  it("finds the eight columns of an earlier run in either language, wherever they stand", () => {
    expect(earlierOutputColumns(["客户名称", ...outputHeader("zh"), "自定义列"])).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8,
    ]);
    expect(earlierOutputColumns([...outputHeader("en"), "Name"])).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it("finds the add-on's columns in a sheet downloaded from Google Sheets", () => {
    const sheet = (column: ManagedColumn) => managedHeader(column, "zh");
    const header = ["客户名称", sheet("grade"), sheet("stage"), "备注", sheet("overrideState")];
    expect(header[2]).toBe("阶段 (LeadGrade)");
    expect(earlierOutputColumns(header)).toEqual([1, 2, 4]);
  });

  it("finds every set when a file was graded in both languages", () => {
    const header = ["Name", ...outputHeader("en"), ...outputHeader("zh")];
    expect(earlierOutputColumns(header)).toEqual(Array.from({ length: 16 }, (_, i) => i + 1));
  });

  it("leaves a user's column alone when it only shares a name, or when the set is broken up", () => {
    expect(earlierOutputColumns(["客户名称", "阶段", "评分"])).toEqual([]);
    const [first, ...rest] = outputHeader("zh");
    expect(earlierOutputColumns([first, "备注", ...rest])).toEqual([]);
    expect(earlierOutputColumns([])).toEqual([]);
  });
});
