/**
 * The score of a lead, 0–100, and the trace that explains it. Points come from the rule set's
 * dimension rules, its source and industry tables and buying signals in the notes; each group's
 * points are capped; inactivity then fades the positive part (a half-life after a grace period,
 * never more than a set penalty). Every step that changes the score leaves a trace item.
 *
 * A score depends on its own row only (never on other rows), so a formula over one row and a
 * formula over the whole sheet agree.
 */
import type { CivilDay } from "../dates/civilDay";
import { matchForm } from "../normalise/cell";
import { compilePhrase, findPhrase, type Phrase } from "../normalise/phrases";
import type { LeadColumns } from "../normalise/readColumns";
import type { LocalText, RuleSet, ValueTable } from "../rules/schema";
import { compileSignalDetector, type SignalMatch } from "../signals/detectBuyingSignals";
import { compileWhen, firstField } from "./compileCondition";

export interface TraceItem {
  kind: "rule" | "source" | "industry" | "signal" | "decay" | "cap";
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

const NONE: (string | undefined)[] = [];
const NO_SIGNALS: readonly SignalMatch[] = [];

/**
 * Trace items are the same for every row where the same rule saw the same value, so each is made
 * once and shared (frozen): a pass over many rows then allocates little beyond each row's list.
 */
function itemMaker<K>(make: (key: K) => TraceItem): (key: K) => TraceItem {
  const made = new Map<K, TraceItem>();
  return (key) => {
    let item = made.get(key);
    if (item === undefined) {
      item = Object.freeze(make(key));
      if (made.size < 10_000) made.set(key, item);
    }
    return item;
  };
}

/**
 * Compiles a rule set against a table's columns, once per pass.
 *
 * @example
 * const score = compileScorer(standardPreset(), readColumns(rows, columns, clock, asOf));
 * score(0, asOf) // { score: 65, trace: [{ kind: "rule", label: {zh:"意向"…}, value: "高", points: 30 }, …] }
 */
export function compileScorer(rules: RuleSet, cols: LeadColumns): Scorer {
  // Each capped group is a slot; every item is summed into its group's slot as it is added, so
  // capping needs no second look at the trace.
  const caps = Object.entries(rules.caps);
  const slotOf = (group: string) => caps.findIndex(([capped]) => capped === group);
  const dimensions = rules.dimensions.map((rule) => {
    const shows = firstField(rule.when);
    return {
      test: compileWhen(rule.when, cols),
      shown: shows === undefined ? NONE : (cols.text[shows] ?? NONE),
      slot: slotOf(rule.group),
      item: itemMaker((value: string | undefined): TraceItem => {
        const item: TraceItem = {
          kind: "rule",
          id: rule.id,
          group: rule.group,
          label: rule.label,
          points: rule.points,
        };
        if (value !== undefined) item.value = value;
        return item;
      }),
    };
  });
  // The detector hands back the same match object for the same signal phrase on every row.
  const signalItem = itemMaker((match: SignalMatch): TraceItem => {
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
  const capItem = itemMaker((key: string): TraceItem => {
    const [group = "", points = "0"] = key.split("\u0000");
    return { kind: "cap", id: group, group, label: group, points: Number(points) };
  });
  const decayItem = itemMaker((key: number): TraceItem => {
    // key = days * 1000 + penalty (a penalty is at most 100 points)
    const days = Math.floor(key / 1000);
    return { kind: "decay", id: "decay", group: "decay", label: "decay", days, points: -(key - days * 1000) };
  });
  const sources = compileTable("source", rules.sources, cols);
  const sourceSlot = slotOf("source");
  const industries = compileTable("industry", rules.industries, cols);
  const industrySlot = slotOf("industry");
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
  // The detector shares one list per set of signals found; so are their ids.
  const ids = new Map<readonly SignalMatch[], readonly string[]>();
  const idsOf = (signals: readonly SignalMatch[]) => {
    let found = ids.get(signals);
    if (found === undefined) {
      found = Object.freeze(signals.map((s) => s.id));
      if (ids.size < 10_000) ids.set(signals, found);
    }
    return found;
  };
  const sums = new Float64Array(caps.length);
  const seen = new Uint8Array(caps.length);

  return (row, asOf) => {
    const trace: TraceItem[] = [];
    let subtotal = 0;
    sums.fill(0);
    seen.fill(0);
    const add = (item: TraceItem, slot: number) => {
      trace.push(item);
      subtotal += item.points;
      if (slot >= 0) {
        sums[slot] = (sums[slot] as number) + item.points;
        seen[slot] = 1;
      }
    };
    for (const { test, shown, slot, item } of dimensions) {
      if (test(row, asOf)) add(item(shown[row]), slot);
    }
    const source = sources(row);
    if (source !== undefined) add(source, sourceSlot);
    const industry = industries(row);
    if (industry !== undefined) add(industry, industrySlot);
    const note = notes[row];
    const signals = note === undefined ? NO_SIGNALS : detect(note);
    for (const s of signals) add(signalItem(s), signalSlot);

    for (let slot = 0; slot < caps.length; slot++) {
      if (seen[slot] === 0) continue;
      const [group, cap] = caps[slot] as (typeof caps)[number];
      const sum = sums[slot] as number;
      const bounded = Math.min(cap.max ?? sum, Math.max(cap.min ?? sum, sum));
      if (bounded !== sum) {
        trace.push(capItem(`${group}\u0000${bounded - sum}`));
        subtotal += bounded - sum;
      }
    }

    if (decay.enabled && subtotal > 0) {
      const contact = lastContact === undefined ? Number.NaN : (lastContact[row] as number);
      const touched = Number.isNaN(contact) && created !== undefined ? (created[row] as number) : contact;
      const idle = Number.isNaN(touched) ? 0 : asOf - touched;
      if (idle > decay.graceDays) {
        const penalty = Math.min(decay.maxPenalty, Math.round(subtotal * (1 - keep(idle))));
        if (penalty > 0) {
          trace.push(decayItem(idle * 1000 + penalty));
          subtotal -= penalty;
        }
      }
    }

    const score = Math.max(0, Math.min(100, subtotal));
    if (score !== subtotal) {
      trace.push(capItem(`total\u0000${score - subtotal}`));
    }
    return { score, trace, signals: idsOf(signals) };
  };
}

/** A source or industry table: the first entry with a matching word gives its points. */
function compileTable(kind: "source" | "industry", table: ValueTable, cols: LeadColumns) {
  const entries = table.entries.map((e, index) => ({
    phrases: e.match.map(compilePhrase) as Phrase[],
    points: e.points,
    id: String(index),
  }));
  const match = cols.match[kind] ?? NONE;
  const text = cols.text[kind] ?? NONE;
  const entryFor = (value: string) => entries.find((e) => e.phrases.some((p) => findPhrase(value, p) >= 0));
  // One shared item per distinct text shown (a column holds a handful); the match form is derived
  // from the shown text, so equal texts always match alike.
  const item = itemMaker((shown: string): TraceItem => {
    const hit = entryFor(matchForm(shown)) ?? { id: "other", points: table.otherPoints };
    return { kind, id: hit.id, group: kind, label: table.label, value: shown, points: hit.points };
  });
  return (row: number): TraceItem | undefined => {
    const shown = text[row];
    if (match[row] === undefined || shown === undefined) return undefined;
    const found = item(shown);
    return found.points === 0 ? undefined : found;
  };
}
