import { describe, expect, it } from "vitest";
import { checkLeadGradeFromMenu, runSelfCheck } from "../../src/sheets/selfCheck";
import { installHourlyTrigger } from "../../src/sheets/triggers";
import { type FakeOptions, installGasFakes, SCOPES } from "../support/gasFakes";

const LEADS = [
  ["客户名称", "意向", "=LEADCOLUMNS(A1:B, LeadGrade_RulesVersion, LeadGrade_AsOf)"],
  ["张三", "高", ""],
];

function setup(options: FakeOptions = {}) {
  const fakes = installGasFakes({
    sheets: { 线索: LEADS.map((r) => [...r]) },
    user: "me@example.com",
    ...options,
  });
  const sheet = fakes.spreadsheet.sheets[0];
  sheet?.getRange(1, 3).setFormula(String(LEADS[0]?.[2]));
  return fakes;
}
const status = (items: ReturnType<typeof runSelfCheck>) =>
  Object.fromEntries(items.map((i) => [i.id, i.status]));

describe("Check LeadGrade in this document", () => {
  it("finds everything in order in a document set up as it should be", () => {
    const fakes = setup();
    installHourlyTrigger();
    const mark = fakes.log.calls.length;
    const items = runSelfCheck(new Date("2026-11-22T02:00:00Z"));
    expect(status(items)).toEqual({
      scopes: "ok",
      timeZones: "ok",
      properties: "ok",
      trigger: "ok",
      mail: "ok",
      size: "ok",
      formulas: "ok",
      alerts: "ok",
    });
    expect(items.find((i) => i.id === "timeZones")?.detail).toContain("Utilities 480 min, Intl 480 min");
    expect(items.find((i) => i.id === "formulas")?.detail).toBe("线索: LEADCOLUMNS");
    // It only reads.
    expect(fakes.log.calls.slice(mark).filter((c) => /set|insert|delete|clear|send/i.test(c))).toEqual([]);
  });

  it("names what is missing: a scope, document properties, the trigger, the formulas", () => {
    setup({
      scopes: Object.values(SCOPES).filter((s) => s !== SCOPES.mail),
      unavailable: { documentProperties: true },
    });
    const items = runSelfCheck(new Date());
    expect(status(items)).toMatchObject({
      scopes: "fail",
      mail: "fail",
      properties: "fail",
      trigger: "fail",
    });
    expect(items.find((i) => i.id === "scopes")?.detail).toBe("refused: script.send_mail");
    expect(items.find((i) => i.id === "mail")?.detail).toContain(`Required permissions: ${SCOPES.mail}`);
  });

  it("warns of a sheet without formula columns and of the hourly job being off", () => {
    installGasFakes({ sheets: { Leads: [["Name"], ["Lee"]] } });
    const items = runSelfCheck(new Date());
    expect(status(items)).toMatchObject({ formulas: "warn", trigger: "warn" });
  });

  it("shows its findings in a dialog in the user's language, escaped", () => {
    const fakes = setup({ locale: "en_US" });
    fakes.spreadsheet.sheets[0]?.getRange(1, 3).setFormula("");
    const sheet = fakes.spreadsheet.sheets[0];
    if (sheet) (sheet as unknown as { name: string }).name = "<b>leads</b>";
    checkLeadGradeFromMenu();
    expect(fakes.dialogs[0]?.title).toBe("Check LeadGrade");
    expect(fakes.dialogs[0]?.html).toContain("Scopes granted");
    expect(fakes.dialogs[0]?.html).toContain("&lt;b&gt;leads&lt;/b&gt;");
  });
});
