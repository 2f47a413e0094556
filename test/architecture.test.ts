/**
 * The shape of the code, checked (as zod checks it has no circular imports): no import loop
 * anywhere in `src`, type-only imports included; the core needs nothing from Node or from the
 * doors around it; the doors reach the core only through `core/index.ts`.
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const SRC = resolve(import.meta.dirname, "../src");

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : [],
  );
}

/** Every relative import and export-from of a file, resolved to a file in src. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const found: string[] = [];
  for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+"(\.[^"]+)"/g)) {
    const target = resolve(dirname(file), m[1] as string);
    for (const candidate of [`${target}.ts`, join(target, "index.ts")])
      if (all.includes(candidate)) {
        found.push(candidate);
        break;
      }
  }
  return found;
}

const all = files(SRC);
const graph = new Map(all.map((f) => [f, importsOf(f)]));
const name = (f: string) => relative(SRC, f);

/** The import loops of the graph (Tarjan's strongly connected components of more than one file). */
function loops(): string[][] {
  let index = 0;
  const stack: string[] = [];
  const on = new Set<string>();
  const number = new Map<string, number>();
  const low = new Map<string, number>();
  const found: string[][] = [];
  const visit = (v: string) => {
    number.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!number.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v) as number, low.get(w) as number));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v) as number, number.get(w) as number));
    }
    if (low.get(v) === number.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop() as string;
        on.delete(w);
        component.push(name(w));
      } while (w !== v);
      if (component.length > 1 || (graph.get(v) ?? []).includes(v)) found.push(component.sort());
    }
  };
  for (const v of all) if (!number.has(v)) visit(v);
  return found;
}

describe("the architecture", () => {
  it("has no import loop anywhere in src, type-only imports included", () => {
    expect(all.length).toBeGreaterThan(100);
    expect(loops()).toEqual([]);
  });

  it("keeps the core free of Node and of the doors around it", () => {
    const core = all.filter((f) => name(f).startsWith("core/"));
    const offending = core.flatMap((f) => {
      const text = readFileSync(f, "utf8");
      const node = [...text.matchAll(/from\s+"(node:[^"]+|fs|path|os|child_process)"/g)].map((m) => m[1]);
      const doors = (graph.get(f) ?? []).filter((t) => !name(t).startsWith("core/")).map(name);
      return [...node, ...doors].map((what) => `${name(f)} → ${what}`);
    });
    expect(offending).toEqual([]);
  });

  it("lets the doors reach the core only through core/index.ts", () => {
    const offending = all
      .filter((f) => !name(f).startsWith("core/"))
      .flatMap((f) =>
        (graph.get(f) ?? [])
          .filter((t) => name(t).startsWith("core/") && name(t) !== "core/index.ts")
          .map((t) => `${name(f)} → ${name(t)}`),
      );
    expect(offending).toEqual([]);
  });

  it("has the core's folders import only from the ones before them in the pipeline", () => {
    const ORDER = ["text", "model", "read", "grade", "explain", "pass", "after"];
    const layer = (f: string) => {
      const parts = name(f).split("/");
      return parts[0] === "core" && parts.length > 2 ? ORDER.indexOf(parts[1] as string) : -1;
    };
    const core = all.filter((f) => name(f).startsWith("core/") && name(f) !== "core/index.ts");
    expect(new Set(core.map(layer))).toEqual(new Set(ORDER.map((_, k) => k)));
    const upwards = core.flatMap((f) =>
      (graph.get(f) ?? []).filter((t) => layer(t) > layer(f)).map((t) => `${name(f)} → ${name(t)}`),
    );
    expect(upwards).toEqual([]);
  });

  it("finds the loop it is there to find", () => {
    // The check itself, on a made-up graph: a → b → c → a.
    const saved = new Map(graph);
    graph.clear();
    graph.set("a", ["b"]).set("b", ["c"]).set("c", ["a"]);
    all.splice(0, all.length, "a", "b", "c");
    try {
      expect(loops()).toEqual([["../a", "../b", "../c"].map((p) => relative(SRC, resolve(SRC, p))).sort()]);
    } finally {
      graph.clear();
      for (const [k, v] of saved) graph.set(k, v);
      all.splice(0, all.length, ...saved.keys());
    }
  });
});
