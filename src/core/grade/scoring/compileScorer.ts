/**
 * The score of a lead, 0–100, and the trace that explains it. Points come from the rule set's
 * dimension rules, its source and industry tables and buying signals in the notes; each group's
 * points are capped; inactivity then fades the positive part (a half-life after a grace period,
 * never more than a set penalty). Every step that changes the score leaves a trace item.
 *
 * A score depends on its own row only (never on other rows), so a formula over one row and a
 * formula over the whole sheet agree.
 */

import type { Field } from "../../model/fields";
import type { ColumnPoints, LocalText, RuleSet, ValueTable } from "../../model/schema";
import { sameShown } from "../../read/byShown";
import { type LeadColumns, readFilled, shownAt } from "../../read/readColumns";
import { type CellValue, cellText, matchForm } from "../../text/cell";
import type { CivilDay } from "../../text/civilDay";
import { compilePhrase, findPhrase, type Phrase } from "../../text/phrases";
import { plainNumber } from "../../text/plainNumber";
import { compileSignalDetector, type SignalMatch } from "../signals/detectBuyingSignals";
import type { Engagement } from "../touches/matchTouches";
import { compileWhen, firstField } from "./compileCondition";

export interface TraceItem {
  kind: "rule" | "source" | "industry" | "column" | "touch" | "signal" | "decay" | "cap";
  /** Rule id, signal id, table entry, or the capped group. */
  id: string;
  group: string;
  label: LocalText;
  /** What the rule saw in the sheet, as the sheet shows it. */
  value?: string;
  /** Days without contact, for decay. */
  days?: number;
  points: number;
}

export interface ScoreResult {
  score: number;
  /** Items may be shared between rows: treat them as read-only. */
  trace: TraceItem[];
  /** Ids of the buying signals found in the notes; shared between rows: read-only. */
  signals: readonly string[];
}

export type Scorer = (row: number, asOf: CivilDay) => ScoreResult;

/**
 * The traces of many rows in one growing list of item numbers (an item's number is its place in
 * {@link RowScorer.items}); a row's trace is the stretch its scoring appended.
 */
export class TraceList {
  readonly numbers: number[] = [];

  get length(): number {
    return this.numbers.length;
  }

  push(item: number): void {
    this.numbers.push(item);
  }

  clear(): void {
    this.numbers.length = 0;
  }

  /**
   * The items numbered in `[start, end)` of this list, as a new list, for the row they were made
   * for (an item that shows the row's own value is completed with it).
   */
  itemsOf(
    start: number,
    end: number,
    items: readonly TraceItem[],
    rowValues: readonly (RowValue | undefined)[],
    row: number,
  ): TraceItem[] {
    const out: TraceItem[] = [];
    for (let k = start; k < end; k++) {
      const n = this.numbers[k] as number;
      const read = rowValues[n];
      out.push(read === undefined ? (items[n] as TraceItem) : withValue(items[n] as TraceItem, read(row)));
    }
    return out;
  }
}

/** What a row shows in a field: the value of an item made for many rows (see {@link RowScorer.rowValues}). */
export type RowValue = (row: number) => string | undefined;

/** An item shown with a row's value (frozen, as every item is). */
function withValue(item: TraceItem, value: string | undefined): TraceItem {
  return value === undefined ? item : Object.freeze({ ...item, value });
}

/** A rule set compiled against a table's columns: scores rows into a {@link TraceList}. */
export interface RowScorer {
  /**
   * Appends the row's trace to `trace`, sets `signalLists[row]` to the number of the list of
   * buying signals its notes hold in {@link RowScorer.signalLists} (-1: none), and returns its
   * score, 0–100.
   */
  score(row: number, asOf: CivilDay, trace: TraceList, signalLists: Int32Array): number;
  /** Every distinct list of signal ids found so far, by number; shared between rows: read-only. */
  readonly signalLists: readonly (readonly string[])[];
  /**
   * Every trace item made so far, by number; shared between rows: read-only. Read a row's items
   * with {@link TraceList.itemsOf}: an item with an entry in {@link rowValues} takes its value from the row.
   */
  readonly items: readonly TraceItem[];
  /**
   * Per item number: for an item that stands for many rows' values, how to read a row's value;
   * `undefined` for an item that shows its own.
   */
  readonly rowValues: readonly (RowValue | undefined)[];
}

