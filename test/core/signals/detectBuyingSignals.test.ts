import { describe, expect, it } from "vitest";
import { standardPreset } from "../../../src/core/rules/presets";
import { compileSignalDetector } from "../../../src/core/signals/detectBuyingSignals";

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
