/**
 * Calendar days without a clock. A "civil day" is the whole number of days since 1970-01-01 on
 * the calendar of some time zone; follow-up dates, holidays and as-of dates are civil days, so
 * day arithmetic never meets a daylight-saving edge. Converting an instant (a `Date` from Sheets)
 * to a civil day, and back, is the only place a time zone is needed.
 */
import { tzOffset } from "@date-fns/tz";

const MS_PER_DAY = 86_400_000;
const MS_PER_HOUR = 3_600_000;

/** A day number: days since 1970-01-01 on the calendar of the rule set's time zone. */
export type CivilDay = number;

/**
 * The civil day of a year, month (1–12) and day, or `undefined` when no such date exists.
 *
 * @example
 * civilDayFromYmd(1970, 1, 2) // 1
 * civilDayFromYmd(2026, 2, 30) // undefined
 */
export function civilDayFromYmd(year: number, month: number, day: number): CivilDay | undefined {
  if (month < 1 || month > 12 || day < 1 || day > 31 || year < 1000 || year > 9999) return undefined;
  const ms = Date.UTC(year, month - 1, day);
  const check = new Date(ms);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return undefined;
  return ms / MS_PER_DAY;
}

/**
 * The ISO `YYYY-MM-DD` text of a civil day.
 *
 * @example
 * isoFromCivilDay(20_759) // "2026-11-01"
 */
export function isoFromCivilDay(day: CivilDay): string {
  // A sheet holds a few hundred distinct days across many rows: format each once. Measured (npm
  // run bench, 2026-12-03): the pass with every row's output cells takes 640-657 ms with this
  // memo, 770-835 ms without.
  let iso = isoCache.get(day);
  if (iso === undefined) {
    iso = new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
    if (isoCache.size > 50_000) isoCache.clear();
    isoCache.set(day, iso);
  }
  return iso;
}

const isoCache = new Map<CivilDay, string>();