const NONE: (string | undefined)[] = [];
const NO_SIGNALS: readonly SignalMatch[] = Object.freeze([]);
const NO_IDS: readonly string[] = Object.freeze([]);

/**
 * Trace items are the same for every row where the same rule saw the same value, so each is made
 * once, frozen and numbered: a row's trace is then a few numbers.
 */
class ItemRegistry {
  readonly items: TraceItem[] = [];
  readonly points: number[] = [];
  readonly rowValues: (RowValue | undefined)[] = [];

  /** `rowValue`: for an item without a value of its own, how a row's value is read. */
  add(item: TraceItem, rowValue?: RowValue): number {
    this.items.push(Object.freeze(item));
    this.points.push(item.points);
    this.rowValues.push(rowValue);
    return this.items.length - 1;
  }

  /**
   * The item for a rule that fired, showing what the row has in the rule's first field (see
   * {@link shownMaker}). In a field of mostly distinct values (its dictionary filled up, e.g.
   * revenue to the unit) every row shares one item whose value is read from the row when its
   * trace is read: an item per distinct amount was ~26,000 objects in a 100,000-lead pass, most
   * shown on one row.
   */
  ruleItem(field: Field | undefined, cols: LeadColumns, rule: TraceItem): (row: number) => number {
    const values = field === undefined ? undefined : cols.values[field];
    if (values?.full) {
      const item = this.add(rule, (row) => shownAt(values, row));
      return () => item;
    }
    return this.shownMaker(field, cols, (value) => (value === undefined ? { ...rule } : { ...rule, value }));
  }

  /**
   * Numbers items by a key, making each once. Past 10,000 keys (a rule showing amounts to the
   * cent) the rest are made each time without a look-up: most of them would not be found.
   */
  maker<K>(make: (key: K) => TraceItem): (key: K) => number {
    const made = new Map<K, number>();
    return (key) => {
      if (made.size >= 10_000) return this.add(make(key));
      let item = made.get(key);
      if (item === undefined) {
        item = this.add(make(key));
        made.set(key, item);
      }
      return item;
    };
  }

  /**
   * The item for what a row shows in a field: by the row's value number where the field has them
   * (an array read), else by the text shown.
   */
  shownMaker(
    field: Field | undefined,
    cols: LeadColumns,
    make: (shown: string | undefined) => TraceItem,
  ): (row: number) => number {
    return sameShown(cols, field, this.maker(make));
  }
}

/**
 * Compiles a rule set against a table's columns, once per pass, for one row at a time.
 *
 * @example
 * const score = compileScorer(standardPreset(), readColumns(rows, columns, clock, asOf));
 * score(0, asOf) // { score: 65, trace: [{ kind: "rule", label: {zh:"意向"…}, value: "高", points: 30 }, …] }
 */
export function compileScorer(rules: RuleSet, cols: LeadColumns): Scorer {
  const scorer = compileRowScorer(rules, cols);
  const trace = new TraceList();
  const lists = new Int32Array(cols.length);
  return (row, asOf) => {
    trace.clear();
    const score = scorer.score(row, asOf, trace, lists);
    const list = lists[row] as number;
    return {
      score,
      trace: trace.itemsOf(0, trace.length, scorer.items, scorer.rowValues, row),
      signals: list < 0 ? NO_IDS : (scorer.signalLists[list] as readonly string[]),
    };
  };
}

/**
 * Compiles a rule set against a table's columns, once per pass: what a pass scores every row with.
 *
 * @example
 * const scorer = compileRowScorer(standardPreset(), cols);
 * const trace = new TraceList();
 * const signals = new Int32Array(cols.length);
 * scorer.score(0, asOf, trace, signals) // 65; trace.numbers[0…trace.length) name scorer.items
 */
export function compileRowScorer(
  rules: RuleSet,
  cols: LeadColumns,
  /** Per `rules.columnPoints` entry, its column's cells by row (undefined: no such column). */
  columnCells: readonly (readonly CellValue[] | undefined)[] = [],
  /** Per row, what its logged touches are worth (see matchTouches); none: no log. */
  engagement: readonly (Engagement | undefined)[] = [],
): RowScorer {
  return new CompiledScorer(rules, cols, columnCells, engagement);
}

