import { describe, expect, it } from "vitest";
import { describeRowIssue } from "../../../src/core/explain/describeRowIssue";
import { formatWhy } from "../../../src/core/explain/formatWhy";
import type { TraceItem } from "../../../src/core/grade/scoring/compileScorer";

const trace: TraceItem[] = [
  {
    kind: "rule",
    id: "intentHigh",
    group: "intent",
    label: { zh: "意向", en: "Intent" },
    value: "高",
    points: 30,
  },
  {
    kind: "source",
    id: "0",
    group: "source",
    label: { zh: "来源", en: "Source" },
    value: "老客户推荐",
    points: 20,
  },
  {
    kind: "signal",
    id: "quote",
    group: "signal",
    label: { zh: "询问报价", en: "asked for a quote" },
    value: "报价",
    points: 15,
  },
  { kind: "decay", id: "decay", group: "decay", label: "decay", days: 60, points: -8 },
];

describe("formatWhy", () => {
  it("reads as one line in Chinese", () => {
    expect(formatWhy(trace, "zh")).toBe(
      "+30 意向=高 · +20 来源=老客户推荐 · +15 信号: 询问报价 · −8 60天未联系",
    );
  });

  it("reads as one line in English", () => {
    expect(formatWhy(trace, "en")).toBe(
      "+30 Intent=高 · +20 Source=老客户推荐 · +15 signal: asked for a quote · −8 no contact for 60 days",
    );
  });

  it("says first that a grade was set by hand", () => {
    expect(formatWhy(trace.slice(0, 1), "en", { from: "B", to: "A" })).toBe(
      "manual grade A (rules say B) · +30 Intent=高",
    );
  });

  it("is empty for a lead no rule fired on", () => {
    expect(formatWhy([], "zh")).toBe("");
  });
});

describe("describeRowIssue", () => {
  it("names the column as the sheet calls it", () => {
    expect(
      describeRowIssue({ code: "bad_date", field: "lastContact" }, { lastContact: "最近联系" }, "zh"),
    ).toBe("最近联系不是可识别的日期：写成 YYYY-MM-DD，或在规则 columns 里改用别的列");
    expect(describeRowIssue({ code: "bad_money", field: "budget" }, { budget: "Budget" }, "en")).toBe(
      "Budget is not an amount LeadGrade can read: write it as 200000 or 200k",
    );
  });
});
