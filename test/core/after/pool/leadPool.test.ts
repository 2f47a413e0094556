import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { alertMessage } from "../../../../src/core/after/alerts/alertMessage";
import { poolAlerts } from "../../../../src/core/after/alerts/poolAlerts";
import { type HistoryEntry, historyChanges } from "../../../../src/core/after/history/gradeHistory";
import {
  canTake,
  leadsToReclaim,
  reclaimText,
  takeRefusalText,
  workingDaysSince,
} from "../../../../src/core/after/pool/leadPool";
import { workCalendar } from "../../../../src/core/grade/followup/nextFollowUp";
import { standardPreset } from "../../../../src/core/model/presets";
import type { RuleSet } from "../../../../src/core/model/schema";
import { runPass, type Table } from "../../../../src/core/pass/runPass";
import { civilDayFromIso, isoFromCivilDay, zoneClock } from "../../../../src/core/text/civilDay";

const HEADER = ["客户名称", "邮箱", "意向", "负责人", "最近联系", "状态"];
const LIMITS = { firstContactDays: 1, followUpDays: 3 };

function poolRules(change: Partial<RuleSet["pool"]> = {}): RuleSet {
  const rules = standardPreset();
  rules.pool = {
    ...rules.pool,
    enabled: true,
    protectionDays: 2,
    limits: Object.fromEntries(rules.grades.map((g) => [g.grade, LIMITS])),
    ...change,
  };
  return rules;
}

/** A history in which each lead was taken by its owner on `day`. */
function takenOn(day: string, leads: [string, string][]): HistoryEntry[] {
  return leads.map(([lead, owner]) => ({
    day,
    lead,
    scoreFrom: null,
    scoreTo: 50,
    gradeFrom: null,
    gradeTo: "B",
    overdueFrom: false,
    overdueTo: false,
    moved: "",
    why: "",
    owner,
  }));
}

const day = (iso: string) => civilDayFromIso(iso) as number;

