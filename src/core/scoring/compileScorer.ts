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
import { compilePhrase, findPhrase, type Phrase } from "../normalise/phrases";
import type { Lead } from "../normalise/readLead";
import type { LocalText, RuleSet, ValueTable } from "../rules/schema";
import { compileSignalDetector } from "../signals/detectBuyingSignals";
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
  trace: TraceItem[];
  /** Ids of the buying signals found in the notes. */
  signals: string[];
}

export type Scorer = (lead: Lead, asOf: CivilDay) => ScoreResult;

/**
 * Compiles a rule set into a scorer, once per pass.
 *
 * @example
 * const score = compileScorer(standardPreset());
 * score(lead, asOf) // { score: 65, trace: [{ kind: "rule", label: {zh:"意向"…}, value: "高", points: 30 }, …] }
 */
export function compileScorer(rules: RuleSet): Scorer {
  const dimensions = rules.dimensions.map((d) => ({
    rule: d,
    test: compileWhen(d.when),
    shows: firstField(d.when),
  }));
  const sources = compileTable(rules.sources);
  const industries = compileTable(rules.industries);
  const detect = compileSignalDetector(rules.signals.items, rules.signals.negations);
  const caps = Object.entries(rules.caps);
  const decay = rules.decay;

  return (lead, asOf) => {
    const trace: TraceItem[] = [];
    for (const { rule, test, shows } of dimensions) {
      if (!test(lead, asOf)) continue;
      const value = shows === undefined ? undefined : lead.text[shows];
      trace.push({
        kind: "rule",
        id: rule.id,
        group: rule.group,
        label: rule.label,
        value,
        points: rule.points,
      });
    }
    addTableItem(trace, "source", rules.sources, sources, lead.match.source, lead.text.source);
    addTableItem(trace, "industry", rules.industries, industries, lead.match.industry, lead.text.industry);
    const notes = lead.match.notes;
    const signals = notes === undefined ? [] : detect(notes);
    for (const s of signals) {
      const label = rules.signals.items.find((i) => i.id === s.id)?.label ?? s.id;
      trace.push({ kind: "signal", id: s.id, group: "signal", label, value: s.phrase, points: s.points });
    }

    let subtotal = 0;
    for (const item of trace) subtotal += item.points;
    for (const [group, cap] of caps) {
      let sum = 0;
      let seen = false;
      for (const item of trace) {
        if (item.group === group) {
          sum += item.points;
          seen = true;
        }
      }
      if (!seen) continue;
      const bounded = Math.min(cap.max ?? sum, Math.max(cap.min ?? sum, sum));
      if (bounded !== sum) {
        trace.push({ kind: "cap", id: group, group, label: group, points: bounded - sum });
        subtotal += bounded - sum;
      }
    }

    if (decay.enabled) {
      const lastTouch = lead.days.lastContact ?? lead.days.created;
      const idle = lastTouch === undefined ? 0 : asOf - lastTouch;
      if (idle > decay.graceDays && subtotal > 0) {
        const keep = 0.5 ** ((idle - decay.graceDays) / decay.halfLifeDays);
        const penalty = Math.min(decay.maxPenalty, Math.round(subtotal * (1 - keep)));
        if (penalty > 0) {
          trace.push({
            kind: "decay",
            id: "decay",
            group: "decay",
            label: "decay",
            days: idle,
            points: -penalty,
          });
          subtotal -= penalty;
        }
      }
    }

    const score = Math.max(0, Math.min(100, subtotal));
    if (score !== subtotal) {
      trace.push({ kind: "cap", id: "total", group: "total", label: "total", points: score - subtotal });
    }
    return { score, trace, signals: signals.map((s) => s.id) };
  };
}

type CompiledTable = { phrases: Phrase[]; index: number }[];

function compileTable(table: ValueTable): CompiledTable {
  return table.entries.map((e, index) => ({ phrases: e.match.map(compilePhrase), index }));
}

function addTableItem(
  trace: TraceItem[],
  kind: "source" | "industry",
  table: ValueTable,
  compiled: CompiledTable,
  match: string | undefined,
  shown: string | undefined,
): void {
  if (match === undefined) return;
  const hit = compiled.find((entry) => entry.phrases.some((p) => findPhrase(match, p) >= 0));
  const entry = hit === undefined ? undefined : table.entries[hit.index];
  const points = entry === undefined ? table.otherPoints : entry.points;
  if (points === 0) return;
  trace.push({
    kind,
    id: entry === undefined ? "other" : String(hit?.index),
    group: kind,
    label: table.label,
    value: shown,
    points,
  });
}
