import { describe, expect, it } from "vitest";
import { describeRuleIssue, type RuleIssue, standardPreset } from "../../src/core/index";
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
    // Two smaller saves later the large version is neither current nor previous: its pieces are gone.
    saveRules(store, standardPreset(), now);
    saveRules(store, standardPreset(), now);
    expect(
      [...fakes.documentProperties.store.keys()].filter((k) => /^leadgrade\.rules\.(prev\.)?\d+$/.test(k)),
    ).toHaveLength(2);
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

describe("rules store limits", () => {
  /** A valid rule set of about `kb` KB: long industry word lists. */
  const bigRules = (kb: number) => {
    const rules = standardPreset();
    const words = Array.from({ length: Math.ceil((kb * 1024) / 40) }, (_, i) => `制造业细分行业关键词${i}`);
    const [first, ...rest] = rules.industries.entries;
    if (!first) throw new Error("the preset has industries");
    rules.industries = { ...rules.industries, entries: [{ ...first, match: words }, ...rest] };
    return rules;
  };
  const store = () => {
    const fakes = makeGasFakes();
    return { fakes, props: fakes.documentProperties as unknown as GoogleAppsScript.Properties.Properties };
  };

  it("refuses a rule set over 100 KB with a message instead of a quota error later", () => {
    const { props } = store();
    const result = saveRules(props, bigRules(260), now);
    expect(result).toEqual({ ok: false, issues: [{ code: "rules_too_large", path: [] }] });
    expect(describeRuleIssue(result.issues?.[0] as RuleIssue, "en")).toContain("larger than 100 KB");
  });

  it("saves after a large save, again and again, and restores the large one", () => {
    const { fakes, props } = store();
    expect(saveRules(props, bigRules(95), now).ok).toBe(true);
    for (let i = 0; i < 3; i++)
      expect(saveRules(props, i % 2 ? bigRules(95) : standardPreset(), now).ok).toBe(true);
    expect(restorePreviousRules(props, "UTC", now).ok).toBe(true);
    expect(loadRules(props, "UTC").rules.industries.entries[0]?.match.length).toBeGreaterThan(1000);
    const total = [...fakes.documentProperties.store].reduce((n, [k, v]) => n + Buffer.byteLength(k + v), 0);
    expect(total).toBeLessThan(2 * 100 * 1024 + 4096);
  });

  it("answers a full store with ok: false and keeps the current version", () => {
    const { fakes, props } = store();
    saveRules(props, standardPreset(), now);
    // Someone else's properties fill the store nearly to its 500 KB.
    for (let i = 0; i < 52; i++) fakes.documentProperties.store.set(`other.${i}`, "x".repeat(9000));
    const result = saveRules(props, bigRules(95), now);
    expect(result).toEqual({ ok: false, issues: [{ code: "storage_full", path: [] }] });
    expect(loadRules(props, "UTC")).toMatchObject({ version: 1, rules: { preset: "standard" } });
    expect(loadRules(props, "UTC").warning).toBeUndefined();
  });

  it("notices a missing piece and falls back to the previous version with a warning", () => {
    const { fakes, props } = store();
    const first = { ...standardPreset(), name: "First" };
    saveRules(props, first, now);
    saveRules(props, bigRules(40), now);
    const pieces = [...fakes.documentProperties.store.keys()].filter((k) =>
      /^leadgrade\.rules\.prev\.\d+$/.test(k),
    );
    expect(pieces.length).toBeGreaterThan(2);
    // One middle piece gone: what is left would still be valid JSON with fewer words.
    fakes.documentProperties.store.delete(pieces[1] as string);
    const loaded = loadRules(props, "UTC");
    expect(loaded).toMatchObject({ warning: "stored_rules_invalid", version: 2, rules: { name: "First" } });
  });

  it("reads a stored piece count of 1e7 as damaged, at once", () => {
    const { fakes, props } = store();
    saveRules(props, standardPreset(), now);
    const meta = JSON.parse(fakes.documentProperties.store.get("leadgrade.rules") as string);
    fakes.documentProperties.store.set("leadgrade.rules", JSON.stringify({ ...meta, pieces: 1e7 }));
    const started = performance.now();
    expect(loadRules(props, "UTC").warning).toBe("stored_rules_invalid");
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it("reads rules saved before versions were checked by hash", () => {
    const { fakes, props } = store();
    const rules = { ...standardPreset(), name: "Old" };
    fakes.documentProperties.store.set("leadgrade.rules.0", JSON.stringify(rules));
    fakes.documentProperties.store.set(
      "leadgrade.rules",
      JSON.stringify({ version: 7, pieces: 1, savedAt: "" }),
    );
    expect(loadRules(props, "UTC")).toMatchObject({ version: 7, rules: { name: "Old" } });
    expect(saveRules(props, standardPreset(), now)).toEqual({ ok: true, version: 8 });
    expect(restorePreviousRules(props, "UTC", now)).toEqual({ ok: true, version: 9 });
    expect(loadRules(props, "UTC").rules.name).toBe("Old");
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
