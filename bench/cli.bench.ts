/**
 * The offline command on a large export: 50,000 generated leads as CSV and as XLSX, graded by the
 * real command in a child process. Prints wall time and peak memory (targets: < 3 s, < 300 MB).
 */
import { execFile } from "node:child_process";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import ExcelJS from "exceljs";
import Papa from "papaparse";
import { StagedFiles } from "../src/cli/stagedFiles";
import { GENERATED_HEADER, generateLeads } from "../test/support/generateLeads";

const ROWS = 50_000;
const run = promisify(execFile);
const dir = await mkdtemp(join(tmpdir(), "leadgrade-cli-bench-"));
const asOf = new Date("2026-11-21T16:00:00Z");
const rows = generateLeads(ROWS, asOf).map((row) =>
  row.map((cell) => (cell instanceof Date ? cell.toISOString().slice(0, 10) : cell)),
);

const csv = join(dir, "leads.csv");
await writeFile(csv, `\uFEFF${Papa.unparse([GENERATED_HEADER, ...rows])}`);
const xlsx = join(dir, "leads.xlsx");
const book = new ExcelJS.Workbook();
const sheet = book.addWorksheet("线索");
sheet.addRow(GENERATED_HEADER);
for (const row of rows) sheet.addRow(row);
await book.xlsx.writeFile(xlsx);

// Runs the command in a child that reports its own peak memory when it exits.
const probe = `process.on("exit", () => process.stderr.write("\\nmaxrss=" + process.resourceUsage().maxRSS + "\\n"));`;
// Each file three times: this machine's speed varies by a third from one run to the next, so the
// median and the range are printed, not one lucky or unlucky run.
const RUNS = 3;
for (const [input, out] of [
  [csv, join(dir, "out.csv")],
  [xlsx, join(dir, "out.xlsx")],
] as const) {
  const seconds: number[] = [];
  const peaks: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    const { stderr } = await run(
      "node",
      [
        "--eval",
        // The command as `npx leadgrade` runs it (bin/leadgrade.mjs), with the probe in front.
        `${probe} process.argv.splice(1, 0, "leadgrade"); await import("./bin/leadgrade.mjs");`,
        input,
        "--out",
        out,
        "--as-of",
        "2026-11-22",
      ],
      { cwd: join(import.meta.dirname, ".."), maxBuffer: 64 * 1024 * 1024 },
    );
    seconds.push((performance.now() - start) / 1000);
    peaks.push(Number(/maxrss=(\d+)/.exec(stderr)?.[1] ?? 0) / 1024);
  }
  const median = (values: number[]) =>
    [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
  const kind = input.endsWith(".csv") ? "CSV " : "XLSX";
  console.log(
    `CLI ${kind} ${ROWS.toLocaleString("en-US")} rows: ${median(seconds).toFixed(2)} s wall (median of ${RUNS}; ${Math.min(...seconds).toFixed(2)}–${Math.max(...seconds).toFixed(2)}; target < 3 s), peak ${median(peaks).toFixed(0)} MB (max ${Math.max(...peaks).toFixed(0)}; target < 300 MB)`,
  );
}

// Where the time goes, in this process (no start-up): reading, the core pass, writing. The XLSX
// sheet is read on two threads as the command does, with the worker the command's launcher built.
process.env.LEADGRADE_SHEET_WORKER = join(
  import.meta.dirname,
  "../node_modules/.cache/leadgrade/xlsx-sheet-worker.mjs",
);
const { readTable } = await import("../src/cli/readTable");
const { writeTable } = await import("../src/cli/writeTable");
const { runPass, standardPreset } = await import("../src/core/index");
const rules = standardPreset("Asia/Shanghai");
for (const [input, format] of [
  [csv, "csv"],
  [xlsx, "xlsx"],
] as const) {
  let t = performance.now();
  const table = await readTable(input);
  const read = performance.now() - t;
  t = performance.now();
  const result = runPass({ header: table.header, rows: table.rows }, rules, { asOf: "2026-11-22" });
  const pass = performance.now() - t;
  t = performance.now();
  const files = new StagedFiles();
  await files.write(join(dir, `phases.${format}`), (sink) =>
    writeTable(sink, format, table, result, rules, "zh"),
  );
  await files.commit();
  const write = performance.now() - t;
  console.log(
    `  ${format.toUpperCase().padEnd(4)} phases: read ${(read / 1000).toFixed(2)} s · pass ${(pass / 1000).toFixed(2)} s · write ${(write / 1000).toFixed(2)} s`,
  );
}
