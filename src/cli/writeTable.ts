/**
 * Writes the graded table: every input row in order with its own cells unchanged, followed by
 * LeadGrade's columns. CSV is UTF-8 with a BOM (so Excel shows Chinese) and LeadGrade's own text
 * never starts with `=`, `+`, `-`, `@`, tab or carriage return (OWASP CSV injection). XLSX keeps
 * the input's values, colours each grade, highlights overdue leads, stores dates as dates and
 * freezes the header. A file is written whole or not at all.
 */
import { open, rename, rm } from "node:fs/promises";
import type ExcelJS from "exceljs";
import Papa from "papaparse";
import type { Lang, OutputValue, PassResult, RuleSet } from "../core/index";
import { outputHeader, outputRow } from "../core/index";
import type { InputTable, TableFormat } from "./readTable";

/** One more column after LeadGrade's own, e.g. "Assigned to" from --assign. */
export interface ExtraColumn {
  header: string;
  values: readonly string[];
}

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
  extra?: ExtraColumn,
): Promise<void> {
  // Written next to the target and renamed into place, so a failure never leaves half a file.
  const temporary = `${path}.${process.pid}.partial`;
  try {
    if (format === "csv") await writeCsv(temporary, input, result, lang, onProgress, extra);
    else await writeXlsx(temporary, input, result, rules, lang, onProgress, extra);
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/** Writes the CSV a few thousand rows at a time, so the whole file never sits in memory as text. */
async function writeCsv(
  path: string,
  input: InputTable,
  result: PassResult,
  lang: Lang,
  onProgress: (d: number, t: number) => void,
  extra: ExtraColumn | undefined,
): Promise<void> {
  const width = Math.max(input.header.length, ...input.rows.map((r) => r.length));
  const pad = (row: readonly unknown[]) => Array.from({ length: width }, (_, i) => cellString(row[i]));
  const file = await open(path, "w");
  try {
    const header = [...pad(input.header), ...outputHeader(lang), ...(extra ? [extra.header] : [])];
    await file.write(`\uFEFF${Papa.unparse([header])}\r\n`);
    const CHUNK = 5_000;
    for (let start = 0; start < input.rows.length; start += CHUNK) {
      const chunk = input.rows.slice(start, start + CHUNK).map((row, k) => {
        const lead = result.rows[start + k];
        const ours = lead ? outputRow(lead, result, lang).map(neutraliseFormula) : [];
        return [...pad(row), ...ours, ...(extra ? [neutraliseFormula(extra.values[start + k] ?? "")] : [])];
      });
      await file.write(`${Papa.unparse(chunk, { newline: "\r\n" })}\r\n`);
      onProgress(start, input.rows.length);
    }
  } finally {
    await file.close();
  }
}

function cellString(value: unknown): string {
  if (value === null || value === undefined) return "";
  return value instanceof Date ? value.toISOString() : String(value);
}

/** Streams rows into the workbook file as they are made, so memory stays flat on large tables. */
async function writeXlsx(
  path: string,
  input: InputTable,
  result: PassResult,
  rules: RuleSet,
  lang: Lang,
  onProgress: (d: number, t: number) => void,
  extra: ExtraColumn | undefined,
): Promise<void> {
  const { default: Excel } = await import("exceljs");
  const workbook = new Excel.stream.xlsx.WorkbookWriter({
    filename: path,
    useStyles: true,
    useSharedStrings: false,
  });
  const sheet = workbook.addWorksheet(input.sheetName ?? "Leads", {
    views: [{ state: "frozen", ySplit: 1 }],
  });
  const original = input.original ?? [input.header, ...input.rows];
  const width = Math.max(...original.map((r) => r.length));
  const ours = [...outputHeader(lang), ...(extra ? [extra.header] : [])];
  const at = (k: number) => width + 1 + k; // 1-based column of LeadGrade's k-th column
  // Widths must be known before the first row is written.
  sheet.columns = [
    ...Array.from({ length: width }, () => ({ width: 14 })),
    ...ours.map((_, k) => ({ width: k === 6 ? 60 : k === 7 ? 30 : 12 })),
  ];
  const header = sheet.addRow([...Array.from({ length: width }, (_, i) => original[0]?.[i] ?? ""), ...ours]);
  header.font = { bold: true };
  header.commit();
  const fills = new Map(rules.grades.map((g) => [g.grade, solid(`FF${g.color.slice(1).toUpperCase()}`)]));
  const overdueFill = solid("FFFCE8E6");
  const overdueFont: Partial<ExcelJS.Font> = { bold: true, color: { argb: "FFC5221F" } };
  for (let i = 0; i < input.rows.length; i++) {
    const own = original[i + 1] ?? [];
    const lead = result.rows[i];
    const values = lead ? outputRow(lead, result, lang).map(neutraliseXlsx) : [];
    if (extra) values[ours.length - 1] = extra.values[i] || null;
    if (lead?.nextFollowUp) values[2] = new Date(`${lead.nextFollowUp}T00:00:00Z`);
    const row = sheet.addRow([...Array.from({ length: width }, (_, c) => own[c] ?? null), ...values]);
    if (lead && !lead.blank) {
      if (lead.nextFollowUp) row.getCell(at(2)).numFmt = "yyyy-mm-dd";
      const fill = lead.grade ? fills.get(lead.grade) : undefined;
      if (fill) row.getCell(at(1)).fill = fill;
      if (lead.followUp === "overdue") {
        for (const c of [at(2), at(3)]) {
          row.getCell(c).font = overdueFont;
          row.getCell(c).fill = overdueFill;
        }
      }
    }
    row.commit();
    if (i % 10_000 === 0) onProgress(i, input.rows.length);
  }
  sheet.commit();
  await workbook.commit();
}

function solid(argb: string): ExcelJS.Fill {
  return { type: "pattern", pattern: "solid", fgColor: { argb } };
}

/** In XLSX, text is text (no formula is made from it); empty values stay empty cells. */
function neutraliseXlsx(value: OutputValue): OutputValue | Date | null {
  return value === "" ? null : value;
}
