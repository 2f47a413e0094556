import { describe, expect, it } from "vitest";
import { INVALID } from "../../../src/core/text/cell";
import { parseCount, parseMoney } from "../../../src/core/text/parseMoney";

describe("parseMoney", () => {
  it.each([
    ["¥50,000", 50_000],
    ["￥50,000", 50_000],
    ["5万", 50_000],
    ["1.2万", 12_000],
    ["1.2万元", 12_000],
    ["5w", 50_000],
    ["$8k", 8_000],
    ["8K", 8_000],
    ["1.5M", 1_500_000],
    ["2亿", 200_000_000],
    ["RMB 30,000", 30_000],
    ["30000元", 30_000],
    ["人民币5万", 50_000],
    ["5-10万", 50_000],
    ["50000", 50_000],
    [50_000, 50_000],
    ["５万", 50_000],
    ["50k-100k", 50_000],
    ["5万-10万", 50_000],
    ["约5万", 50_000],
    ["5万元左右", 50_000],
    ["~8k", 8_000],
    ["5万以上", 50_000],
    ["about $8,000", 8_000],
    ["¥3万起", 30_000],
    ["5万+", 50_000],
  ])("reads %j as %d", (cell, amount) => {
    expect(parseMoney(cell)).toBe(amount);
  });

  it.each(["面议", " 待定 ", "TBD", "N/A"])("reads %j as no amount yet, like an empty cell", (cell) => {
    expect(parseMoney(cell)).toBeUndefined();
  });

  it("treats empty cells as no amount and nonsense as unreadable", () => {
    expect(parseMoney("")).toBeUndefined();
    expect(parseMoney("  ")).toBeUndefined();
    expect(parseMoney("a lot")).toBe(INVALID);
    expect(parseMoney("5万5")).toBe(INVALID);
    // A ceiling is not an amount the lead committed to.
    expect(parseMoney("10万以内")).toBe(INVALID);
    expect(parseMoney("约")).toBe(INVALID);
    expect(parseMoney(Number.NaN)).toBe(INVALID);
  });
});

describe("parseCount", () => {
  it("reads counts written with units and separators", () => {
    expect(parseCount("3次")).toBe(3);
    expect(parseCount("1,200")).toBe(1200);
    expect(parseCount(7)).toBe(7);
    expect(parseCount("many")).toBe(INVALID);
  });
});
