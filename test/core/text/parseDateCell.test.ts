import { describe, expect, it } from "vitest";
import { INVALID } from "../../../src/core/text/cell";
import { isoFromCivilDay, zoneClock } from "../../../src/core/text/civilDay";
import {
  type DateOrder,
  inferDateOrder,
  isTwoDigitYearDate,
  isYearLastDate,
  parseDateCell,
} from "../../../src/core/text/parseDateCell";

const shanghai = zoneClock("Asia/Shanghai");
const read = (cell: Parameters<typeof parseDateCell>[0], order: DateOrder = "ymd") => {
  const day = parseDateCell(cell, shanghai, order);
  return typeof day === "number" ? isoFromCivilDay(day) : day;
};

describe("parseDateCell", () => {
  it.each([
    ["2026-11-01", "2026-11-01"],
    ["2026/11/01", "2026-11-01"],
    ["2026/1/5", "2026-01-05"],
    ["2026.11.01", "2026-11-01"],
    ["2026年11月1日", "2026-11-01"],
    ["2026年11月1日 14:30", "2026-11-01"],
    ["2026-11-01 23:59:59", "2026-11-01"],
    ["２０２６－１１－０１", "2026-11-01"],
    [" 2026-11-01 ", "2026-11-01"],
  ])("reads the text %j as %s", (text, iso) => {
    expect(read(text)).toBe(iso);
  });

  it("reads a time with an explicit offset as an instant on the rule set's calendar", () => {
    expect(read("2026-11-01T20:00:00Z")).toBe("2026-11-02");
    expect(read("2026-11-01T20:00:00-05:00")).toBe("2026-11-02");
  });

  it("reads Date objects as Sheets hands them over", () => {
    expect(read(new Date("2026-10-31T16:00:00Z"))).toBe("2026-11-01");
    expect(read(new Date(Number.NaN))).toBe(INVALID);
  });

  it("reads spreadsheet serial numbers and compact yyyymmdd numbers", () => {
    expect(read(46_327)).toBe("2026-11-01");
    expect(read(46_327.75)).toBe("2026-11-01");
    expect(read(20_261_101)).toBe("2026-11-01");
    expect(read("20261101")).toBe("2026-11-01");
  });

  it("refuses Date objects at the limits of Date without asking the zone (the runtime cannot tell it there)", () => {
    const shanghai = zoneClock("Asia/Shanghai");
    expect(parseDateCell(new Date("+275760-09-13T00:00:00.000Z"), shanghai)).toBe(INVALID);
    expect(parseDateCell(new Date("-271821-04-20T00:00:00.000Z"), shanghai)).toBe(INVALID);
    expect(isoFromCivilDay(parseDateCell(new Date("2199-12-30T00:00:00Z"), shanghai) as number)).toBe(
      "2199-12-30",
    );
  });

  it("treats empty cells as no date", () => {
    expect(read("")).toBeUndefined();
    expect(read("   ")).toBeUndefined();
    expect(read(null)).toBeUndefined();
  });

  it.each([
    "yesterday",
    "2026-02-30",
    "2026-11-01 25:00",
    "11/01/2026",
    "12",
    true,
    Number.POSITIVE_INFINITY,
  ])("marks %j as unreadable", (cell) => {
    expect(read(cell)).toBe(INVALID);
  });

  it.each([
    ["11/20/2026", INVALID, "2026-11-20", INVALID],
    ["20/11/2026", INVALID, INVALID, "2026-11-20"],
    ["01/02/2026", INVALID, "2026-01-02", "2026-02-01"],
    ["20.11.2026", INVALID, INVALID, "2026-11-20"],
    ["11-5-2026", INVALID, "2026-11-05", "2026-05-11"],
    ["11/20/2026 14:30:00", INVALID, "2026-11-20", INVALID],
    ["11/5/2026 2:30 PM", INVALID, "2026-11-05", "2026-05-11"],
    ["11/5/2026 13:30 PM", INVALID, INVALID, INVALID],
    ["11/20/2026 25:00", INVALID, INVALID, INVALID],
    ["02/30/2026", INVALID, INVALID, INVALID],
    ["2026/11/20", "2026-11-20", "2026-11-20", "2026-11-20"],
  ])("reads %j with the year last only in the order named: ymd %s, mdy %s, dmy %s", (text, ymd, mdy, dmy) => {
    expect([read(text, "ymd"), read(text, "mdy"), read(text, "dmy")]).toEqual([ymd, mdy, dmy]);
  });

  it("tells a date with the year last from other unreadable text", () => {
    expect(["11/20/2026", " 20.11.2026 ", "11/5/2026 2:30 pm"].map(isYearLastDate)).toEqual([
      true,
      true,
      true,
    ]);
    expect(["2026/11/20", "yesterday", "11/20", "11/20/26"].map(isYearLastDate)).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });

  it("reads no day before 1900 or after 2199: such a date is an issue, not a value", () => {
    expect(read("1900-01-01")).toBe("1900-01-01");
    expect(read("2199-12-31")).toBe("2199-12-31");
    expect(["9999-12-31", "2200-01-01", "1899-12-31"].map((t) => read(t))).toEqual([
      INVALID,
      INVALID,
      INVALID,
    ]);
    expect(read(new Date("9999-12-31T00:00:00Z"))).toBe(INVALID);
    expect(read(29_991_231)).toBe(INVALID);
  });

  it.each([
    ["15 Apr, 2021 00:03:00", "2021-04-15"],
    ["15-Apr-2021", "2021-04-15"],
    ["Apr 15, 2021", "2021-04-15"],
    ["April 15th 2021 3:05 pm", "2021-04-15"],
    ["Sept 3, 2021", "2021-09-03"],
    ["2021-04-15T00:03:00Z", "2021-04-15"],
    ["2021-04-15T20:03:00Z", "2021-04-16"],
    ["2021/4/15 0:03", "2021-04-15"],
    ["2021/4/15 下午 3:05", "2021-04-15"],
  ])("reads %j as exports write it", (text, iso) => {
    expect(read(text)).toBe(iso);
  });

  it("reads no month it does not know", () => {
    expect([read("31 Foo 2021"), read("Feb 30, 2021")]).toEqual([INVALID, INVALID]);
  });

  it("tells a column's order from its own values only where they leave no doubt", () => {
    expect(inferDateOrder(["10/20/2016", "3/1/2017"])).toBe("mdy");
    expect(inferDateOrder(["20.10.2016", "1.3.2017"])).toBe("dmy");
    expect(inferDateOrder(["01/02/2026", "2026-11-01"])).toBeUndefined();
    expect(inferDateOrder(["10/20/2016", "20/10/2016"])).toBeUndefined();
  });

  it("reads two-digit years in the order given: year first by default (20-10-16 is 2020-10-16)", () => {
    expect(read("20-10-16")).toBe("2020-10-16");
    expect(read("99/1/2 10:30")).toBe("1999-01-02");
    expect(read("29.12.31")).toBe("2029-12-31");
    expect(read("20-10-16", "dmy")).toBe("2016-10-20");
    expect(read("10-20-16", "mdy")).toBe("2016-10-20");
    expect([read("20-13-16"), read("10-20-16"), read("20-10-16 25:00")]).toEqual([INVALID, INVALID, INVALID]);
    expect(isTwoDigitYearDate("20-10-16")).toBe(true);
    expect(isTwoDigitYearDate("2020-10-16")).toBe(false);
  });

  it("settles a two-digit column's order from values that fit only one", () => {
    expect(inferDateOrder(["99-10-16", "20-10-16"])).toBe("ymd");
    expect(inferDateOrder(["25-10-99", "20-10-16"])).toBe("dmy");
    expect(inferDateOrder(["10-25-99", "1-2-16"])).toBe("mdy");
    // 20-10-16: 2020-10-16 or 20 October 2016.
    expect(inferDateOrder(["20-10-16", "21-11-17"])).toBeUndefined();
  });
});
