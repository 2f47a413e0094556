/**
 * `npm run bench`: how fast the engine grades a sheet. Grades 100,000 generated leads (cells as
 * Sheets hands them over) with the standard preset, and, in the same run, evaluates the same point
 * rules with json-rules-engine on the same leads, already parsed into facts (so the comparison
 * favours json-rules-engine: it does no cell parsing, follow-up, lifecycle or RFM work).
 * Prints leads per second for both and the ratio. Target: ≥ 40× json-rules-engine (the former
 * 1,000,000 leads/s target is retired: the pass is fast enough for every door).
 * The pass is timed back to back (median of 7) and again in turns with json-rules-engine, from
 * which the ratio is taken (both sides of a turn meet the machine in the same state).
 *
 * The pass keeps its per-row results in columns and hands each row a small view of them (a row's
 * trace is made into a list of items when it is read). So that nothing is left out of the figure,
 * it also prints the pass followed by what the command and the add-on write for every row (all of
 * LeadGrade's columns, the why included) — what a door costs end to end, short of its file or sheet.
 */
import { Engine } from "json-rules-engine";
import { type CellValue, outputRow, runPass, standardPreset } from "../src/core/index";
import { GENERATED_HEADER, generateLeads } from "../test/support/generateLeads";

const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
const JRE_ROWS = Math.min(ROWS, 20_000);
const rules = standardPreset();
const asOfInstant = new Date("2026-11-21T16:00:00Z"); // midnight 2026-11-22 in Shanghai
// Sheets hands over each text as a string of its own; the generator's texts are joined from
// pieces (V8 keeps those as trees of pieces, slower to hash and scan). Each is copied into one
// piece, as Sheets would deliver it.
const flat = (cell: CellValue): CellValue =>
  typeof cell === "string" ? JSON.parse(JSON.stringify(cell)) : cell;
const rows = generateLeads(ROWS, asOfInstant).map((row) => row.map(flat));
const table = { header: GENERATED_HEADER, rows };

function time<T>(fn: () => T): { ms: number; value: T } {
  const start = performance.now();
  const value = fn();
  return { ms: performance.now() - start, value };
}

// Warm up, then take the median of several runs.
for (let i = 0; i < 3; i++)
  runPass({ header: table.header, rows: rows.slice(0, 10_000) }, rules, { asOf: asOfInstant });
const runs: number[] = [];
let last = runPass(table, rules, { asOf: asOfInstant });
for (let i = 0; i < 7; i++) {
  const t = time(() => runPass(table, rules, { asOf: asOfInstant }));
  runs.push(t.ms);
  last = t.value;
}
runs.sort((a, b) => a - b);
const passMs = runs[Math.floor(runs.length / 2)] as number;
const passRate = ROWS / (passMs / 1000);

// The pass and every row's output cells, as the command and the priority pass write them.
const written: number[] = [];
for (let i = 0; i < 5; i++) {
  const t = time(() => {
    const result = runPass(table, rules, { asOf: asOfInstant });
    let cells = 0;
    for (const row of result.rows) cells += outputRow(row, result, "zh").length;
    return cells;
  });
  written.push(t.ms);
}
written.sort((a, b) => a - b);
const writtenMs = written[Math.floor(written.length / 2)] as number;

