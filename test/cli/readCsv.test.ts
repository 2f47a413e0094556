import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import Papa from "papaparse";
import { beforeEach, describe, expect, it } from "vitest";
import { MixedBreaksTooLong, normaliseLineBreaks } from "../../src/cli/csvLineBreaks";
import { decodeCsv } from "../../src/cli/decodeCsv";
import { runCli } from "../../src/cli/program";
import { readTable } from "../../src/cli/readTable";

let dir: string;
let out: string[];
let err: string[];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "leadgrade-csv-"));
  out = [];
  err = [];
});

async function read(name: string, content: string | Buffer) {
  const path = join(dir, name);
  await writeFile(path, content);
  return readTable(path);
}

const cli = (...args: string[]) =>
  runCli(args, { out: (t) => out.push(t), err: (t) => err.push(t), tty: false, now: () => new Date() });

const names = (rows: unknown[][]) => rows.map((r) => r[0]);

describe("rows of a CSV", () => {
  it("are split at CRLF, LF and CR alike, in any mix", async () => {
    const crlfHeaderLfRows =
      "客户名称,邮箱\r\n甲,a@example.com\n乙,b@example.com\n丙,c@example.com\n丁,d@example.com\n戊,e@example.com\n";
    expect(names((await read("a.csv", crlfHeaderLfRows)).rows)).toEqual(["甲", "乙", "丙", "丁", "戊"]);
    const oneLfInCrlf = "客户名称,邮箱\r\n甲,a@example.com\r\n乙,b@example.com\n丙,c@example.com\r\n";
    expect(names((await read("b.csv", oneLfInCrlf)).rows)).toEqual(["甲", "乙", "丙"]);
    const oneCrInLf = "客户名称,邮箱\n甲,a@example.com\r乙,b@example.com\n丙,c@example.com\n";
    expect(names((await read("c.csv", oneCrInLf)).rows)).toEqual(["甲", "乙", "丙"]);
    const table = await read("c.csv", oneCrInLf);
    expect(table.rows[0]?.[1]).toBe("a@example.com");
  });

  it("keep line breaks inside a quoted cell as they are", async () => {
    const table = await read("q.csv", '客户名称,备注\r\n甲,"第一行\r\n第二行"\n乙,"a\rb"\r\n');
    expect(table.rows).toEqual([
      ["甲", "第一行\r\n第二行"],
      ["乙", "a\rb"],
    ]);
  });

  it("are counted a second way, and the parser's count agrees on any mix of breaks and quotes", () => {
    const cell = fc.oneof(
      fc.stringMatching(/^[a-z甲乙 ]{0,4}$/),
      fc.stringMatching(/^[a-z,\r\n" ]{0,6}$/).map((t) => `"${t.replace(/"/g, '""')}"`),
    );
    const row = fc.array(cell, { minLength: 1, maxLength: 4 }).map((cells) => cells.join(","));
    const text = fc
      .tuple(
        fc.array(row, { minLength: 1, maxLength: 8 }),
        fc.array(fc.constantFrom("\n", "\r\n", "\r"), { minLength: 8, maxLength: 8 }),
      )
      .map(([rows, breaks]) => rows.map((r, i) => r + (i < rows.length - 1 ? breaks[i] : "")).join(""));
    fc.assert(
      fc.property(text, (csv) => {
        const { text: normalised, rows, newline } = normaliseLineBreaks(csv, ",");
        const parsed = Papa.parse<string[]>(normalised, { delimiter: ",", newline });
        expect(parsed.data).toHaveLength(rows);
        // Only breaks outside quotes changed: with LF for every break, the texts are the same.
        expect(normalised.replace(/\r\n?/g, "\n")).toBe(csv.replace(/\r\n?/g, "\n"));
      }),
      { numRuns: 300 },
    );
  });
});

describe("the encoding of a CSV", () => {
  const mueller = "客户名称,公司,邮箱\nMüller,Müller GmbH,m@example.com\nLee,ACME,l@example.com\n";

  it("is UTF-8 when one character is cut, and the rest of the text is kept as written", async () => {
    const bytes = Buffer.from(mueller, "utf8");
    // The last byte of "ü" in the company cell is lost: the first ü stays whole.
    const at = bytes.indexOf(Buffer.from("ller GmbH")) - 1;
    const cut = Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + 1)]);
    const table = await read("m.csv", cut);
    expect(table.encoding).toBe("utf-8");
    expect(table.rows[0]?.[0]).toBe("Müller");
    expect(table.rows[0]?.[1]).toBe("M\ufffdller GmbH");
    expect(table.badLines).toEqual([2]);
  });

  it("names the lines written in a second encoding instead of showing them as � silently", async () => {
    const utf8 = Buffer.from("客户名称,来源\n张三,展会\n李四,老客户推荐\n王五,展会\n", "utf8");
    const gbk = Buffer.from([0xd5, 0xd4, 0xc1, 0xf9, 0x2c, 0xd5, 0xb9, 0xbb, 0xe1, 0x0a]); // 赵六,展会
    await writeFile(join(dir, "mixed.csv"), Buffer.concat([utf8, gbk]));
    expect(await cli(join(dir, "mixed.csv"), "--out", join(dir, "o.csv"), "--as-of", "2026-11-22")).toBe(0);
    const printed = out.join("");
    expect(printed).toContain("文件编码: UTF-8");
    expect(printed).toContain("第 5 行看起来是 GB18030 编码");
  });

  it("is GB18030 only when the whole file decodes in it and most of it is not UTF-8", () => {
    const gbk = Buffer.from([0xbf, 0xcd, 0xbb, 0xa7, 0xc3, 0xfb, 0xb3, 0xc6, 0x0a, 0xd5, 0xc5, 0xc8, 0xfd]); // 客户名称\n张三
    expect(decodeCsv(gbk)).toMatchObject({ text: "客户名称\n张三", encoding: "gb18030", badLines: [] });
    expect(decodeCsv(Buffer.from("a,b\n1,2\n"))).toMatchObject({ encoding: "utf-8", badLines: [] });
  });

  it("is named in the summary", async () => {
    await writeFile(join(dir, "plain.csv"), "Name,Source\nLee,Referral\n");
    expect(await cli(join(dir, "plain.csv"), "--out", join(dir, "o.csv"), "--lang", "en")).toBe(0);
    expect(out.join("")).toContain("Encoding: UTF-8");
  });
});

describe("row breaks of one kind", () => {
  it("leave the text as it is (no copy), and tell the parser which kind", () => {
    const crlf = 'a,b\r\n1,"x\ny"\r\n2,z\r\n';
    expect(normaliseLineBreaks(crlf, ",")).toEqual({ text: crlf, rows: 4, newline: "\r\n" });
    expect(normaliseLineBreaks("a\rb\r", ",")).toEqual({ text: "a\rb\r", rows: 3, newline: "\r" });
  });

  it("in a mix are made LF, and a mix longer than the copy limit is refused rather than copied", () => {
    expect(normaliseLineBreaks("a\r\nb\nc", ",", 100).text).toBe("a\nb\nc");
    expect(() => normaliseLineBreaks("a\r\nb\nc", ",", 5)).toThrow(MixedBreaksTooLong);
    // One kind: never copied, so never refused for its length.
    expect(normaliseLineBreaks("a\r\nb\r\nc", ",", 5).newline).toBe("\r\n");
  });
});

describe("the CSV's delimiter", () => {
  it("stays the comma in a short file whose notes hold semicolons, whatever its last line break", async () => {
    // Eight columns, two rows: the empty line after the last break made Papa's guess pick ";".
    const header = "Name,Company,Email,Phone,Intent,Source,Notes,Owner";
    const text = `${header}\r\nAnn,Acme,a@acme.com,1,High,Web,quote; demo; budget ok,Bo\r\nCy,Beta,c@beta.com,2,Low,Ad,call back; no answer; mail,Di\r\n`;
    for (const content of [text, text.trimEnd()]) {
      const table = await read("short.csv", content);
      expect(table.header).toEqual(header.split(","));
      expect(table.rows[1]?.[6]).toBe("call back; no answer; mail");
    }
  });
});
