import { describe, expect, it } from "vitest";
import { standardPreset } from "../../src/core/index";
import { AUDIT_QUEUE, WHO_UNKNOWN } from "../../src/sheets/auditSheet";
import { approvePendingOverridesFromMenu, writeReportSheetFromMenu } from "../../src/sheets/menu";
import { onEdit } from "../../src/sheets/onEdit";
import { runPriorityPass } from "../../src/sheets/priorityPass";
import { saveRules } from "../../src/sheets/rulesStore";
import { installHourlyTrigger, removeHourlyTrigger, runHourlyPass } from "../../src/sheets/triggers";
import { type FakeOptions, installGasFakes, SCOPES } from "../support/gasFakes";

const NOW = new Date("2026-11-22T02:00:00Z"); // 10:00 in Shanghai
const shanghai = (iso: string) => new Date(`${iso}T00:00:00+08:00`);
const LEADS = [
  ["客户名称", "意向", "最近联系", "负责人", "手动等级", "调整原因"],
  ["赵六", "低", shanghai("2026-11-20"), "a@example.com", "", ""],
  ["钱七", "高", shanghai("2026-10-01"), "b@example.com", "", ""],
];

function setup(options: FakeOptions = {}) {
  const fakes = installGasFakes({ sheets: { 线索: LEADS.map((r) => [...r]) }, ...options });
  const sheet = fakes.spreadsheet.sheets[0];
  if (!sheet) throw new Error("no sheet");
  const props = fakes.documentProperties as unknown as GoogleAppsScript.Properties.Properties;
  return { fakes, sheet, props };
}
const pass = () => runPriorityPass({ now: NOW, remind: false, useActiveSheet: true });

describe("scopes", () => {
  it("a call whose scope the manifest lacks throws the platform's message", () => {
    const { props } = setup({
      user: "boss@example.com",
      scopes: Object.values(SCOPES).filter((s) => s !== SCOPES.email),
    });
    saveRules(
      props,
      { ...standardPreset(), overrides: { approvers: ["boss@example.com"], approvalFor: ["A"] } },
      NOW,
    );
    expect(() => approvePendingOverridesFromMenu()).toThrow(
      "You do not have permission to call Session.getActiveUser. Required permissions: https://www.googleapis.com/auth/userinfo.email",
    );
  });

  it("appsscript.json grants userinfo.email, so approving works", () => {
    const { fakes, props } = setup({ user: "boss@example.com" });
    saveRules(
      props,
      { ...standardPreset(), overrides: { approvers: ["boss@example.com"], approvalFor: ["A"] } },
      NOW,
    );
    approvePendingOverridesFromMenu();
    expect(fakes.spreadsheet.toasts.at(-1)).toBeDefined();
  });
});

describe("a simple edit trigger on a consumer account", () => {
  it("gets no editor address, and the audit row says so", () => {
    const { fakes, sheet } = setup({ user: "rep@gmail.com" });
    pass();
    fakes.platform.context = "simpleTrigger";
    (sheet.values[1] as unknown[])[4] = "B";
    onEdit({ range: sheet.getRange(2, 5) } as unknown as GoogleAppsScript.Events.SheetsOnEdit);
    fakes.platform.context = "menu";
    pass();
    const audit = fakes.spreadsheet.getSheetByName("LeadGrade 审计 Audit");
    expect(audit?.values[1]?.slice(1, 3)).toEqual([WHO_UNKNOWN, "赵六"]);
  });
});

describe("a clock run", () => {
  it.each([
    ["no active spreadsheet", { activeSpreadsheet: true }],
    ["no document lock", { documentLock: true }],
    ["no document properties", { documentProperties: true }],
  ])("with %s returns quietly: no throw, no mail, no write", (_, unavailable) => {
    const { fakes, sheet } = setup({ context: "clock" });
    const before = JSON.stringify(sheet.values);
    fakes.platform.unavailable = unavailable;
    expect(() => runHourlyPass()).not.toThrow();
    expect(fakes.outbox).toEqual([]);
    expect(JSON.stringify(sheet.values)).toBe(before);
    expect(fakes.log.calls.filter((c) => /set|insert|send/i.test(c))).toEqual([]);
  });

  it("over a sheet, rules and day it already did costs one read and no writes", () => {
    const { fakes } = setup({ context: "clock" });
    const first = runPriorityPass({
      now: NOW,
      remind: "on schedule",
      useActiveSheet: false,
      skipUnchanged: true,
    });
    expect(first.skipped).toBeUndefined();
    const mark = fakes.log.calls.length;
    const second = runPriorityPass({
      now: new Date(NOW.getTime() + 3_600_000),
      remind: "on schedule",
      useActiveSheet: false,
      skipUnchanged: true,
    });
    expect(second.skipped).toBe("unchanged");
    const calls = fakes.log.calls.slice(mark);
    expect(calls.filter((c) => /set|insert|send|clear|delete/i.test(c))).toEqual([]);
    expect(calls.filter((c) => c === "Range.getValues")).toHaveLength(1);
    // A changed cell makes the next run grade again.
    fakes.spreadsheet.sheets[0]?.getRange(2, 2).setValue("高");
    const third = runPriorityPass({
      now: new Date(NOW.getTime() + 7_200_000),
      remind: "on schedule",
      useActiveSheet: false,
      skipUnchanged: true,
    });
    expect(third.skipped).toBeUndefined();
    expect(third.changedCells).toBeGreaterThan(0);
  });
});

