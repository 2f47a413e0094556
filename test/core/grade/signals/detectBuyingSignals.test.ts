import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compileSignalDetector } from "../../../../src/core/grade/signals/detectBuyingSignals";
import { standardPreset } from "../../../../src/core/model/presets";
import type { Signal } from "../../../../src/core/model/schema";
import { matchUnits } from "../../../../src/core/text/cell";
import { isWordChar } from "../../../../src/core/text/phrases";

const { items, negations } = standardPreset().signals;
const detect = compileSignalDetector(items, negations);
const ids = (notes: string) => detect(notes.toLowerCase()).map((s) => s.id);

describe("detectBuyingSignals", () => {
  it.each([
    ["客户询问报价", ["quote"]],
    ["问了多少钱", ["quote"]],
    ["想约一次产品演示", ["demo"]],
    ["索要合同样本", ["contract"]],
    ["客户询问报价，想看演示，还要了合同", ["quote", "demo", "contract"]],
    ["Asked for a quote and a demo", ["quote", "demo"]],
    ["Requested pricing; wants a free trial", ["quote", "demo"]],
    ["Legal reviewing the contract", ["contract"]],
  ])("finds the signals in %j", (notes, expected) => {
    expect(ids(notes)).toEqual(expected);
  });

  it.each([
    "目前不需要报价",
    "暂时不考虑演示",
    "not interested in pricing",
    "no demo please",
    "We don't need a quote",
  ])("ignores a negated signal in %j", (notes) => {
    expect(ids(notes).filter((id) => id !== "notNow")).toEqual([]);
  });

  it("keeps a signal when the negation belongs to another clause", () => {
    expect(ids("没问题，发报价")).toEqual(["quote"]);
    expect(ids("不需要演示，但是询问报价")).toEqual(["quote"]);
  });

  it("matches English phrases as whole words only", () => {
    expect(ids("industrial client")).toEqual([]);
    expect(ids("demonstrated nothing")).toEqual([]);
  });

  it("finds cooling signals, which carry negative points", () => {
    const found = detect("客户说暂时不考虑");
    expect(found.map((s) => [s.id, s.points])).toEqual([["notNow", -15]]);
  });

  it("reads notes as written: any case, full-width letters and punctuation", () => {
    const raw = (notes: string) => detect(notes).map((s) => s.id);
    expect(raw("Asked for a QUOTE")).toEqual(["quote"]);
    expect(raw("ＷＡＮＴＳ Ａ ＤＥＭＯ")).toEqual(["demo"]);
    expect(raw("NOT INTERESTED IN PRICING")).toEqual(["notNow"]);
    expect(raw("不需要演示！询问报价")).toEqual(["quote"]);
    expect(raw("Industrial client")).toEqual([]);
    for (const notes of [
      "客户询问报价（工单 Q123）：想看 Demo",
      "We Don't Need A Quote",
      "No demo. Send pricing",
    ])
      expect(raw(notes)).toEqual(ids(notes));
  });

  it("hands back one frozen list per set of phrases found, and always the phrase that fired", () => {
    const first = detect("客户询问报价，想看演示");
    expect(detect("今天又询问报价；还要演示")).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(detect("想看演示")).not.toBe(first);
    // The same signals through other phrases: the answer names those phrases.
    const phrases = (notes: string) => detect(notes).map((s) => [s.id, s.phrase]);
    expect(phrases("Wants a demo; asked for a quote")).toEqual([
      ["quote", "quote"],
      ["demo", "demo"],
    ]);
    expect(phrases("问了多少钱")).toEqual([["quote", "多少钱"]]);
    expect(phrases("发了报价")).toEqual([["quote", "报价"]]);
    expect(phrases("客户询问报价")).toEqual([["quote", "询问报价"]]);
    // A signal found in one note is not carried into the next.
    expect(ids("合同")).toEqual(["contract"]);
    expect(ids("演示")).toEqual(["demo"]);
  });

  it("finds nothing in empty notes", () => {
    expect(detect("")).toEqual([]);
  });
});

/**
 * The detector's rule, written plainly: at each place, the phrases starting there (longest first,
 * in the rules' order), each signal once; a phrase with letters or digits as a whole word; not
 * when a negation ends before it in the same clause within 24 characters.
 */
function plainDetect(signals: readonly Signal[], negations: readonly string[], notes: string): string[] {
  const fold = matchUnits();
  const unitsOf = (s: string) =>
    Array.from(s.toLowerCase(), (_, i) => fold[s.toLowerCase().charCodeAt(i)] as number);
  const text = Array.from({ length: notes.length }, (_, i) => fold[notes.charCodeAt(i)] as number);
  const at = (i: number) => (i < 0 || i >= text.length ? 0 : (text[i] as number));
  const wordy = (u: number[]) => u.some(isWordChar);
  const startsAt = (u: number[], i: number) =>
    i + u.length <= text.length && u.every((x, k) => text[i + k] === x);
  const phrases: { units: number[]; signal: number; phrase: string }[] = [];
  signals.forEach((signal, order) => {
    for (const p of signal.phrases) {
      const units = unitsOf(p);
      if (units.length > 0 && !phrases.some((q) => q.units.join() === units.join()))
        phrases.push({ units, signal: order, phrase: p.toLowerCase() });
    }
  });
  const negs = negations.filter((n) => n !== "").map(unitsOf);
  const breaks = new Set(["。", "!", "?", ";", "\n", "\r", ",", "、"].map((c) => c.charCodeAt(0)));
  const negated = (pos: number) => {
    let start = Math.max(0, pos - 24);
    for (let i = pos - 1; i >= Math.max(0, pos - 24); i--)
      if (breaks.has(at(i)) || (at(i) === 46 && at(i + 1) === 32)) {
        start = i + 1;
        break;
      }
    for (let i = start; i < pos; i++)
      for (const n of negs) {
        const end = i + n.length;
        if (end > pos || !startsAt(n, i)) continue;
        if (!wordy(n) || ((i === start || !isWordChar(at(i - 1))) && (end === pos || !isWordChar(at(end)))))
          return true;
      }
    return false;
  };
  const found = new Map<number, string>();
  for (let i = 0; i < text.length; i++) {
    const here = phrases
      .filter((p) => p.units[0] === text[i])
      .sort((a, b) => b.units.length - a.units.length);
    for (const p of here) {
      if (found.has(p.signal) || !startsAt(p.units, i)) continue;
      const whole = !wordy(p.units) || (!isWordChar(at(i - 1)) && !isWordChar(at(i + p.units.length)));
      if (whole && !negated(i)) {
        found.set(p.signal, p.phrase);
        break;
      }
    }
  }
  return [...found].sort((a, b) => a[0] - b[0]).map(([, phrase]) => phrase);
}

describe("detectBuyingSignals, against its rule written plainly", () => {
  it("finds the same phrases in any notes made of signal words, negations, breaks and other text", () => {
    const piece = fc.constantFrom(
      ..."询问报价 报价 价格 多少钱 演示 试用 合同样本 合同 样本 不需要 暂时不 不 没有需要 暂不考虑".split(
        " ",
      ),
      ..."quote pricing demo trial contract purchase order not no never without don't need Q x".split(" "),
      " ",
      "，",
      "。",
      ". ",
      ".",
      "a",
      "Ｑｕｏｔｅ",
      "DEMO",
      "1",
      "_",
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 25 }), (pieces) => {
        const notes = pieces.join("");
        expect(detect(notes).map((s) => s.phrase)).toEqual(plainDetect(items, negations, notes));
      }),
      { numRuns: 2000 },
    );
  });
});
