/**
 * Makes a folder and the folders above it that are missing, one level at a time. Node's own
 * `mkdir(…, { recursive: true })` never returns for some paths (`/proc/x` loops forever); here
 * each level is one plain `mkdir`, so a path that cannot be made fails at once with its error.
 */
import { mkdir, stat } from "node:fs/promises";
import { dirname, resolve } from "node:path";

/**
 * @example
 * await makeFolder("out/2026/11") // makes out, out/2026 and out/2026/11 where missing
 * @returns the folders it made, outermost first
 */
export async function makeFolder(path: string): Promise<string[]> {
  const missing: string[] = [];
  let at = resolve(path);
  for (;;) {
    try {
      const info = await stat(at);
      if (!info.isDirectory())
        throw Object.assign(new Error(`${at} is not a folder`), { code: "ENOTDIR", path: at });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
      missing.push(at);
      const parent = dirname(at);
      if (parent === at) break;
      at = parent;
    }
  }
  missing.reverse();
  for (const folder of missing) await mkdir(folder);
  return missing;
}