describe("the lead pool (公海)", () => {
  // 2026-11-30 is a Monday.
  const table: Table = {
    header: HEADER,
    rows: [
      ["张三", "zs@example.com", "高", "王", "", ""],
      ["李四", "ls@example.com", "中", "赵", "2026-12-01", ""],
      ["王五", "ww@example.com", "高", "王", "", "已成交"],
      ["赵六", "zl@example.com", "高", "公海", "", ""],
      ["钱七", "qq@example.com", "高", "", "", ""],
    ],
  };
  const history = takenOn("2026-11-30", [
    ["zs@example.com", "王"],
    ["ls@example.com", "赵"],
    ["ww@example.com", "王"],
    ["zl@example.com", "公海"],
  ]);
  const rules = poolRules();

  it("leaves a lead alone in its protection period, then reclaims it when it was never contacted", () => {
    // Tuesday and Wednesday are the protection's two working days.
    const wednesday = runPass(table, rules, { asOf: "2026-12-02" });
    expect(leadsToReclaim(wednesday, rules, history)).toEqual([]);
    const thursday = runPass(table, rules, { asOf: "2026-12-03" });
    const reclaimed = leadsToReclaim(thursday, rules, history);
    expect(reclaimed).toEqual([
      expect.objectContaining({
        row: 0,
        lead: "张三",
        owner: "王",
        reason: "no_first_contact",
        days: 3,
        limit: 1,
        since: "2026-11-30",
      }),
    ]);
    expect(reclaimText(reclaimed[0] as never, "zh")).toBe("待收回公海:领取后 3 个工作日未首次联系(限 1 天)");
    expect(reclaimText(reclaimed[0] as never, "en")).toBe(
      "to reclaim for the pool: not contacted in 3 working days since taken (limit 1)",
    );
  });

  it("counts follow-ups from the last contact in working days, so a weekend adds nothing", () => {
    // 李四 was contacted on Tuesday 12-01: Friday is 3 working days on (the limit), Saturday and
    // Sunday add none, Monday is the fourth.
    for (const asOf of ["2026-12-04", "2026-12-05", "2026-12-06"]) {
      const result = runPass(table, rules, { asOf });
      expect(leadsToReclaim(result, rules, history).map((r) => r.lead)).not.toContain("李四");
    }
    const monday = runPass(table, rules, { asOf: "2026-12-07" });
    expect(leadsToReclaim(monday, rules, history).find((r) => r.lead === "李四")).toMatchObject({
      reason: "no_follow_up",
      days: 4,
      limit: 3,
    });
  });

  it("never reclaims a closed lead, one in the pool or an unowned one", () => {
    const late = runPass(table, rules, { asOf: "2027-03-01" });
    expect(leadsToReclaim(late, rules, history).map((r) => r.lead)).toEqual(["张三", "李四"]);
  });

  it("starts the clock for a lead the history does not know yet today, and for a new owner when taken", () => {
    const result = runPass(table, rules, { asOf: "2026-12-10" });
    expect(leadsToReclaim(result, rules, [])).toEqual([]);
    // 张三 went from 王 to 刘 on Wednesday 12-09: protected until Friday.
    const moved = runPass(
      { header: HEADER, rows: [["张三", "zs@example.com", "高", "刘", "2026-12-01", ""]] },
      rules,
      { asOf: "2026-12-10" },
    );
    const entries = [...history, ...takenOn("2026-12-09", [["zs@example.com", "刘"]])];
    expect(leadsToReclaim(moved, rules, entries)).toEqual([]);
    // A contact before 刘 took it is not 刘's first contact.
    const later = runPass(
      { header: HEADER, rows: [["张三", "zs@example.com", "高", "刘", "2026-12-01", ""]] },
      rules,
      { asOf: "2026-12-14" },
    );
    expect(leadsToReclaim(later, rules, entries)).toEqual([
      expect.objectContaining({ reason: "no_first_contact", since: "2026-12-09", days: 3 }),
    ]);
  });

  it("takes a grade's limits from its cadence plus the grace days when the rules set none", () => {
    const cadenced = poolRules({ limits: {}, graceDays: 2 });
    const result = runPass(table, cadenced, { asOf: "2026-12-09" });
    const zs = leadsToReclaim(result, cadenced, history).find((r) => r.lead === "张三");
    const grade = cadenced.grades.find((g) => g.grade === result.rows[0]?.grade);
    expect(zs?.limit).toBe((grade?.cadence.firstContactWithinDays ?? 0) + 2);
  });

  it("tells the owner of a lead to reclaim once for the day it was taken", () => {
    const thursday = runPass(table, rules, { asOf: "2026-12-03" });
    const reclaims = leadsToReclaim(thursday, rules, history);
    const first = poolAlerts(reclaims, thursday, new Set(), "zh");
    expect(first).toEqual([
      expect.objectContaining({
        lead: "张三",
        owner: "王",
        reason: "to_reclaim",
        detail: "待收回公海:领取后 3 个工作日未首次联系(限 1 天)",
        row: 2,
      }),
    ]);
    expect(poolAlerts(reclaims, thursday, new Set(first.map((a) => a.sent)), "zh")).toEqual([]);
    expect(alertMessage("slack", first, "zh").text).toContain(
      "张三 (王): 待收回公海:领取后 3 个工作日未首次联系",
    );
    // Moved at once (the rules' writeOwner): the owner hears it is back in the pool.
    expect(poolAlerts(reclaims, thursday, new Set(), "en", true)[0]?.detail).toBe(
      "back in the pool: not contacted in 3 working days since taken (limit 1)",
    );
  });

  it("records each change of owner in the history, which is how the pool knows who held a lead", () => {
    const before = runPass(table, rules, { asOf: "2026-12-03" });
    const first = historyChanges(before, [], "zh");
    const after = runPass(
      {
        header: HEADER,
        rows: table.rows.map((r, i) => (i === 0 ? [...r.slice(0, 3), "公海", ...r.slice(4)] : r)),
      },
      rules,
      { asOf: "2026-12-04" },
    );
    const added = historyChanges(after, first, "zh");
    expect(added.map((e) => [e.lead, e.owner])).toContainEqual(["zs@example.com", "公海"]);
  });

  describe("taking a lead from the pool", () => {
    const result = runPass(table, rules, { asOf: "2026-12-03" });

    it("takes only leads in the pool or unowned", () => {
      expect(canTake("王", 3, result, rules, history)).toEqual({ ok: true });
      expect(canTake("王", 4, result, rules, history)).toEqual({ ok: true });
      const taken = canTake("王", 1, result, rules, history);
      expect(taken).toEqual({ ok: false, reason: "not_in_pool" });
      expect(takeRefusalText(taken as never, "zh")).toBe("这条线索不在公海,已有负责人");
    });

    it("refuses a rep at the most open leads (closed ones do not count)", () => {
      const tight = poolRules({ maxPerRep: 1 });
      // 王 holds 张三 (open) and 王五 (won): one open lead.
      const answer = canTake("王", 3, result, tight, history);
      expect(answer).toEqual({ ok: false, reason: "at_limit", held: 1, max: 1 });
      expect(takeRefusalText(answer as never, "en")).toBe("You hold 1 open leads; the limit is 1");
      expect(canTake("赵", 3, result, poolRules({ maxPerRep: 2 }), history)).toEqual({ ok: true });
    });

    it("makes a rep who lost a lead to the pool wait the cooldown's working days to take it back", () => {
      // 赵六 was 孙's until Monday 11-30, when it went to the pool.
      const lost = [
        ...takenOn("2026-11-20", [["zl@example.com", "孙"]]),
        ...takenOn("2026-11-30", [["zl@example.com", "公海"]]),
      ];
      const cooled = poolRules({ cooldownDays: 5 });
      const answer = canTake("孙", 3, result, cooled, lost);
      // Five working days after Monday 11-30: Monday 12-07.
      expect(answer).toEqual({ ok: false, reason: "cooldown", from: "2026-12-07" });
      expect(takeRefusalText(answer as never, "zh")).toBe("你刚把这条线索退回公海,2026-12-07 起才能再领取");
      expect(canTake("王", 3, result, cooled, lost)).toEqual({ ok: true });
      const monday = runPass(table, cooled, { asOf: "2026-12-07" });
      expect(canTake("孙", 3, monday, cooled, lost)).toEqual({ ok: true });
    });
  });
});

