#!/usr/bin/env node
// `npm start` and `npx leadgrade …`: the TypeScript command. It is bundled by esbuild into
// node_modules/.cache/leadgrade/cli.mjs the first time, and again whenever a source file is newer,
// because the bundle starts in about 0.15 s where compiling on the fly through tsx takes about 0.9 s
// (`npm run bench` measures the whole command). Where esbuild is not installed (a production
// install without dev dependencies), the command runs through tsx, a dependency.
import { mkdir, readdir, rename, stat, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const entry = join(root, "src/cli/main.ts");
const bundle = join(root, "node_modules/.cache/leadgrade/cli.mjs");
// The second thread that reads half of a large XLSX sheet (src/cli/xlsxSheetWorker.ts), built
// beside the command, which finds it through a constant set at build time.
const sheetWorker = join(root, "node_modules/.cache/leadgrade/xlsx-sheet-worker.mjs");

async function newestSource(dir) {
  let newest = 0;
  for (const item of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, item.name);
    if (item.isDirectory()) newest = Math.max(newest, await newestSource(path));
    else if (item.name.endsWith(".ts")) newest = Math.max(newest, (await stat(path)).mtimeMs);
  }
  return newest;
}

async function bundled() {
  const built = await stat(sheetWorker).then(
    () =>
      stat(bundle).then(
        (s) => s.mtimeMs,
        () => 0,
      ),
    () => 0,
  );
  // The bundle holds the packages too, so a changed lock file (or this script) rebuilds it.
  const settings = await Promise.all(
    [fileURLToPath(import.meta.url), join(root, "package-lock.json")].map((path) =>
      stat(path).then(
        (s) => s.mtimeMs,
        () => 0,
      ),
    ),
  );
  const sources = Math.max(
    await newestSource(join(root, "src/cli")),
    await newestSource(join(root, "src/core")),
    ...settings,
  );
  if (built <= sources) {
    // esbuild is loaded only to build (loading it takes 30 ms of every start otherwise).
    let esbuild;
    try {
      esbuild = await import("esbuild");
    } catch {
      return undefined;
    }
    await mkdir(dirname(bundle), { recursive: true });
    const options = {
      write: false,
      bundle: true,
      platform: "node",
      format: "esm",
      target: "node20",
      // The packages are bundled too: one file loads in about 0.1 s where importing them from
      // node_modules took 0.25 s (ESM loading CommonJS packages scans each one's source). Their
      // CommonJS `require` of Node's own modules goes through createRequire.
      banner: {
        js: 'import { createRequire as __leadgradeRequire } from "node:module"; const require = __leadgradeRequire(import.meta.url);',
      },
      logLevel: "error",
      define: {
        // Paths the command finds next to its source (the sample workbook) stay where they are.
        "import.meta.url": JSON.stringify(pathToFileURL(join(root, "src/cli/program.ts")).href),
        "process.env.LEADGRADE_SHEET_WORKER": JSON.stringify(sheetWorker),
      },
    };
    const [command, worker] = await Promise.all([
      esbuild.build({ ...options, entryPoints: [entry], outfile: bundle }),
      esbuild.build({
        ...options,
        entryPoints: [join(root, "src/cli/xlsxSheetWorker.ts")],
        outfile: sheetWorker,
      }),
    ]);
    // Written beside and renamed, so a command started at the same moment never reads half a
    // file; the command last, as its time is what says the build is current.
    for (const [out, path] of [
      [worker, sheetWorker],
      [command, bundle],
    ]) {
      const temporary = `${path}.${process.pid}.tmp`;
      await writeFile(temporary, out.outputFiles[0].contents);
      await rename(temporary, path);
    }
  }
  return bundle;
}

const ready = await bundled();
if (ready) await import(pathToFileURL(ready).href);
else {
  const { register } = await import("tsx/esm/api");
  register();
  await import(pathToFileURL(entry).href);
}
