import { mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import ExcelJS from "exceljs";
import { strFromU8, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { escapeXml, writeXlsxFile } from "../../src/cli/xlsxWriter";
import { zipChecksums } from "../support/zipChecksums";

describe("writeXlsxFile", () => {
  it("writes values, styles, widths and a frozen header that exceljs reads back as written", async () => {
    const path = join(await mkdtemp(join(tmpdir(), "leadgrade-xlsx-")), "out.xlsx");
    const day = new Date("2026-11-22T00:00:00Z");
    const moment = new Date("2026-11-22T09:30:15Z");
    await writeXlsxFile(path, {
      name: "线索 & <Leads>",
      columnWidths: [20, 8],
      frozenRows: 1,
      styles: [
        { bold: true },
        { fill: "FF0000" },
        { bold: true, color: "C5221F", fill: "FCE8E6", date: "day" },
      ],
      rows: [
        { values: ["名称", "Value"], styles: [0, 0] },
        { values: ["=1+1", 42], styles: [undefined, 1] },
        { values: [' a\u0001b <i>&"', true] },
        { values: [day, moment], styles: [2] },
        { values: [null, ""] },
        { values: ["last", Number.NaN, false, `${"long text kept inline, ".repeat(3)} `, "B2"] },
      ],
    });
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(path);
    const sheet = book.worksheets[0];
    expect(sheet?.name).toBe("线索 & <Leads>");
    expect(sheet?.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(sheet?.getColumn(1).width).toBe(20);
    expect(sheet?.getRow(1).getCell(1).font?.bold).toBe(true);
    // Text is text: a formula-like value is not made a formula.
    expect(sheet?.getCell("A2").value).toBe("=1+1");
    expect(sheet?.getCell("B2").value).toBe(42);
    expect(sheet?.getCell("B2").fill).toMatchObject({
      type: "pattern",
      pattern: "solid",
      fgColor: { argb: "FFFF0000" },
    });
    // A control character XML cannot hold is written the OOXML way (_x0001_), read back as itself.
    expect(sheet?.getCell("A3").value).toBe(' a\u0001b <i>&"');
    expect(sheet?.getCell("B3").value).toBe(true);
    expect(sheet?.getCell("A4").value).toEqual(day);
    expect(sheet?.getCell("A4").numFmt).toBe("yyyy-mm-dd");
    expect(sheet?.getCell("A4").font?.color?.argb).toBe("FFC5221F");
    expect(sheet?.getCell("B4").value).toEqual(moment);
    expect(sheet?.getCell("B4").numFmt).toBe("yyyy-mm-dd hh:mm:ss");
    expect(sheet?.getRow(5).cellCount).toBe(0);
    expect(sheet?.getCell("A6").value).toBe("last");
    expect(sheet?.getCell("B6").value).toBe("NaN");
    expect(sheet?.getCell("C6").value).toBe(false);
    expect(sheet?.getCell("D6").value).toBe(`${"long text kept inline, ".repeat(3)} `);
    expect(sheet?.getCell("E6").value).toBe("B2");
    expect(sheet?.rowCount).toBe(6);
  });

  it("writes a large sheet whose every part's checksum matches its content", async () => {
    const path = join(await mkdtemp(join(tmpdir(), "leadgrade-xlsx-")), "large.xlsx");
    const rows = Array.from({ length: 30_000 }, (_, i) => ({
      values: [`客户 ${i}`, i * 7, `备注 ${"很长的备注".repeat(i % 9)} ${i}`, i % 2 === 0],
    }));
    await writeXlsxFile(path, { name: "S", columnWidths: [], frozenRows: 1, styles: [], rows });
    const checks = await zipChecksums(path);
    expect(checks.map((c) => c.name)).toContain("xl/worksheets/sheet1.xml");
    for (const check of checks) expect(check.computed, check.name).toBe(check.stored);
    const back = new ExcelJS.Workbook();
    await back.xlsx.readFile(path);
    expect(back.worksheets[0]?.getRow(30_000).values).toEqual([
      undefined,
      "客户 29999",
      209_993,
      "备注 很长的备注很长的备注 29999",
      false,
    ]);
  });

  it("stops sharing a column's short texts once most are new, and every cell still reads back", async () => {
    const path = join(await mkdtemp(join(tmpdir(), "leadgrade-xlsx-")), "phones.xlsx");
    const sources = ["老客户推荐", "展会", "官网咨询"];
    const phone = (i: number) => `138${String(i).padStart(8, "0")}`;
    const rows = Array.from({ length: 3_000 }, (_, i) => ({ values: [phone(i), sources[i % 3]] }));
    await writeXlsxFile(path, { name: "S", columnWidths: [], frozenRows: 0, styles: [], rows });
    const parts = unzipSync(await readFile(path));
    const sst = strFromU8(parts["xl/sharedStrings.xml"] as Uint8Array);
    // The phones' first thousand (their trial) and the three sources; the sources stay shared.
    expect(sst).toContain('count="4000" uniqueCount="1003"');
    const sheetXml = strFromU8(parts["xl/worksheets/sheet1.xml"] as Uint8Array);
    expect(sheetXml).toContain(`<c r="A2500" t="inlineStr"><is><t>${phone(2499)}</t></is></c>`);
    expect(sheetXml).toMatch(/<c r="B2500" t="s"><v>\d+<\/v><\/c>/);
    const back = new ExcelJS.Workbook();
    await back.xlsx.readFile(path);
    const sheet = back.worksheets[0];
    for (const r of [1, 1_000, 1_001, 2_500, 3_000])
      expect(sheet?.getRow(r).values, `row ${r}`).toEqual([undefined, phone(r - 1), sources[(r - 1) % 3]]);
  });

  it("rejects when the file cannot be written, leaving nothing behind", async () => {
    const dir = await mkdtemp(join(tmpdir(), "leadgrade-xlsx-"));
    await writeFile(join(dir, "a-file"), "");
    await expect(
      writeXlsxFile(join(dir, "a-file", "out.xlsx"), {
        name: "S",
        columnWidths: [],
        frozenRows: 0,
        styles: [],
        rows: [{ values: ["a"] }],
      }),
    ).rejects.toThrow(/not a folder/);
    expect(await readdir(dir)).toEqual(["a-file"]);
  });

  it("rejects with the error of a row that cannot be made, the file closed", async () => {
    const path = join(await mkdtemp(join(tmpdir(), "leadgrade-xlsx-")), "broken.xlsx");
    function* rows() {
      yield { values: ["a"] };
      throw new Error("no more rows");
    }
    await expect(
      writeXlsxFile(path, { name: "S", columnWidths: [], frozenRows: 0, styles: [], rows: rows() }),
    ).rejects.toThrow("no more rows");
    expect(await readdir(dirname(path))).toEqual([]);
  });

  it("escapes what XML cannot hold", () => {
    expect(escapeXml('<a href="x">&</a>')).toBe("&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;");
    expect(escapeXml("a\u0000b\u001fc\td\ne")).toBe("a_x0000_b_x001F_c\td\ne");
  });
});