describe("the pool's time limits, as properties", () => {
  const calendarArb = fc.record({
    workingDays: fc.uniqueArray(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 7 }),
    holidays: fc.uniqueArray(fc.integer({ min: 0, max: 120 }), { maxLength: 20 }),
  });
  const START = day("2026-11-01");
  const toFollowUp = (c: { workingDays: number[]; holidays: number[] }) => ({
    workingDays: c.workingDays,
    holidays: c.holidays.map((d) => isoFromCivilDay(START + d)),
    extraWorkingDays: [],
  });

  it("counts working days additively, never more than the days passed, all of them when every day works", () => {
    fc.assert(
      fc.property(calendarArb, fc.nat(120), fc.nat(60), fc.nat(60), (c, a, ab, bc) => {
        const calendar = workCalendar(toFollowUp(c));
        const [x, y, z] = [START + a, START + a + ab, START + a + ab + bc];
        const whole = workingDaysSince(x, z, calendar);
        expect(whole).toBe(workingDaysSince(x, y, calendar) + workingDaysSince(y, z, calendar));
        expect(whole).toBeLessThanOrEqual(z - x);
        const everyDay = workCalendar({
          workingDays: [0, 1, 2, 3, 4, 5, 6],
          holidays: [],
          extraWorkingDays: [],
        });
        expect(workingDaysSince(x, z, everyDay)).toBe(z - x);
      }),
    );
  });

  const leadArb = fc.record({
    takenAt: fc.nat(30),
    contactedAfter: fc.option(fc.nat(20), { nil: undefined }),
    protection: fc.nat(5),
    first: fc.nat(5),
    follow: fc.integer({ min: 1, max: 10 }),
  });

  /** Whether the one lead is to be reclaimed on `asOf`, through a whole pass. */
  function reclaimedOn(
    c: { workingDays: number[]; holidays: number[] },
    l: typeof leadArb extends fc.Arbitrary<infer T> ? T : never,
    asOf: string,
    timeZone = "Asia/Shanghai",
    now?: Date,
  ) {
    const rules = standardPreset(timeZone);
    rules.followUp = toFollowUp(c);
    rules.pool = {
      ...rules.pool,
      enabled: true,
      protectionDays: l.protection,
      limits: Object.fromEntries(
        rules.grades.map((g) => [g.grade, { firstContactDays: l.first, followUpDays: l.follow }]),
      ),
    };
    const taken = START + l.takenAt;
    const contact = l.contactedAfter === undefined ? "" : isoFromCivilDay(taken + l.contactedAfter);
    const table: Table = { header: HEADER, rows: [["张三", "zs@example.com", "高", "王", contact, ""]] };
    const result = runPass(table, rules, { asOf: now ?? asOf });
    return {
      result,
      reclaimed:
        leadsToReclaim(result, rules, takenOn(isoFromCivilDay(taken), [["zs@example.com", "王"]])).length > 0,
    };
  }

  it("changes a lead's state only on working days, and once reclaimed it stays so while nothing changes", () => {
    fc.assert(
      fc.property(calendarArb, leadArb, fc.integer({ min: 31, max: 90 }), (c, l, d) => {
        const calendar = workCalendar(toFollowUp(c));
        const today = START + d;
        const before = reclaimedOn(c, l, isoFromCivilDay(today - 1)).reclaimed;
        const now = reclaimedOn(c, l, isoFromCivilDay(today)).reclaimed;
        if (!calendar.isWorkingDay(today)) expect(now).toBe(before);
        if (before) expect(now).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it("reads 'today' in the rules' time zone: the same instant may be another day, and the pool follows that day", () => {
    const zones = [
      "Asia/Shanghai",
      "America/New_York",
      "Pacific/Kiritimati",
      "Pacific/Pago_Pago",
      "Europe/London",
    ];
    fc.assert(
      fc.property(
        calendarArb,
        leadArb,
        fc.constantFrom(...zones),
        fc.integer({ min: 31 * 24, max: 90 * 24 }),
        (c, l, zone, hours) => {
          const now = new Date((START * 24 + hours) * 3_600_000);
          const local = isoFromCivilDay(zoneClock(zone).dayOf(now));
          const byInstant = reclaimedOn(c, l, local, zone, now);
          expect(byInstant.result.asOf).toBe(local);
          expect(byInstant.reclaimed).toBe(reclaimedOn(c, l, local, zone).reclaimed);
        },
      ),
      { numRuns: 40 },
    );
  });
});
