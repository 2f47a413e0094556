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
import { type LeadColumns, readFilled, SHOWN_AS_DAY, shownAt } from "../../read/readColumns";
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
  numbers: Int32Array;
  length = 0;

  /** Room for `expected` items to start with (a row's trace holds about five). */
  constructor(expected = 1024) {
    this.numbers = new Int32Array(Math.max(16, expected));
  }

  push(item: number): void {
    if (this.length === this.numbers.length) {
      const grown = new Int32Array(this.numbers.length * 2);
      grown.set(this.numbers);
      this.numbers = grown;
    }
    this.numbers[this.length++] = item;
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
  /** Appends the row's trace to `trace` and returns its score, 0–100. */
  score(row: number, asOf: CivilDay, trace: TraceList): number;
  /** The ids of the buying signals the last scored row's notes hold (a shared, frozen list). */
  readonly signals: readonly string[];
  /** The number of that list in {@link signalLists}; -1 when the notes hold none. */
  readonly signalList: number;
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
    const byText = this.maker(make);
    const values = field === undefined ? undefined : cols.values[field];
    if (values === undefined) {
      const text = field === undefined ? NONE : (cols.text[field] ?? NONE);
      return (row) => byText(text[row]);
    }
    const ids = values.ids;
    const byId = new Int32Array(values.shown.length).fill(-1);
    // A date shown as its day: by the day (equal days are shown alike).
    const days = values.days;
    const byDay = new DayTable();
    return (row) => {
      const id = ids[row] as number;
      if (id === SHOWN_AS_DAY && days !== undefined) {
        const day = days[row] as number;
        let item = byDay.get(day);
        if (item < 0) {
          item = byText(shownAt(values, row));
          byDay.set(day, item);
        }
        return item;
      }
      if (id < 0) return byText(shownAt(values, row));
      let item = byId[id] as number;
      if (item < 0) {
        item = byText(shownAt(values, row));
        byId[id] = item;
      }
      return item;
    };
  }
}

/**
 * Item numbers by civil day: an array over the ~11 years around the first day asked (a sheet's
 * dates), a map beyond. -1: none yet.
 */
class DayTable {
  private base = Number.NaN;
  private readonly near = new Int32Array(4096).fill(-1);
  private readonly far = new Map<number, number>();

  get(day: CivilDay): number {
    if (Number.isNaN(this.base)) this.base = day - 2048;
    const at = day - this.base;
    return at >= 0 && at < 4096 ? (this.near[at] as number) : (this.far.get(day) ?? -1);
  }

