/**
 * The add-on's answer to the core's zone-offset port: Apps Script's own
 * `Utilities.formatDate(d, tz, "Z")` ("+0800"), which does not depend on the V8 runtime's Intl
 * (where Intl cannot give an offset, @date-fns/tz would answer NaN, and a silent UTC would shift
 * every day of a non-UTC sheet). An answer that is not an offset is an error, said plainly.
 */
import { type ZoneOffset, ZoneOffsetError } from "../core/index";

/**
 * @example
 * sheetsZoneOffset("Asia/Shanghai", new Date("2026-11-01T00:00:00Z")) // 480
 */
export const sheetsZoneOffset: ZoneOffset = (timeZone, instant) => {
  const text = Utilities.formatDate(instant, timeZone, "Z");
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(String(text).trim());
  if (!m)
    throw new ZoneOffsetError(
      `LeadGrade: Apps Script gave no UTC offset for the time zone "${timeZone}" (it answered "${text}")`,
    );
  const minutes = Number(m[2]) * 60 + Number(m[3]);
  return m[1] === "-" ? -minutes : minutes;
};
