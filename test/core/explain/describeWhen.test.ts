import { describe, expect, it } from "vitest";
import { describeWhen } from "../../../src/core/explain/describeWhen";
import { standardPreset } from "../../../src/core/model/presets";

describe("describeWhen", () => {
  it("puts each operator in words, in both languages", () => {
    expect(describeWhen({ field: "budget", op: "range", min: 100_000 }, "zh")).toBe("预算 ≥ 100000");
    expect(describeWhen({ field: "budget", op: "range", min: 1, max: 9 }, "en")).toBe("1 ≤ Budget ≤ 9");
    expect(describeWhen({ field: "budget", op: "range", max: 9 }, "en")).toBe("Budget ≤ 9");
    expect(describeWhen({ field: "intent", op: "equals", value: "高" }, "en")).toBe("Intent = 高");
    expect(describeWhen({ field: "email", op: "missing" }, "zh")).toBe("邮箱为空");
    expect(describeWhen({ field: "phone", op: "present" }, "en")).toBe("Phone is filled in");
    expect(describeWhen({ field: "lastContact", op: "withinDays", days: 7 }, "zh")).toBe("最近联系在 7 天内");
    expect(describeWhen({ field: "created", op: "olderThanDays", days: 30 }, "en")).toBe(
      "Created over 30 days ago",
    );
  });

  it("shortens long lists and joins groups", () => {
    const when = {
      any: [
        { field: "notes" as const, op: "contains" as const, values: ["a", "b", "c", "d", "e", "f"] },
        { not: { field: "source" as const, op: "oneOf" as const, values: ["广告"] } },
      ],
    };
    expect(describeWhen(when, "en")).toBe(
      "(Notes contains a, b, c, d +2 more) or (not (Source is one of 广告))",
    );
    expect(describeWhen(when, "zh")).toBe("(备注包含 a、b、c、d 等 6 项) 或 (非 (来源属于 广告))");
  });

  it("describes every rule of the presets without an empty text", () => {
    for (const d of standardPreset().dimensions) expect(describeWhen(d.when, "zh").length).toBeGreaterThan(3);
  });
});
