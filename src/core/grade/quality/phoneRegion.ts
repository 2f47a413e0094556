/**
 * Phone numbers written without a country code ("660-485-0224") are valid or not only in some
 * country's numbering plan. The plan is the rules' `phoneRegion` when set; otherwise the region
 * that most of the column's numbers fit, tried over a bounded sample against the regions where
 * LeadGrade's users most often are. Validation is libphonenumber-js's, on its "min" metadata; the
 * add-on's bundle keeps only the plans of PHONE_REGIONS (build.mjs).
 */
import {
  type CountryCode,
  isSupportedCountry,
  ParseError,
  parsePhoneNumberWithError,
} from "libphonenumber-js/core";
import metadata from "libphonenumber-js/metadata.min.json";

/**
 * Set by build.mjs on the add-on's cut metadata: a number dialled to a country calling code the cut
 * does not carry ("+58 212 681 0538" in a US sheet) is not judged, as the command line with every
 * plan would judge it.
 */
const PARTIAL_METADATA = (metadata as { partial?: boolean }).partial === true;

/**
 * Regions tried, in this order, where the rules name none; on a near tie the earlier wins. China's plan
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
 * judges nothing else: `true`, nor does a number dialled to a country whose plan it does not carry.
 *
 * @example
 * isValidNationalPhone("660-485-0224", "US") // true
 */
export function isValidNationalPhone(text: string, region: string): boolean {
  // Short service numbers ("1234" is one in Germany) are no lead's phone.
  if (text.replace(/\D/g, "").length < 7) return false;
  if (!isSupportedCountry(region as CountryCode, metadata)) return true;
  try {
    return parsePhoneNumberWithError(
      text,
      { defaultCountry: region as CountryCode, extract: false },
      metadata,
    ).isValid();
  } catch (error) {
    return PARTIAL_METADATA && error instanceof ParseError && error.message === "INVALID_COUNTRY";
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
  const valid = PHONE_REGIONS.map((region) => sample.filter((p) => isValidNationalPhone(p, region)).length);
  const most = Math.max(...valid);
  // A loose plan takes the odd bad number a strict one refuses: the first region (the strictest
  // first) short of the best count by at most one number or a tenth wins, so one mistyped US
  // number does not make a US sheet Chinese.
  const chosen = valid.findIndex((v) => v >= most - Math.max(1, most / 10));
  return most * 2 >= sample.length ? { region: PHONE_REGIONS[chosen] as string, inferred: true } : undefined;
}
