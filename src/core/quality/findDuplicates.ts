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
import { firstSamePair, firstSameText } from "./firstSameText";

export interface DuplicateGroup {
  /** Data rows (0-based), first one first. */
  rows: number[];
  /** What they share: the first reason found. */
  by: "email" | "phone" | "name";
}

/** Nearly equal names are compared pairwise only within blocks this small (same company, same first character). */
const MAX_BLOCK = 50;
const REASONS = [undefined, "email", "phone", "name"] as const;
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
  const parent = new Int32Array(cols.length);
  for (let i = 0; i < parent.length; i++) parent[i] = i;
  // Per root, the first reason its rows were joined for: a number of REASONS (0: none yet).
  const reason = new Uint8Array(cols.length);
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
    const low = ra < rb ? ra : rb;
    parent[ra < rb ? rb : ra] = low;
    if (reason[low] === 0) reason[low] = REASONS.indexOf(by);
  };
  // Nearly every e-mail and phone differs: looked up in a table of row numbers, not a Map.
  for (const [keys, by] of [
    [contacts.email, "email"],
    [contacts.phone, "phone"],
  ] as const) {
    const first = firstSameText(keys, cols.blank);
    for (let row = 0; row < first.length; row++) {
      const earlier = first[row] as number;
      if (earlier >= 0) join(earlier, row, by);
    }
  }

  const company = cols.text.company;
  const name = cols.text.name;
  if (company && name) {
    // Names and companies repeat across a sheet: each distinct text is normalised once and given
    // a number, so rows are keyed by numbers rather than by texts made for each row.
    const keys: string[] = [];
    const ids = new Map<string, number>();
    const idOf = memoize((text: string) => {
      const key = normaliseName(text);
      let id = ids.get(key);
      if (id === undefined) {
        id = keys.length;
        keys.push(key);
        ids.set(key, id);
      }
      return id;
    });
    const companyId = new Int32Array(cols.length).fill(-1);
    const nameId = new Int32Array(cols.length);
    for (let row = 0; row < cols.length; row++) {
      const c = company[row];
      const n = name[row];
      if (cols.blank[row] === 1 || c === undefined || n === undefined) continue;
      companyId[row] = idOf(c);
      nameId[row] = idOf(n);
    }
    // The same name at the same company, however many leads the company has.
    const samePair = firstSamePair(companyId, nameId);
    for (let row = 0; row < cols.length; row++) {
      const seen = samePair[row] as number;
      if (seen >= 0) join(seen, row, "name");
    }
    // Nearly equal names: compared within blocks of the same company and first character.
    const blocks = new Map<number, number[]>();
    for (let row = 0; row < cols.length; row++) {
      const c = companyId[row] as number;
      if (c === -1) continue;
      const key = c * 65_536 + ((keys[nameId[row] as number] as string).charCodeAt(0) || 0);
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
          const similar = nameSimilarity(
            keys[nameId[a] as number] as string,
            keys[nameId[b] as number] as string,
          );
          if (similar >= NAME_SIMILARITY) join(a, b, "name");
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
  // A group's root is its first row (joins keep the lower root), so groups are made in order of
  // their first rows as the rows are walked.
  const groups: DuplicateGroup[] = [];
  const groupAt = new Int32Array(cols.length);
  const placed = new Int32Array(cols.length);
  for (let row = 0; row < cols.length; row++) {
    if (cols.blank[row] === 1) continue;
    const root = find(row);
    if ((size[root] as number) < 2) continue;
    if (root === row) {
      groupAt[row] = groups.length;
      // Made at its size (a list grown by push would keep room for 16 more rows).
      const rows = new Array<number>(size[root] as number);
      rows[0] = row;
      placed[root] = 1;
      groups.push({ rows, by: REASONS[reason[root] as number] ?? "email" });
    } else {
      const group = groups[groupAt[root] as number] as DuplicateGroup;
      group.rows[placed[root] as number] = row;
      placed[root] = (placed[root] as number) + 1;
    }
  }
  return groups;
}
