import { execFile } from "node:child_process";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import ExcelJS from "exceljs";
import { strToU8, zipSync } from "fflate";
import { beforeAll, describe, expect, it } from "vitest";
import {
  findRowStart,
  isDateFormat,
  placeRows,
  readXlsxFile,
  SheetReader,
  TextBudget,
  XlsxFormatError,
  XlsxTooLargeError,
} from "../../src/cli/xlsxReader";
import { writeXlsxFile } from "../../src/cli/xlsxWriter";

let dir = "";
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "leadgrade-xlsx-read-"));
});

/** A workbook from raw parts, for the forms exceljs never writes. */
async function rawBook(name: string, parts: Record<string, string>): Promise<string> {
  const path = join(dir, name);
  await writeFile(
    path,
    zipSync(Object.fromEntries(Object.entries(parts).map(([file, text]) => [file, strToU8(text)]))),
  );
  return path;
}

const MAIN = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
const R = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';

describe("readXlsxFile", () => {
  it("reads what exceljs writes: shared strings, rich text, formulas, dates, hyperlinks, errors, gaps", async () => {
    const path = join(dir, "exceljs.xlsx");
    const book = new ExcelJS.Workbook();
    book.addWorksheet("Other").addRow(["x"]);
    const sheet = book.addWorksheet("线索 R&D");
    sheet.addRow(["客户名称", "最近联系", "预算", "成交", "公式", "链接", "错误"]);
    sheet.addRow([
      { richText: [{ text: "张" }, { font: { bold: true }, text: "三 & <Co>" }] },
      new Date("2026-11-20T00:00:00Z"),
      50_000,
      true,
      { formula: "C2*2", result: 100_000 },
      { text: "官网", hyperlink: "https://example.com" },
      { error: "#N/A" },
    ]);
    sheet.getCell("B2").numFmt = "yyyy/m/d";
    sheet.getRow(4).values = ["after a gap", new Date("2026-11-20T09:30:00Z")];
    await book.xlsx.writeFile(path);

    const read = await readXlsxFile(path, "线索 R&D");
    expect(read.names).toEqual(["Other", "线索 R&D"]);
    expect(read.sheet?.rows).toEqual([
      ["客户名称", "最近联系", "预算", "成交", "公式", "链接", "错误"],
      ["张三 & <Co>", new Date("2026-11-20T00:00:00Z"), 50_000, true, 100_000, "官网", "#N/A"],
      [],
      ["after a gap", new Date("2026-11-20T09:30:00Z")],
    ]);
    expect((await readXlsxFile(path)).sheet?.name).toBe("Other");
    expect((await readXlsxFile(path, "Nope")).sheet).toBeUndefined();
  });

  it("reads back LeadGrade's own output", async () => {
    const path = join(dir, "own.xlsx");
    await writeXlsxFile(path, {
      name: "Leads",
      columnWidths: [],
      frozenRows: 1,
      styles: [{ date: "day" }],
      rows: [
        { values: ["a\u0001b", 1.5, false] },
        { values: [new Date("2026-11-22T00:00:00Z")], styles: [0] },
      ],
    });
    expect((await readXlsxFile(path)).sheet?.rows).toEqual([
      ["a\u0001b", 1.5, false],
      [new Date("2026-11-22T00:00:00Z")],
    ]);
  });

  it("reads inline and formula strings, ISO dates, the 1904 calendar, prefixed tags and cells without references", async () => {
    const path = await rawBook("raw.xlsx", {
      "[Content_Types].xml": "<Types/>",
      "xl/workbook.xml": `<x:workbook xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ${R}><x:workbookPr date1904="1"/><x:sheets><x:sheet name="S" sheetId="1" r:id="rId7"/></x:sheets></x:workbook>`,
      "xl/_rels/workbook.xml.rels": `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId7" Type="worksheet" Target="/xl/worksheets/data.xml"/></Relationships>`,
      "xl/styles.xml": `<styleSheet ${MAIN}><numFmts count="1"><numFmt numFmtId="170" formatCode="&quot;Day&quot; dd.mm.yyyy"/></numFmts><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="170"/><xf numFmtId="4"/></cellXfs></styleSheet>`,
      "xl/worksheets/data.xml": `<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>
        <x:row><x:c t="inlineStr"><x:is><x:r><x:t>Hel</x:t></x:r><x:r><x:t xml:space="preserve">lo </x:t></x:r><x:rPh><x:t>ignored</x:t></x:rPh></x:is></x:c><x:c t="str"><x:f>A1&amp;"!"</x:f><x:v>Hello !</x:v></x:c><x:c t="d"><x:v>2026-11-22T08:00:00</x:v></x:c></x:row>
        <x:row><x:c s="1"><x:v>0</x:v></x:c><x:c s="2"><x:v>1234.5</x:v></x:c><x:c/><x:c t="b"><x:v>0</x:v></x:c><x:c t="s"><x:v>99</x:v></x:c></x:row>
      </x:sheetData></x:worksheet>`,
    });
    expect((await readXlsxFile(path)).sheet?.rows).toEqual([
      ["Hello ", "Hello !", new Date("2026-11-22T08:00:00Z")],
      [new Date("1904-01-01T00:00:00Z"), 1234.5, "", false],
    ]);
  });

  it("refuses a file that is not a workbook", async () => {
    const notZip = join(dir, "fake.xlsx");
    await writeFile(notZip, "name,source\n");
    await expect(readXlsxFile(notZip)).rejects.toBeInstanceOf(XlsxFormatError);
    const broken = await rawBook("broken.xlsx", { "xl/workbook.xml": "<workbook><sheets><sheet" });
    await expect(readXlsxFile(broken)).rejects.toBeInstanceOf(XlsxFormatError);
    const empty = await rawBook("nowb.xlsx", { "a.txt": "hello" });
    await expect(readXlsxFile(empty)).rejects.toBeInstanceOf(XlsxFormatError);
    // A workbook damaged in the middle of its (deflated) sheet.
    const damaged = join(dir, "damaged.xlsx");
    const rows = Array.from({ length: 2_000 }, (_, i) => ({ values: [`客户 ${i}`, i, `备注 ${i * 7919}`] }));
    await writeXlsxFile(damaged, { name: "S", columnWidths: [], frozenRows: 0, styles: [], rows });
    const bytes = await readFile(damaged);
    const middle = Math.floor(bytes.length / 2);
    bytes.fill(0xff, middle, middle + 64);
    await writeFile(damaged, bytes);
    await expect(readXlsxFile(damaged)).rejects.toBeInstanceOf(XlsxFormatError);
  });

  it("tells date formats from number formats", () => {
    expect(["yyyy-mm-dd", "m/d/yy h:mm", '"Day" dd', "[$-409]mmmm d", "hh:mm:ss"].map(isDateFormat)).toEqual([
      true,
      true,
      true,
      true,
      true,
    ]);
    expect(["0.00", "#,##0", '"Days" 0', "[Red]0.0", "General", "@", "0_);(0)"].map(isDateFormat)).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
  });
});

