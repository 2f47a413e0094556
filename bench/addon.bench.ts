/**
 * Script time of LeadGrade formulas: builds dist/Code.js, loads it in a bare vm context with the
 * service fakes (as Apps Script's V8 would run it) and times =LEADGRADE and =LEADWHY over 10,000
 * rows of Sheets-like cells. Apps Script allows 30 s per custom function call; its V8 is slower than
 * this machine's Node, so the figure is a floor, not a promise.
 */
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import vm from "node:vm";
// @ts-expect-error: build.mjs is plain JavaScript
import { buildAddon } from "../build.mjs";
import { makeGasFakes } from "../test/support/gasFakes";
import { GENERATED_HEADER, generateLeads } from "../test/support/generateLeads";

const ROWS = 10_000;
const outdir = join(tmpdir(), "leadgrade-bench-dist");
const { bytes } = await buildAddon({ outdir });
const code = await readFile(join(outdir, "Code.js"), "utf8");
const fakes = makeGasFakes({ timeZone: "Asia/Shanghai" });
const context = vm.createContext({ ...fakes.globals });
const loadStart = performance.now();
vm.runInContext(code, context);
const loadMs = performance.now() - loadStart;
const call = context as unknown as Record<string, (...args: unknown[]) => unknown[][]>;

const asOf = new Date("2026-11-21T16:00:00Z");
const data = [GENERATED_HEADER, ...generateLeads(ROWS, asOf)];
for (const name of ["LEADGRADE", "LEADWHY", "NEXTFOLLOWUP"]) {
  const fn = call[name];
  if (!fn) throw new Error(`${name} missing from the bundle`);
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const start = performance.now();
    const column = fn(data, 1, asOf);
    times.push(performance.now() - start);
    if (column.length !== ROWS + 1) throw new Error(`${name} returned ${column.length} rows`);
  }
  times.sort((a, b) => a - b);
  console.log(
    `=${name}(${ROWS.toLocaleString("en-US")} rows): ${times[0]?.toFixed(0)} ms best, ${times[2]?.toFixed(0)} ms worst of 3 (limit 30,000 ms)`,
  );
}
console.log(`dist/Code.js: ${(bytes / 1024).toFixed(1)} KB, loads in ${loadMs.toFixed(0)} ms`);

// The priority pass on 100,000 rows, in the bundle, over the fakes: the script's own time. Apps
// Script adds the time of its one read and its few writes; a run may take 6 minutes.
{
  const rows = 100_000;
  const passFakes = makeGasFakes({
    timeZone: "Asia/Shanghai",
    sheets: { 线索: [GENERATED_HEADER, ...generateLeads(rows, asOf)] },
  });
  const passContext = vm.createContext({ ...passFakes.globals });
  vm.runInContext(code, passContext);
  const run = (passContext as unknown as Record<string, () => void>).runPriorityPassFromMenu;
  if (!run) throw new Error("runPriorityPassFromMenu missing from the bundle");
  for (const label of ["first run (creates columns)", "second run (nothing changed)"]) {
    const start = performance.now();
    run();
    const calls = passFakes.log.calls.length;
    console.log(
      `priority pass, ${rows.toLocaleString("en-US")} rows, ${label}: ${(performance.now() - start).toFixed(0)} ms script time, ${calls} service calls so far (limit 360,000 ms a run)`,
    );
  }
}
