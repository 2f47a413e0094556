import { execFile } from "node:child_process";
import { mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { strToU8, zipSync } from "fflate";
import { beforeEach, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/program";

/**
 * Hostile workbooks, made here: each is refused in one line, exit 2, nothing written, and in
 * bounded memory (the far corner is read in a child process whose heap an unbounded read would
 * overflow).
 */
const MAIN = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
const R = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';

let dir: string;
let err: string[];
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "leadgrade-hostile-"));
  err = [];
});

async function book(name: string, sheetData: string): Promise<string> {
  const path = join(dir, name);
  const parts: Record<string, string> = {
    "[Content_Types].xml": "<Types/>",
    "xl/workbook.xml": `<workbook ${MAIN} ${R}><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    "xl/_rels/workbook.xml.rels": `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
    "xl/worksheets/sheet1.xml": `<worksheet ${MAIN}><sheetData>${sheetData}</sheetData></worksheet>`,
  };
  await writeFile(path, zipSync(Object.fromEntries(Object.entries(parts).map(([f, t]) => [f, strToU8(t)]))));
  return path;
}

const HEADER =
  '<row r="1"><c r="A1" t="inlineStr"><is><t>客户名称</t></is></c><c r="B1" t="inlineStr"><is><t>意向</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>张三</t></is></c><c r="B2" t="inlineStr"><is><t>高</t></is></c></row>';

const cli = (...args: string[]) =>
  runCli(args, {
    out: () => {},
    err: (t) => err.push(t),
    tty: false,
    now: () => new Date("2026-11-22T02:00:00Z"),
  });

describe("a hostile workbook", () => {
  it.each([
    [
      "a cell past the last column",
      `${HEADER}<row r="3"><c r="ZZZZZZ3"><v>1</v></c></row>`,
      /cell ZZZZZZ3 is past the sheet's last column \(XFD\)/,
    ],
    [
      "a row past the last row",
      `${HEADER}<row r="2000000"><c r="A2000000"><v>1</v></c></row>`,
      /row 2000000 is past the sheet's last row/,
    ],
    [
      "a cell at the far corner",
      `${HEADER}<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>`,
      /too large to grade — its cells reach row 1,048,576 and column 16,384/,
    ],
  ])("with %s is refused in one line, writing nothing", async (_, sheet, message) => {
    const input = await book("hostile.xlsx", sheet);
    expect(await cli(input, "--out", join(dir, "out.csv"))).toBe(2);
    expect(err.join("")).toMatch(message);
    expect(err.join("").trim().split("\n")).toHaveLength(1);
    expect(await readdir(dir)).toEqual(["hostile.xlsx"]);
  });

  it("at the far corner is refused within a 200 MB heap, in a child process", async () => {
    const input = await book("corner.xlsx", `${HEADER}<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>`);
    const bin = join(import.meta.dirname, "../../bin/leadgrade.mjs");
    const run = promisify(execFile)(process.execPath, [
      "--max-old-space-size=200",
      bin,
      input,
      "--out",
      join(dir, "o.csv"),
    ]);
    const failed = await run.then(
      () => undefined,
      (e: { code: number; stderr: string }) => e,
    );
    expect(failed?.code).toBe(2);
    expect(failed?.stderr).toMatch(/too large to grade/);
  }, 60_000);
});

