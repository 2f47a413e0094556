import { describe, expect, it } from "vitest";
import { memoize } from "../../src/core/memoize";

describe("memoize", () => {
  it("works each distinct key out once, undefined answers included", () => {
    const seen: string[] = [];
    const upper = memoize((s: string) => {
      seen.push(s);
      return s === "none" ? undefined : s.toUpperCase();
    });
    expect(["a", "b", "a", "none", "none", "b"].map(upper)).toEqual([
      "A",
      "B",
      "A",
      undefined,
      undefined,
      "B",
    ]);
    expect(seen).toEqual(["a", "b", "none"]);
  });

  it("keeps at most `limit` answers and still answers past it", () => {
    let calls = 0;
    const twice = memoize((n: number) => {
      calls++;
      return n * 2;
    }, 2);
    expect([1, 2, 3, 1, 2, 3, 3].map(twice)).toEqual([2, 4, 6, 2, 4, 6, 6]);
    expect(calls).toBe(5); // 1 and 2 remembered; 3 worked out each time
  });
});
