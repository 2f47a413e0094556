import { describe, expect, it } from "vitest";
import { mergeRows } from "../../../../src/core/grade/quality/mergeRows";

describe("mergeRows", () => {
  it("fills gaps from the other rows and keeps agreeing values as they are", () => {
    const date = new Date("2026-11-01T00:00:00+08:00");
    const merged = mergeRows([
      ["张三", "13812345678", "", date, 5],
      ["张三", "", "zs@example.com", new Date(date.getTime()), 5],
    ]);
    expect(merged.values).toEqual(["张三", "13812345678", "zs@example.com", date, 5]);
    expect(merged.joined).toEqual([]);
  });

  it("keeps every differing value, in row order", () => {
    const merged = mergeRows([
      ["张三", "高", "客户询问报价"],
      ["张三", "中", "要求演示"],
      ["张三", "高", ""],
    ]);
    expect(merged.values).toEqual(["张三", "高 | 中", "客户询问报价 | 要求演示"]);
    expect(merged.joined).toEqual([1, 2]);
  });

  it("handles rows of different lengths", () => {
    expect(mergeRows([["a"], ["a", "b"]]).values).toEqual(["a", "b"]);
  });
});
