import { readFileSync } from "node:fs";
import { type CountryCode, isValidPhoneNumber, type MetadataJson } from "libphonenumber-js/core";
import full from "libphonenumber-js/metadata.min.json";
import { describe, expect, it } from "vitest";
// @ts-expect-error: build.mjs is plain JavaScript
import { ADDON_PHONE_REGIONS, addonPhoneMetadata } from "../../build.mjs";

const cut = addonPhoneMetadata(full) as MetadataJson;

/** A seeded stream of numbers, so a failure names the same number every run. */
function* randomNumbers(count: number): Generator<string> {
  let seed = 20261203;
  const next = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed;
  };
  const prefixes = [
    "",
    "0",
    "+1",
    "+44",
    "+86",
    "+91",
    "+61",
    "+65",
    "+852",
    "+886",
    "+81",
    "+49",
    "+33",
    "001",
    "1",
  ];
  for (let i = 0; i < count; i++) {
    const length = 6 + (next() % 9);
    let digits = "";
    for (let d = 0; d < length; d++) digits += String(next() % 10);
    yield prefixes[next() % prefixes.length] + digits;
  }
}

/** Every phone-looking cell of the real exports kept as fixtures. */
function fixturePhones(): string[] {
  const out: string[] = [];
  for (const file of ["zoho-leads.csv", "us-opportunities.csv", "huike-clues.csv", "odoo-crm-leads.csv"]) {
    const text = readFileSync(new URL(`../fixtures/real/${file}`, import.meta.url), "utf8");
    out.push(...(text.match(/\+?[\d(][\d ().-]{6,18}\d/g) ?? []));
  }
  return out;
}

describe("the add-on's cut phone metadata", () => {
  it("keeps only the add-on's regions and none of the formatting patterns", () => {
    expect(Object.keys(cut.countries).sort()).toEqual([...ADDON_PHONE_REGIONS].sort());
    for (const entry of Object.values(cut.countries)) expect(entry[4]).toEqual([]);
    expect(JSON.stringify(cut).length).toBeLessThan(8_000);
  });

  it("drops only formatting: every number validates as with the full metadata, in every kept region", () => {
    // The same regions, formats kept: what dropping the formats alone may change.
    const regionsOnly = {
      ...cut,
      countries: Object.fromEntries(
        ADDON_PHONE_REGIONS.map((r: CountryCode) => [r, (full as MetadataJson).countries[r]]),
      ),
    } as MetadataJson;
    const numbers = [...fixturePhones(), ...randomNumbers(20_000)];
    expect(numbers.length).toBeGreaterThan(20_100);
    let valid = 0;
    const differ: string[] = [];
    for (const text of numbers) {
      for (const region of ADDON_PHONE_REGIONS as CountryCode[]) {
        const withFormats = isValidPhoneNumber(text, region, regionsOnly);
        if (withFormats !== isValidPhoneNumber(text, region, cut)) differ.push(`${region} ${text}`);
        if (withFormats) valid++;
      }
    }
    expect(differ).toEqual([]);
    // The comparison means something only if both answers occur.
    expect(valid).toBeGreaterThan(1_000);
  });
});
