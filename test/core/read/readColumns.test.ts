import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { findColumns } from "../../../src/core/read/findColumns";
import {
  type LeadColumns,
  readColumns,
  readFilled,
  readMatch,
  readShown,
  SHOWN_AS_NUMBER,
} from "../../../src/core/read/readColumns";
import { type CellValue, cellText, matchForm } from "../../../src/core/text/cell";
import { isoFromCivilDay, zoneClock } from "../../../src/core/text/civilDay";
import { parseDateCell } from "../../../src/core/text/parseDateCell";
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
      (_, i): LeadCells => ({ 消费金额: 1000 + i, 备注: `note ${i}`, 来源: i % 2 ? "展会" : "推荐" }),
    );
    const cols = read(...rows);
    expect(cols.values.notes).toBeUndefined();
    const revenue = cols.values.revenue;
    expect([revenue?.full, cols.values.source?.full]).toEqual([true, false]);
    expect(revenue?.ids[0]).toBe(0);
    expect(revenue?.ids[9_999]).toBe(9_999);
    // Past it, a number cell shows its number: no text is kept for it.
    expect(revenue?.ids[11_999]).toBe(SHOWN_AS_NUMBER);
    expect(revenue?.loose).toBeUndefined();
    expect(cols.numbers.revenue?.[11_999]).toBe(12_999);
    expect(cols.text.revenue?.[11_999]).toBe("12999");
    // Past it too: a fraction, a negative amount (an issue, its text kept) and an amount as text.
    const more = read(...rows, { 消费金额: 1234.5 }, { 消费金额: -5 }, { 消费金额: " ¥5,000 " }, {});
    expect(more.text.revenue?.slice(12_000)).toEqual(["1234.5", "-5", "¥5,000", undefined]);
    expect(Array.from(more.numbers.revenue?.slice(12_000) ?? [])).toEqual([
      1234.5,
      Number.NaN,
      5000,
      Number.NaN,
    ]);
    const filled = readFilled(more, "revenue");
    const shown = readShown(more, "revenue");
    expect([12_000, 12_001, 12_002, 12_003].map((r) => [filled(r), shown(r)])).toEqual([
      [true, "1234.5"],
      [true, "-5"],
      [true, "¥5,000"],
      [false, undefined],
    ]);
  });

  it("reads a field with value numbers row by row exactly as its text and match columns show it", () => {
    const clock = zoneClock("Asia/Shanghai");
    // What the sheet shows: the trimmed text; a date given as a Date or a serial number, its day
    // (a future one kept as today); anything unreadable, as it is written.
    const expectedText = (cell: CellValue, isDateField: boolean): string | undefined => {
      if (isDateField && typeof cell !== "string") {
        const parsed = parseDateCell(cell, clock);
        if (typeof parsed === "number") return isoFromCivilDay(Math.min(parsed, asOf));
        // An unreadable Date is kept, shown as nothing (its row has a bad_date issue).
        if (cell instanceof Date) return "";
      }
      const text = cellText(cell);
      return text === "" ? undefined : text;
    };
    const pool = {
      来源: ["展会", " 官网 ", "", "  ", 12, true, "ＡＢＣ Expo", null],
      预算: ["5万", 50_000, "abc", -5, "", " ¥8k ", 0],
      最近联系: [
        new Date("2026-10-31T16:00:00Z"),
        new Date("2027-03-01T00:00:00Z"),
        new Date(Number.NaN),
        "2026/11/01",
        " 2026年13月1日",
        46_327,
        5,
        "",
      ],
      状态: ["成交", " 流失 ", "", 3, "WON"],
    } satisfies Partial<Record<(typeof HEADER)[number], CellValue[]>>;
    const cellOf = (values: CellValue[]) => fc.constantFrom(...values);
    const row = fc.record({
      来源: cellOf(pool.来源),
      预算: cellOf(pool.预算),
      最近联系: cellOf(pool.最近联系),
      状态: cellOf(pool.状态),
    });
    fc.assert(
      fc.property(fc.array(row, { maxLength: 40 }), (records) => {
        const cols: LeadColumns = readColumns(
          records.map(leadRow),
          columns,
          clock,
          asOf,
          new Set(["source", "status"]),
        );
        for (const [header, field] of [
          ["来源", "source"],
          ["预算", "budget"],
          ["最近联系", "lastContact"],
          ["状态", "status"],
        ] as const) {
          const shown = readShown(cols, field);
          const filled = readFilled(cols, field);
          const match = readMatch(cols, field);
          const matched = field === "source" || field === "status";
          records.forEach((record, i) => {
            const expected = expectedText(record[header] as CellValue, field === "lastContact");
            expect(shown(i)).toBe(expected);
            expect(filled(i)).toBe(expected !== undefined);
            expect(match(i)).toBe(matched && expected !== undefined ? matchForm(expected) : undefined);
          });
          // The columns, made when read, say the same.
          expect(cols.text[field]).toEqual(records.map((_, i) => shown(i)));
          if (matched) expect(cols.match[field]).toEqual(records.map((_, i) => match(i)));
        }
      }),
      { numRuns: 200 },
    );
  });
});
