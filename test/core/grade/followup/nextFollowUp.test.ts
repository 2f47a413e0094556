import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { followUpStatus, nextFollowUp, workCalendar } from "../../../../src/core/grade/followup/nextFollowUp";
import { standardPreset } from "../../../../src/core/model/presets";
import type { GradeDef } from "../../../../src/core/model/schema";
import { isoFromCivilDay, weekdayOf } from "../../../../src/core/text/civilDay";
import { day } from "../../../support/leadTable";

const grades = standardPreset().grades;
const grade = (name: string) => grades.find((g) => g.grade === name) as GradeDef;
const weekdays = workCalendar({ workingDays: [1, 2, 3, 4, 5], holidays: [], extraWorkingDays: [] });
const asOf = day("2026-11-22");
const next = (facts: { lastContact?: string; created?: string }, g: string, calendar = weekdays) =>
  isoFromCivilDay(
    nextFollowUp(
      {
        lastContact: facts.lastContact === undefined ? undefined : day(facts.lastContact),
        created: facts.created === undefined ? undefined : day(facts.created),
      },
      grade(g),
      calendar,
      asOf,
    ),
  );

describe("nextFollowUp", () => {
  it("follows the grade's cadence from the last contact (seed 004)", () => {
    expect(next({ lastContact: "2026-11-16" }, "A")).toBe("2026-11-17"); // daily
    expect(next({ lastContact: "2026-11-16" }, "B")).toBe("2026-11-18"); // every 2–3 days
    expect(next({ lastContact: "2026-11-16" }, "C")).toBe("2026-11-23"); // weekly
    expect(next({ lastContact: "2026-11-16" }, "D")).toBe("2026-12-16"); // monthly
  });

  it("wants a new A lead contacted within 24 hours of its creation", () => {
    expect(next({ created: "2026-11-17" }, "A")).toBe("2026-11-18");
  });

  it("moves a follow-up that falls on a weekend to Monday", () => {
    expect(next({ lastContact: "2026-11-20" }, "A")).toBe("2026-11-23"); // Friday + 1 = Saturday → Monday
  });

  it("skips holidays and works on make-up working days (调休)", () => {
    const calendar = workCalendar({
      workingDays: [1, 2, 3, 4, 5],
      holidays: ["2026-10-01", "2026-10-02"],
      extraWorkingDays: ["2026-10-10"],
    });
    expect(next({ lastContact: "2026-09-30" }, "A", calendar)).toBe("2026-10-05");
    expect(next({ lastContact: "2026-10-09" }, "A", calendar)).toBe("2026-10-10"); // a Saturday that is a working day
  });

  it("is due today for a lead with no dates at all", () => {
    expect(next({}, "C")).toBe("2026-11-23"); // today is Sunday: the next working day
  });
});

describe("followUpStatus", () => {
  it("is overdue before today, due today, upcoming after", () => {
    expect(followUpStatus(asOf - 1, asOf)).toBe("overdue");
    expect(followUpStatus(asOf, asOf)).toBe("due");
    expect(followUpStatus(asOf + 1, asOf)).toBe("upcoming");
  });

  it("answers every day alike whatever order the days are asked in (its answers are remembered)", () => {
    const followUp = {
      workingDays: [1, 2, 3, 4, 5],
      holidays: ["2026-10-01", "2026-10-02", "2031-01-01"],
      extraWorkingDays: ["2026-09-27"],
    };
    const special = [...followUp.holidays, ...followUp.extraWorkingDays].map(day);
    const expected = (d: number) =>
      d === day("2026-09-27") ||
      ([1, 2, 3, 4, 5].includes(weekdayOf(d)) && !followUp.holidays.map(day).includes(d));
    const anyDay = fc.oneof(
      fc.constantFrom(...special),
      fc.integer({ min: day("2026-01-01"), max: day("2027-12-31") }),
      fc.integer({ min: -100_000, max: 100_000 }),
      fc.double({ noNaN: true, min: -1e6, max: 1e6 }),
    );
    fc.assert(
      fc.property(fc.array(anyDay, { minLength: 1, maxLength: 60 }), (days) => {
        const calendar = workCalendar(followUp);
        for (const d of [...days, ...days]) expect(calendar.isWorkingDay(d)).toBe(expected(d));
      }),
    );
  });
});
