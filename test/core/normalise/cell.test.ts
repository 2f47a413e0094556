import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { trimText } from "../../../src/core/normalise/cell";

describe("trimText", () => {
  const spaces = [" ", "\t", "\n", "\u00a0", "\u3000", "\ufeff", "\u2009", "\u2028", "\u0001", "\u0085"];

  it("agrees with String.prototype.trim on any text, with any white space at either end", () => {
    const text = fc.tuple(
      fc.array(fc.constantFrom(...spaces), { maxLength: 3 }),
      fc.string({ unit: "binary", maxLength: 12 }),
      fc.array(fc.constantFrom(...spaces), { maxLength: 3 }),
    );
    fc.assert(
      fc.property(text, ([before, middle, after]) => {
        const cell = `${before.join("")}${middle}${after.join("")}`;
        expect(trimText(cell)).toBe(cell.trim());
      }),
    );
  });

  it("keeps a text with nothing to trim, and empties one of only spaces", () => {
    expect(trimText("高意向")).toBe("高意向");
    expect(trimText("\u3000 \u00a0")).toBe("");
    expect(trimText("")).toBe("");
  });
});
