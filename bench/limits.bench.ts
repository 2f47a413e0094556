/**
 * The offline command at the edges of what it accepts, each file graded by the real command in a
 * child process: wall time, peak memory (target: under 1 GB for any file accepted) and the exit
 * code. `npm run bench:limits`; it writes about 2 GB of files to the temporary folder and takes a
 * few minutes.
 *
 * - CSV of 10,000,000 cells (500,000 rows × 20 columns), the most accepted;
 * - CSV of ~195 MB of notes with a Chinese character each (its text held two bytes a character);
 * - the same notes with mixed row breaks, refused above 80 million characters;
 * - XLSX of 10,000,000 cells;
 * - XLSX whose notes near the 600 MB text budget, and one past it (refused).
 */
import { execFile } from "node:child_process";
import { createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { writeXlsxFile } from "../src/cli/xlsxWriter";

const run = promisify(execFile);
const dir = await mkdtemp(join(tmpdir(), "leadgrade-limits-"));
const SOURCES = ["转介绍", "广告", "展会"];

function wide(i: number): string[] {
  return [
    `客户${i}`,
    `公司${i % 5000}`,
    `138${String(i).padStart(8, "0")}`,
    `u${i}@example.com`,
    SOURCES[i % 3] as string,
    ["高", "中", "低"][i % 3] as string,
    String((i % 100) * 1000),
    `2026-${String(1 + (i % 11)).padStart(2, "0")}-${String(1 + (i % 28)).padStart(2, "0")}`,
    i % 2 ? "要报价" : "",
    `rep${i % 40}`,
    ...Array.from({ length: 10 }, () => `v${i % 97}`),
  ];
}
const WIDE_HEADER = [
  "客户名称",
  "公司",
  "电话",
  "邮箱",
  "来源",
  "意向",
  "预算",
  "最近联系",
  "备注",
  "负责人",
].concat(Array.from({ length: 10 }, (_, k) => `字段${k}`));
const NOTE = `客${"x".repeat(2400)}`;

async function writeCsv(name: string, lines: Iterable<string>): Promise<string> {
  const path = join(dir, name);
  const out = createWriteStream(path);
  for (const line of lines)
    if (!out.write(line)) await new Promise<void>((r) => out.once("drain", () => r()));
  await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
  return path;
}

function* wideCsv(rows: number) {
  yield `${WIDE_HEADER.join(",")}\r\n`;
  for (let i = 0; i < rows; i++) yield `${wide(i).join(",")}\r\n`;
}

function* notesCsv(rows: number, mixed: boolean) {
  yield "客户名称,意向,最近联系,备注\r\n";
  for (let i = 0; i < rows; i++) yield `客户${i},高,2026-10-01,${NOTE}${i}${mixed && i % 2 ? "\n" : "\r\n"}`;
}

async function writeBook(name: string, header: string[], rows: Iterable<string[]>): Promise<string> {
  const path = join(dir, name);
  function* all() {
    yield { values: header };
    for (const values of rows) yield { values };
  }
  await writeXlsxFile(path, { name: "线索", columnWidths: [], frozenRows: 1, styles: [], rows: all() });
  return path;
}

function* range<T>(n: number, make: (i: number) => T) {
  for (let i = 0; i < n; i++) yield make(i);
}

const probe = `process.on("exit", () => process.stderr.write("\\nmaxrss=" + process.resourceUsage().maxRSS + "\\n"));`;

async function grade(label: string, input: string): Promise<void> {
  const start = performance.now();
  let code = 0;
  let stderr = "";
  try {
    ({ stderr } = await run(
      "node",
      [
        "--eval",
        `${probe} process.argv.splice(1, 0, "leadgrade"); await import("./bin/leadgrade.mjs");`,
        input,
        "--out",
        join(dir, "graded.csv"),
        "--as-of",
        "2026-11-22",
      ],
      { cwd: join(import.meta.dirname, ".."), maxBuffer: 64 * 1024 * 1024 },
    ));
  } catch (error) {
    const e = error as { code?: number; stderr?: string };
    code = e.code ?? -1;
    stderr = e.stderr ?? "";
  }
  const seconds = (performance.now() - start) / 1000;
  const peak = Number(/maxrss=(\d+)/.exec(stderr)?.[1] ?? 0) / 1024;
  const said = /leadgrade: .*/.exec(stderr)?.[0].slice(0, 140) ?? "";
  console.log(
    `${label.padEnd(44)} exit ${code} · ${seconds.toFixed(1)} s · peak ${peak.toFixed(0)} MB${peak >= 1024 ? " (OVER 1 GB)" : ""}${said ? `\n    ${said}` : ""}`,
  );
  await rm(input);
}

await grade("CSV 10,000,000 cells", await writeCsv("cells.csv", wideCsv(499_999)));
await grade("CSV 10,000,020 cells (refused)", await writeCsv("cells-over.csv", wideCsv(500_000)));
await grade("CSV 195 MB of two-byte notes", await writeCsv("notes.csv", notesCsv(80_000, false)));
await grade("CSV 195 MB, mixed row breaks (refused)", await writeCsv("mixed.csv", notesCsv(80_000, true)));
await grade("XLSX 10,000,000 cells", await writeBook("cells.xlsx", WIDE_HEADER, range(499_999, wide)));
const notes = (i: number) => [`客户${i}`, "高", "2026-10-01", `${NOTE}${i}`];
await grade(
  "XLSX 530 MB of two-byte notes (in the budget)",
  await writeBook("notes.xlsx", ["客户名称", "意向", "最近联系", "备注"], range(110_000, notes)),
);
await grade(
  "XLSX 670 MB of two-byte notes (refused)",
  await writeBook("notes-over.xlsx", ["客户名称", "意向", "最近联系", "备注"], range(140_000, notes)),
);
await rm(dir, { recursive: true, force: true });