describe("the hourly trigger", () => {
  it("is one per user per document, found and removed though getUserTriggers does not list it", () => {
    const { fakes } = setup();
    expect(installHourlyTrigger()).toBe(true);
    expect(installHourlyTrigger()).toBe(false);
    expect(fakes.triggers).toHaveLength(1);
    expect(removeHourlyTrigger()).toBe(1);
    expect(fakes.allTriggers).toEqual([]);
  });

  it("of another document is never removed from this one", () => {
    const { fakes } = setup();
    fakes.allTriggers.push({
      handler: "runHourlyPass",
      everyHours: 1,
      id: "elsewhere",
      user: fakes.platform.effectiveUser,
      document: "another-spreadsheet",
    });
    installHourlyTrigger();
    expect(removeHourlyTrigger()).toBe(1);
    expect(fakes.allTriggers.map((t) => t.id)).toEqual(["elsewhere"]);
  });

  it("made twice by hand is refused by the platform, as Apps Script refuses it", () => {
    setup();
    installHourlyTrigger();
    expect(() => ScriptApp.newTrigger("runHourlyPass").timeBased().everyHours(1).create()).toThrow(
      /too many time-based triggers/,
    );
  });
});

describe("the protected audit sheet", () => {
  it("written by another editor's run waits in document properties, then lands with the owner's", () => {
    const { fakes, sheet } = setup();
    pass(); // the owner's first run: the audit sheet does not exist yet
    (sheet.values[1] as unknown[])[4] = "B";
    pass(); // the owner makes the protected audit sheet
    const audit = () => fakes.spreadsheet.getSheetByName("LeadGrade 审计 Audit");
    expect(audit()?.getLastRow()).toBe(2);
    fakes.platform.effectiveUser = "editor@example.com";
    (sheet.values[2] as unknown[])[4] = "C";
    expect(() => pass()).not.toThrow();
    expect(audit()?.getLastRow()).toBe(2);
    expect(fakes.documentProperties.store.get(AUDIT_QUEUE)).toContain("钱七");
    fakes.platform.effectiveUser = "owner@example.com";
    pass();
    expect(audit()?.getLastRow()).toBe(3);
    expect(audit()?.values[2]?.[2]).toBe("钱七");
    expect(fakes.documentProperties.store.has(AUDIT_QUEUE)).toBe(false);
  });
});

describe("LeadGrade's own sheets", () => {
  it("are added without taking the user away from the sheet they were on", () => {
    const { fakes, sheet } = setup();
    pass();
    writeReportSheetFromMenu();
    expect(fakes.spreadsheet.getActiveSheet()).toBe(sheet);
    expect(fakes.spreadsheet.sheets.length).toBeGreaterThan(2);
  });

  it("tag whole columns with developer metadata, which the platform requires", () => {
    const { sheet } = setup();
    pass();
    expect(() => sheet.getRange(1, 1, 10, 1).addDeveloperMetadata("k", "v")).toThrow(/arbitrary ranges/);
    expect(sheet.metadata.map((m) => m.column)).toEqual([7, 8, 9, 10, 11, 12, 13, 14, 15, 16]);
  });
});

describe("MailApp", () => {
  it("counts every recipient against the quota and refuses more than 50 in one message", () => {
    const { fakes } = setup({ mailQuota: 3 });
    MailApp.sendEmail({ to: "a@example.com", cc: "b@example.com,c@example.com", subject: "s", body: "b" });
    expect(fakes.mail.quota).toBe(0);
    const many = Array.from({ length: 51 }, (_, i) => `r${i}@example.com`).join(",");
    fakes.mail.quota = 100;
    expect(() => MailApp.sendEmail({ to: many, subject: "s", body: "b" })).toThrow(/too many recipients/);
  });
});
