/**
 * Likely duplicates: rows that share an email (any case, any spacing), a phone (however it is
 * written: "+86 138-1234-5678", "13812345678", "0086 138 1234 5678"), or the same company and a
 * name that is the same or nearly so. Rows are grouped transitively; each row after the first of
 * its group says which row it duplicates. Nothing is merged or deleted here.
 */

import { emptyColumn, type LeadColumns } from "../../read/readColumns";
import { foldFullWidth } from "../../text/cell";
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

/** Two names whose counts of character pairs multiply to at most this are compared in place, without a Map. */
const SMALL_NAMES = 1024;
/** Which character pairs of the first name are matched already (reused: names are short). */
let taken = new Uint8Array(64);

/**
 * Dice coefficient on character pairs: 1 for equal texts, 0 for nothing in common. Each pair of
 * characters counts once per time it occurs.
 */
export function nameSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  const x = a.length - 1;
  const y = b.length - 1;
  if (x <= 0 || y <= 0) return 0;
  let shared = 0;
  if (x * y <= SMALL_NAMES) {
    // Short names (nearly all): each pair of b takes the first untaken equal pair of a.
    if (taken.length < x) taken = new Uint8Array(x);
    taken.fill(0, 0, x);
    for (let j = 0; j < y; j++) {
      const p = b.charCodeAt(j);
      const q = b.charCodeAt(j + 1);
      for (let i = 0; i < x; i++) {
        if (taken[i] === 0 && a.charCodeAt(i) === p && a.charCodeAt(i + 1) === q) {
          taken[i] = 1;
          shared++;
          break;
        }
      }
    }
  } else {
    const pool = new Map<string, number>();
    for (const g of bigrams(a)) pool.set(g, (pool.get(g) ?? 0) + 1);
    for (const g of bigrams(b)) {
      const n = pool.get(g) ?? 0;
      if (n > 0) {
        shared++;
        pool.set(g, n - 1);
      }
    }
  }
  return (2 * shared) / (x + y);
}

const normaliseName = (text: string) =>
  foldFullWidth(text)
    .toLowerCase()
    .replace(/[\s.,·'"()（）-]+/g, "");

/** Distinct texts a column may have for its texts to be numbered through a Map. */
const FEW_TEXTS = 4096;

/**
 * Numbers a column's texts by their normal form (full-width folded, lower case, no spaces or
 * punctuation): per row, a number shared by exactly the rows whose texts normalise the same (-1
 * for a row left out), and per number, that normal form. Each distinct text is normalised once.
 * A column of a few thousand distinct texts (companies) is numbered through a Map; past that
 * (names: nearly all different; a Map of 100,000 of them took ~200 ms) through tables of row
 * numbers (firstSameText), the number being the first row with the same normal form.
 */
function normalisedIds(
  texts: readonly (string | undefined)[],
  skip: Uint8Array,
): { ids: Int32Array; keys: readonly (string | undefined)[] } {
  const length = texts.length;
  const ids = new Int32Array(length).fill(-1);
  const byText = new Map<string, number>();
  const byKey = new Map<string, number>();
  const keys: string[] = [];
  let row = 0;
  for (; row < length; row++) {
    if (skip[row] === 1) continue;
    const text = texts[row] as string;
    let id = byText.get(text);
    if (id === undefined) {
      if (byText.size === FEW_TEXTS) break;
      const key = normaliseName(text);
      id = byKey.get(key);
      if (id === undefined) {
        id = keys.length;
        keys.push(key);
        byKey.set(key, id);
      }
      byText.set(text, id);
    }
    ids[row] = id;
  }
  if (row === length) return { ids, keys };

  const same = firstSameText(texts, skip);
  const keyAt = emptyColumn<string>(length);
  for (let r = 0; r < length; r++) {
    if (skip[r] === 1) continue;
    const earlier = same[r] as number;
    keyAt[r] = earlier >= 0 ? keyAt[earlier] : normaliseName(texts[r] as string);
  }
  // firstSameText leaves "" out: every text that normalises to nothing is numbered alike here.
  const sameKey = firstSameText(keyAt, skip);
  let firstEmpty = -1;
  for (let r = 0; r < length; r++) {
    if (skip[r] === 1) continue;
    if (keyAt[r] === "") {
      if (firstEmpty < 0) firstEmpty = r;
      ids[r] = firstEmpty;
    } else {
      const earlier = sameKey[r] as number;
      ids[r] = earlier >= 0 ? earlier : r;
    }
  }
  return { ids, keys: keyAt };
}

/**
 * @example
 * findDuplicates(cols, contacts) // rows 0 and 3 share a phone: of[3] = 0, by[group[3]] = "phone"
 */
export function findDuplicates(cols: LeadColumns, contacts: ContactKeys): Duplicates {
  const rows = new RowGroups(cols.length);
  joinSameContacts(rows, cols, contacts);
  joinSameNames(rows, cols);
  return duplicateGroups(rows, cols.blank);
}

/**
 * Rows joined into groups (union–find), each group's root its lowest row, with the first reason
 * its rows were joined for.
 */
class RowGroups {
  private readonly parent: Int32Array;
  /** Per root, a number of REASONS (0: none yet). */
  private readonly reason: Uint8Array;

  constructor(length: number) {
    this.parent = new Int32Array(length);
    for (let i = 0; i < length; i++) this.parent[i] = i;
    this.reason = new Uint8Array(length);
  }

  root(i: number): number {
    const parent = this.parent;
    let r = i;
    while (parent[r] !== r) r = parent[r] as number;
    while (parent[i] !== r) {
      const next = parent[i] as number;
      parent[i] = r;
      i = next;
    }
    return r;
  }

  join(a: number, b: number, by: DuplicateReason): void {
    const ra = this.root(a);
    const rb = this.root(b);
    if (ra === rb) return;
    const low = ra < rb ? ra : rb;
    this.parent[ra < rb ? rb : ra] = low;
    if (this.reason[low] === 0) this.reason[low] = REASONS.indexOf(by);
  }

  reasonOf(root: number): DuplicateReason {
    return REASONS[this.reason[root] as number] ?? "email";
  }
}

/** Rows with the same e-mail, or the same phone (nearly every one differs: a table of row numbers, not a Map). */
function joinSameContacts(rows: RowGroups, cols: LeadColumns, contacts: ContactKeys): void {
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
      if (earlier >= 0) rows.join(earlier, row, by);
    }
  }
}

