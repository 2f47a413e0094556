import { describe, expect, it } from "vitest";
import { standardPreset } from "../../src/core/index";
import { runPriorityPass } from "../../src/sheets/priorityPass";
import { saveRules } from "../../src/sheets/rulesStore";
import { type GasFakes, installGasFakes } from "../support/gasFakes";

const NOW = new Date("2026-11-22T02:00:00Z"); // 10:00 in Shanghai
const LONG_AGO = new Date("2026-10-01T00:00:00+08:00");
const HEADER = ["客户名称", "来源", "意向", "最近联系", "负责人"];

/** One overdue lead per owner cell given. */
function setup(owners: readonly string[], mailQuota = 100_000): GasFakes {
  const rows = owners.map((owner, i) => [`客户${i}`, "展会", "中", LONG_AGO, owner]);
  const fakes = installGasFakes({ sheets: { 线索: [HEADER, ...rows] }, mailQuota });
  saveRules(
    fakes.documentProperties as unknown as GoogleAppsScript.Properties.Properties,
    { ...standardPreset(), reps: [{ name: "Bob", email: "bob@example.com" }] },
    NOW,
  );
  return fakes;
}

const pass = (now = NOW) => runPriorityPass({ now, remind: "on schedule", useActiveSheet: true });

describe("the day's digests", () => {
  it("send one digest to one address, however its owner cells are written", () => {
    const fakes = setup(["Bob", "bob", "bob@example.com", " BOB@example.com "]);
    const report = pass();
    expect(fakes.outbox.map((m) => m.to.toLowerCase())).toEqual(["bob@example.com"]);
    expect(report.reminders?.sent).toHaveLength(1);
    // The one digest lists the leads of every spelling.
    for (let i = 0; i < 4; i++) expect(fakes.outbox[0]?.body).toContain(`客户${i}`);
  });

  it("do not mail an address twice on one day when its owner cell is retyped", () => {
    const fakes = setup(["lilei@example.com"]);
    pass();
    const sheet = fakes.spreadsheet.sheets[0];
    sheet?.getRange(2, 5).setValue("LILEI@example.com");
    const later = pass(new Date(NOW.getTime() + 3_600_000));
    expect(later.reminders?.sent).toEqual([]);
    expect(later.reminders?.alreadySent).toEqual(["LILEI@example.com"]);
    expect(fakes.outbox).toHaveLength(1);
  });

  it("reach 2,000 owners across runs, each once, with every property under 9 KB", () => {
    const owners = Array.from({ length: 2000 }, (_, i) => `rep.number.${i}@sales-team.example.com`);
    const fakes = setup(owners);
    // Each run may reach 150 more (what is left of the quota, as on a consumer account over days).
    let runs = 0;
    while (fakes.outbox.length < owners.length && runs < 30) {
      const before = fakes.outbox.length;
      fakes.mail.quota = 150;
      const report = pass(new Date(NOW.getTime() + runs * 60_000));
      expect(report.reminders?.sent.length).toBe(fakes.outbox.length - before);
      expect(fakes.outbox.length - before).toBe(Math.min(150, owners.length - before));
      for (const [key, value] of fakes.documentProperties.store)
        expect(Buffer.byteLength(key + value), key).toBeLessThanOrEqual(9 * 1024);
      runs++;
    }
    const addresses = fakes.outbox.map((m) => m.to);
    expect(new Set(addresses).size).toBe(2000);
    expect(addresses).toHaveLength(2000);
    expect(runs).toBe(14);
    // A later run that day sends nothing more.
    expect(pass(new Date(NOW.getTime() + 7_200_000)).reminders?.sent).toEqual([]);
  });

  it("start the next day with an empty ledger and no pieces of the day before", () => {
    const owners = Array.from({ length: 600 }, (_, i) => `owner${i}@sales-team.example.com`);
    const fakes = setup(owners);
    pass();
    expect(fakes.outbox).toHaveLength(600);
    const pieces = () =>
      [...fakes.documentProperties.store.keys()].filter((k) => k.startsWith("leadgrade.reminded."));
    expect(pieces().length).toBeGreaterThan(1);
    pass(new Date(NOW.getTime() + 86_400_000));
    expect(fakes.outbox).toHaveLength(1200);
    expect(pieces().length).toBeGreaterThan(1);
    expect(pieces().length).toBeLessThanOrEqual(4);
  });

  it("count each copied manager against the day's quota, and keep the rest waiting", () => {
    const fakes = setup(["a@example.com", "b@example.com", "c@example.com"], 5);
    saveRules(
      fakes.documentProperties as unknown as GoogleAppsScript.Properties.Properties,
      {
        ...standardPreset(),
        reminders: { enabled: true, sendHour: 8, owners: [], cc: ["boss@example.com"] },
      },
      NOW,
    );
    const report = pass();
    // Two recipients a message: 5 left reach two messages, not three.
    expect(report.reminders?.sent).toEqual(["a@example.com", "b@example.com"]);
    expect(report.reminders?.waiting).toEqual(["c@example.com"]);
  });

  it("keep going on the next run when MailApp refuses a message", () => {
    const fakes = setup(["a@example.com", "b@example.com"]);
    const mail = (globalThis as unknown as { MailApp: { sendEmail: (m: { to: string }) => void } }).MailApp;
    const original = mail.sendEmail;
    mail.sendEmail = (m) => {
      if (m.to === "a@example.com") throw new Error("Invalid email: a@example.com");
      original(m);
    };
    const report = pass();
    expect(report.reminders?.failed).toContain("Invalid email");
    expect(report.reminders?.waiting).toEqual(["a@example.com", "b@example.com"]);
    mail.sendEmail = original;
    expect(pass().reminders?.sent).toEqual(["a@example.com", "b@example.com"]);
    expect(fakes.outbox.map((m) => m.to)).toEqual(["a@example.com", "b@example.com"]);
  });
});
