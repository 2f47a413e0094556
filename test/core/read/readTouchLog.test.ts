import { describe, expect, it } from "vitest";
import { readTouchLog, touchLogColumns } from "../../../src/core/read/readTouchLog";
import { civilDayFromIso, zoneClock } from "../../../src/core/text/civilDay";

const clock = zoneClock("Asia/Shanghai");
const day = (iso: string) => civilDayFromIso(iso) as number;

describe("readTouchLog", () => {
  it("finds the columns by English, Chinese or both-language headers, in any order", () => {
    expect(touchLogColumns(["Note", "lead", "WHEN", "How", "Next"])).toEqual({
      note: 0,
      lead: 1,
      when: 2,
      how: 3,
      next: 4,
    });
    expect(touchLogColumns(["线索", "时间", "方式", "备注", "下次"])).toEqual({
      lead: 0,
      when: 1,
      how: 2,
      note: 3,
      next: 4,
    });
    expect(touchLogColumns(["线索 Lead", "行 Row", "跟进人 Who", "时间 When"])).toEqual({
      lead: 0,
      row: 1,
      who: 2,
      when: 3,
    });
  });

  it("reads each touch with its line, day (a Date read in the zone), way, note, next step and who", () => {
    const log = readTouchLog(
      {
        header: ["线索", "时间", "方式", "备注", "下次", "跟进人"],
        rows: [
          ["zs@example.com", "2026-12-01", "电话", "要报价", "2026-12-04", "王"],
          // 2026-12-01 23:30 in Shanghai is 15:30 UTC.
          ["13812345678", new Date("2026-12-01T15:30:00Z"), "拜访", "", "", ""],
        ],
      },
      clock,
      "ymd",
    );
    expect(log.problems).toEqual([]);
    expect(log.touches).toEqual([
      {
        line: 2,
        lead: "zs@example.com",
        day: day("2026-12-01"),
        how: "电话",
        note: "要报价",
        next: day("2026-12-04"),
        who: "王",
      },
      { line: 3, lead: "13812345678", day: day("2026-12-01"), how: "拜访", note: "" },
    ]);
  });

  it("keeps every unreadable row as a problem on its line, and a bad next date without dropping the touch", () => {
    const log = readTouchLog(
      {
        header: ["Lead", "When", "How", "Note", "Next"],
        rows: [
          ["", "2026-12-01", "call", "", ""],
          ["ann@acme.com", "last Tuesday", "call", "", ""],
          ["", "", "", "", ""],
          ["ann@acme.com", "2026-12-02", "call", "", "soon"],
        ],
      },
      clock,
      "ymd",
    );
    expect(log.problems).toEqual([
      { line: 2, code: "touch_no_lead" },
      { line: 3, code: "touch_bad_when", text: "last Tuesday" },
      { line: 5, code: "touch_bad_next", text: "soon" },
    ]);
    expect(log.touches.map((t) => t.line)).toEqual([5]);
    expect(log.touches[0]?.next).toBeUndefined();
  });

  it("reads nothing from a log without a lead or a when column, and says which it lacks", () => {
    const log = readTouchLog({ header: ["Customer name", "How"], rows: [["x", "call"]] }, clock, "ymd");
    expect(log).toEqual({ touches: [], problems: [], missing: ["lead", "when"] });
  });
});
