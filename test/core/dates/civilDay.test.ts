import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  civilDayFromIso,
  civilDayFromYmd,
  isoFromCivilDay,
  weekdayOf,
  zoneClock,
} from "../../../src/core/dates/civilDay";

describe("civil days", () => {
  it("counts days from 1970-01-01 and round-trips ISO text", () => {
    expect(civilDayFromYmd(1970, 1, 1)).toBe(0);
    expect(civilDayFromIso("2026-11-01")).toBe(20_758);
    expect(isoFromCivilDay(20_758)).toBe("2026-11-01");
  });

  it("rejects dates that do not exist", () => {
    expect(civilDayFromYmd(2026, 2, 29)).toBeUndefined();
    expect(civilDayFromYmd(2028, 2, 29)).toBeDefined();
    expect(civilDayFromIso("2026-13-01")).toBeUndefined();
    expect(civilDayFromIso("2026/11/01")).toBeUndefined();
  });

  it("knows the weekday", () => {
    expect(weekdayOf(civilDayFromIso("2026-11-22") as number)).toBe(0); // a Sunday
    expect(weekdayOf(civilDayFromIso("2026-11-23") as number)).toBe(1);
  });
});

describe("zoneClock", () => {
  // The same instant is a different calendar day in Shanghai and in New York, whatever TZ the process has.
  const instant = new Date("2026-11-01T20:00:00Z");

  it("reads an instant on the calendar of the rule set's zone, not the process's", () => {
    expect(isoFromCivilDay(zoneClock("Asia/Shanghai").dayOf(instant))).toBe("2026-11-02");
    expect(isoFromCivilDay(zoneClock("America/New_York").dayOf(instant))).toBe("2026-11-01");
    expect(isoFromCivilDay(zoneClock("UTC").dayOf(instant))).toBe("2026-11-01");
  });

  it("finds local midnight, also across a daylight-saving change", () => {
    expect(
      zoneClock("Asia/Shanghai")
        .startOf(civilDayFromIso("2026-11-01") as number)
        .toISOString(),
    ).toBe("2026-10-31T16:00:00.000Z");
    // New York leaves daylight saving on 2026-11-01: midnight is still EDT (UTC−4) that day.
    expect(
      zoneClock("America/New_York")
        .startOf(civilDayFromIso("2026-11-01") as number)
        .toISOString(),
    ).toBe("2026-11-01T04:00:00.000Z");
    expect(
      zoneClock("America/New_York")
        .startOf(civilDayFromIso("2026-11-02") as number)
        .toISOString(),
    ).toBe("2026-11-02T05:00:00.000Z");
  });

  it("reads a Sheets date cell (local midnight) as that same day", () => {
    const clock = zoneClock("Asia/Shanghai");
    const day = civilDayFromIso("2026-03-15") as number;
    expect(clock.dayOf(clock.startOf(day))).toBe(day);
  });

  it("reads any instant of 1950–2090 as Intl does, however far apart the instants asked (half-hour zones and DST too)", () => {
    const zones = [
      "Asia/Shanghai",
      "America/New_York",
      "Asia/Kolkata",
      "Asia/Kathmandu",
      "Australia/Lord_Howe",
    ];
    const formats = new Map(
      zones.map((z) => [
        z,
        new Intl.DateTimeFormat("en-CA", { timeZone: z, year: "numeric", month: "2-digit", day: "2-digit" }),
      ]),
    );
    const from = Date.UTC(1950, 0, 1);
    const to = Date.UTC(2090, 0, 1);
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.array(fc.integer({ min: from, max: to }), { minLength: 1, maxLength: 20 }),
        (zone, instants) => {
          const clock = zoneClock(zone);
          for (const ms of instants)
            expect(isoFromCivilDay(clock.dayOf(ms))).toBe(formats.get(zone)?.format(ms));
        },
      ),
      { numRuns: 300 },
    );
  });
});
