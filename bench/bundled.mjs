/**
 * Runs a bench file as the engine ships: bundled by esbuild the way `build.mjs` and the command's
 * launcher bundle it (tsx, which runs the other benches, keeps every function's name with a helper
 * call, which costs the engine's closures ~10% here and is not in any shipped bundle).
 *
 * node bench/bundled.mjs bench/pass.bench.ts
 */
import { mkdir } from "node:fs/promises";
import { basename, join } from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";

const entry = process.argv[2];
if (!entry) throw new Error("usage: node bench/bundled.mjs <bench file>");
const outdir = join(import.meta.dirname, "..", "node_modules", ".cache", "bench");
await mkdir(outdir, { recursive: true });
const outfile = join(outdir, basename(entry).replace(/\.ts$/, ".mjs"));
await build({
  entryPoints: [entry],
  outfile,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  logLevel: "warning",
});
await import(pathToFileURL(outfile).href);
