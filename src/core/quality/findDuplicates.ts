/**
 * Likely duplicates: rows that share an email (any case, any spacing), a phone (however it is
 * written: "+86 138-1234-5678", "13812345678", "0086 138 1234 5678"), or the same company and a
 * name that is the same or nearly so. Rows are grouped transitively; each row after the first of
 * its group says which row it duplicates. Nothing is merged or deleted here.
 */

import { memoize } from "../memoize";
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
    // Names and companies repeat across a sheet: each distinct text is normalised once.
    const norm = memoize(normaliseName);
    const companyKey: (string | undefined)[] = new Array(cols.length);
    const nameKey: (string | undefined)[] = new Array(cols.length);
    for (let row = 0; row < cols.length; row++) {
      const c = company[row];
      const n = name[row];
      if (cols.blank[row] === 1 || c === undefined || n === undefined) continue;
      companyKey[row] = norm(c);
      nameKey[row] = norm(n);
    }
    // The same name at the same company, however many leads the company has.
    byKey(
      (row) => (companyKey[row] === undefined ? undefined : `${companyKey[row]}\u0000${nameKey[row]}`),
      "name",
    );
    const blocks = new Map<string, number[]>();
    for (let row = 0; row < cols.length; row++) {
      const c = companyKey[row];
      if (c === undefined) continue;
      const key = `${c}\u0000${(nameKey[row] ?? "").slice(0, 1)}`;
      const block = blocks.get(key);
      if (block) block.push(row);
      else blocks.set(key, [row]);
    }
    for (const block of blocks.values()) {
      if (block.length < 2 || block.length > MAX_BLOCK) continue;
      for (let i = 0; i < block.length; i++) {
        for (let j = i + 1; j < block.length; j++) {
          const a = block[i] as number;
          const b = block[j] as number;
          if (nameSimilarity(nameKey[a] ?? "", nameKey[b] ?? "") >= NAME_SIMILARITY) join(a, b, "name");
        }
      }
    }
  }

  // Lists only for groups of two or more: most rows are alone.
  const size = new Int32Array(cols.length);
  for (let row = 0; row < cols.length; row++) {
    if (cols.blank[row] === 1) continue;
    const root = find(row);
    size[root] = (size[root] as number) + 1;
  }
  const groups = new Map<number, number[]>();
  for (let row = 0; row < cols.length; row++) {
    if (cols.blank[row] === 1) continue;
    const root = find(row);
    if ((size[root] as number) < 2) continue;
    const list = groups.get(root);
    if (list) list.push(row);
    else groups.set(root, [row]);
  }
  return [...groups.entries()].map(([root, rows]) => ({ rows, by: reason[root] ?? "email" }));
}