/** Each capped group is a slot; every item is summed into its group's slot as it is added. */
type Slots = { slotOf(group: string): number; caps: [string, { max?: number; min?: number }][] };

/** The rule set's point tables, each giving a row's item (or -1) with the cap slot it counts in. */
function compileTables(
  rules: RuleSet,
  cols: LeadColumns,
  registry: ItemRegistry,
  slots: Slots,
  columnCells: readonly (readonly CellValue[] | undefined)[],
) {
  const dimensions = rules.dimensions.map((rule) => ({
    test: compileWhen(rule.when, cols),
    slot: slots.slotOf(rule.group),
    item: registry.ruleItem(firstField(rule.when), cols, {
      kind: "rule",
      id: rule.id,
      group: rule.group,
      label: rule.label,
      points: rule.points,
    }),
  }));
  const columnTables = rules.columnPoints.flatMap((table, k) => {
    const cells = columnCells[k];
    return cells === undefined ? [] : [compileColumnPoints(table, cells, registry)];
  });
  return {
    dimensions,
    sources: compileTable("source", rules.sources, cols, registry),
    sourceSlot: slots.slotOf("source"),
    industries: compileTable("industry", rules.industries, cols, registry),
    industrySlot: slots.slotOf("industry"),
    columnTables,
    columnSlot: slots.slotOf("column"),
  };
}

/**
 * The buying signals of a row's notes as items. The detector hands back one shared list per set of
 * phrases found: its items and ids are worked out once per list, and the list numbered.
 */
function compileSignals(rules: RuleSet, registry: ItemRegistry) {
  const signalItem = registry.maker((match: SignalMatch): TraceItem => {
    const signal = rules.signals.items.find((i) => i.id === match.id);
    return {
      kind: "signal",
      id: match.id,
      group: "signal",
      label: signal?.label ?? match.id,
      value: match.phrase,
      points: match.points,
    };
  });
  const found = new Map<readonly SignalMatch[], { items: readonly number[]; list: number }>();
  const lists: (readonly string[])[] = [];
  return {
    detect: compileSignalDetector(rules.signals.items, rules.signals.negations),
    lists,
    known(signals: readonly SignalMatch[]): { items: readonly number[]; list: number } {
      let known = found.get(signals);
      if (known === undefined) {
        known = { items: signals.map(signalItem), list: lists.length };
        lists.push(Object.freeze(signals.map((s) => s.id)));
        if (found.size < 10_000) found.set(signals, known);
      }
      return known;
    },
  };
}

/**
 * Inactivity decay: the share of points kept after `idle` days (worked out once per number of
 * days), and the item for each penalty after so many days (a penalty is at most 100 points).
 */
class DecayItems {
  /** Per number of idle days, the item number per penalty (-1: not made yet). */
  private readonly byIdle = new Map<number, Int32Array>();

  constructor(
    private readonly decay: RuleSet["decay"],
    private readonly registry: ItemRegistry,
  ) {}

  /** The points a subtotal loses after `idle` days without contact (0 within the grace days). */
  penalty(idle: number, subtotal: number): number {
    const { decay } = this;
    if (idle <= decay.graceDays) return 0;
    const share = 0.5 ** ((idle - decay.graceDays) / decay.halfLifeDays);
    return Math.min(decay.maxPenalty, Math.round(subtotal * (1 - share)));
  }

  item(days: number, penalty: number): number {
    let byPenalty = this.byIdle.get(days);
    if (byPenalty === undefined) {
      byPenalty = new Int32Array(101).fill(-1);
      this.byIdle.set(days, byPenalty);
    }
    let item = byPenalty[penalty] as number;
    if (item < 0) {
      item = this.registry.add({
        kind: "decay",
        id: "decay",
        group: "decay",
        label: "decay",
        days,
        points: -penalty,
      });
      byPenalty[penalty] = item;
    }
    return item;
  }
}

/**
 * A rule set compiled against a table. Scoring a row adds its items to the trace and to the running
 * total, then caps each group, fades the total by inactivity and bounds it to 0–100.
 */
