import { describe, expect, it } from "vitest";
import { FOLLOW_UP_SHEET, HISTORY_SHEET } from "../../src/sheets/followUpSheets";
import { logFollowUp, selectedLead } from "../../src/sheets/followUps";
import { runPriorityPass } from "../../src/sheets/priorityPass";
import { installGasFakes } from "../support/gasFakes";

const NOW = new Date("2026-12-03T02:00:00Z"); // 10:00 in Shanghai
const LEADS = () => [
  ["客户名称", "公司", "邮箱", "意向", "负责人", "最近联系", "备注"],
  ["张三", "星辰科技", "zs@example.com", "中", "wang@example.com", "2026-10-01", ""],
  ["李四", "华为", "", "中", "zhao@example.com", "2026-11-30", ""],
];
const form = (over: Partial<Parameters<typeof logFollowUp>[0]> = {}) => ({
  row: 2,
  when: "2026-12-02T15:30",
  how: "拜访",
  note: "客户询问报价",
  next: "2026-12-05",
  ...over,
});

describe("logging a follow-up from the panel", () => {
  it("names the lead on the selected row and offers the rules' ways of contact", () => {
    const fakes = installGasFakes({ sheets: { 线索: LEADS() } });
    fakes.spreadsheet.current = { row: 3, column: 2 };
    expect(selectedLead("zh")).toMatchObject({ row: 3, lead: "李四 / 华为", name: "李四" });
    expect(selectedLead("en")?.ways).toContain("visit");
    fakes.spreadsheet.current = { row: 1, column: 1 };
    expect(selectedLead("zh")).toBeUndefined();
  });

  it("appends the touch, writes Last contact with an audit row, and re-grades the lead at once", () => {
    const fakes = installGasFakes({ sheets: { 线索: LEADS() }, user: "wang@example.com" });
    runPriorityPass({ now: NOW, remind: false, useActiveSheet: true });
    const sheet = fakes.spreadsheet.sheets[0];
    const header = sheet?.values[0] ?? [];
    const whyAt = header.indexOf("原因 (LeadGrade)");
    expect(String(sheet?.values[1]?.[whyAt])).toContain("天未联系");

    const answer = logFollowUp(form(), NOW, "zh");
    expect(answer).toMatchObject({ ok: true, lead: "zs@example.com", nextFollowUp: "2026-12-05" });
    if (!answer.ok) return;
    expect(answer.why).toContain("+10 1次拜访(14天内)");
    expect(answer.why).toContain("询问报价");
    const log = fakes.spreadsheet.sheets.find((s) => s.getName() === FOLLOW_UP_SHEET);
    expect(log?.values.slice(1)).toEqual([
      ["zs@example.com", 2, "wang@example.com", "2026-12-02 15:30", "拜访", "客户询问报价", "2026-12-05"],
    ]);
    // The only user cell written: Last contact, and the audit says so.
    expect(sheet?.values[1]?.[5]).toBe("2026-12-02");
    expect(sheet?.values[1]?.slice(0, 5)).toEqual(LEADS()[1]?.slice(0, 5));
    const audit = fakes.spreadsheet.sheets.find((s) => s.getName().includes("Audit"));
    expect(audit?.values.at(-1)).toEqual(
      expect.arrayContaining(["wang@example.com", "张三", "2026-10-01", "2026-12-02", "拜访: 客户询问报价"]),
    );
    expect(String(sheet?.values[1]?.[whyAt])).toContain("1次拜访");
    expect(String(sheet?.values[1]?.[whyAt])).not.toContain("天未联系");
    // The history keeps what changed, on a hidden sheet.
    const history = fakes.spreadsheet.sheets.find((s) => s.getName() === HISTORY_SHEET);
    expect(history?.hidden).toBe(true);
    expect(history?.values.filter((r) => r[1] === "zs@example.com")).toHaveLength(2);
  });

  it("follows the lead by key when rows move, and never writes an older day over a newer Last contact", () => {
    const fakes = installGasFakes({ sheets: { 线索: LEADS() } });
    logFollowUp(form({ row: 3, when: "2026-11-20T09:00", how: "电话", note: "", next: "" }), NOW, "zh");
    const sheet = fakes.spreadsheet.sheets[0];
    // 李四's 2026-11-30 is newer than the touch: kept.
    expect(sheet?.values[2]?.[5]).toBe("2026-11-30");
    // Read as the pass reads dates, whatever way the cell writes the day.
    for (const held of ["2026/11/30", "2026年11月30日", new Date("2026-11-29T16:00:00Z")]) {
      (sheet?.values[2] as unknown[])[5] = held;
      logFollowUp(form({ row: 3, when: "2026-11-25T09:00", how: "电话", note: "", next: "" }), NOW, "zh");
      expect(sheet?.values[2]?.[5]).toBe(held);
    }
    logFollowUp(form(), NOW, "zh");
    // A row inserted above: 张三 moves to row 3, the touches stay his.
    sheet?.values.splice(1, 0, ["王五", "", "ww@example.com", "低", "", "2026-12-01", ""]);
    runPriorityPass({ now: NOW, remind: false, useActiveSheet: true });
    const whyAt = sheet?.values[0]?.indexOf("原因 (LeadGrade)") ?? -1;
    expect(String(sheet?.values[2]?.[whyAt])).toContain("1次拜访");
    expect(String(sheet?.values[1]?.[whyAt])).not.toContain("拜访");
  });

  it("writes nothing when another save holds the lock, or the form cannot be read, so the panel can save again", () => {
    const fakes = installGasFakes({ sheets: { 线索: LEADS() } });
    fakes.lock.heldElsewhere = true;
    expect(logFollowUp(form(), NOW, "zh")).toEqual({ ok: false, error: "locked" });
    fakes.lock.heldElsewhere = false;
    expect(logFollowUp(form({ when: "tomorrowish" }), NOW, "zh")).toEqual({ ok: false, error: "bad_when" });
    expect(logFollowUp(form({ next: "2026-02-31" }), NOW, "zh")).toEqual({ ok: false, error: "bad_next" });
    expect(logFollowUp(form({ row: 9 }), NOW, "zh")).toEqual({ ok: false, error: "no_lead" });
    expect(fakes.spreadsheet.sheets.some((s) => s.getName() === FOLLOW_UP_SHEET)).toBe(false);
    expect(fakes.spreadsheet.sheets[0]?.values[1]?.[5]).toBe("2026-10-01");
  });
});
