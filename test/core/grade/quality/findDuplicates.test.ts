import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { nameSimilarity } from "../../../../src/core/grade/quality/findDuplicates";
import { describeRowIssue, runPass, standardPreset } from "../../../../src/core/index";

const asOf = "2026-11-22";
const HEADER = ["客户名称", "公司", "邮箱", "电话"];

const grade = (rows: string[][]) => runPass({ header: HEADER, rows }, standardPreset(), { asOf });

function duplicates(rows: string[][]) {
  return grade(rows).rows.map((r) => r.duplicateOf);
}

describe("duplicate detection", () => {
  it("finds the same phone written four ways", () => {
    expect(
      duplicates([
        ["张三", "甲公司", "", "138 1234 5678"],
        ["张三丰", "乙公司", "", "+86-138-1234-5678"],
        ["Zhang", "丙公司", "", "0086 13812345678"],
        ["李四", "丁公司", "", "139 0000 0000"],
        ["王五", "戊公司", "", "13812345678"],
      ]),
    ).toEqual([null, 0, 0, null, 0]);
  });

  it("finds mixed-case emails with stray spaces", () => {
    expect(
      duplicates([
        ["A", "X", "Zhang.San@Example.com", ""],
        ["B", "Y", " zhang.san@example.COM", ""],
      ]),
    ).toEqual([null, 0]);
  });

  it("finds the same names however written in a sheet of thousands of different names and companies", () => {
    // 6,000 leads, each name and company different: then the pairs written differently.
    const rows = Array.from({ length: 6_000 }, (_, i) => [`Lead ${i} Zhou`, `Company ${i}`, "", ""]);
    rows.push(["LEAD 17 ZHOU", "company 17", "", ""]);
    rows.push(["Ｌｅａｄ　１７　Ｚｈｏｕ", "Company-17", "", ""]);
    rows.push(["Lead 19 Zhou", "Company 20", "", ""]);
    // Names of punctuation only are the same name (nothing) at the same company, also in a
    // company too big to compare names pairwise.
    for (let i = 0; i < 60; i++) rows.push([i % 2 ? "()" : "-", "Company 18", "", ""]);
    const of = duplicates(rows);
    expect(of.slice(6_000, 6_003)).toEqual([17, 17, null]);
    expect(of.slice(6_003)).toEqual([null, ...Array(59).fill(6_003)]);
    expect(of.slice(0, 6_000).every((d) => d === null)).toBe(true);
  });

  it("finds likely duplicates by company and a nearly equal name, not by name alone", () => {
    expect(
      duplicates([
        ["Acme Trading Ltd", "Acme", "", ""],
        ["Acme Trading Ltd.", "ACME", "", ""],
        ["王小明", "星云软件", "", ""],
        ["王小明", "蓝海零售", "", ""],
      ]),
    ).toEqual([null, 0, null, null]);
  });

  it("finds the same name at the same company even in a large account", () => {
    const rows = Array.from({ length: 120 }, (_, i) => [`王${i}号`, "大客户集团", "", ""]);
    rows.push(["王7号", "大客户集团", "", ""]);
    const dup = duplicates(rows);
    expect(dup[120]).toBe(7);
    expect(dup.filter((d) => d !== null)).toHaveLength(1);
  });

  it("groups transitively: a shares a phone with b, b an email with c", () => {
    expect(
      duplicates([
        ["a", "1", "a@x.cn", "13800000001"],
        ["b", "2", "b@x.cn", "13800000001"],
        ["c", "3", "B@X.CN", "13900000009"],
      ]),
    ).toEqual([null, 0, 0]);
  });

  it("says which row, as the sheet numbers it", () => {
    const result = grade([
      ["A", "X", "a@x.cn", ""],
      ["B", "Y", "a@x.cn", ""],
    ]);
    const issue = result.rows[1]?.issues.find((i) => i.code === "duplicate");
    expect(issue && describeRowIssue(issue, result.headers, "zh")).toBe("可能与第 2 行重复(邮箱)");
    expect(result.summary.duplicates).toBe(1);
  });

  it("says what each group's rows share, and which row they duplicate", () => {
    const result = grade([
      ["甲", "一公司", "", "13800000001"],
      ["Acme Trading Ltd", "Acme", "", ""],
      ["乙", "二公司", "", "13800000001"],
      ["Acme Trading Ltd.", "ACME", "", ""],
      ["丙", "三公司", "c@x.cn", "13800000001"],
      ["丁", "四公司", "C@x.cn", ""],
    ]);
    const said = result.rows.map((r) => {
      const issue = r.issues.find((i) => i.code === "duplicate");
      return issue === undefined ? null : [issue.field, issue.of];
    });
    // Row 5 shares an e-mail with row 4, which shares the phone of rows 0 and 2: one group,
    // joined first by the phone.
    expect(said).toEqual([null, null, ["phone", 0], ["name", 1], ["phone", 0], ["phone", 0]]);
    expect(result.rows.map((r) => r.duplicateOf)).toEqual([null, null, 0, 1, 0, 0]);
    expect(result.summary.duplicates).toBe(4);
    expect(result.summary.issuesByCode.duplicate).toBe(4);
  });

  it("ignores blank rows and empty contact details", () => {
    expect(
      duplicates([
        ["A", "", "", ""],
        ["", "", "", ""],
        ["B", "", "", ""],
      ]),
    ).toEqual([null, null, null]);
  });
});

describe("nameSimilarity", () => {
  it("is 1 for equal names and low for different ones", () => {
    expect(nameSimilarity("acmetrading", "acmetrading")).toBe(1);
    expect(nameSimilarity("acmetradingltd", "acmetradinglt")).toBeGreaterThan(0.9);
    expect(nameSimilarity("王小明", "李大伟")).toBe(0);
  });

  it("is the Dice coefficient of the names' character pairs, each counted as often as it occurs", () => {
    const dice = (a: string, b: string) => {
      if (a === b) return 1;
      const pairs = (t: string) =>
        Array.from({ length: Math.max(0, t.length - 1) }, (_, i) => t.slice(i, i + 2));
      const x = pairs(a);
      const y = pairs(b);
      if (x.length === 0 || y.length === 0) return 0;
      let shared = 0;
      for (const g of y) {
        const i = x.indexOf(g);
        if (i >= 0) {
          shared++;
          x[i] = "";
        }
      }
      return (2 * shared) / (x.length + y.length);
    };
    const name = fc.string({ unit: fc.constantFrom("a", "b", "王", "明", "c"), maxLength: 80 });
    fc.assert(
      fc.property(name, name, (a, b) => {
        expect(nameSimilarity(a, b)).toBe(dice(a, b));
      }),
      { numRuns: 1000 },
    );
  });
});