class CompiledScorer implements RowScorer {
  readonly items: readonly TraceItem[];
  readonly rowValues: readonly (RowValue | undefined)[];
  readonly signalLists: readonly (readonly string[])[];
  private readonly registry = new ItemRegistry();
  private readonly caps: Slots["caps"];
  private readonly capItems: ((points: number) => number)[];
  private readonly totalItem: (points: number) => number;
  private readonly touchItem: (e: Engagement) => number;
  private readonly touchSlot: number;
  private readonly signalSlot: number;
  private readonly tables: ReturnType<typeof compileTables>;
  private readonly signals: ReturnType<typeof compileSignals>;
  private readonly decayItems: DecayItems;
  private readonly notes: readonly (string | undefined)[];
  private readonly lastContact: Float64Array | undefined;
  private readonly created: Float64Array | undefined;
  /** Per cap slot: the row's points in that group so far, and whether it got any. */
  private readonly sums: Float64Array;
  private readonly seen: Uint8Array;
  /** The row being scored: its running total, whether a capped group got points, its trace. */
  private subtotal = 0;
  private touched = false;
  private trace = new TraceList();

  constructor(
    private readonly rules: RuleSet,
    cols: LeadColumns,
    columnCells: readonly (readonly CellValue[] | undefined)[],
    private readonly engagement: readonly (Engagement | undefined)[],
  ) {
    const registry = this.registry;
    const caps = Object.entries(rules.caps);
    const slots: Slots = { caps, slotOf: (group) => caps.findIndex(([capped]) => capped === group) };
    this.caps = caps;
    this.tables = compileTables(rules, cols, registry, slots, columnCells);
    this.signals = compileSignals(rules, registry);
    this.signalLists = this.signals.lists;
    this.signalSlot = slots.slotOf("signal");
    this.capItems = caps.map(([group]) =>
      registry.maker(
        (points: number): TraceItem => ({ kind: "cap", id: group, group, label: group, points }),
      ),
    );
    this.totalItem = registry.maker(
      (points: number): TraceItem => ({ kind: "cap", id: "total", group: "total", label: "total", points }),
    );
    this.touchItem = registry.maker(
      (e: Engagement): TraceItem => ({
        kind: "touch",
        id: "touches",
        group: "engagement",
        label: e.label,
        points: e.points,
      }),
    );
    this.touchSlot = slots.slotOf("engagement");
    this.decayItems = new DecayItems(rules.decay, registry);
    this.notes = cols.text.notes ?? NONE;
    this.lastContact = cols.days.lastContact;
    this.created = cols.days.created;
    this.sums = new Float64Array(caps.length);
    this.seen = new Uint8Array(caps.length);
    this.items = registry.items;
    this.rowValues = registry.rowValues;
  }

  score(row: number, asOf: CivilDay, into: TraceList, signalLists: Int32Array): number {
    this.subtotal = 0;
    this.touched = false;
    this.trace = into;
    this.addTables(row, asOf);
    const touches = this.engagement[row];
    if (touches !== undefined) this.add(this.touchItem(touches), this.touchSlot);
    signalLists[row] = this.addSignals(row);
    if (this.touched) this.applyCaps();
    if (this.rules.decay.enabled && this.subtotal > 0) this.applyDecay(row, asOf);
    const score = Math.max(0, Math.min(100, this.subtotal));
    if (score !== this.subtotal) into.push(this.totalItem(score - this.subtotal));
    return score;
  }

  private add(item: number, slot: number): void {
    this.trace.push(item);
    const p = this.registry.points[item] as number;
    this.subtotal += p;
    if (slot >= 0) {
      this.sums[slot] = (this.sums[slot] as number) + p;
      this.seen[slot] = 1;
      this.touched = true;
    }
  }

  private addTables(row: number, asOf: CivilDay): void {
    const t = this.tables;
    for (let d = 0; d < t.dimensions.length; d++) {
      const dimension = t.dimensions[d] as (typeof t.dimensions)[number];
      if (dimension.test(row, asOf)) this.add(dimension.item(row), dimension.slot);
    }
    const source = t.sources(row);
    if (source >= 0) this.add(source, t.sourceSlot);
    const industry = t.industries(row);
    if (industry >= 0) this.add(industry, t.industrySlot);
    for (let k = 0; k < t.columnTables.length; k++) {
      const item = (t.columnTables[k] as Int32Array)[row] as number;
      if (item >= 0) this.add(item, t.columnSlot);
    }
  }