describe("paths the command is given", () => {
  const leads = "客户名称,意向\n张三,高\n";

  it("refuse special files at once, as input or output", async () => {
    const input = join(dir, "in.csv");
    await writeFile(input, leads);
    const fifo = join(dir, "pipe.csv");
    await promisify(execFile)("mkfifo", [fifo]);
    expect(await cli(fifo, "--out", join(dir, "o.csv"))).toBe(2);
    expect(err.join("")).toContain("is not a regular file");
    err = [];
    expect(await cli(input, "--out", fifo)).toBe(2);
    expect(err.join("")).toContain("--out: ");
    expect((await readdir(dir)).sort()).toEqual(["in.csv", "pipe.csv"]);
  });

  it("are all distinct from the input and from each other, checked before anything is written", async () => {
    const input = join(dir, "in.csv");
    await writeFile(input, leads);
    expect(await cli(input, "--out", join(dir, "o.csv"), "--report", input)).toBe(2);
    expect(err.join("")).toContain("--report: ");
    expect(await cli(input, "--out", join(dir, "o.csv"), "--report", join(dir, "o.csv"))).toBe(2);
    expect(err.join("")).toContain("--out and --report both name");
    expect(await readdir(dir)).toEqual(["in.csv"]);
  });

  it("that cannot be made fail in one line naming the path and the cause", async () => {
    const input = join(dir, "in.csv");
    await writeFile(input, leads);
    expect(await cli(input, "--out", join(input, "below", "o.csv"))).toBe(2);
    expect(err.join("")).toBe(
      `leadgrade: ${join(input, "below")}: a part of the path is a file, not a folder\n`,
    );
    err = [];
    expect(await cli(input, "--out", "/proc/leadgrade-test/o.csv")).toBe(2);
    expect(err.join("")).toMatch(/^leadgrade: \/proc\/leadgrade-test: no such file or folder/);
  });
});

describe("owner text from the cells", () => {
  it("reaches files, mail headers and the terminal without control characters, folded, under safe names", async () => {
    const owners = ["bad\u0000name", "\u001b]0;title\u0007\u001b[2Jclear", "CON", "长".repeat(400)];
    const rows = owners.map((o, i) => `客户${i},高,2026-10-01,${o}`).join("\n");
    const input = join(dir, "owners.csv");
    await writeFile(input, `客户名称,意向,最近联系,负责人\n${rows}\n`);
    const printed: string[] = [];
    const code = await runCli(
      [input, "--out", join(dir, "o.csv"), "--outbox", join(dir, "mail"), "--as-of", "2026-11-22"],
      {
        out: (t) => printed.push(t),
        err: (t) => err.push(t),
        tty: false,
        now: () => new Date("2026-11-22T02:00:00Z"),
      },
    );
    expect(code).toBe(0);
    const controls = ["\u0000", "\u0007", "\u001b"];
    expect(controls.filter((c) => printed.join("").includes(c))).toEqual([]);
    const files = await readdir(join(dir, "mail"));
    expect(files).toHaveLength(4);
    expect(files).toContain("CON_.eml");
    for (const f of files) {
      expect(controls.filter((c) => f.includes(c))).toEqual([]);
      const text = await readFile(join(dir, "mail", f), "utf8");
      for (const line of text.split("\r\n")) expect(line.length).toBeLessThanOrEqual(998);
      expect(controls.filter((c) => text.includes(c))).toEqual([]);
    }
  });
});

describe("a workbook that says it inflates hugely", () => {
  it("is refused from the sizes its zip states, before anything is inflated", async () => {
    const path = await book("bomb.xlsx", HEADER);
    const bytes = await readFile(path);
    // The sheet part claims 2 GB uncompressed, in its local header and the central directory.
    const name = Buffer.from("xl/worksheets/sheet1.xml");
    for (const [signature, sizeAt, nameAt] of [
      [0x04034b50, 22, 30],
      [0x02014b50, 24, 46],
    ] as const) {
      for (let i = 0; i + nameAt < bytes.length; i++) {
        if (bytes.readUInt32LE(i) !== signature) continue;
        if (bytes.subarray(i + nameAt, i + nameAt + name.length).equals(name))
          bytes.writeUInt32LE(0x80000000, i + sizeAt);
      }
    }
    await writeFile(path, bytes);
    expect(await cli(path, "--out", join(dir, "o.csv"))).toBe(2);
    expect(err.join("")).toMatch(
      /too large to grade — its part xl\/worksheets\/sheet1\.xml inflates to 2048 MB/,
    );
  });
});
