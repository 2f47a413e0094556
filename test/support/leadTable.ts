/**
 * Builds tables of leads for tests: a bilingual header and rows from partial records, so a test
 * names only the cells it is about.
 */
import type { CellValue, Table } from "../../src/core/index";
import { civilDayFromIso } from "../../src/core/index";

export const HEADER = [
  "客户名称",
  "来源",
  "行业",
  "意向",
  "预算",
  "最近联系",
  "创建时间",
  "购买次数",
  "消费金额",
  "最近购买",
  "备注",
  "负责人",
  "邮箱",
  "电话",
  "状态",
  "手动等级",
] as const;

export type LeadCells = Partial<Record<(typeof HEADER)[number], CellValue>>;

/** A lead with contact details and nothing else: override what the test is about. */
export function leadRow(cells: LeadCells = {}): CellValue[] {
  const defaults: LeadCells = { 客户名称: "测试客户", 邮箱: "lead@example.com", 负责人: "李雷" };
  const merged = { ...defaults, ...cells };
  return HEADER.map((h) => merged[h] ?? "");
}

export function leadTable(...rows: LeadCells[]): Table {
  return { header: [...HEADER], rows: rows.map(leadRow) };
}

/** Civil day of an ISO date, for assertions. */
export function day(iso: string): number {
  const d = civilDayFromIso(iso);
  if (d === undefined) throw new Error(`not a date: ${iso}`);
  return d;
}
