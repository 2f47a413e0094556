import { execFile } from "node:child_process";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";

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
});
