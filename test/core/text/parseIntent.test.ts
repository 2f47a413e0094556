import { describe, expect, it } from "vitest";
import { INVALID } from "../../../src/core/text/cell";
import { parseIntent } from "../../../src/core/text/parseIntent";

describe("parseIntent", () => {
  it.each([
    ["高", "high"],
    ["高意向", "high"],
    ["中", "medium"],
    ["中意向", "medium"],
    ["低", "low"],
    ["High", "high"],
    ["medium", "medium"],
    ["LOW", "low"],
    ["hot", "high"],
    ["Warm", "medium"],
    ["cold", "low"],
    ["H", "high"],
    [5, "high"],
    ["3", "medium"],
    [9, "high"],
    [1, "low"],
    ["意向强", "high"],
    ["意愿高", "high"],
    ["购买意向较低", "low"],
    ["较高", "high"],
    ["Very High", "high"],
    ["Hot!", "high"],
    ["无意向", "low"],
    ["ＨＩＧＨ", "high"],
    ["Ｍｅｄｉｕｍ", "medium"],
  ])("reads %j as %s", (cell, intent) => {
    expect(parseIntent(cell)).toBe(intent);
  });

  it("leaves empty cells empty and marks unknown words unreadable", () => {
    expect(parseIntent("")).toBeUndefined();
    expect(parseIntent("maybe")).toBe(INVALID);
    // Between two levels is not a level: said, not guessed.
    expect(parseIntent("中高")).toBe(INVALID);
    expect(parseIntent("意向")).toBe(INVALID);
    expect(parseIntent(42)).toBe(INVALID);
  });

  it("reads how Chinese CRMs write it: 有意向, 无意向, 意向强烈, and 意向不明 as not known yet", () => {
    expect(["有意向", "无意向", "意向强烈", "没有意向"].map((t) => parseIntent(t))).toEqual([
      "medium",
      "low",
      "high",
      "low",
    ]);
    expect([parseIntent("意向不明"), parseIntent("unknown")]).toEqual([undefined, undefined]);
  });

  it("reads the words a rule set adds", () => {
    const words = new Map([
      ["a类客户", "high" as const],
      ["观望", "low" as const],
    ]);
    expect([parseIntent("A类客户", words), parseIntent("观望", words), parseIntent("观望")]).toEqual([
      "high",
      "low",
      INVALID,
    ]);
  });
});