  set(day: CivilDay, item: number): void {
    const at = day - this.base;
    if (at >= 0 && at < 4096) this.near[at] = item;
    else this.far.set(day, item);
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
  return (row, asOf) => {
    trace.length = 0;
    const score = scorer.score(row, asOf, trace);
    return {
      score,
      trace: trace.itemsOf(0, trace.length, scorer.items, scorer.rowValues, row),
      signals: scorer.signals,
    };
  };
}

/**
 * Compiles a rule set against a table's columns, once per pass: what a pass scores every row with.
 *
 * @example
 * const scorer = compileRowScorer(standardPreset(), cols);
 * const trace = new TraceList();
 * scorer.score(0, asOf, trace) // 65; trace.numbers[0…trace.length) name scorer.items
 */
export function compileRowScorer(
  rules: RuleSet,
  cols: LeadColumns,
  /** Per `rules.columnPoints` entry, its column's cells by row (undefined: no such column). */
  columnCells: readonly (readonly CellValue[] | undefined)[] = [],
  /** Per row, what its logged touches are worth (see matchTouches); none: no log. */
  engagement: readonly (Engagement | undefined)[] = [],
): RowScorer {
  const registry = new ItemRegistry();
  // Each capped group is a slot; every item is summed into its group's slot as it is added, so
  // capping needs no second look at the trace.
  const caps = Object.entries(rules.caps);
  const slotOf = (group: string) => caps.findIndex(([capped]) => capped === group);
  const dimensions = rules.dimensions.map((rule) => ({
    test: compileWhen(rule.when, cols),
    slot: slotOf(rule.group),
    item: registry.ruleItem(firstField(rule.when), cols, {
      kind: "rule",
      id: rule.id,
      group: rule.group,
      label: rule.label,
      points: rule.points,
    }),
  }));
  // The detector hands back one shared list per set of signal phrases found: its items and ids
  // are worked out once per list.
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
  const found = new Map<
    readonly SignalMatch[],
    { items: readonly number[]; ids: readonly string[]; list: number }
  >();
  const signalLists: (readonly string[])[] = [];
  const foundOf = (signals: readonly SignalMatch[]) => {
    let known = found.get(signals);
    if (known === undefined) {
      const ids = Object.freeze(signals.map((s) => s.id));
      known = { items: signals.map(signalItem), ids, list: signalLists.length };
      signalLists.push(ids);
      if (found.size < 10_000) found.set(signals, known);
    }
    return known;
  };
  const capItems = caps.map(([group]) =>
    registry.maker((points: number): TraceItem => ({ kind: "cap", id: group, group, label: group, points })),
  );
  const totalItem = registry.maker(
    (points: number): TraceItem => ({ kind: "cap", id: "total", group: "total", label: "total", points }),
  );
  // Per number of idle days, the item for each penalty (a penalty is at most 100 points).
  const decayItems = new DayTable();
  const decayByIdle: Int32Array[] = [];
  const decayItem = (days: number, penalty: number): number => {
    let slot = decayItems.get(days);
    if (slot < 0) {
      slot = decayByIdle.length;
      decayByIdle.push(new Int32Array(101).fill(-1));
      decayItems.set(days, slot);
    }
    const byPenalty = decayByIdle[slot] as Int32Array;
    let item = byPenalty[penalty] as number;
    if (item < 0) {
      item = registry.add({
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
  };
  const sources = compileTable("source", rules.sources, cols, registry);
  const sourceSlot = slotOf("source");
  const industries = compileTable("industry", rules.industries, cols, registry);
  const industrySlot = slotOf("industry");
  const columnTables = rules.columnPoints.flatMap((table, k) => {
    const cells = columnCells[k];
    return cells === undefined ? [] : [compileColumnPoints(table, cells, registry)];
  });
  const columnSlot = slotOf("column");
  const touchItem = registry.maker(
    (e: Engagement): TraceItem => ({
      kind: "touch",
      id: "touches",
      group: "engagement",
      label: e.label,
      points: e.points,
    }),
  );
  const touchSlot = slotOf("engagement");
  const detect = compileSignalDetector(rules.signals.items, rules.signals.negations);
  const signalSlot = slotOf("signal");
  const notes = cols.text.notes ?? NONE;
  const decay = rules.decay;
  // The share of points kept after `idle` days, worked out once per number of days.
  const kept = new Float64Array(4096).fill(-1);
  const keep = (idle: number) => {
    const cached = idle < kept.length ? (kept[idle] as number) : -1;
    if (cached >= 0) return cached;
    const share = 0.5 ** ((idle - decay.graceDays) / decay.halfLifeDays);
    if (idle < kept.length) kept[idle] = share;
    return share;
  };
  const lastContact = cols.days.lastContact;
  const created = cols.days.created;
  const points = registry.points;
  const sums = new Float64Array(caps.length);
  const seen = new Uint8Array(caps.length);

  // The row being scored: its running total, and whether a capped group got points.
  let subtotal = 0;
  let touched = false;
  let trace = new TraceList();
  const add = (item: number, slot: number) => {
    trace.push(item);
    const p = points[item] as number;
    subtotal += p;
    if (slot >= 0) {
      sums[slot] = (sums[slot] as number) + p;
      seen[slot] = 1;
      touched = true;
    }
  };

  const scorer = {
    signals: NO_IDS,
    signalList: -1,
    signalLists: signalLists as readonly (readonly string[])[],
    items: registry.items,
    rowValues: registry.rowValues,
    score(row: number, asOf: CivilDay, into: TraceList): number {
      subtotal = 0;
      touched = false;
      trace = into;
      for (let d = 0; d < dimensions.length; d++) {
        const dimension = dimensions[d] as (typeof dimensions)[number];
        if (dimension.test(row, asOf)) add(dimension.item(row), dimension.slot);
      }
      const source = sources(row);
      if (source >= 0) add(source, sourceSlot);
      const industry = industries(row);
      if (industry >= 0) add(industry, industrySlot);
      for (let k = 0; k < columnTables.length; k++) {
        const item = (columnTables[k] as Int32Array)[row] as number;
        if (item >= 0) add(item, columnSlot);
      }
      const touches = engagement[row];
      if (touches !== undefined) add(touchItem(touches), touchSlot);
      const note = notes[row];
      const signals = note === undefined ? NO_SIGNALS : detect(note);
      if (signals.length === 0) {
        scorer.signals = NO_IDS;
        scorer.signalList = -1;
      } else {
        const known = foundOf(signals);
        const items = known.items;
        for (let k = 0; k < items.length; k++) add(items[k] as number, signalSlot);
        scorer.signals = known.ids;
        scorer.signalList = known.list;
      }

      if (touched) {
        for (let slot = 0; slot < caps.length; slot++) {
          if (seen[slot] === 0) continue;
          seen[slot] = 0;
          const cap = (caps[slot] as (typeof caps)[number])[1];
          const sum = sums[slot] as number;
          sums[slot] = 0;
          const bounded = Math.min(cap.max ?? sum, Math.max(cap.min ?? sum, sum));
          if (bounded !== sum) {
            trace.push((capItems[slot] as (points: number) => number)(bounded - sum));
            subtotal += bounded - sum;
          }
        }
      }

      if (decay.enabled && subtotal > 0) {
        const contact = lastContact === undefined ? Number.NaN : (lastContact[row] as number);
        const since = Number.isNaN(contact) && created !== undefined ? (created[row] as number) : contact;
        const idle = Number.isNaN(since) ? 0 : asOf - since;
        if (idle > decay.graceDays) {
          // Read from the cache here: a call returning a fraction hands it back boxed (a heap number per row).
          const cached = idle < kept.length ? (kept[idle] as number) : -1;
          const share = cached >= 0 ? cached : keep(idle);
          const penalty = Math.min(decay.maxPenalty, Math.round(subtotal * (1 - share)));
          if (penalty > 0) {
            trace.push(decayItem(idle, penalty));
            subtotal -= penalty;
          }
        }
      }

      const score = Math.max(0, Math.min(100, subtotal));
      if (score !== subtotal) trace.push(totalItem(score - subtotal));
      return score;
    },
  };
  return scorer;
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
