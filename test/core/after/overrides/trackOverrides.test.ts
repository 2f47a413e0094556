import { describe, expect, it } from "vitest";
import {
  formatOverrideState,
  type OverrideState,
  parseOverrideState,
  trackOverrides,
} from "../../../../src/core/after/overrides/trackOverrides";
import { runPass, standardPreset } from "../../../../src/core/index";
import { leadTable } from "../../../support/leadTable";

const asOf = "2026-11-22";
const blank = { seen: "", approved: "" };

function track(
  overrides: string[],
  states: OverrideState[] = overrides.map(() => blank),
  approver?: string,
  approvers: string[] = [],
) {
  const rules = standardPreset();
  rules.overrides = { approvers, approvalFor: ["A"] };
  const table = leadTable(...overrides.map((o, i) => ({ 客户名称: `客户${i}`, 意向: "低", 手动等级: o })));
  const approved = states.map((s) => s.approved || undefined);
  const result = runPass(table, rules, { asOf, approvedOverrides: approved });
  return trackOverrides({ result, overrides, reasons: overrides.map(() => "老板要求"), states, approver });
}

describe("trackOverrides", () => {
  it("records a grade set by hand, with the grade the rules gave before", () => {
    const { states, audit } = track(["B"]);
    expect(states).toEqual([{ seen: "B", approved: "" }]);
    expect(audit).toEqual([
      { row: 0, lead: "客户0", action: "set", from: "D", to: "B", reason: "老板要求", who: "" },
    ]);
  });

  it("names who edited the grade when the edit was noticed", () => {
    const { audit, states } = track(["B"], [{ seen: "", approved: "", editor: "rep@example.com" }]);
    expect(audit[0]).toMatchObject({ action: "set", who: "rep@example.com" });
    expect(states[0]).toEqual({ seen: "B", approved: "" });
  });

  it("records a change and a clearing, and nothing when nothing changed", () => {
    expect(track(["C"], [{ seen: "B", approved: "" }]).audit[0]).toMatchObject({
      action: "changed",
      from: "B",
      to: "C",
    });
    expect(track([""], [{ seen: "B", approved: "" }]).audit[0]).toMatchObject({
      action: "cleared",
      from: "B",
      to: "",
    });
    expect(track(["B"], [{ seen: "B", approved: "" }]).audit).toEqual([]);
  });

  it("records a supervisor's approval of a pending grade, and the approval sticks", () => {
    const first = track(["A"], [blank], "boss@example.com", ["boss@example.com"]);
    expect(first.audit.map((a) => [a.action, a.who])).toEqual([
      ["set", ""],
      ["approved", "boss@example.com"],
    ]);
    expect(first.states[0]).toEqual({ seen: "A", approved: "A" });
    // Next run: still approved, nothing new to record.
    expect(track(["A"], first.states, undefined, ["boss@example.com"])).toEqual({
      states: first.states,
      audit: [],
    });
  });

  it("drops an approval when the hand-set grade changes", () => {
    expect(track(["B"], [{ seen: "A", approved: "A" }]).states[0]).toEqual({ seen: "B", approved: "" });
  });
});

describe("override state text", () => {
  it("round-trips and stays empty for leads never touched", () => {
    expect(parseOverrideState(formatOverrideState({ seen: "A", approved: "A" }))).toEqual({
      seen: "A",
      approved: "A",
    });
    expect(formatOverrideState(blank)).toBe("");
    expect(parseOverrideState("")).toEqual(blank);
    expect(parseOverrideState(formatOverrideState({ seen: "", approved: "", editor: "a@b.cn" }))).toEqual({
      seen: "",
      approved: "",
      editor: "a@b.cn",
    });
    expect(parseOverrideState(undefined)).toEqual(blank);
  });
});
