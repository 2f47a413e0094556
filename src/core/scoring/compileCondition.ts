/**
 * Turns a rule's `when` (a condition, or `all / any / not` of them) into a plain function over a
 * {@link Lead}, once per rule set, so scoring a row is a few property reads and comparisons.
 */
import type { CivilDay } from "../dates/civilDay";
import { FIELD_KIND, type Field } from "../fields";
import { INVALID } from "../normalise/cell";
import { INTENT_RANK, type Intent, parseIntent } from "../normalise/parseIntent";
import { compilePhrase, findPhrase } from "../normalise/phrases";
import type { Lead } from "../normalise/readLead";
import type { Condition, When } from "../rules/schema";

export type Test = (lead: Lead, asOf: CivilDay) => boolean;

/** The field a condition looks at first: its value is what the "why" shows. */
export function firstField(when: When): Field | undefined {
  if ("op" in when) return when.field;
  if ("all" in when) return when.all.map(firstField).find((f) => f !== undefined);
  if ("any" in when) return when.any.map(firstField).find((f) => f !== undefined);
  return undefined;
}

/**
 * @example
 * const test = compileWhen({ field: "budget", op: "range", min: 100000 });
 * test(lead, asOf) // true when the lead's budget is ¥100,000 or more
 */
export function compileWhen(when: When): Test {
  if ("op" in when) return compileCondition(when);
  if ("all" in when) {
    const parts = when.all.map(compileWhen);
    return (lead, asOf) => parts.every((t) => t(lead, asOf));
  }
  if ("any" in when) {
    const parts = when.any.map(compileWhen);
    return (lead, asOf) => parts.some((t) => t(lead, asOf));
  }
  const inner = compileWhen(when.not);
  return (lead, asOf) => !inner(lead, asOf);
}

function compileCondition(c: Condition): Test {
  const field = c.field;
  const kind = FIELD_KIND[field];
  switch (c.op) {
    case "missing":
      return (lead) => lead.text[field] === undefined;
    case "present":
      return (lead) => lead.text[field] !== undefined;
    case "equals":
    case "oneOf": {
      const wanted = c.op === "equals" ? [c.value] : c.values;
      if (kind === "intent") {
        const intents = new Set(wanted.map(intentOf).filter((i): i is Intent => i !== undefined));
        return (lead) => lead.intent !== undefined && intents.has(lead.intent);
      }
      if (kind === "number" || kind === "money") {
        const numbers = new Set(wanted.map(Number));
        return (lead) => {
          const n = lead.numbers[field];
          return n !== undefined && numbers.has(n);
        };
      }
      const texts = new Set(wanted.map((w) => String(w).trim().toLowerCase()));
      return (lead) => {
        const t = lead.match[field] ?? lead.text[field]?.toLowerCase();
        return t !== undefined && texts.has(t);
      };
    }
    case "contains": {
      const phrases = c.values.map(compilePhrase);
      return (lead) => {
        const t = lead.match[field] ?? lead.text[field]?.toLowerCase();
        return t !== undefined && phrases.some((p) => findPhrase(t, p) >= 0);
      };
    }
    case "range": {
      const min = c.min ?? Number.NEGATIVE_INFINITY;
      const max = c.max ?? Number.POSITIVE_INFINITY;
      if (kind === "intent") {
        return (lead) =>
          lead.intent !== undefined && INTENT_RANK[lead.intent] >= min && INTENT_RANK[lead.intent] <= max;
      }
      return (lead) => {
        const n = lead.numbers[field];
        return n !== undefined && n >= min && n <= max;
      };
    }
    case "withinDays": {
      const days = c.days;
      return (lead, asOf) => {
        const d = lead.days[field];
        return d !== undefined && asOf - d <= days;
      };
    }
    case "olderThanDays": {
      const days = c.days;
      return (lead, asOf) => {
        const d = lead.days[field];
        return d !== undefined && asOf - d > days;
      };
    }
  }
}

function intentOf(value: string | number): Intent | undefined {
  const intent = parseIntent(value);
  return intent === INVALID ? undefined : intent;
}
