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

/** What the rows of a group share: the first reason found. */
export type DuplicateReason = "email" | "phone" | "name";

/**
 * The groups of likely duplicates, in columns. Groups are numbered in the order of their first
 * rows; a row that is alone is in none.
 */
export interface Duplicates {
  /** Groups found. */
  readonly count: number;
  /** Per (0-based data) row: the first row of its group when it is a later row of one, else -1. */
  readonly of: Int32Array;
  /** Per row: the number of its group, -1 when it is alone. */
  readonly group: Int32Array;
  /** Per group number: how many rows it has (two or more). */
  readonly size: Int32Array;
  /** Per group number: what its rows share. */
  readonly by: readonly DuplicateReason[];
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
 * findDuplicates(cols, contacts) // rows 0 and 3 share a phone: of[3] = 0, by[group[3]] = "phone"
 */
export function findDuplicates(cols: LeadColumns, contacts: ContactKeys): Duplicates {
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
  const join = (a: number, b: number, by: DuplicateReason) => {
    const ra = find(a);
    const rb = find(b);
    if (ra === rb) return;
    const low = ra < rb ? ra : rb;
    parent[ra < rb ? rb : ra] = low;
    if (reason[low] === 0) reason[low] = REASONS.indexOf(by);
  };
  // Nearly every e-mail and phone differs: looked up in a table of row numbers, not a Map.
  for (const [keys, noKey, by] of [
    [contacts.email, contacts.noEmailKey, "email"],
    [contacts.phone, contacts.noPhoneKey, "phone"],
  ] as const) {
    // Rows with no key (none given, not valid) and blank rows are left out.
    const skip = new Uint8Array(cols.length);
    for (let row = 0; row < cols.length; row++)
      skip[row] = (noKey[row] as number) | (cols.blank[row] as number);
    const first = firstSameText(keys, skip);
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

  // Columns, not a list per group: most rows are alone, and a list per group of a large sheet
  // was tens of thousands of small arrays.
  const size = new Int32Array(cols.length);
  for (let row = 0; row < cols.length; row++) {
    if (cols.blank[row] === 1) continue;
    const root = find(row);
    size[root] = (size[root] as number) + 1;
  }
  // A group's root is its first row (joins keep the lower root), so groups are numbered in order
  // of their first rows as the rows are walked.
  const of = new Int32Array(cols.length).fill(-1);
  const group = new Int32Array(cols.length).fill(-1);
  const groupSize: number[] = [];
  const by: DuplicateReason[] = [];
  for (let row = 0; row < cols.length; row++) {
    if (cols.blank[row] === 1) continue;
    const root = find(row);
    if ((size[root] as number) < 2) continue;
    if (root === row) {
      group[row] = by.length;
      groupSize.push(size[root] as number);
      by.push(REASONS[reason[root] as number] ?? "email");
    } else {
      group[row] = group[root] as number;
      of[row] = root;
    }
  }
  return { count: by.length, of, group, size: Int32Array.from(groupSize), by };
}
