/**
 * Writes the graded table: every input row in order with its own cells unchanged, followed by
 * LeadGrade's columns. CSV is UTF-8 with a BOM (so Excel shows Chinese) and LeadGrade's own text
 * never starts with `=`, `+`, `-`, `@`, tab or carriage return (OWASP CSV injection). XLSX keeps
 * the input's values, colours each grade, highlights overdue leads, stores dates as dates and
 * freezes the header. A file is written whole or not at all.
 */
import { rename, rm, writeFile } from "node:fs/promises";
import ExcelJS from "exceljs";
import Papa from "papaparse";
import type { Lang, OutputValue, PassResult, RuleSet } from "../core/index";
import { outputHeader, outputRow } from "../core/index";
import type { InputTable, TableFormat } from "./readTable";

const FORMULA_START = /^[=+\-@\t\r]/;

/** Text LeadGrade writes that a spreadsheet could take for a formula gets a leading apostrophe. */
export function neutraliseFormula(value: OutputValue): OutputValue {
  return typeof value === "string" && FORMULA_START.test(value) ? `'${value}` : value;
}

export async function writeTable(
  path: string,
  format: TableFormat,
  input: InputTable,
  result: PassResult,
  rules: RuleSet,
  lang: Lang,
  onProgress: (done: number, total: number) => void = () => {},
): Promise<void> {
  const body =
    format === "csv"
      ? csvBytes(input, result, lang, onProgress)
      : await xlsxBytes(input, result, rules, lang, onProgress);
  // Written next to the target and renamed into place, so a failure never leaves half a file.
  const temporary = `${path}.${process.pid}.partial`;
  try {
    await writeFile(temporary, body);
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

function csvBytes(
  input: InputTable,
  result: PassResult,
  lang: Lang,
  onProgress: (d: number, t: number) => void,
): Buffer {
  const width = Math.max(input.header.length, ...input.rows.map((r) => r.length));
  const pad = (row: readonly unknown[]) => Array.from({ length: width }, (_, i) => cellString(row[i]));
  const data: unknown[][] = [[...pad(input.header), ...outputHeader(lang)]];
  input.rows.forEach((row, i) => {
    const ours = result.rows[i] ? outputRow(result.rows[i], result, lang).map(neutraliseFormula) : [];
    data.push([...pad(row), ...ours]);
    if (i % 10_000 === 0) onProgress(i, input.rows.length);
  });
  return Buffer.from(`\uFEFF${Papa.unparse(data, { newline: "\r\n" })}\r\n`, "utf8");
}

function cellString(value: unknown): string {
  if (value === null || value === undefined) return "";
  return value instanceof Date ? value.toISOString() : String(value);
}

async function xlsxBytes(
  input: InputTable,
  result: PassResult,
  rules: RuleSet,
  lang: Lang,
  onProgress: (d: number, t: number) => void,
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(input.sheetName ?? "Leads", {
    views: [{ state: "frozen", ySplit: 1 }],
  });
  const original = input.original ?? [input.header, ...input.rows];
  const width = Math.max(...original.map((r) => r.length));
  const ours = outputHeader(lang);
  const header = sheet.addRow([...Array.from({ length: width }, (_, i) => original[0]?.[i] ?? ""), ...ours]);
  header.font = { bold: true };
  const colour = new Map(rules.grades.map((g) => [g.grade, `FF${g.color.slice(1).toUpperCase()}`]));
  const at = (name: number) => width + 1 + name; // 1-based column of LeadGrade's n-th column
  for (let i = 0; i < input.rows.length; i++) {
    const own = original[i + 1] ?? [];
    const lead = result.rows[i];
    const values = lead ? outputRow(lead, result, lang) : [];
    const row = sheet.addRow([
      ...Array.from({ length: width }, (_, c) => own[c] ?? null),
      ...values.map(neutraliseXlsx),
    ]);
    if (lead && !lead.blank) {
      if (lead.nextFollowUp) {
        const cell = row.getCell(at(2));
        cell.value = new Date(`${lead.nextFollowUp}T00:00:00Z`);
        cell.numFmt = "yyyy-mm-dd";
      }
      const fill = lead.grade ? colour.get(lead.grade) : undefined;
      if (fill) row.getCell(at(1)).fill = { type: "pattern", pattern: "solid", fgColor: { argb: fill } };
      if (lead.followUp === "overdue") {
        for (const c of [at(2), at(3)]) {
          row.getCell(c).font = { bold: true, color: { argb: "FFC5221F" } };
          row.getCell(c).fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFCE8E6" } };
        }
      }
    }
    if (i % 10_000 === 0) onProgress(i, input.rows.length);
  }
  ours.forEach((_, k) => {
    sheet.getColumn(at(k)).width = k === 6 ? 60 : k === 7 ? 30 : 12;
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** In XLSX, text is text (no formula is made from it); empty values stay empty cells. */
function neutraliseXlsx(value: OutputValue): OutputValue | null {
  return value === "" ? null : value;
}
