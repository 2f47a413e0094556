/**
 * Writes the graded table: every input row in order with its own cells unchanged, followed by
 * LeadGrade's columns. CSV is UTF-8 with a BOM (so Excel shows Chinese) and LeadGrade's own text
 * never starts with `=`, `+`, `-`, `@`, tab or carriage return (OWASP CSV injection). XLSX keeps
 * the input's values, colours each grade, highlights overdue leads, stores dates as dates and
 * freezes the header. Into a staged file (stagedFiles.ts): whole or not at all.
 */
import Papa from "papaparse";
import type { Lang, OutputColumn, OutputValue, PassResult, RuleSet } from "../core/index";
import { distinctOutputHeader, OUTPUT_COLUMNS, outputRow, widestRow } from "../core/index";
import type { InputTable, TableFormat } from "./readTable";
import type { FileSink } from "./stagedFiles";
import { writeXlsx, type XlsxRow, type XlsxStyle, type XlsxValue } from "./xlsxWriter";

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
  sink: FileSink,
  format: TableFormat,
  input: InputTable,
  result: PassResult,
  rules: RuleSet,
  lang: Lang,
  onProgress: (done: number, total: number) => void = () => {},
  extras: readonly ExtraColumn[] = [],
): Promise<void> {
  if (format === "csv") await writeCsv(sink, input, result, lang, onProgress, extras);
  else await writeXlsxTable(sink, input, result, rules, lang, onProgress, extras);
}

/** Writes the CSV a couple of hundred rows at a time, so the whole file never sits in memory as text. */
async function writeCsv(
  file: FileSink,
  input: InputTable,
  result: PassResult,
  lang: Lang,
  onProgress: (d: number, t: number) => void,
  extras: readonly ExtraColumn[],
): Promise<void> {
  const preamble = input.preamble ?? [];
  const width = widestRow(preamble, widestRow(input.rows, input.header.length));
  const pad = (row: readonly unknown[]) => {
    const cells: OutputValue[] = [];
    for (let i = 0; i < width; i++) cells.push(cellString(row[i]));
    return cells;
  };
  const header = [
    ...pad(input.header),
    ...distinctOutputHeader(input.header, lang),
    ...extras.map((e) => e.header),
  ];
  // The rows above the header (a title, a blank line) as they were.
  const above = preamble.map((row) => row.map(cellString));
  await file.write(`\uFEFF${Papa.unparse([...above, header], { newline: "\r\n" })}\r\n`);
  // 200 rows (~70 KB of text) at a time: a string of 128 KB or more gets fresh pages of its own
  // outside V8's young generation, and touching them cost a fifth of the write on 50,000 rows.
  const CHUNK = 200;
  for (let start = 0; start < input.rows.length; start += CHUNK) {
    const chunk: OutputValue[][] = [];
    for (let r = start; r < Math.min(start + CHUNK, input.rows.length); r++) {
      const cells = pad(input.rows[r] ?? []);
      const lead = result.rows[r];
      if (lead) for (const value of outputRow(lead, result, lang)) cells.push(neutraliseFormula(value));
      for (const e of extras) cells.push(neutraliseFormula(e.values[r] ?? ""));
      chunk.push(cells);
    }
    await file.write(`${Papa.unparse(chunk, { newline: "\r\n" })}\r\n`);
    // Once per 5,000 rows, whatever the piece size.
    if (start % 5_000 < CHUNK) onProgress(start, input.rows.length);
  }
}

function cellString(value: unknown): string {
  if (value === null || value === undefined) return "";
  return value instanceof Date ? value.toISOString() : String(value);
}

/** Streams rows into the workbook file as they are made, so memory stays flat on large tables. */
async function writeXlsxTable(
  sink: FileSink,
  input: InputTable,
  result: PassResult,
  rules: RuleSet,
  lang: Lang,
  onProgress: (d: number, t: number) => void,
  extras: readonly ExtraColumn[],
): Promise<void> {
  const original = input.original ?? [input.header, ...input.rows];
  const preamble = input.preamble ?? [];
  const width = widestRow(preamble, widestRow(original));
  const ours = [...distinctOutputHeader(input.header, lang), ...extras.map((e) => e.header)];
  // Styles: 0 the bold header, 1 the next follow-up day, 2 overdue, 3 overdue day, then one per grade.
  const styles: XlsxStyle[] = [
    { bold: true },
    { date: "day" },
    { bold: true, color: "C5221F", fill: "FCE8E6" },
    { bold: true, color: "C5221F", fill: "FCE8E6", date: "day" },
    ...rules.grades.map((g) => ({ fill: g.color.slice(1).toUpperCase() })),
  ];
  const gradeStyle = new Map(rules.grades.map((g, k) => [g.grade, 4 + k]));
  // 0-based column of one of LeadGrade's columns, by name.
  const at = (column: OutputColumn) => width + OUTPUT_COLUMNS.indexOf(column);
  const total = input.rows.length;
  function* rows(): Generator<XlsxRow> {
    for (const row of preamble) yield { values: row as XlsxValue[] };
    const header = [...Array.from({ length: width }, (_, i) => original[0]?.[i] as XlsxValue), ...ours];
    yield { values: header, styles: header.map(() => 0) };
    for (let i = 0; i < total; i++) {
      const own = original[i + 1] ?? [];
      const lead = result.rows[i];
      const values: XlsxValue[] = new Array(width + ours.length);
      for (let c = 0; c < width; c++) values[c] = own[c] as XlsxValue;
      const styles: (number | undefined)[] = [];
      if (lead) {
        const out = outputRow(lead, result, lang);
        for (let k = 0; k < out.length; k++) values[width + k] = out[k];
        if (lead.nextFollowUp) values[at("nextFollowUp")] = new Date(`${lead.nextFollowUp}T00:00:00Z`);
        if (!lead.blank) {
          if (lead.nextFollowUp) styles[at("nextFollowUp")] = 1;
          if (lead.grade) styles[at("grade")] = gradeStyle.get(lead.grade);
          if (lead.followUp === "overdue") {
            styles[at("nextFollowUp")] = 3;
            styles[at("overdue")] = 2;
          }
        }
      }
      extras.forEach((e, k) => {
        values[width + ours.length - extras.length + k] = e.values[i] || null;
      });
      yield { values, styles };
      if (i % 10_000 === 0) onProgress(i, total);
    }
  }
  await writeXlsx(sink, {
    name: input.sheetName ?? "Leads",
    columnWidths: [
      ...Array.from({ length: width }, () => 14),
      ...ours.map((_, k) => (k === 6 ? 60 : k === 7 ? 30 : 12)),
    ],
    frozenRows: preamble.length + 1,
    styles,
    rows: rows(),
  });
}