describe("a large sheet read on two threads", () => {
  const ROOT = join(import.meta.dirname, "../..");
  let sheetWorker = "";
  beforeAll(async () => {
    // The command's launcher builds the worker beside the command; this is the file it runs.
    await promisify(execFile)("node", [join(ROOT, "bin/leadgrade.mjs"), "--help"], { cwd: ROOT });
    sheetWorker = join(ROOT, "node_modules/.cache/leadgrade/xlsx-sheet-worker.mjs");
  }, 60_000);

  const strings = ["客户名称", "老客户推荐", "Acme & Co"];
  const dateStyles = [false, true];
  const rowsXml = [
    '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>备注</t></is></c></row>',
    '<row r="2"><c r="A2" t="s"><v>1</v></c><c r="C2" s="1"><v>46346</v></c><c r="D2" t="s"><v>7</v></c></row>',
    '<row><c t="s"><v>2</v></c><c t="b"><v>1</v></c></row>',
    '<row r="6" spans="1:3"><c r="B6"><v>12.5</v></c><c r="C6" t="s"><v>99</v></c><c r="D6" t="s"><v>98</v></c></row>',
    "<row/>",
    '<row><c t="str"><v>=x</v></c><c t="s"><v>1</v></c></row>',
  ];
  const head = `<worksheet ${MAIN}><sheetData>`;
  const tail = '</sheetData><mergeCells count="0"/></worksheet>';

  it("puts the two halves together as one read would, wherever the rows are cut", () => {
    const whole = new SheetReader(strings, dateStyles, false);
    whole.write(head + rowsXml.join("") + tail);
    const expected = placeRows([whole.close()], strings);
    expect(expected).toEqual([
      ["客户名称", "备注"],
      ["老客户推荐", "", new Date("2026-11-20T00:00:00Z")],
      ["Acme & Co", true],
      [],
      [],
      ["", 12.5],
      [],
      ["=x", "老客户推荐"],
    ]);
    const xml = head + rowsXml.join("") + tail;
    for (let k = 1; k < rowsXml.length; k++) {
      const at = head.length + rowsXml.slice(0, k).join("").length;
      expect(findRowStart(xml, at - 1)).toEqual({ index: at, prefix: "" });
      const first = new SheetReader(strings, dateStyles, false);
      first.write(`${xml.slice(0, at)}</sheetData></worksheet>`);
      // The second thread has no shared strings: it notes where they go.
      const second = new SheetReader(undefined, dateStyles, false);
      second.write(`<worksheet><sheetData>${xml.slice(at)}`);
      expect(placeRows([first.close(), second.close()], strings)).toEqual(expected);
    }
  });

  it("finds where a prefixed row starts and nothing in a row's own tags", () => {
    expect(findRowStart('<x:sheetData><x:row r="1"><x:c/></x:row>')).toEqual({ index: 13, prefix: "x:" });
    expect(findRowStart("<rows><rowBreaks/><c r='row'/>")).toBeUndefined();
  });

  it("reads a workbook in two halves at once, the same as on one thread", async () => {
    const path = join(dir, "two-threads.xlsx");
    const rows = Array.from({ length: 3_000 }, (_, i) => ({
      values: [
        `客户 ${i % 700}`,
        i * 1.5,
        i % 3 === 0,
        new Date(Date.UTC(2026, 0, 1 + (i % 300))),
        `备注 ${i}`,
      ],
    }));
    await writeXlsxFile(path, { name: "线索", columnWidths: [], frozenRows: 1, styles: [], rows });
    const here = await readXlsxFile(path);
    expect(here.sheet?.threads).toBe(1);
    const split = await readXlsxFile(path, undefined, { sheetWorker, splitFromBytes: 0 });
    expect(split.sheet?.threads).toBe(2);
    expect(split.sheet?.rows).toEqual(here.sheet?.rows);
    expect(split.sheet?.rows[2999]).toEqual([
      "客户 199",
      4498.5,
      false,
      new Date("2026-10-27T00:00:00Z"),
      "备注 2999",
    ]);
  });

  it("reads again on one thread when the cut falls inside CDATA, and reports broken XML all the same", async () => {
    const filler = (n: number) =>
      Array.from(
        { length: n },
        (_, i) => `<row r="${i + 2}"><c t="inlineStr"><is><t>${i}</t></is></c></row>`,
      ).join("");
    const cdata = `<row r="52"><c t="inlineStr"><is><t><![CDATA[${"x".repeat(3_000)}<row r="9"> is text here${"y".repeat(3_000)}]]></t></is></c></row>`;
    const parts = (sheet: string) => ({
      "xl/workbook.xml": `<workbook ${MAIN} ${R}><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>`,
      "xl/_rels/workbook.xml.rels": `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
      "xl/worksheets/sheet1.xml": sheet,
    });
    const path = await rawBook(
      "cdata.xlsx",
      parts(
        `<worksheet ${MAIN}><sheetData><row r="1"><c t="inlineStr"><is><t>名称</t></is></c></row>${filler(50)}${cdata}</sheetData></worksheet>`,
      ),
    );
    const read = await readXlsxFile(path, undefined, { sheetWorker, splitFromBytes: 0 });
    expect(read.sheet?.threads).toBe(1);
    expect(read.sheet?.rows).toEqual((await readXlsxFile(path)).sheet?.rows);
    expect(read.sheet?.rows[51]?.[0]).toMatch(/^x+<row r="9"> is text herey+$/);

    const broken = await rawBook(
      "broken-sheet.xlsx",
      parts(
        `<worksheet ${MAIN}><sheetData>${filler(200)}<row r="900"><c><v>1</v></row></sheetData></worksheet>`,
      ),
    );
    await expect(readXlsxFile(broken, undefined, { sheetWorker, splitFromBytes: 0 })).rejects.toBeInstanceOf(
      XlsxFormatError,
    );
  });
});

describe("texts kept from a sheet", () => {
  it("are copies of their own, counted against the text budget, ASCII notes one byte a character", () => {
    const budget = new TextBudget();
    const piece = `客${"x".repeat(300)}<c>张三丰的公司名称很长很长</c>`;
    const note = budget.own(piece.slice(1, 301));
    expect(note).toBe("x".repeat(300));
    expect(budget.spent).toBe(300);
    expect(budget.own("张三丰的公司名称很长很长很长")).toBe("张三丰的公司名称很长很长很长");
    expect(budget.spent).toBe(300 + 2 * 14);
    expect(budget.own("short")).toBe("short");
    expect(budget.spent).toBe(328);
  });

  it("past the budget make the read refuse the sheet as too large", () => {
    const budget = new TextBudget();
    budget.spent = 600 * 1024 * 1024 - 20;
    expect(() => budget.own("x".repeat(30))).toThrow(XlsxTooLargeError);
    expect(() => budget.own("x".repeat(30))).toThrow(/more than 600 MB of text/);
  });
});
