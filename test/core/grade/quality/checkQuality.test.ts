import { describe, expect, it } from "vitest";
import { runPass, standardPreset } from "../../../../src/core/index";
import type { LeadCells } from "../../../support/leadTable";
import { leadTable } from "../../../support/leadTable";

const asOf = "2026-11-22";
const codesOf = (cells: LeadCells) =>
  (runPass(leadTable(cells), standardPreset(), { asOf }).rows[0]?.issues ?? []).map((i) => i.code);
const full: LeadCells = {
  来源: "推荐",
  意向: "高",
  邮箱: "a@example.com",
  电话: "13812345678",
  行业: "制造",
  预算: "5万",
  最近联系: "2026-11-20",
  创建时间: "2026-11-01",
};

describe("data quality checks", () => {
  it.each([
    ["a complete lead", {}, []],
    ["no email and no phone", { 邮箱: "", 电话: "" }, ["missing_contact"]],
    ["an invalid email", { 邮箱: "zhang at example" }, ["bad_email"]],
    ["an invalid phone", { 电话: "1234" }, ["bad_phone"]],
    ["no intent", { 意向: "" }, ["missing_intent"]],
    ["no source", { 来源: "" }, ["missing_source"]],
    ["a last contact before creation", { 最近联系: "2026-10-01" }, ["before_created"]],
    ["a last contact in the future", { 最近联系: "2026-12-01" }, ["future_date"]],
    ["a negative order count", { 购买次数: -2 }, ["negative_number"]],
  ] as const)("flag %s", (_, change, codes) => {
    expect(codesOf({ ...full, ...change })).toEqual(codes);
  });

  it("scores completeness per lead and per sheet", () => {
    const { rows, summary } = runPass(
      leadTable(full, { 客户名称: "只有名字", 邮箱: "", 负责人: "" }),
      standardPreset(),
      { asOf },
    );
    expect(rows[0]?.completeness).toBe(100);
    expect(rows[1]?.completeness).toBeLessThan(30);
    expect(summary.completeness).toBe(
      Math.round(((rows[0]?.completeness ?? 0) + (rows[1]?.completeness ?? 0)) / 2),
    );
  });

  it("does not complain about fields the sheet has no column for", () => {
    const result = runPass({ header: ["客户名称", "意向"], rows: [["张三", "高"]] }, standardPreset(), {
      asOf,
    });
    expect(result.rows[0]?.issues).toEqual([]);
  });
});
