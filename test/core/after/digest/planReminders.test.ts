import { describe, expect, it } from "vitest";
import type { Digest } from "../../../../src/core/after/digest/buildDigests";
import { isEmailAddress, planReminders, remindersDue } from "../../../../src/core/after/digest/planReminders";

const digest = (owner: string, leads = 1): Digest => ({
  owner,
  leads: Array.from({ length: leads }, (_, i) => ({
    row: i,
    name: `L${i}`,
    grade: "A",
    nextFollowUp: "2026-11-20",
    daysOverdue: 2,
    gradeRank: 0,
    why: "",
  })),
  conflicts: [],
});
const reps = [
  { name: "李雷", email: "lilei@example.com" },
  { name: "韩梅梅", email: "not an address" },
];

describe("planReminders", () => {
  it("reaches owners by the address in the cell or through the rep directory", () => {
    const plan = planReminders([digest("tom@example.com"), digest("李雷")], reps, [], 10);
    expect(plan.send.map((s) => [s.owner, s.to])).toEqual([
      ["tom@example.com", "tom@example.com"],
      ["李雷", "lilei@example.com"],
    ]);
  });

  it("reports owners without a valid address instead of guessing", () => {
    const plan = planReminders([digest("韩梅梅"), digest("王强")], reps, [], 10);
    expect(plan.invalid).toEqual([
      { owner: "韩梅梅", address: "not an address" },
      { owner: "王强", address: "" },
    ]);
    expect(plan.send).toEqual([]);
  });

  it("skips owners already reminded today", () => {
    const plan = planReminders([digest("李雷"), digest("tom@example.com")], reps, ["李雷"], 10);
    expect(plan.alreadySent).toEqual(["李雷"]);
    expect(plan.send.map((s) => s.owner)).toEqual(["tom@example.com"]);
  });

  it("keeps what the day's quota cannot cover for the next run", () => {
    const plan = planReminders(
      [digest("a@example.com"), digest("b@example.com"), digest("c@example.com")],
      [],
      [],
      1,
    );
    expect(plan.send.map((s) => s.to)).toEqual(["a@example.com"]);
    expect(plan.waiting.map((w) => w.to)).toEqual(["b@example.com", "c@example.com"]);
  });

  it("sends one message per address, case-folded, with the leads of every name that reaches it", () => {
    const plan = planReminders(
      [digest("Bob", 1), digest("bob", 2), digest("BOB@example.com", 1)],
      [{ name: "bob", email: "bob@example.com" }],
      [],
      10,
    );
    expect(plan.send.map((s) => [s.owner, s.key, s.digest.leads.length])).toEqual([
      ["Bob", "bob@example.com", 4],
    ]);
  });

  it("reads the ledger by address whatever its case", () => {
    const plan = planReminders(
      [digest("LiLei@Example.com"), digest("李雷")],
      reps,
      ["lilei@EXAMPLE.com"],
      10,
    );
    expect(plan.alreadySent).toEqual(["LiLei@Example.com", "李雷"]);
    expect(plan.send).toEqual([]);
  });

  it("counts each message's copies against the quota", () => {
    const plan = planReminders([digest("a@example.com"), digest("b@example.com")], [], [], 3, [], 2);
    expect(plan.send.map((s) => s.to)).toEqual(["a@example.com"]);
    expect(plan.waiting.map((w) => w.to)).toEqual(["b@example.com"]);
  });

  it("never plans an empty digest", () => {
    expect(planReminders([digest("a@example.com", 0)], [], [], 5).send).toEqual([]);
  });
});

describe("isEmailAddress", () => {
  it.each([
    ["lead@example.com", true],
    [" Lead.Name+tag@example.co.uk ", true],
    ["not-an-email", false],
    ["a@b", false],
    ["a b@example.com", false],
    ["李雷", false],
  ])("%j → %s", (text, ok) => {
    expect(isEmailAddress(text)).toBe(ok);
  });
});

describe("who and when", () => {
  it("sends only to the chosen owners when a list is given, matching names loosely", () => {
    const plan = planReminders([digest("a@x.com"), digest("b@x.com")], [], [], 10, [" A@X.com"]);
    expect(plan.send.map((s) => s.owner)).toEqual(["a@x.com"]);
  });

  it("is due from the send hour on, in the rules' zone, and never when off", () => {
    const settings = { enabled: true, sendHour: 8, owners: [], cc: [] };
    // 23:59 UTC = 07:59 in Shanghai; one minute later it is 08:00 there.
    expect(remindersDue(settings, new Date("2026-11-22T23:59:00Z"), "Asia/Shanghai")).toBe(false);
    expect(remindersDue(settings, new Date("2026-11-23T00:00:00Z"), "Asia/Shanghai")).toBe(true);
    expect(remindersDue(settings, new Date("2026-11-23T00:00:00Z"), "UTC")).toBe(false);
    // Across a DST change: 08:30 local in New York on the first day of standard time.
    expect(remindersDue(settings, new Date("2026-11-01T13:30:00Z"), "America/New_York")).toBe(true);
    expect(remindersDue(settings, new Date("2026-11-01T12:30:00Z"), "America/New_York")).toBe(false);
    expect(
      remindersDue({ ...settings, enabled: false }, new Date("2026-11-23T05:00:00Z"), "Asia/Shanghai"),
    ).toBe(false);
  });
});
