import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  civilDayFromIso,
  civilDayFromYmd,
  intlZoneOffset,
  isoFromCivilDay,
  weekdayOf,
  ZoneOffsetError,
  zoneClock,
} from "../../../src/core/text/civilDay";

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

  it("asks the host's port for offsets, and fails loudly where it has no answer, never in UTC", () => {
    const asked: string[] = [];
    const fixed = (zone: string, instant: Date) => {
      asked.push(zone);
      return zone === "Etc/Nowhere" ? Number.NaN : 480 + 0 * instant.getTime();
    };
    expect(isoFromCivilDay(zoneClock("Asia/Shanghai", fixed).dayOf(new Date("2026-08-04T16:00:00Z")))).toBe(
      "2026-08-05",
    );
    expect(asked).toContain("Asia/Shanghai");
    expect(() => zoneClock("Etc/Nowhere", fixed).dayOf(new Date("2026-08-04T16:00:00Z"))).toThrow(
      ZoneOffsetError,
    );
    expect(() => intlZoneOffset("Not/AZone", new Date())).toThrow(ZoneOffsetError);
  });

  it("asks the port about once per UTC day the instants touch, not once per instant or hour", () => {
    let asked = 0;
    const counting = (zone: string, instant: Date) => {
      asked++;
      return intlZoneOffset(zone, instant);
    };
    const clock = zoneClock("America/New_York", counting);
    const start = Date.UTC(2025, 0, 1);
    const days = 730;
    let seed = 7;
    for (let i = 0; i < 100_000; i++) {
      seed = (seed * 48_271) % 2_147_483_647;
      clock.dayOf(start + (seed % (days * 24)) * 3_600_000 + (i % 60) * 60_000);
    }
    // Two years of instants at every hour: a question per day edge, and per hour on the 4 change days.
    expect(asked).toBeLessThanOrEqual(days + 1 + 4 * 24);
  });

  it("starts a day at the moment the clocks jump to where daylight saving skips midnight", () => {
    // Santiago 2026-09-06 and Havana 2026-03-08: 00:00 does not exist, the day begins at 01:00.
    for (const [zone, iso, start] of [
      ["America/Santiago", "2026-09-06", "2026-09-06T04:00:00.000Z"],
      ["America/Havana", "2026-03-08", "2026-03-08T05:00:00.000Z"],
    ] as const) {
      const clock = zoneClock(zone);
      const day = civilDayFromIso(iso) as number;
      expect(clock.startOf(day).toISOString()).toBe(start);
      expect(isoFromCivilDay(clock.dayOf(clock.startOf(day)))).toBe(iso);
    }
  });

  it("starts every day of every IANA zone on that day, the instant before on the day before (1995–2040)", () => {
    // Days around each change of offset (found by the local hour at noon UTC, week by week).
    const first = civilDayFromYmd(1995, 1, 1) as number;
    const last = civilDayFromYmd(2040, 1, 1) as number;
    const wrong: string[] = [];
    let checked = 0;
    for (const zone of Intl.supportedValuesOf("timeZone")) {
      const clock = zoneClock(zone);
      const noon = (day: number) => clock.hourOf(day * 86_400_000 + 43_200_000);
      let before = noon(first);
      for (let day = first + 7; day < last; day += 7) {
        const hour = noon(day);
        for (let d = day - 8; hour !== before && d <= day + 1; d++) {
          const start = clock.startOf(d).getTime();
          checked++;
          if (clock.dayOf(start) !== d || clock.dayOf(start - 1) !== d - 1)
            wrong.push(`${zone} ${isoFromCivilDay(d)}`);
        }
        before = hour;
      }
    }
    expect(checked).toBeGreaterThan(50_000);
    expect(wrong).toEqual([]);
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
