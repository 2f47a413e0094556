import { describe, expect, it } from "vitest";
import { INVALID } from "../../../src/core/normalise/cell";
import { parseIntent } from "../../../src/core/normalise/parseIntent";

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
  ])("reads %j as %s", (cell, intent) => {
    expect(parseIntent(cell)).toBe(intent);
  });

  it("leaves empty cells empty and marks unknown words unreadable", () => {
    expect(parseIntent("")).toBeUndefined();
    expect(parseIntent("maybe")).toBe(INVALID);
    expect(parseIntent(42)).toBe(INVALID);
  });
});
