import { describe, expect, it } from "vitest";
import { simplePreset, standardPreset } from "../../../src/core/model/presets";
import { describeRuleIssue, type RuleIssue, validateRules } from "../../../src/core/model/validateRules";

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
    // The allowed values come with it, so a person can fix it.
    expect(!result.ok && result.issues).toEqual([
      { code: "invalid_value", path: ["dateOrder"], detail: '"ymd", "mdy", "dmy"' },
    ]);
    expect(describeRuleIssue((!result.ok && result.issues[0]) as RuleIssue, "en")).toBe(
      'dateOrder: is not one of the allowed values ("ymd", "mdy", "dmy")',
    );
  });

  it("takes a partial file that extends a preset, changing only what it names", () => {
    const result = validateRules(
      JSON.stringify({
        $schema: "./rules.schema.json",
        $comment: "US team",
        extends: "standard",
        dateOrder: "mdy",
        timeZone: "America/New_York",
        grades: standardPreset().grades.map((g) => (g.grade === "A" ? { ...g, minScore: 80 } : g)),
        outcomes: { won: ["Closed Won"] },
        ignore: ["Do Not Email"],
      }),
    );
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    expect(result.rules).toMatchObject({ dateOrder: "mdy", timeZone: "America/New_York", preset: "custom" });
    expect(result.rules.grades[0]?.minScore).toBe(80);
    expect(result.rules.dimensions).toEqual(standardPreset().dimensions);
    // Objects merge key by key: the preset's lost words stay, won is the file's.
    expect(result.rules.outcomes).toEqual({ won: ["Closed Won"], lost: standardPreset().outcomes.lost });
    expect(result.rules.ignore).toEqual(["Do Not Email"]);
  });

  it("refuses text nested thousands of levels deep before parsing it, in one issue", () => {
    const deep = `${"[".repeat(5000)}${"]".repeat(5000)}`;
    const result = validateRules(deep);
    expect(!result.ok && result.issues.map((i) => i.code)).toEqual(["too_big"]);
    // Brackets inside strings do not count.
    expect(validateRules(JSON.stringify({ ...standardPreset(), name: "[".repeat(70) })).ok).toBe(true);
  });

  it("names a key the rule set does not have, and a preset it does not know", () => {
    const typo = validateRules({ extends: "standard", timezone: "UTC" });
    expect(!typo.ok && typo.issues).toEqual([{ code: "unrecognized_keys", path: [], detail: "timezone" }]);
    const base = validateRules({ extends: "strict" });
    expect(!base.ok && base.issues).toEqual([
      { code: "invalid_value", path: ["extends"], detail: "standard, simple" },
    ]);
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
