import { findColumns, standardPreset, zoneClock } from "./src/core/index";
import { readColumns } from "./src/core/normalise/readColumns";
import { compileScorer } from "./src/core/scoring/compileScorer";
import { GENERATED_HEADER, generateLeads } from "./test/support/generateLeads";

const asOf = new Date("2026-11-21T16:00:00Z");
const rows = generateLeads(100000, asOf);
const rules = standardPreset();
const clock = zoneClock(rules.timeZone);
const columns = findColumns(GENERATED_HEADER).columns;
const day = clock.dayOf(asOf);
for (let k = 0; k < 5; k++) {
  let t = performance.now();
  const cols = readColumns(rows, columns, clock, day);
  const t1 = performance.now() - t;
  const score = compileScorer(rules, cols);
  t = performance.now();
  for (let i = 0; i < cols.length; i++) score(i, day);
  const t2 = performance.now() - t;
  // per-column timing
  const per: string[] = [];
  for (const [f, idx] of Object.entries(columns)) {
    t = performance.now();
    readColumns(rows, { [f]: idx } as any, clock, day);
    per.push(`${f}:${(performance.now() - t).toFixed(0)}`);
  }
  console.log("read", t1.toFixed(0), "score", t2.toFixed(0), per.join(" "));
}
