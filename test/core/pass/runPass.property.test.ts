import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { standardPreset } from "../../../src/core/model/presets";
import { runPass } from "../../../src/core/pass/runPass";
import type { CellValue } from "../../../src/core/text/cell";
import { HEADER, type LeadCells, leadTable } from "../../support/leadTable";

const rules = standardPreset();
const asOf = "2026-11-22";
const gradeRank = (g: string | null | undefined) => rules.grades.findIndex((d) => d.grade === g);

const cell: fc.Arbitrary<CellValue> = fc.oneof(
  fc.string(),
  fc.string({ unit: "grapheme" }),
  fc.double(),
  fc.integer(),
  fc.boolean(),
  fc.date({ noInvalidDate: false }),
  fc.constantFrom("", null, undefined, "高", "2026-11-01", "5万", "询问报价", "=1+1", "\u0000", "NaN"),
);

describe("runPass on arbitrary input", () => {
  it("never throws and returns one result per row", () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(cell, fc.constantFrom(...HEADER)), { maxLength: 20 }),
        fc.array(fc.array(cell, { maxLength: 24 }), { maxLength: 30 }),
        (header, rows) => {
          const result = runPass({ header, rows }, rules, { asOf });
          expect(result.rows).toHaveLength(rows.length);
          for (const row of result.rows) {
            if (row.score !== null) expect(row.score).toBeGreaterThanOrEqual(0);
            if (row.score !== null) expect(row.score).toBeLessThanOrEqual(100);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it("survives rows that are not arrays", () => {
    const rows = [null, undefined, "text", 5] as unknown as CellValue[][];
    expect(runPass({ header: [...HEADER], rows }, rules, { asOf }).rows).toHaveLength(4);
  });
});

// A lead built from sensible values, so that "better" has a meaning.
const lead: fc.Arbitrary<LeadCells> = fc.record({
  意向: fc.constantFrom("", "低", "中", "高"),
  来源: fc.constantFrom("", "百度广告", "展会", "官网", "老客户推荐", "公开名单"),
  预算: fc.constantFrom("", "8000", "5万", "30万"),
  行业: fc.constantFrom("", "制造业", "教育"),
  最近联系: fc.integer({ min: 0, max: 400 }).map((d) => new Date(Date.UTC(2026, 10, 22 - d) - 8 * 3_600_000)),
  备注: fc.constantFrom("", "暂时不考虑", "客户要求演示", "普通沟通"),
  购买次数: fc.constantFrom("", 1, 4),
  邮箱: fc.constantFrom("", "x@y.com"),
});

function graded(cells: LeadCells) {
  const row = runPass(leadTable(cells), rules, { asOf }).rows[0];
  return { score: row?.score ?? -1, rank: gradeRank(row?.grade) };
}

function neverWorse(before: LeadCells, after: LeadCells) {
  const a = graded(before);
  const b = graded(after);
  expect(b.score).toBeGreaterThanOrEqual(a.score);
  expect(b.rank).toBeLessThanOrEqual(a.rank); // A is rank 0
}

describe("monotone by construction", () => {
  it("a buying signal never lowers the grade", () => {
    fc.assert(
      fc.property(lead, fc.constantFrom("询问报价", "要求演示", "asked for a quote"), (cells, signal) => {
        neverWorse(cells, { ...cells, 备注: `${cells.备注 ?? ""}。${signal}` });
      }),
    );
  });

  it("higher intent never lowers the grade", () => {
    const order = ["", "低", "中", "高"];
    fc.assert(
      fc.property(lead, fc.integer({ min: 0, max: 2 }), (cells, step) => {
        const from = Math.max(0, order.indexOf(String(cells.意向)));
        const to = Math.min(order.length - 1, from + step + 1);
        neverWorse(cells, { ...cells, 意向: order[to] });
      }),
    );
  });

  it("a more valuable source never lowers the grade", () => {
    const byValue = ["公开名单", "百度广告", "展会", "官网", "老客户推荐"];
    fc.assert(
      fc.property(lead, fc.integer({ min: 0, max: 3 }), fc.integer({ min: 1, max: 4 }), (cells, from, up) => {
        const to = Math.min(byValue.length - 1, from + up);
        neverWorse({ ...cells, 来源: byValue[from] }, { ...cells, 来源: byValue[to] });
      }),
    );
  });

  it("a more recent contact never lowers the grade", () => {
    fc.assert(
      fc.property(lead, fc.integer({ min: 1, max: 300 }), (cells, sooner) => {
        const last = cells.最近联系 as Date;
        const recent = new Date(
          Math.min(last.getTime() + sooner * 86_400_000, Date.UTC(2026, 10, 22) - 8 * 3_600_000),
        );
        neverWorse(cells, { ...cells, 最近联系: recent });
      }),
    );
  });
});
