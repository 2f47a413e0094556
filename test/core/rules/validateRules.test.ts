import { describe, expect, it } from "vitest";
import { simplePreset, standardPreset } from "../../../src/core/rules/presets";
import { describeRuleIssue, validateRules } from "../../../src/core/rules/validateRules";

describe("validateRules", () => {
  it("accepts both presets as they are", () => {
    expect(validateRules(standardPreset()).ok).toBe(true);
    expect(validateRules(simplePreset()).ok).toBe(true);
  });

  it("accepts a rule set as JSON text and fills defaults", () => {
    const { columns, dateOrder, ...saved } = standardPreset();
    const result = validateRules(JSON.stringify(saved));
    expect(result.ok && result.rules.columns).toEqual({});
    // Rule sets saved before the date order existed read dates as they always did.
    expect(result.ok && result.rules.dateOrder).toBe("ymd");
  });

  it("reports a date order it does not know, at its path", () => {
    const result = validateRules({ ...standardPreset(), dateOrder: "yyyy" });
    expect(!result.ok && result.issues).toEqual([{ code: "invalid_value", path: ["dateOrder"] }]);
  });

  it("reports thresholds that do not fall, at the grade's path", () => {
    const rules = standardPreset();
    rules.grades[1] = { ...(rules.grades[1] as (typeof rules.grades)[number]), minScore: 80 };
    const result = validateRules(rules);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.issues).toContainEqual({
      code: "thresholds_descending",
      path: ["grades", 1, "minScore"],
    });
  });

  it("reports an unknown time zone, a bad holiday and a bad colour", () => {
    const rules = standardPreset("Mars/Olympus");
    rules.followUp = { ...rules.followUp, holidays: ["2026-02-30"] };
    (rules.grades[0] as { color: string }).color = "red";
    const result = validateRules(rules);
    const codes = result.ok ? [] : result.issues.map((i) => i.code);
    expect(codes).toEqual(expect.arrayContaining(["time_zone", "date_format", "color_format"]));
  });

  it("reports points that are not whole numbers", () => {
    const rules = standardPreset();
    (rules.dimensions[0] as { points: number }).points = 2.5;
    const result = validateRules(rules);
    expect(!result.ok && result.issues[0]).toEqual({
      code: "not_integer",
      path: ["dimensions", 0, "points"],
    });
  });

  it("says what is wrong with text that is not JSON, instead of throwing", () => {
    expect(validateRules("{ not json")).toEqual({ ok: false, issues: [{ code: "not_json", path: [] }] });
    expect(validateRules(null).ok).toBe(false);
    expect(validateRules(42).ok).toBe(false);
  });

  it("describes issues in Chinese and English with the place they are", () => {
    const issue = { code: "thresholds_descending", path: ["grades", 1, "minScore"] };
    expect(describeRuleIssue(issue, "en")).toBe(
      "Grades › 2 › minimum score: grade thresholds must fall from the first grade to the last",
    );
    expect(describeRuleIssue(issue, "zh")).toBe("等级 › 2 › 最低分: 等级分数线须从高到低递减");
  });
});

describe("presets", () => {
  it("share nothing between calls, so editing one never changes another", () => {
    const edited = standardPreset();
    edited.signals.items.pop();
    edited.sources.entries[0]?.match.push("changed");
    edited.grades.reverse();
    const untouched = standardPreset();
    expect(untouched.signals.items).toHaveLength(4);
    expect(untouched.sources.entries[0]?.match).not.toContain("changed");
    expect(untouched.grades[0]?.grade).toBe("A");
    expect(simplePreset().signals.items).toHaveLength(4);
  });
});