/** Rows with the same or a nearly equal name at the same company. */
function joinSameNames(rows: RowGroups, cols: LeadColumns): void {
  const company = cols.text.company;
  const name = cols.text.name;
  if (!company || !name) return;
  // Each row's company and name as a number: the first row with the same text once normalised
  // (see normalisedIds). Rows without both are left out (-1).
  const skip = new Uint8Array(cols.length);
  for (let row = 0; row < cols.length; row++)
    if (cols.blank[row] === 1 || company[row] === undefined || name[row] === undefined) skip[row] = 1;
  const companyId = normalisedIds(company, skip).ids;
  const { ids: nameId, keys } = normalisedIds(name, skip);
  // The same name at the same company, however many leads the company has.
  const samePair = firstSamePair(companyId, nameId);
  for (let row = 0; row < cols.length; row++) {
    const seen = samePair[row] as number;
    if (seen >= 0) rows.join(seen, row, "name");
  }
  const nameOf = (row: number) => keys[nameId[row] as number] as string;
  for (const block of nameBlocks(companyId, nameOf, skip)) {
    for (let i = 0; i < block.length; i++) {
      for (let j = i + 1; j < block.length; j++) {
        const a = block[i] as number;
        const b = block[j] as number;
        if (nameSimilarity(nameOf(a), nameOf(b)) >= NAME_SIMILARITY) rows.join(a, b, "name");
      }
    }
  }
}

/**
 * Where nearly equal names are looked for: blocks of rows at the same company whose names start
 * alike, of 2 to MAX_BLOCK rows. Blocks are counted first, and only those that will be compared get
 * a list of rows (most are one row, or too big).
 */
function nameBlocks(
  companyId: Int32Array,
  nameOf: (row: number) => string,
  skip: Uint8Array,
): Iterable<number[]> {
  const length = companyId.length;
  const firstUnit = new Int32Array(length);
  for (let row = 0; row < length; row++) if (skip[row] === 0) firstUnit[row] = nameOf(row).charCodeAt(0) || 0;
  const sameBlock = firstSamePair(companyId, firstUnit);
  const firstOf = (row: number) => ((sameBlock[row] as number) < 0 ? row : (sameBlock[row] as number));
  const sizes = new Int32Array(length);
  for (let row = 0; row < length; row++)
    if (skip[row] === 0) sizes[firstOf(row)] = (sizes[firstOf(row)] as number) + 1;
  const blocks = new Map<number, number[]>();
  for (let row = 0; row < length; row++) {
    if (skip[row] === 1) continue;
    const first = firstOf(row);
    const size = sizes[first] as number;
    if (size < 2 || size > MAX_BLOCK) continue;
    const block = blocks.get(first);
    if (block) block.push(row);
    else blocks.set(first, [row]);
  }
  return blocks.values();
}

/**
 * The groups as columns, not a list per group: most rows are alone, and a list per group of a
 * large sheet was tens of thousands of small arrays. A group's root is its first row (joins keep
 * the lower root), so groups are numbered in order of their first rows as the rows are walked.
 */
function duplicateGroups(rows: RowGroups, blank: Uint8Array): Duplicates {
  const length = blank.length;
  const size = new Int32Array(length);
  for (let row = 0; row < length; row++) {
    if (blank[row] === 1) continue;
    const root = rows.root(row);
    size[root] = (size[root] as number) + 1;
  }
  const of = new Int32Array(length).fill(-1);
  const group = new Int32Array(length).fill(-1);
  const groupSize: number[] = [];
  const by: DuplicateReason[] = [];
  for (let row = 0; row < length; row++) {
    if (blank[row] === 1) continue;
    const root = rows.root(row);
    if ((size[root] as number) < 2) continue;
    if (root === row) {
      group[row] = by.length;
      groupSize.push(size[root] as number);
      by.push(rows.reasonOf(root));
    } else {
      group[row] = group[root] as number;
      of[row] = root;
    }
  }
  return { count: by.length, of, group, size: Int32Array.from(groupSize), by };
}