  /** Adds the notes' buying signals; returns the number of their list of ids, -1 for none. */
  private addSignals(row: number): number {
    const note = this.notes[row];
    const found = note === undefined ? NO_SIGNALS : this.signals.detect(note);
    if (found.length === 0) return -1;
    const known = this.signals.known(found);
    for (let k = 0; k < known.items.length; k++) this.add(known.items[k] as number, this.signalSlot);
    return known.list;
  }

  private applyCaps(): void {
    const { caps, sums, seen } = this;
    for (let slot = 0; slot < caps.length; slot++) {
      if (seen[slot] === 0) continue;
      seen[slot] = 0;
      const cap = (caps[slot] as Slots["caps"][number])[1];
      const sum = sums[slot] as number;
      sums[slot] = 0;
      const bounded = Math.min(cap.max ?? sum, Math.max(cap.min ?? sum, sum));
      if (bounded !== sum) {
        this.trace.push((this.capItems[slot] as (points: number) => number)(bounded - sum));
        this.subtotal += bounded - sum;
      }
    }
  }

  private applyDecay(row: number, asOf: CivilDay): void {
    const contact = this.lastContact === undefined ? Number.NaN : (this.lastContact[row] as number);
    const since =
      Number.isNaN(contact) && this.created !== undefined ? (this.created[row] as number) : contact;
    const idle = Number.isNaN(since) ? 0 : asOf - since;
    const penalty = this.decayItems.penalty(idle, this.subtotal);
    if (penalty > 0) {
      this.trace.push(this.decayItems.item(idle, penalty));
      this.subtotal -= penalty;
    }
  }
}

/**
 * A column's points, worked out for every row at once: the item of the first value (matched
 * whole, whatever the case or width) or number range that matches, else of `otherPoints` (an empty
 * cell too); -1 where that is worth nothing. One item per distinct text shown.
 */
function compileColumnPoints(
  table: ColumnPoints,
  cells: readonly CellValue[],
  registry: ItemRegistry,
): Int32Array {
  const byValue = new Map(table.values.map((v) => [matchForm(v.value.trim()), v.points]));
  const pointsOf = (text: string): number => {
    const exact = byValue.get(matchForm(text));
    if (exact !== undefined) return exact;
    // Read as learning binned it (plainNumber): "0x10" or "1e" is no number here either.
    const n = plainNumber(text);
    if (Number.isNaN(n)) return table.otherPoints;
    const range = table.ranges.find(
      (r) => (r.min === undefined || n >= r.min) && (r.max === undefined || n < r.max),
    );
    return range?.points ?? 0;
  };
  const made = new Map<string, number>();
  const items = new Int32Array(cells.length).fill(-1);
  for (let row = 0; row < cells.length; row++) {
    const text = cellText(cells[row] ?? "").trim();
    let item = made.get(text);
    if (item === undefined) {
      const points = pointsOf(text);
      item =
        points === 0
          ? -1
          : registry.add({
              kind: "column",
              id: table.header,
              group: "column",
              label: table.daysSince
                ? { zh: `${table.header}(距今天数)`, en: `${table.header} (days ago)` }
                : table.header,
              value: text,
              points,
            });
      if (made.size < 10_000) made.set(text, item);
    }
    items[row] = item;
  }
  return items;
}

/**
 * A source or industry table: the first entry with a matching word gives its points. Returns the
 * row's item number, or -1 when the row has no value or its value is worth no points.
 */
function compileTable(
  kind: "source" | "industry",
  table: ValueTable,
  cols: LeadColumns,
  registry: ItemRegistry,
): (row: number) => number {
  const entries = table.entries.map((e, index) => ({
    phrases: e.match.map(compilePhrase) as Phrase[],
    points: e.points,
    id: String(index),
  }));
  const filled = readFilled(cols, kind);
  const entryFor = (value: string) => entries.find((e) => e.phrases.some((p) => findPhrase(value, p) >= 0));
  // One shared item per distinct text shown (a column holds a handful); the match form is derived
  // from the shown text, so equal texts always match alike.
  const item = registry.shownMaker(kind, cols, (shown: string | undefined): TraceItem => {
    const hit = entryFor(matchForm(shown ?? "")) ?? { id: "other", points: table.otherPoints };
    return { kind, id: hit.id, group: kind, label: table.label, value: shown, points: hit.points };
  });
  const points = registry.points;
  return (row) => {
    if (!filled(row)) return -1;
    const found = item(row);
    return points[found] === 0 ? -1 : found;
  };
}
