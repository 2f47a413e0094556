import { describe, expect, it } from "vitest";
import {
  HISTORY_HEADER,
  type HistoryEntry,
  historyChanges,
  historyRow,
  movedTerms,
  pruneHistory,
  readHistory,
  trendColumn,
  whatChanged,
} from "../../../../src/core/after/history/gradeHistory";
import { standardPreset } from "../../../../src/core/model/presets";
import { runPass, type Table } from "../../../../src/core/pass/runPass";

const rules = standardPreset();
const grades = rules.grades.map((g) => g.grade);
const HEADER = ["客户名称", "邮箱", "意向", "来源", "负责人", "最近联系", "备注", "预算"];
const sheet = (zsIntent: string, lsContact: string, zsBudget = ""): Table => ({
  header: HEADER,
  rows: [
    ["张三", "zs@example.com", zsIntent, "老客户推荐", "王", "2026-11-30", "询问报价", zsBudget],
    ["李四", "ls@example.com", "中", "广告", "赵", lsContact, "", ""],
  ],
});

describe("the grade history", () => {
  it("records every lead the first time, then only what changed, with the why's terms that moved", () => {
    const first = runPass(sheet("中", "2026-11-19"), rules, { asOf: "2026-11-20" });
    const start = historyChanges(first, [], "zh");
    expect(start.map((e) => [e.lead, e.gradeFrom, e.gradeTo])).toEqual([
      ["zs@example.com", null, first.rows[0]?.grade],
      ["ls@example.com", null, first.rows[1]?.grade],
    ]);
    // The same pass again adds nothing.
    expect(historyChanges(first, start, "zh")).toEqual([]);

    const later = runPass(sheet("高", "2026-11-19", "20万"), rules, { asOf: "2026-12-01" });
    const changed = historyChanges(later, start, "zh");
    const zs = changed.find((e) => e.lead === "zs@example.com") as HistoryEntry;
    expect(zs).toMatchObject({
      day: "2026-12-01",
      gradeFrom: first.rows[0]?.grade,
      gradeTo: "A",
      owner: "王",
    });
    expect(zs.moved).toContain("+30 意向=高");
    expect(zs.moved).toContain("\u2212 +15 意向=中");
  });

  it("gives each lead a trend over 7 and 30 days and lists the week's changes per owner", () => {
    const first = runPass(sheet("中", "2026-11-19"), rules, { asOf: "2026-11-20" });
    let entries = historyChanges(first, [], "zh");
    const later = runPass(sheet("高", "2026-09-01", "20万"), rules, { asOf: "2026-12-01" });
    entries = [...entries, ...historyChanges(later, entries, "zh")];
    expect(trendColumn(later, entries, grades, "zh")[0]).toBe("7天↑ 30天↑");
    expect(trendColumn(later, entries, grades, "en")[0]).toBe("7d ↑ · 30d ↑");
    // Two weeks on, nothing new but time: 张三 went overdue (a change), its grade steady over the
    // week and up over the month.
    const quiet = runPass(sheet("高", "2026-09-01", "20万"), rules, { asOf: "2026-12-15" });
    const quietChanges = historyChanges(quiet, entries, "zh");
    expect(quietChanges.find((e) => e.lead === "zs@example.com")).toMatchObject({
      gradeFrom: "A",
      overdueFrom: false,
      overdueTo: true,
    });
    const all = [...entries, ...quietChanges];
    expect(trendColumn(quiet, all, grades, "zh")[0]).toMatch(/^7天[→↓] 30天↑$/);
    expect(whatChanged(quiet, all, grades, 7).wentOverdue.map((c) => c.lead)).toContain("zs@example.com");
    // The rise was on 12-01: out of the week before 12-15, within its month.
    expect(whatChanged(quiet, all, grades, 7).roseIntoTop).toEqual([]);
    expect(whatChanged(quiet, all, grades, 30).roseIntoTop).toHaveLength(1);

    // The same change seen within the week.
    const week = whatChanged(later, entries, grades, 30);
    expect(week.roseIntoTop.map((c) => [c.lead, c.from, c.to])).toEqual([
      ["zs@example.com", first.rows[0]?.grade, "A"],
    ]);
    expect(week.byOwner.王?.roseIntoTop).toBe(1);
  });

  it("reads back what it writes, counts rows it cannot read, and prunes by age and count", () => {
    const first = runPass(sheet("高", "2026-11-19", "20万"), rules, { asOf: "2026-11-20" });
    const entries = historyChanges(first, [], "en");
    const rows = [...entries.map(historyRow), ["not a day", "x"], ["", ""]];
    expect(HISTORY_HEADER).toHaveLength(historyRow(entries[0] as HistoryEntry).length);
    expect(readHistory(rows)).toEqual({ entries, unreadable: 1 });
    const old = { ...(entries[0] as HistoryEntry), day: "2026-01-01" };
    expect(pruneHistory([old, ...entries], "2026-11-20", 180)).toEqual(entries);
    expect(pruneHistory(entries, "2026-11-20", 180, 1)).toEqual([entries[1]]);
  });

  it("says which terms came and which went", () => {
    expect(movedTerms("+30 意向=中 · −8 60天未联系", "+30 意向=中 · +10 1次拜访(14天内)")).toBe(
      "+10 1次拜访(14天内); \u2212 \u22128 60天未联系",
    );
    expect(movedTerms("", "+5 a")).toBe("+5 a");
  });
});
