import { describe, expect, it } from "vitest";
import { outputCells, runPass, standardPreset } from "../../../src/core/index";

const RULES = standardPreset("Asia/Shanghai");
const HEADER = ["客户名称", "公司", "邮箱", "电话", "负责人"];

const pass = (rows: string[][]) => runPass({ header: HEADER, rows }, RULES, { asOf: "2026-12-01" });
const conflicts = (result: ReturnType<typeof pass>) =>
  result.rows.map((r) => r.issues.filter((i) => i.code === "owner_conflict").map((i) => (i.of ?? -1) + 2));

describe("撞单: one customer held by two reps", () => {
  it("flags every row of a duplicate group whose owners differ, each naming a row another rep holds", () => {
    const result = pass([
      ["张三", "星辰科技", "zs@example.com", "", "王"],
      ["李四", "华为", "", "138 0013 8000", "赵"],
      ["张三", "星辰科技", "ZS@example.com ", "", "王"],
      ["李四", "华为", "", "+86 13800138000", "钱"],
      ["张三", "星辰科技", "zs@example.com", "", "李"],
    ]);
    // 张三: rows 2 and 4 held by 王 point to row 6 (李); row 6 points to row 2. 李四: rows 3 and 5.
    expect(conflicts(result)).toEqual([[6], [5], [6], [3], [2]]);
    const cells = outputCells(result.rows[4] as (typeof result.rows)[number], result, "zh");
    expect(String(cells.issues)).toContain("撞单:与第 2 行是同一客户,但负责人不同");
    expect(
      String(outputCells(result.rows[0] as (typeof result.rows)[number], result, "en").issues),
    ).toContain("two reps on one customer: the same lead as row 6");
  });

  it("says nothing where the duplicates share an owner, or where only one of them has one", () => {
    const result = pass([
      ["张三", "星辰科技", "zs@example.com", "", "王"],
      ["张三", "星辰科技", "zs@example.com", "", " 王 "],
      ["李四", "华为", "", "13800138000", "赵"],
      ["李四", "华为", "", "13800138000", ""],
    ]);
    expect(conflicts(result)).toEqual([[], [], [], []]);
    expect(result.rows[1]?.issues.map((i) => i.code)).toContain("duplicate");
  });
});
