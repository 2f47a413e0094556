import { describe, expect, it } from "vitest";
import { formatWhy } from "../../../../src/core/explain/formatWhy";
import { standardPreset } from "../../../../src/core/model/presets";
import { runPass, type Table } from "../../../../src/core/pass/runPass";

const rules = standardPreset();
const asOf = "2026-12-03";
const HEADER = ["客户名称", "公司", "邮箱", "电话", "意向", "最近联系", "备注"];
const leads: Table = {
  header: HEADER,
  rows: [
    ["张三", "星辰科技", "zs@example.com", "138 1234 5678", "中", "2026-10-01", ""],
    ["李四", "华为", "", "", "中", "2026-10-01", ""],
    ["王五", "", "ww@example.com", "", "中", "2026-11-28", ""],
  ],
};
const LOG_HEADER = ["线索", "时间", "方式", "备注", "下次"];
const log = (...rows: string[][]): Table => ({ header: LOG_HEADER, rows });
const why = (result: ReturnType<typeof runPass>, row: number) =>
  formatWhy(result.rows[row]?.trace ?? [], "zh");

describe("a follow-up log in the pass", () => {
  it("counts a logged visit as last contact, names it in the why and reads its note for buying signals", () => {
    const before = runPass(leads, rules, { asOf });
    const after = runPass(leads, rules, {
      asOf,
      touchLog: log(["ZS@Example.com", "2026-12-02", "上门拜访", "客户询问报价", ""]),
    });
    expect(why(before, 0)).toContain("天未联系");
    expect(before.rows[0]?.followUp).toBe("overdue");
    expect(why(after, 0)).toContain("+10 1次拜访(14天内)");
    expect(why(after, 0)).not.toContain("天未联系");
    expect(after.rows[0]?.signals).toEqual(["quote"]);
    expect(after.rows[0]?.followUp).not.toBe("overdue");
    expect(after.rows[0]).toMatchObject({ lastTouch: "2026-12-02", recentTouches: 1 });
    expect(after.rows[0]?.score as number).toBeGreaterThan(before.rows[0]?.score as number);
    expect(after.touchLog).toEqual({ touches: 1, matched: 1, problems: [], missing: [] });
  });

  it("matches by phone however written, and by name and company in one cell either way round", () => {
    const result = runPass(leads, rules, {
      asOf,
      touchLog: log(
        ["+86 138-1234-5678", "2026-12-01", "电话", "", ""],
        ["华为 / 李四", "2026-12-01", "微信", "", ""],
        ["王五", "2026-12-01", "email", "", ""],
      ),
    });
    expect(result.rows.map((r) => r.lastTouch)).toEqual(["2026-12-01", "2026-12-01", "2026-12-01"]);
    expect(why(result, 2)).toContain("+3 1次邮件(14天内)");
  });

  it("follows a lead by key when its row moves", () => {
    const touchLog = log(["李四, 华为", "2026-12-02", "拜访", "要合同样本", ""]);
    const moved: Table = {
      header: HEADER,
      rows: [leads.rows[2], leads.rows[1], leads.rows[0]] as Table["rows"],
    };
    const inPlace = runPass(leads, rules, { asOf, touchLog });
    const after = runPass(moved, rules, { asOf, touchLog });
    expect(after.rows[1]?.score).toBe(inPlace.rows[1]?.score);
    expect(after.rows[1]?.lastTouch).toBe("2026-12-02");
    expect(after.rows[0]?.lastTouch).toBeNull();
  });

  it("makes the next step the next follow-up until a later contact passes it", () => {
    const touchLog = log(["zs@example.com", "2026-12-02", "电话", "下周演示", "2026-12-10"]);
    expect(runPass(leads, rules, { asOf, touchLog }).rows[0]?.nextFollowUp).toBe("2026-12-10");
    // A step promised for a day now gone and not kept is overdue.
    const missed = log(["zs@example.com", "2026-11-20", "电话", "", "2026-11-25"]);
    expect(runPass(leads, rules, { asOf, touchLog: missed }).rows[0]).toMatchObject({
      nextFollowUp: "2026-11-25",
      followUp: "overdue",
    });
    // A call nobody answered before the step's day does not cancel it; a touch on its day keeps it.
    const unanswered = log(
      ["zs@example.com", "2026-12-01", "微信", "约了演示", "2026-12-05"],
      ["zs@example.com", "2026-12-02", "电话", "未接", ""],
    );
    expect(runPass(leads, rules, { asOf, touchLog: unanswered }).rows[0]?.nextFollowUp).toBe("2026-12-05");
    const kept = log(
      ["zs@example.com", "2026-11-20", "微信", "约了演示", "2026-11-25"],
      ["zs@example.com", "2026-11-25", "会议", "演示完成", ""],
    );
    expect(runPass(leads, rules, { asOf, touchLog: kept }).rows[0]?.nextFollowUp).not.toBe("2026-11-25");
    // The Last contact cell written after the touch: the step was passed, the cadence counts.
    const later: Table = {
      header: HEADER,
      rows: [["张三", "星辰科技", "zs@example.com", "", "中", "2026-12-03", ""]],
    };
    expect(runPass(later, rules, { asOf, touchLog: missed }).rows[0]?.nextFollowUp).not.toBe("2026-11-25");
  });

  it("worths a call nobody answered less than one that was, and caps the window's points", () => {
    const unanswered = runPass(leads, rules, {
      asOf,
      touchLog: log(["zs@example.com", "2026-12-02", "电话", "未接", ""]),
    });
    expect(why(unanswered, 0)).toContain("+1 1次未接通(14天内)");
    const many = runPass(leads, rules, {
      asOf,
      touchLog: log(
        ...["2026-11-25", "2026-11-27", "2026-11-30", "2026-12-02"].map((d) => [
          "zs@example.com",
          d,
          "拜访",
          "",
          "",
        ]),
        ["zs@example.com", "2026-11-01", "拜访", "", ""], // outside the 14 days
      ),
    });
    expect(why(many, 0)).toContain("+20 4次拜访(14天内)");
    expect(many.rows[0]?.recentTouches).toBe(4);
  });

  it("reports touches for no lead of the sheet and dated after today by line, and grades without them", () => {
    const result = runPass(leads, rules, {
      asOf,
      touchLog: log(
        ["nobody@example.com", "2026-12-01", "电话", "", ""],
        ["zs@example.com", "2026-12-09", "电话", "", ""],
        ["zs@example.com", "someday", "电话", "", ""],
      ),
    });
    expect(result.touchLog?.problems).toEqual([
      { line: 2, code: "touch_unknown_lead", text: "nobody@example.com" },
      { line: 3, code: "touch_after_as_of" },
      { line: 4, code: "touch_bad_when", text: "someday" },
    ]);
    expect(result.rows.map((r) => r.score)).toEqual(runPass(leads, rules, { asOf }).rows.map((r) => r.score));
  });

  it("leaves the sheet's newer Last contact alone, and the rules can keep touches out of last contact", () => {
    const touchLog = log(["ww@example.com", "2026-11-20", "电话", "", ""]);
    expect(runPass(leads, rules, { asOf, touchLog }).rows[2]?.lastTouch).toBe("2026-11-20");
    const off = { ...rules, touches: { ...rules.touches, asLastContact: false } };
    const stale = runPass(leads, off, {
      asOf,
      touchLog: log(["zs@example.com", "2026-12-02", "电话", "", ""]),
    });
    expect(why(stale, 0)).toContain("天未联系");
  });
});
