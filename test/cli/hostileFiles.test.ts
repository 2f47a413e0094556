import { execFile } from "node:child_process";
import { mkdtemp, readdir, readFile, truncate, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { strToU8, zipSync } from "fflate";
import { beforeEach, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/program";
import { nodeOutputFs, type OutputFs } from "../../src/cli/stagedFiles";

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

/** Makes the sheet part claim `size` bytes uncompressed, in its local header and the central directory. */
function claimSheetSize(bytes: Buffer, size: number): void {
  const name = Buffer.from("xl/worksheets/sheet1.xml");
  for (const [signature, sizeAt, nameAt] of [
    [0x04034b50, 22, 30],
    [0x02014b50, 24, 46],
  ] as const) {
    for (let i = 0; i + nameAt < bytes.length; i++) {
      if (bytes.readUInt32LE(i) !== signature) continue;
      if (bytes.subarray(i + nameAt, i + nameAt + name.length).equals(name))
        bytes.writeUInt32LE(size, i + sizeAt);
    }
  }
}

describe("a workbook that says it inflates hugely", () => {
  it("is refused from the sizes its zip states, before anything is inflated", async () => {
    const path = await book("bomb.xlsx", HEADER);
    const bytes = await readFile(path);
    claimSheetSize(bytes, 0x80000000);
    await writeFile(path, bytes);
    expect(await cli(path, "--out", join(dir, "o.csv"))).toBe(2);
    expect(err.join("")).toMatch(
      /too large to grade — its part xl\/worksheets\/sheet1\.xml inflates to 2048 MB/,
    );
  });

  it("is refused when its sheet holds more XML than can be read in 1 GB, naming the limit", async () => {
    // A sheet of random numbers (~0.7 MB deflated) that says it is 600 MB: no zip bomb by its ratio.
    let seed = 1;
    const random = () => {
      seed = (seed * 48_271) % 2_147_483_647;
      return seed;
    };
    const noise = Array.from(
      { length: 180_000 },
      (_, i) => `<row r="${i + 3}"><c r="A${i + 3}"><v>${random()}${random()}</v></c></row>`,
    );
    const path = join(dir, "big.xlsx");
    const parts: Record<string, Uint8Array> = {
      "[Content_Types].xml": strToU8("<Types/>"),
      "xl/workbook.xml": strToU8(
        `<workbook ${MAIN} ${R}><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>`,
      ),
      "xl/_rels/workbook.xml.rels": strToU8(
        `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
      ),
      "xl/worksheets/sheet1.xml": strToU8(
        `<worksheet ${MAIN}><sheetData>${HEADER}${noise.join("")}</sheetData></worksheet>`,
      ),
    };
    const bytes = Buffer.from(zipSync(parts, { level: 1 }));
    claimSheetSize(bytes, 600 * 1024 * 1024);
    await writeFile(path, bytes);
    expect(await cli(path, "--out", join(dir, "o.csv"))).toBe(2);
    expect(err.join("")).toMatch(
      /too large to grade — its sheet "S" holds 600 MB of XML, past the 512 MB LeadGrade reads/,
    );
    expect(await readdir(dir)).toEqual(["big.xlsx"]);
  });
});

describe("a CSV past what can be graded in 1 GB", () => {
  it("is refused by its size before it is read", async () => {
    const path = join(dir, "huge.csv");
    // Sparse: 201 MB that take no room on the disk.
    await writeFile(path, "客户名称,意向\n");
    await truncate(path, 201 * 1024 * 1024);
    expect(await cli(path, "--out", join(dir, "o.csv"))).toBe(2);
    expect(err.join("")).toMatch(
      /huge\.csv: too large to grade — 201 MB, past the 200 MB LeadGrade reads from one CSV file.*Split the file \(keep the header row in each part\)/,
    );
  });

  it("is refused by its cells (rows × columns) before they are made", async () => {
    const path = join(dir, "cells.csv");
    const row = `${",".repeat(19)}\n`;
    await writeFile(path, `客户名称${row}${row.repeat(500_000)}`);
    expect(await cli(path, "--out", join(dir, "o.csv"))).toBe(2);
    expect(err.join("")).toMatch(
      /500,001 rows of 20 columns: 10,000,020 cells, past the 10,000,000 LeadGrade grades/,
    );
  });
});

/** The disk, filling up after `room` bytes (across every file written through it). */
function diskWithRoom(room: number): OutputFs {
  let left = room;
  return {
    ...nodeOutputFs,
    async create(path) {
      const sink = await nodeOutputFs.create(path);
      return {
        async write(piece) {
          const size = typeof piece === "string" ? Buffer.byteLength(piece) : piece.length;
          left -= size;
          if (left < 0)
            throw Object.assign(new Error(`ENOSPC: no space left on device, write`), {
              code: "ENOSPC",
              path,
            });
          await sink.write(piece);
        },
        close: () => sink.close(),
      };
    },
  };
}

describe("outputs, written whole or not at all", () => {
  const LEADS = `客户名称,意向,最近联系,负责人\n${Array.from({ length: 300 }, (_, i) => `客户${i},高,2026-10-0${1 + (i % 9)},owner${i % 7}@example.com`).join("\n")}\n`;
  const run = (fs: OutputFs | undefined, ...args: string[]) =>
    runCli(args, {
      out: () => {},
      err: (t) => err.push(t),
      tty: false,
      now: () => new Date("2026-11-22T02:00:00Z"),
      ...(fs ? { fs } : {}),
    });

  it("puts every file in place when all were written", async () => {
    const input = join(dir, "leads.csv");
    await writeFile(input, LEADS);
    const args = [
      "--out",
      join(dir, "out", "graded.xlsx"),
      "--outbox",
      join(dir, "mail"),
      "--report",
      join(dir, "r.html"),
    ];
    expect(await run(undefined, input, ...args, "--suggest", "--as-of", "2026-11-22")).toBe(0);
    expect((await readdir(dir)).sort()).toEqual(["leads.csv", "mail", "out", "r.html"]);
    expect((await readdir(join(dir, "out"))).sort()).toEqual(["graded.xlsx", "rules-suggested.json"]);
    expect(await readdir(join(dir, "mail"))).toHaveLength(7);
  });

  // Room for nothing, for part of the graded file, for it and part of the messages, for all but the report.
  // The graded CSV is ~41 KB, the workbook ~21 KB, the 7 messages ~33 KB each, the report ~4 KB.
  it.each([
    ["the graded CSV", "graded.csv", 0, /graded\.csv/],
    ["the graded CSV, part-way", "graded.csv", 20_000, /graded\.csv/],
    ["the graded workbook, part-way", "graded.xlsx", 5_000, /graded\.xlsx/],
    ["the outbox, part-way", "graded.xlsx", 60_000, /mail\/owner\d@example\.com\.eml/],
    ["the report", "graded.xlsx", 254_000, /r\.html/],
  ])("a full disk while writing %s leaves the folder as it was, in one line", async (_, name, room, file) => {
    const input = join(dir, "leads.csv");
    await writeFile(input, LEADS);
    const args = [
      "--out",
      join(dir, "out", name),
      "--outbox",
      join(dir, "mail"),
      "--report",
      join(dir, "r.html"),
    ];
    const code = await run(diskWithRoom(room), input, ...args, "--as-of", "2026-11-22");
    expect(code).toBe(2);
    expect(err).toHaveLength(1);
    expect(err[0]).toMatch(/^leadgrade: \/.*: no space left on the device\n$/);
    expect(err[0]).toMatch(file);
    expect(await readdir(dir)).toEqual(["leads.csv"]);
  });

  it("a report that cannot be written takes back the graded file and the outbox", async () => {
    const input = join(dir, "leads.csv");
    await writeFile(input, LEADS);
    await writeFile(join(dir, "blocker"), "");
    const args = [
      "--out",
      join(dir, "graded.csv"),
      "--outbox",
      join(dir, "mail"),
      "--report",
      join(dir, "blocker", "r.html"),
    ];
    expect(await run(undefined, input, ...args, "--as-of", "2026-11-22")).toBe(2);
    expect(err.join("")).toMatch(/blocker.*: a part of the path is a file, not a folder/);
    expect((await readdir(dir)).sort()).toEqual(["blocker", "leads.csv"]);
  });
});
