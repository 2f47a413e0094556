import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { firstSamePair, firstSameText } from "../../../../src/core/grade/quality/firstSameText";

/** What a Map from text to its first row answers. */
function byMap(texts: readonly (string | undefined)[], skip?: Uint8Array): number[] {
  const first = new Map<string, number>();
  return texts.map((text, row) => {
    if (text === undefined || text === "" || skip?.[row] === 1) return -1;
    const seen = first.get(text);
    if (seen === undefined) first.set(text, row);
    return seen ?? -1;
  });
}

describe("firstSameText", () => {
  it("points each repeated text at its first row and leaves empty and skipped rows out", () => {
    const texts = ["a@x.cn", "b@x.cn", "a@x.cn", undefined, "", "", "b@x.cn", "a@x.cn"];
    const skip = Uint8Array.from([0, 0, 0, 0, 0, 0, 1, 0]);
    expect(Array.from(firstSameText(texts, skip))).toEqual([-1, -1, 0, -1, -1, -1, -1, 0]);
  });

  it("answers as a Map from text to first row would, for any texts", () => {
    // Few distinct characters, so texts repeat and hashes collide in the small table.
    const text = fc.option(fc.string({ unit: fc.constantFrom("a", "b", "张", "\u0000"), maxLength: 3 }), {
      nil: undefined,
    });
    fc.assert(
      fc.property(
        fc.array(text, { maxLength: 200 }),
        fc.array(fc.boolean(), { maxLength: 200 }),
        (texts, skips) => {
          const skip = Uint8Array.from(texts.map((_, i) => (skips[i] ? 1 : 0)));
          expect(Array.from(firstSameText(texts, skip))).toEqual(byMap(texts, skip));
        },
      ),
    );
  });

  it("tells apart many distinct texts", () => {
    const texts = Array.from({ length: 50_000 }, (_, i) => `lead${i % 40_000}@example.com`);
    const first = firstSameText(texts);
    expect(first[39_999]).toBe(-1);
    expect(first[40_000]).toBe(0);
    expect(first[49_999]).toBe(9_999);
  });

  it("points each repeated pair of numbers at its first row, as a Map keyed by the pair would", () => {
    const pair = fc.tuple(fc.integer({ min: -1, max: 6 }), fc.integer({ min: 0, max: 6 }));
    fc.assert(
      fc.property(fc.array(pair, { maxLength: 200 }), (pairs) => {
        const seen = new Map<string, number>();
        const expected = pairs.map(([x, y], row) => {
          if (x < 0) return -1;
          const earlier = seen.get(`${x},${y}`);
          if (earlier === undefined) seen.set(`${x},${y}`, row);
          return earlier ?? -1;
        });
        const a = Int32Array.from(pairs.map(([x]) => x));
        const b = Int32Array.from(pairs.map(([, y]) => y));
        expect(Array.from(firstSamePair(a, b))).toEqual(expected);
      }),
    );
    // Large numbers and many rows: the table still tells every pair apart.
    const rows = 50_000;
    const a = Int32Array.from({ length: rows }, (_, i) => (i * 7919) % 40_000);
    const b = Int32Array.from({ length: rows }, (_, i) => i % 3);
    const first = firstSamePair(a, b);
    for (let row = 0; row < rows; row++) {
      const f = first[row] as number;
      if (f >= 0) expect([a[f], b[f], f < row]).toEqual([a[row], b[row], true]);
    }
    expect(first.filter((f) => f >= 0).length).toBe(
      rows - new Set(Array.from(a, (x, i) => `${x},${b[i]}`)).size,
    );
  });
});
