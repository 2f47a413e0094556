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
});
