/**
 * Makes `sample/leads-sample.xlsx`, the workbook `npm start` grades: 300 generated leads as a
 * Chinese sales team keeps them (some in English), exported on 2026-11-20, with the mistakes real
 * sheets have — an unreadable date, an amount in words, text that looks like a formula, a blank
 * row, hand-set grades. Deterministic: running it again makes the same workbook.
 *
 *   npx tsx scripts/make-sample.ts
 */
import ExcelJS from "exceljs";
import { zoneClock } from "../src/core/index";
import { GENERATED_HEADER, generateLeads } from "../test/support/generateLeads";

const EXPORTED = new Date("2026-11-19T16:00:00Z"); // midnight 2026-11-20 in Shanghai
const clock = zoneClock("Asia/Shanghai");
const header = [...GENERATED_HEADER, "手动等级"];
const rows = generateLeads(300, EXPORTED, 2026).map((row, i) => [
  // Excel stores wall-clock dates: give exceljs the Shanghai calendar day at UTC midnight.
  ...row.map((cell) => (cell instanceof Date ? new Date(clock.dayOf(cell) * 86_400_000) : cell)),
  i % 97 === 5 ? "A" : i % 89 === 7 ? "d级" : "",
]);
const set = (row: number, column: string, value: ExcelJS.CellValue) => {
  (rows[row] as unknown[])[header.indexOf(column)] = value;
};
set(10, "最近联系", "上周二");
set(11, "预算", "很多");
set(12, "客户名称", '=HYPERLINK("http://example.com","点我")');
set(13, "备注", "+86 说明：客户要求演示");
set(14, "邮箱", "not-an-email");
set(15, "意向", "maybe");
set(16, "手动等级", "Z");
rows.splice(
  40,
  0,
  header.map(() => ""),
);

const workbook = new ExcelJS.Workbook();
workbook.created = new Date(EXPORTED);
workbook.modified = new Date(EXPORTED);
const sheet = workbook.addWorksheet("线索");
sheet.addRow(header).font = { bold: true };
for (const row of rows) sheet.addRow(row);
for (const [i] of header.entries()) sheet.getColumn(i + 1).width = 14;
sheet.getColumn(header.indexOf("备注") + 1).width = 40;
for (const name of ["最近联系", "创建时间", "最近购买"])
  sheet.getColumn(header.indexOf(name) + 1).numFmt = "yyyy-mm-dd";
await workbook.xlsx.writeFile("sample/leads-sample.xlsx");
console.log(`sample/leads-sample.xlsx: ${rows.length} rows`);
