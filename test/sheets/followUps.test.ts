import { describe, expect, it } from "vitest";
import { FOLLOW_UP_SHEET, HISTORY_SHEET } from "../../src/sheets/followUpSheets";
import { logFollowUp, selectedLead } from "../../src/sheets/followUps";
import { runPriorityPass } from "../../src/sheets/priorityPass";
import { REPORT_SHEET, writeReportSheet } from "../../src/sheets/reportSheet";
import { getWeekFromSidebar, openFollowUpPanel, openWeekPanel } from "../../src/sheets/sidebar";
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

  it("shows the week's changes in the report sheet and the sidebar, with the touches the priority pass sees", () => {
    const leads = LEADS();
    (leads[1] as string[])[3] = "高";
    const fakes = installGasFakes({ sheets: { 线索: leads }, user: "wang@example.com" });
    const weekBefore = new Date(NOW.getTime() - 5 * 86_400_000);
    runPriorityPass({ now: weekBefore, remind: false, useActiveSheet: true });
    // A visit where the customer asked for a quote: 张三, not contacted for two months, rises to A.
    const answer = logFollowUp(form({ how: "拜访", note: "客户询问报价,要合同样本" }), NOW, "zh");
    expect(answer).toMatchObject({ ok: true, grade: "A" });
    writeReportSheet(NOW);
    const report = fakes.spreadsheet.getSheetByName(REPORT_SHEET);
    const titles = report?.values.map((r) => String(r[0])) ?? [];
    const at = titles.indexOf("近 7 天的变化 · 按负责人");
    expect(at).toBeGreaterThan(0);
    expect(report?.values[at + 1]?.slice(0, 5)).toEqual(["负责人", "升入 A", "跌出 A", "转为逾期", "有跟进"]);
    expect(report?.values[at + 2]?.slice(0, 5)).toEqual(["wang@example.com", 1, 0, 0, 1]);
    const rose = titles.indexOf("近 7 天的变化 · 升入 A");
    expect(report?.values[rose + 2]?.slice(0, 3)).toEqual([
      "zs@example.com",
      "wang@example.com",
      "2026-12-03",
    ]);
    // The report grades with the follow-up log, as the priority pass does: 张三 is an A there too.
    const byGrade = report?.values.slice(4, 8).map((r) => r[0]);
    expect(byGrade?.[0]).toBe("A 紧急重要");
    // No chart beside the week's tables, which are lists, not measures.
    expect(report?.charts.every((c) => !String(c.options.title).startsWith("近 7 天"))).toBe(true);

    const week = getWeekFromSidebar("en");
    expect(week.title).toBe("What changed in the last 7 days");
    expect(week.tables.map((t) => t.title)).toEqual(["By owner", "Rose into A", "Touched"]);
    expect(week.tables[2]?.rows).toEqual([["zs@example.com", "wang@example.com", 1]]);
    expect(JSON.parse(JSON.stringify(week))).toEqual(week);
  });

  it("grades again on the hourly run when someone types a follow-up into the sheet by hand", () => {
    const fakes = installGasFakes({ sheets: { 线索: LEADS() }, context: "clock" });
    const hourly = (at: Date) =>
      runPriorityPass({ now: at, remind: false, useActiveSheet: false, skipUnchanged: true });
    logFollowUp(form({ row: 3, how: "电话", note: "", next: "" }), NOW, "zh");
    // Logging re-graded the sheet: the next hour has nothing to do.
    const later = new Date(NOW.getTime() + 3_600_000);
    expect(hourly(later).skipped).toBe("unchanged");
    const log = fakes.spreadsheet.sheets.find((s) => s.getName() === FOLLOW_UP_SHEET);
    log?.getRange(3, 1, 1, 7).setValues([["zs@example.com", 2, "", "2026-12-03 09:00", "拜访", "", ""]]);
    const report = hourly(later);
    expect(report.skipped).toBeUndefined();
    const whyAt = fakes.spreadsheet.sheets[0]?.values[0]?.indexOf("原因 (LeadGrade)") ?? -1;
    expect(String(fakes.spreadsheet.sheets[0]?.values[1]?.[whyAt])).toContain("1次拜访");
  });

  it("says beside each follow-up row typed by hand why it was not used, and clears it once fixed", () => {
    const fakes = installGasFakes({ sheets: { 线索: LEADS() } });
    logFollowUp(form(), NOW, "zh");
    const log = fakes.spreadsheet.sheets.find((s) => s.getName() === FOLLOW_UP_SHEET);
    log?.getRange(3, 1, 3, 7).setValues([
      ["nobody@example.com", "", "", "2026-12-01", "电话", "", ""],
      ["zs@example.com", "", "", "昨天下午", "电话", "", ""],
      ["zs@example.com", "", "", "2026-12-01", "电话", "", "下周"],
    ]);
    const report = runPriorityPass({ now: NOW, remind: false, useActiveSheet: true });
    expect(report.followUpProblems).toBe(3);
    expect(log?.values.map((r) => r[7])).toEqual([
      "问题 Problem (LeadGrade)",
      "",
      '表里没有这条线索(按邮箱、电话或“姓名 / 公司”匹配) "nobody@example.com"',
      '时间读不出 "昨天下午"',
      '下次日期读不出(这条跟进仍计入) "下周"',
    ]);
    // The rep's own cells are as typed; a second pass writes nothing new there.
    expect(log?.values[3]?.slice(0, 7)).toEqual(["zs@example.com", "", "", "昨天下午", "电话", "", ""]);
    const mark = fakes.log.calls.length;
    runPriorityPass({ now: NOW, remind: false, useActiveSheet: true });
    expect(fakes.log.calls.slice(mark).filter((c) => c === "Range.setValues")).toEqual([]);
    log?.getRange(4, 4).setValue("2026-12-02");
    expect(runPriorityPass({ now: NOW, remind: false, useActiveSheet: true }).followUpProblems).toBe(2);
    expect(log?.values[3]?.[7]).toBe("");
  });

  it("prunes the hidden history to the rules' days, keeping what is newer", () => {
    const fakes = installGasFakes({ sheets: { 线索: LEADS() } });
    const at = (iso: string) => new Date(`${iso}T02:00:00Z`);
    runPriorityPass({ now: at("2026-01-05"), remind: false, useActiveSheet: true });
    const history = () => fakes.spreadsheet.sheets.find((s) => s.getName() === HISTORY_SHEET);
    expect(history()?.getLastRow()).toBe(3); // the header, then both leads' first records
    // 200 days on, with no lead changed (their Last contact is still ahead, so counted as today),
    // January's records are past the 180 days kept: they go though nothing new is added.
    runPriorityPass({ now: at("2026-07-24"), remind: false, useActiveSheet: true });
    expect(history()?.getLastRow()).toBe(1);
    // A lead that changes later starts its history again.
    (fakes.spreadsheet.sheets[0]?.values[1] as unknown[])[3] = "高";
    runPriorityPass({ now: at("2026-07-25"), remind: false, useActiveSheet: true });
    expect(
      history()
        ?.values.slice(1)
        .filter((r) => r[0] !== "")
        .map((r) => [r[0], r[1]]),
    ).toEqual([
      ["2026-07-25", "zs@example.com"],
      ["2026-07-25", "李四 / 华为"],
    ]);
  });

  it("goes on grading when the spreadsheet is at its cell limit and the history cannot be kept", () => {
    const fakes = installGasFakes({ sheets: { 线索: LEADS() } });
    runPriorityPass({ now: NOW, remind: false, useActiveSheet: true });
    const leads = fakes.spreadsheet.sheets[0];
    if (!leads) throw new Error("no lead sheet");
    // The history sheet gone, and the lead sheet grown to within 20,000 cells of the 10,000,000.
    fakes.spreadsheet.sheets.splice(
      fakes.spreadsheet.sheets.findIndex((s) => s.getName() === HISTORY_SHEET),
      1,
    );
    const others = fakes.spreadsheet.sheets.reduce(
      (n, s) => n + (s === leads ? 0 : s.maxRows * s.maxColumns),
      0,
    );
    leads.maxRows = Math.floor((10_000_000 - others - 20_000) / leads.maxColumns);
    const scoreAt = leads.values[0]?.indexOf("评分 (LeadGrade)") ?? -1;
    const before = Number(leads.values[1]?.[scoreAt]);
    (leads.values[1] as unknown[])[3] = "高";
    const report = runPriorityPass({ now: NOW, remind: false, useActiveSheet: true });
    expect(report.historyFailed).toMatch(/above the limit of 10000000 cells/);
    expect(Number(leads.values[1]?.[scoreAt])).toBeGreaterThan(before); // re-graded all the same
    expect(fakes.spreadsheet.sheets.some((s) => s.getName() === HISTORY_SHEET)).toBe(false);
  });

  it("opens the sidebar from the menu at the follow-up form or at the week's changes", () => {
    const fakes = installGasFakes({ sheets: { 线索: LEADS() } });
    openFollowUpPanel();
    openWeekPanel();
    expect(fakes.sidebars.map((s) => [s.file, s.appended])).toEqual([
      ["sidebar", '<div id="leadgrade-open" data-panel="followUp" hidden></div>'],
      ["sidebar", '<div id="leadgrade-open" data-panel="week" hidden></div>'],
    ]);
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
