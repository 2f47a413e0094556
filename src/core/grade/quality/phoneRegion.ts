/**
 * Phone numbers written without a country code ("660-485-0224") are valid or not only in some
 * country's numbering plan. The plan is the rules' `phoneRegion` when set; otherwise the region
 * that most of the column's numbers fit, tried over a bounded sample against the regions where
 * LeadGrade's users most often are. Validation is libphonenumber-js's, on its "min" metadata; the
 * add-on's bundle keeps only the plans of PHONE_REGIONS (build.mjs).
 */
import { type CountryCode, isSupportedCountry, isValidPhoneNumber } from "libphonenumber-js/core";
import metadata from "libphonenumber-js/metadata.min.json";

/**
 * Regions tried, in this order, where the rules name none; on a tie the earlier wins. China's plan
 * takes most 10–12 digit numbers, so the stricter US and UK plans come before it: Chinese mobiles
 * (11 digits from 1) and landlines (0 + area code) fit neither.
 * A `phoneRegion` outside these is checked by the command line but not by the add-on.
 */
export const PHONE_REGIONS: readonly CountryCode[] = [
  "US",
  "GB",
  "CN",
  "IN",
  "CA",
  "AU",
  "SG",
  "HK",
  "TW",
  "JP",
  "DE",
  "FR",
];
/** Numbers sampled to choose a region. */
const SAMPLE = 40;

export interface PhoneRegion {
  region: string;
  /** Whether the column's numbers chose it (false: the rules named it). */
  inferred: boolean;
}

/**
 * Whether text is a valid number in a region's plan (an international "+…" number in its own).
 * Fewer than 7 digits is never a lead's phone; a region whose plan this build does not carry
 * judges nothing else: `true`.
 *
 * @example
 * isValidNationalPhone("660-485-0224", "US") // true
 */
export function isValidNationalPhone(text: string, region: string): boolean {
  // Short service numbers ("1234" is one in Germany) are no lead's phone.
  if (text.replace(/\D/g, "").length < 7) return false;
  if (!isSupportedCountry(region as CountryCode, metadata)) return true;
  try {
    return isValidPhoneNumber(text, region as CountryCode, metadata);
  } catch {
    return false;
  }
}

/**
 * @example
 * choosePhoneRegion(["660-485-0224", "860-253-6354"]) // { region: "US", inferred: true }
 * choosePhoneRegion(["13812345678"], "CN") // { region: "CN", inferred: false }
 */
export function choosePhoneRegion(
  phones: readonly (string | undefined)[],
  configured?: string,
): PhoneRegion | undefined {
  if (configured) return { region: configured.toUpperCase(), inferred: false };
  const sample: string[] = [];
  const step = Math.max(1, Math.floor(phones.length / (SAMPLE * 4)));
  for (let i = 0; i < phones.length && sample.length < SAMPLE; i += step) {
    const p = phones[i]?.trim();
    // International numbers say their own country; only national ones need a plan.
    if (p && !p.startsWith("+") && !p.startsWith("00")) sample.push(p);
  }
  if (sample.length === 0) return undefined;
  let best: { region: CountryCode; valid: number } | undefined;
  for (const region of PHONE_REGIONS) {
    const valid = sample.filter((p) => isValidNationalPhone(p, region)).length;
    if (valid > (best?.valid ?? 0)) best = { region, valid };
  }
  return best && best.valid * 2 >= sample.length ? { region: best.region, inferred: true } : undefined;
}