/** Parses exactly `YYYY-MM-DD`; anything else is `undefined`. */
export function civilDayFromIso(text: string): CivilDay | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return undefined;
  return civilDayFromYmd(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** Day of the week, 0 = Sunday … 6 = Saturday. 1970-01-01 was a Thursday. */
export function weekdayOf(day: CivilDay): number {
  return (((day + 4) % 7) + 7) % 7;
}

/**
 * Converts instants to civil days in one time zone. Offsets are looked up once per clock hour and
 * remembered, because a sheet's dates repeat a few hundred distinct values across many rows and
 * `Intl` look-ups are the slow part.
 */
export interface ZoneClock {
  readonly timeZone: string;
  /** The civil day on which the instant falls in this zone. */
  dayOf(instant: Date | number): CivilDay;
  /** The instant of local midnight at the start of the civil day. */
  startOf(day: CivilDay): Date;
  /** The local clock hour (0–23) of the instant in this zone. */
  hourOf(instant: Date | number): number;
}

/**
 * The port through which the host tells a zone's UTC offset: minutes the zone is ahead of UTC at
 * an instant (480 for Shanghai). Only the host knows: Node answers with Intl, Apps Script with
 * `Utilities.formatDate(d, tz, "Z")`. An answer it cannot give is an error, never UTC.
 */
export type ZoneOffset = (timeZone: string, instant: Date) => number;

/** The zone has no offset this host can tell: grading in UTC instead would shift every day. */
export class ZoneOffsetError extends Error {}

/**
 * Offsets from the runtime's Intl (via @date-fns/tz), for Node and browsers.
 *
 * @example
 * intlZoneOffset("Asia/Shanghai", new Date("2026-11-01T00:00:00Z")) // 480
 */
export const intlZoneOffset: ZoneOffset = (timeZone, instant) => {
  const offset = tzOffset(timeZone, instant);
  if (!Number.isFinite(offset))
    throw new ZoneOffsetError(
      `LeadGrade: this runtime cannot tell the UTC offset of the time zone "${timeZone}"`,
    );
  return offset;
};

const clocks = new Map<ZoneOffset, Map<string, ZoneClock>>();

/**
 * A cached {@link ZoneClock} for an IANA time zone, its offsets answered by the host's port.
 *
 * @example
 * zoneClock("Asia/Shanghai").dayOf(new Date("2026-10-31T16:00:00Z")) // civil day of 2026-11-01
 */
export function zoneClock(timeZone: string, offsetOf: ZoneOffset = intlZoneOffset): ZoneClock {
  let cached = clocks.get(offsetOf);
  if (!cached) {
    cached = new Map();
    clocks.set(offsetOf, cached);
  }
  const existing = cached.get(timeZone);
  if (existing) return existing;
  const offsets = new ZoneOffsets(timeZone, offsetOf);
  const clock: ZoneClock = {
    timeZone,
    dayOf(instant) {
      const ms = typeof instant === "number" ? instant : instant.getTime();
      return Math.floor((ms + offsets.minutes(ms) * 60_000) / MS_PER_DAY);
    },
    startOf(day) {
      return new Date(
        startOfDay(
          day,
          (ms) => offsets.minutes(ms),
          (ms) => clock.dayOf(ms),
        ),
      );
    },
    hourOf(instant) {
      const ms = typeof instant === "number" ? instant : instant.getTime();
      const local = ms + offsets.minutes(ms) * 60_000;
      return Math.floor((((local % MS_PER_DAY) + MS_PER_DAY) % MS_PER_DAY) / MS_PER_HOUR);
    },
  };
  cached.set(timeZone, clock);
  return clock;
}

/**
 * A zone's UTC offsets by clock hour, as the port answers them, each kept once asked. The port is
 * asked at the start of each UTC day; where the next day
 * starts at the same offset, every hour between has it too (no zone changes its offset twice within
 * a day). Only a day with a change asks hour by hour: a few hundred questions for a sheet of dates,
 * not one per hour (Apps Script answers each through a service call).
 */
class ZoneOffsets {
  private readonly byHour = new Map<number, number>();
  private readonly dayEdges = new Map<number, number>();

  constructor(
    private readonly timeZone: string,
    private readonly offsetOf: ZoneOffset,
  ) {}

  /** The offset in minutes at an instant (milliseconds since 1970); NaN for an invalid one. */
  minutes(ms: number): number {
    const hour = Math.floor(ms / MS_PER_HOUR);
    if (Number.isNaN(hour)) return Number.NaN;
    return remembered(this.byHour, hour, (h) => this.lookUp(h));
  }

  private lookUp(hour: number): number {
    const start = hour - (((hour % 24) + 24) % 24);
    const first = this.edge(start);
    return first === this.edge(start + 24) ? first : this.ask(hour);
  }

  private edge(hour: number): number {
    return remembered(this.dayEdges, hour, (h) => this.ask(h));
  }

  private ask(hour: number): number {
    const offset = this.offsetOf(this.timeZone, new Date(hour * MS_PER_HOUR));
    if (!Number.isFinite(offset))
      throw new ZoneOffsetError(`LeadGrade: no UTC offset for the time zone "${this.timeZone}"`);
    return offset;
  }
}

/** The value kept for a key, or the one `find` gives, kept from then on. */
function remembered(map: Map<number, number>, key: number, find: (key: number) => number): number {
  let value = map.get(key);
  if (value === undefined) {
    value = find(key);
    map.set(key, value);
  }
  return value;
}

/**
 * The first instant of a civil day: local midnight, or where the clocks skip midnight (daylight
 * saving starting at 00:00, as in Santiago or Havana) the moment they jump to, so the instant
 * always falls on its own day. Local midnight is tried with the offsets in force around it (the
 * earliest that lands on the day, for clocks that pass midnight twice); where none is the day's
 * first instant, the minute the day begins is searched for.
 */
function startOfDay(
  day: CivilDay,
  offsetMinutes: (ms: number) => number,
  dayOf: (ms: number) => CivilDay,
): number {
  const midnightUtc = day * MS_PER_DAY;
  let earliest = Number.POSITIVE_INFINITY;
  for (const hours of [-14, -7, 0, 7, 14]) {
    const ms = midnightUtc - offsetMinutes(midnightUtc + hours * MS_PER_HOUR) * 60_000;
    if (ms < earliest && dayOf(ms) === day) earliest = ms;
  }
  if (earliest !== Number.POSITIVE_INFINITY && dayOf(earliest - 1) < day) return earliest;
  // Offsets lie between −12 and +14 hours: 26 hours either side of midnight UTC bracket the day.
  let before = midnightUtc - 26 * MS_PER_HOUR;
  let after = midnightUtc + 26 * MS_PER_HOUR;
  while (after - before > 60_000) {
    const mid = before + Math.floor((after - before) / 120_000) * 60_000;
    if (dayOf(mid) >= day) after = mid;
    else before = mid;
  }
  return after;
}

/** True when `timeZone` is an IANA zone this runtime knows. */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone });
    return true;
  } catch {
    return false;
  }
}
