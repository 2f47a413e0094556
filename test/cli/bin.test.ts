import { execFile, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/program";
import { writeXlsxFile } from "../../src/cli/xlsxWriter";
import { GENERATED_HEADER, generateLeads } from "../support/generateLeads";

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, "../..");

describe("the leadgrade command as a process", () => {
  it("grades the sample workbook with no arguments but an output path", async () => {
    const dir = await mkdtemp(join(tmpdir(), "leadgrade-bin-"));
    const out = join(dir, "sample.xlsx");
    const { stdout, stderr } = await run("node", [join(ROOT, "bin/leadgrade.mjs"), "--out", out], {
      cwd: ROOT,
    });
    expect(stderr).toBe("");
    expect(stdout).toContain("基准日 2026-11-20");
    expect(stdout).toMatch(/300 条线索 · 1 空行/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(out);
    expect(book.worksheets[0]?.rowCount).toBe(302);
  }, 60_000);

  it("lists every option with --help and exits 0", async () => {
    const { stdout } = await run("node", [join(ROOT, "bin/leadgrade.mjs"), "--help"], { cwd: ROOT });
    for (const option of [
      "--out",
      "--rules",
      "--as-of",
      "--tz",
      "--date-order",
      "--sheet",
      "--outbox",
      "--report",
      "--lang",
    ]) {
      expect(stdout).toContain(option);
    }
  }, 60_000);

  it("exits 2 for a missing file, without a stack trace", async () => {
    const failure = await run("node", [join(ROOT, "bin/leadgrade.mjs"), "nope.csv"], { cwd: ROOT }).catch(
      (e) => e,
    );
    expect(failure.code).toBe(2);
    expect(failure.stderr).toBe("leadgrade: nope.csv: no such file\n");
  }, 60_000);

  it("stops printing quietly when the reader of its output goes away (leadgrade … | head)", async () => {
    const dir = await mkdtemp(join(tmpdir(), "leadgrade-bin-"));
    const out = join(dir, "sample.csv");
    const child = spawn("node", [join(ROOT, "bin/leadgrade.mjs"), "--out", out], { cwd: ROOT });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    // The reader has gone before the command prints anything.
    child.stdout.destroy();
    const [code] = (await once(child, "close")) as [number | null];
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect((await readFile(out, "utf8")).split("\n").length).toBeGreaterThan(300);
  }, 60_000);

  it("reads a large workbook on two threads and grades it exactly as one thread does", async () => {
    const dir = await mkdtemp(join(tmpdir(), "leadgrade-bin-"));
    const input = join(dir, "large.xlsx");
    // 20,000 leads: a sheet of 9.5 MB of XML (more than 8 MB), which the built command reads in two halves.
    const leads = generateLeads(20_000, new Date("2026-11-21T16:00:00Z"));
    await writeXlsxFile(input, {
      name: "线索",
      columnWidths: [],
      frozenRows: 1,
      styles: [],
      rows: [GENERATED_HEADER, ...leads].map((values) => ({ values })),
    });
    const twoThreads = join(dir, "two.csv");
    const { stderr } = await run(
      "node",
      [join(ROOT, "bin/leadgrade.mjs"), input, "--out", twoThreads, "--as-of", "2026-11-22"],
      { cwd: ROOT },
    );
    expect(stderr).toBe("");
    // In this process the reader has no worker: the same workbook read on one thread.
    const oneThread = join(dir, "one.csv");
    const io = { out: () => {}, err: () => {}, tty: false, now: () => new Date("2026-11-22T08:00:00Z") };
    expect(await runCli([input, "--out", oneThread, "--as-of", "2026-11-22"], io)).toBe(0);
    const graded = await readFile(twoThreads, "utf8");
    expect(graded.split("\r\n").length).toBeGreaterThan(20_001);
    expect(graded).toBe(await readFile(oneThread, "utf8"));
  }, 120_000);
});
