import { describe, expect, it } from "vitest";
import { findColumns } from "../../../src/core/columns/findColumns";
import { zoneClock } from "../../../src/core/dates/civilDay";
import { readColumns } from "../../../src/core/normalise/readColumns";
import { day, HEADER, type LeadCells, leadRow } from "../../support/leadTable";

const asOf = day("2026-11-22");
const columns = findColumns([...HEADER]).columns;
// Rules compare the source as text; other text is only shown.
const read = (...rows: LeadCells[]) =>
  readColumns(rows.map(leadRow), columns, zoneClock("Asia/Shanghai"), asOf, new Set(["source"]));

describe("readColumns", () => {
  it("gives equal cell values one value number, and shows each number's text", () => {
    const cols = read({ 来源: "展会" }, { 来源: " 官网 " }, { 来源: "展会" }, { 来源: "" });
    const source = cols.values.source;
    const ids = Array.from(source?.ids ?? []);
    expect(ids[0]).toBe(ids[2]);
    expect(ids[1]).not.toBe(ids[0]);
    expect(ids[3]).toBe(-1);
    expect(ids.slice(0, 3).map((id) => source?.shown[id])).toEqual(["展会", "官网", "展会"]);
    expect(cols.text.source).toEqual(["展会", "官网", "展会", undefined]);
  });

  it("numbers the values of parsed fields, and reads a date given as a Date without one", () => {
    const cols = read(
      { 预算: "5万", 最近联系: "2026/11/01" },
      { 预算: 50_000, 最近联系: new Date("2026-10-31T16:00:00Z") },
      { 预算: "5万", 最近联系: "2026/11/01" },
    );
    const budget = Array.from(cols.values.budget?.ids ?? []);
    expect(budget[0]).toBe(budget[2]);
    expect(budget[1]).not.toBe(budget[0]); // "5万" and 50000 are shown differently
    expect(Array.from(cols.numbers.budget ?? [])).toEqual([50_000, 50_000, 50_000]);
    expect(Array.from(cols.values.lastContact?.ids ?? []).map((id) => id >= 0)).toEqual([true, false, true]);
    expect(cols.text.lastContact).toEqual(["2026/11/01", "2026-11-01", "2026/11/01"]);
  });

  it("gives free text no numbers, and reads a column of distinct values past the dictionary's size", () => {
    const rows = Array.from(
      { length: 12_000 },
      (_, i): LeadCells => ({ 消费金额: 1000 + i, 备注: `note ${i}` }),
    );
    const cols = read(...rows);
    expect(cols.values.notes).toBeUndefined();
    const revenue = cols.values.revenue;
    expect(revenue?.ids[0]).toBe(0);
    expect(revenue?.ids[11_999]).toBe(-1);
    expect(cols.numbers.revenue?.[11_999]).toBe(12_999);
    expect(cols.text.revenue?.[11_999]).toBe("12999");
  });
});