// json-rules-engine with the same point rules, on facts parsed from the pass itself.
const engine = new Engine([], { allowUndefinedFacts: true });
engine.addOperator(
  "containsAny",
  (value: unknown, words: unknown) =>
    typeof value === "string" && Array.isArray(words) && words.some((w) => value.includes(String(w))),
);
for (const d of rules.dimensions) {
  if (!("op" in d.when)) continue;
  const c = d.when;
  const conditions =
    c.op === "equals"
      ? [{ fact: c.field, operator: "equal", value: c.value }]
      : c.op === "range"
        ? [
            ...(c.min === undefined
              ? []
              : [{ fact: c.field, operator: "greaterThanInclusive", value: c.min }]),
            ...(c.max === undefined ? [] : [{ fact: c.field, operator: "lessThanInclusive", value: c.max }]),
          ]
        : c.op === "contains"
          ? [{ fact: c.field, operator: "containsAny", value: c.values }]
          : c.op === "withinDays"
            ? [{ fact: `${c.field}Age`, operator: "lessThanInclusive", value: c.days }]
            : [];
  if (conditions.length)
    engine.addRule({ conditions: { all: conditions }, event: { type: d.id, params: { points: d.points } } });
}
for (const [table, field] of [
  [rules.sources, "source"],
  [rules.industries, "industry"],
] as const) {
  for (const e of table.entries) {
    engine.addRule({
      conditions: { all: [{ fact: field, operator: "containsAny", value: e.match }] },
      event: { type: "table", params: { points: e.points } },
    });
  }
}
for (const s of rules.signals.items) {
  engine.addRule({
    conditions: { all: [{ fact: "notes", operator: "containsAny", value: s.phrases }] },
    event: { type: s.id, params: { points: s.points } },
  });
}
const asOfDay = Date.parse(last.asOf) / 86_400_000;
const facts = rows.slice(0, JRE_ROWS).map((row, i) => {
  const r = last.rows[i];
  const find = (kind: string) => r?.trace.find((t) => t.id === kind || t.kind === kind)?.value;
  const lastContact =
    row[6] instanceof Date ? Math.floor((row[6].getTime() + 8 * 3_600_000) / 86_400_000) : undefined;
  return {
    intent: r?.trace.some((t) => t.id === "intentHigh")
      ? "high"
      : r?.trace.some((t) => t.id === "intentMedium")
        ? "medium"
        : "low",
    budget: typeof row[5] === "number" ? row[5] : 0,
    source: String(row[2] ?? "").toLowerCase(),
    industry: String(row[3] ?? "").toLowerCase(),
    notes: String(row[11] ?? "").toLowerCase(),
    orders: typeof row[8] === "number" ? row[8] : 0,
    revenue: typeof row[9] === "number" ? row[9] : 0,
    lastContactAge: lastContact === undefined ? 9999 : asOfDay - lastContact,
    lastPurchaseAge: 9999,
    timeline: "",
    unused: find("x"),
  };
});
// Warmed up like the pass (its first runs compile it), then timed over all the facts.
for (const f of facts.slice(0, 2_000)) await engine.run(f);
async function jreRun(): Promise<{ ms: number; total: number }> {
  const start = performance.now();
  let total = 0;
  for (const f of facts) {
    const { events } = await engine.run(f);
    for (const e of events) total += Number(e.params?.points ?? 0);
  }
  return { ms: performance.now() - start, total };
}
// This machine's speed swings by a third from one moment to the next, for both sides alike: the
// two are timed in turns (a pass, then json-rules-engine over its facts), and the ratio is the
// median of the turns' ratios.
const ROUNDS = 5;
const jreTimes: number[] = [];
const turnPassTimes: number[] = [];
const ratios: number[] = [];
let jreTotal = 0;
for (let i = 0; i < ROUNDS; i++) {
  const pass = time(() => runPass(table, rules, { asOf: asOfInstant }));
  const jre = await jreRun();
  jreTotal = jre.total;
  jreTimes.push(jre.ms);
  turnPassTimes.push(pass.ms);
  ratios.push(ROWS / pass.ms / (JRE_ROWS / jre.ms));
}
jreTimes.sort((a, b) => a - b);
turnPassTimes.sort((a, b) => a - b);
const turnPassMs = turnPassTimes[Math.floor(ROUNDS / 2)] as number;
ratios.sort((a, b) => a - b);
const jreMs = jreTimes[Math.floor(ROUNDS / 2)] as number;
const jreRate = JRE_ROWS / (jreMs / 1000);
const ratio = ratios[Math.floor(ROUNDS / 2)] as number;

const fmt = (n: number) => Math.round(n).toLocaleString("en-US");
console.log(
  `LeadGrade pass: ${fmt(ROWS)} leads in ${passMs.toFixed(1)} ms (median of ${runs.length}; fastest ${(runs[0] as number).toFixed(1)} ms) → ${fmt(passRate)} leads/s`,
);
console.log(
  `  with every row's output cells (why included): ${writtenMs.toFixed(1)} ms (median of ${written.length}) → ${fmt(ROWS / (writtenMs / 1000))} leads/s`,
);
console.log(
  `  grades: ${JSON.stringify(last.summary.byGrade)}, overdue ${fmt(last.summary.overdue)}, rows with issues ${fmt(last.summary.rowsWithIssues)}`,
);
console.log(
  `json-rules-engine (same point rules, pre-parsed facts): ${fmt(JRE_ROWS)} leads in ${jreMs.toFixed(0)} ms (median of ${ROUNDS}) → ${fmt(jreRate)} leads/s (checksum ${jreTotal})`,
);
console.log(
  `  the pass in those turns: ${turnPassMs.toFixed(1)} ms (median of ${ROUNDS}) → ${fmt(ROWS / (turnPassMs / 1000))} leads/s (in the back-to-back runs above, each pass also pays for the garbage of the one before)`,
);
console.log(
  `ratio: ${ratio.toFixed(1)}× json-rules-engine (median of ${ROUNDS} turns, each a pass then json-rules-engine; range ${(ratios[0] as number).toFixed(1)}–${(ratios[ROUNDS - 1] as number).toFixed(1)}×)`,
);
console.log(`target: ≥ 40× json-rules-engine ${ratio >= 40 ? "met" : "NOT met"}`);
