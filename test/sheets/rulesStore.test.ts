import { describe, expect, it } from "vitest";
import { standardPreset } from "../../src/core/index";
import { loadRules, restorePreviousRules, saveRules, splitByBytes } from "../../src/sheets/rulesStore";
import { makeGasFakes } from "../support/gasFakes";

const now = new Date("2026-11-22T02:00:00Z");
const props = () => makeGasFakes().documentProperties as unknown as GoogleAppsScript.Properties.Properties;

describe("rules store", () => {
  it("gives the standard preset in the sheet's time zone when nothing was saved", () => {
    const stored = loadRules(props(), "America/New_York");
    expect(stored).toMatchObject({ version: 0 });
    expect(stored.rules.timeZone).toBe("America/New_York");
    expect(stored.warning).toBeUndefined();
  });

  it("saves validated rules as the next version and reads them back", () => {
    const store = props();
    const rules = standardPreset();
    rules.grades[0] = { ...(rules.grades[0] as (typeof rules.grades)[number]), minScore: 80 };
    expect(saveRules(store, rules, now)).toEqual({ ok: true, version: 1 });
    expect(saveRules(store, rules, now)).toEqual({ ok: true, version: 2 });
    const stored = loadRules(store, "UTC");
    expect(stored.version).toBe(2);
    expect(stored.rules.grades[0]?.minScore).toBe(80);
  });

  it("refuses invalid rules and keeps what was stored", () => {
    const store = props();
    saveRules(store, standardPreset(), now);
    const result = saveRules(store, { ...standardPreset(), grades: [] }, now);
    expect(result.ok).toBe(false);
    expect(result.issues?.[0]).toEqual({ code: "too_small", path: ["grades"] });
    expect(loadRules(store, "UTC").version).toBe(1);
  });

  it("splits a large rule set into pieces under 9 KB each", () => {
    const fakes = makeGasFakes();
    const rules = standardPreset();
    // Many long Chinese phrases: three bytes a character, well past one property's 9 KB.
    rules.signals.items = Array.from({ length: 40 }, (_, i) => ({
      id: `s${i}`,
      label: `信号${i}`,
      phrases: Array.from({ length: 5 }, (_, k) => `客户明确表示需要尽快采购第${i}类第${k}号产品并索要报价`),
      points: 5,
    }));
    const store = fakes.documentProperties as unknown as GoogleAppsScript.Properties.Properties;
    expect(saveRules(store, rules, now).ok).toBe(true);
    const pieces = [...fakes.documentProperties.store.keys()].filter((k) =>
      /^leadgrade\.rules\.\d+$/.test(k),
    );
    expect(pieces.length).toBeGreaterThan(2);
    for (const [key, value] of fakes.documentProperties.store)
      expect(Buffer.byteLength(key + value)).toBeLessThanOrEqual(9 * 1024);
    expect(loadRules(store, "UTC").rules.signals.items).toHaveLength(40);
    // A smaller save removes the pieces it no longer needs.
    saveRules(store, standardPreset(), now);
    expect(
      [...fakes.documentProperties.store.keys()].filter((k) => /^leadgrade\.rules\.\d+$/.test(k)),
    ).toHaveLength(1);
  });

  it("falls back to the preset with a warning when the stored copy is corrupt", () => {
    const fakes = makeGasFakes();
    const store = fakes.documentProperties as unknown as GoogleAppsScript.Properties.Properties;
    saveRules(store, standardPreset(), now);
    fakes.documentProperties.store.set("leadgrade.rules.0", '{"schemaVersion":1,"name":');
    expect(loadRules(store, "UTC")).toMatchObject({
      warning: "stored_rules_invalid",
      rules: { preset: "standard" },
    });
    fakes.documentProperties.store.set("leadgrade.rules", "not json");
    expect(loadRules(store, "UTC").warning).toBe("stored_rules_invalid");
  });

  it("restores the previous version as a new version", () => {
    const store = props();
    const first = standardPreset();
    const second = { ...standardPreset(), name: "Stricter" };
    saveRules(store, first, now);
    saveRules(store, second, now);
    expect(restorePreviousRules(store, "UTC", now)).toEqual({ ok: true, version: 3 });
    expect(loadRules(store, "UTC").rules.name).toBe(first.name);
  });

  it("says when there is nothing to restore", () => {
    expect(restorePreviousRules(props(), "UTC", now).ok).toBe(false);
  });

  it("loads with one service call", () => {
    const fakes = makeGasFakes();
    loadRules(fakes.documentProperties as unknown as GoogleAppsScript.Properties.Properties, "UTC");
    expect(fakes.log.calls).toEqual(["Properties.getProperties"]);
  });
});

describe("splitByBytes", () => {
  it("never splits a character or a surrogate pair and keeps every piece within the limit", () => {
    const text = "ab中文😀".repeat(50);
    const pieces = splitByBytes(text, 10);
    expect(pieces.join("")).toBe(text);
    for (const piece of pieces) {
      expect(Buffer.byteLength(piece)).toBeLessThanOrEqual(10);
      expect(piece).not.toMatch(/^[\udc00-\udfff]|[\ud800-\udbff]$/);
    }
  });
});
