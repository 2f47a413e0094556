import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { matchForm, matchPreimages, matchUnits, trimText } from "../../../src/core/text/cell";

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

describe("matchUnits", () => {
  const fold = matchUnits();
  const byUnits = (text: string) =>
    Array.from(text, (ch) =>
      ch.length === 1 ? String.fromCharCode(fold[ch.charCodeAt(0)] as number) : ch,
    ).join("");

  it("gives every unit the match form makes of it, wherever that is one unit", () => {
    let compared = 0;
    for (let c = 0; c < 65_536; c++) {
      if (c >= 0xd800 && c <= 0xdfff) continue;
      const form = matchForm(String.fromCharCode(c));
      if (form.length !== 1) {
        expect(fold[c]).toBe(c);
        continue;
      }
      expect(fold[c], `U+${c.toString(16)}`).toBe(form.charCodeAt(0));
      compared++;
    }
    expect(compared).toBeGreaterThan(63_000);
  });

  it("reads texts as matchForm makes them: full-width folded, lower-cased", () => {
    for (const text of [
      "ＡＳＫＥＤ　ｆｏｒ　ａ　Ｑｕｏｔｅ",
      "客户询问报价（工单 Q123）：想看 Demo",
      "Ärger ÜBER Preis",
    ])
      expect(byUnits(text)).toBe(matchForm(text));
  });

  it("lists, for every unit, exactly the units that fold to it", () => {
    const { starts, units } = matchPreimages();
    const seen = new Uint8Array(65_536);
    for (let u = 0; u < 65_536; u++)
      for (let k = starts[u] as number; k < (starts[u + 1] as number); k++) {
        const c = units[k] as number;
        expect(fold[c]).toBe(u);
        seen[c] = (seen[c] as number) + 1;
      }
    expect(seen.every((n) => n === 1)).toBe(true);
    expect(Array.from(units.subarray(starts[113], starts[114]), (c) => String.fromCharCode(c))).toEqual([
      "Q",
      "q",
      "Ｑ",
      "ｑ",
    ]);
  });
});
