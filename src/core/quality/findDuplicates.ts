/**
 * Likely duplicates: rows that share an email (any case, any spacing), a phone (however it is
 * written: "+86 138-1234-5678", "13812345678", "0086 138 1234 5678"), or the same company and a
 * name that is the same or nearly so. Rows are grouped transitively; each row after the first of
 * its group says which row it duplicates. Nothing is merged or deleted here.
 */

import { foldFullWidth } from "../normalise/cell";
import type { LeadColumns } from "../normalise/readColumns";
import type { ContactKeys } from "./contacts";

export interface DuplicateGroup {
  /** Data rows (0-based), first one first. */
  rows: number[];
  /** What they share: the first reason found. */
  by: "email" | "phone" | "name";
}

/** Nearly equal names are compared pairwise only within blocks this small (same company, same first character). */
const MAX_BLOCK = 50;
const NAME_SIMILARITY = 0.8;

function bigrams(text: string): string[] {
  const grams: string[] = [];
  for (let i = 0; i < text.length - 1; i++) grams.push(text.slice(i, i + 2));
  return grams;
}

/** Dice coefficient on character pairs: 1 for equal texts, 0 for nothing in common. */
export function nameSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  const x = bigrams(a);
  const y = bigrams(b);
  if (x.length === 0 || y.length === 0) return 0;
  const pool = new Map<string, number>();
  for (const g of x) pool.set(g, (pool.get(g) ?? 0) + 1);
  let shared = 0;
  for (const g of y) {
    const n = pool.get(g) ?? 0;
    if (n > 0) {
      shared++;
      pool.set(g, n - 1);
    }
  }
  return (2 * shared) / (x.length + y.length);
}

const normaliseName = (text: string) =>
  foldFullWidth(text)
    .toLowerCase()
    .replace(/[\s.,·'"()（）-]+/g, "");

/**
 * @example
 * findDuplicates(cols) // [{ rows: [0, 3], by: "phone" }]
 */
export function findDuplicates(cols: LeadColumns, contacts: ContactKeys): DuplicateGroup[] {
  const parent = Array.from({ length: cols.length }, (_, i) => i);
  const reason: (DuplicateGroup["by"] | undefined)[] = [];
  const find = (i: number): number => {
    let r = i;
    while (parent[r] !== r) r = parent[r] as number;
    while (parent[i] !== r) {
      const next = parent[i] as number;
      parent[i] = r;
      i = next;
    }
    return r;
  };
  const join = (a: number, b: number, by: DuplicateGroup["by"]) => {
    const ra = find(a);
    const rb = find(b);
    if (ra === rb) return;
    const [low, high] = ra < rb ? [ra, rb] : [rb, ra];
    parent[high] = low;
    reason[low] ??= by;
  };
  const byKey = (key: (row: number) => string | undefined, by: DuplicateGroup["by"]) => {
    const first = new Map<string, number>();
    for (let row = 0; row < cols.length; row++) {
      if (cols.blank[row] === 1) continue;
      const k = key(row);
      if (k === undefined || k === "") continue;
      const seen = first.get(k);
      if (seen === undefined) first.set(k, row);
      else join(seen, row, by);
    }
  };
  byKey((row) => contacts.email[row], "email");
  byKey((row) => contacts.phone[row], "phone");

  const company = cols.text.company;
  const name = cols.text.name;
  if (company && name) {
    // The same name at the same company, however many leads the company has.
    byKey((row) => {
      const c = company[row];
      const n = name[row];
      return c === undefined || n === undefined ? undefined : `${normaliseName(c)}\u0000${normaliseName(n)}`;
    }, "name");
    const blocks = new Map<string, number[]>();
    for (let row = 0; row < cols.length; row++) {
      const c = company[row];
      const n = name[row];
      if (cols.blank[row] === 1 || c === undefined || n === undefined) continue;
      const key = `${normaliseName(c)}\u0000${normaliseName(n).slice(0, 1)}`;
      const block = blocks.get(key) ?? [];
      block.push(row);
      blocks.set(key, block);
    }
    for (const block of blocks.values()) {
      if (block.length < 2 || block.length > MAX_BLOCK) continue;
      for (let i = 0; i < block.length; i++) {
        for (let j = i + 1; j < block.length; j++) {
          const a = block[i] as number;
          const b = block[j] as number;
          if (nameSimilarity(normaliseName(name[a] ?? ""), normaliseName(name[b] ?? "")) >= NAME_SIMILARITY)
            join(a, b, "name");
        }
      }
    }
  }

  const groups = new Map<number, number[]>();
  for (let row = 0; row < cols.length; row++) {
    if (cols.blank[row] === 1) continue;
    const root = find(row);
    const list = groups.get(root) ?? [];
    list.push(row);
    groups.set(root, list);
  }
  return [...groups.entries()]
    .filter(([, rows]) => rows.length > 1)
    .map(([root, rows]) => ({ rows, by: reason[root] ?? "email" }));
}
