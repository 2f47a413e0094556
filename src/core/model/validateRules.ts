/**
 * The one door every rule set comes through: the sidebar's edits, the stored copy, a JSON file on
 * the command line. It never throws; it returns the parsed rule set or issues a person can read.
 */
import type * as z from "zod/mini";
import { WORDS } from "./locales/index";
import { type Lang, RULE_ISSUE_TEXT } from "./messages";
import { simplePreset, standardPreset } from "./presets";
import { type RuleSet, ruleSetSchema } from "./schema";

export interface RuleIssue {
  code: string;
  /** Where in the rule set, e.g. `["grades", 0, "minScore"]`. */
  path: (string | number)[];
  /** What a person needs to fix it: the unknown keys, or the values allowed. */
  detail?: string;
}

export type RulesResult = { ok: true; rules: RuleSet } | { ok: false; issues: RuleIssue[] };

/** The most text and nesting a rules file may have: far past any real rule set (100 KB, 12 levels). */
const MAX_TEXT = 1024 * 1024;
const MAX_DEPTH = 64;

/** How deep JSON text nests its objects and lists, counted outside strings. */
function jsonDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) deepest = Math.max(deepest, ++depth);
    else if (c === 0x7d || c === 0x5d) depth--;
  }
  return deepest;
}

/** Presets a partial rules file may start from with `"extends"`. */
const BASES: Record<string, () => RuleSet> = { standard: standardPreset, simple: simplePreset };

/**
 * Validates anything claiming to be a rule set (an object, or JSON text). A rules file may be
 * partial: `{"extends": "standard", …}` starts from that preset and changes only what it names
 * (objects merged key by key, lists replaced whole); keys starting with "$" (`$schema`,
 * `$comment`) are notes for editors and people. A key the rule set does not have is an issue
 * that names it.
 *
 * @example
 * const r = validateRules({ ...standardPreset(), grades: [] });
 * r.ok // false; r.issues[0] = { code: "too_small", path: ["grades"] }
 * validateRules({ extends: "standard", dateOrder: "mdy" }).ok // true
 */
export function validateRules(input: unknown): RulesResult {
  let value = input;
  if (typeof input === "string") {
    // Bounded before parsing: a file nested thousands of levels deep would overflow the stack.
    if (input.length > MAX_TEXT || jsonDepth(input) > MAX_DEPTH)
      return {
        ok: false,
        issues: [
          {
            code: "too_big",
            path: [],
            detail: `at most ${MAX_TEXT / 1024} KB and ${MAX_DEPTH} levels of nesting`,
          },
        ],
      };
    try {
      value = JSON.parse(input);
    } catch {
      return { ok: false, issues: [{ code: "not_json", path: [] }] };
    }
  }
  const prepared = withBase(value);
  if ("issues" in prepared) return { ok: false, issues: prepared.issues };
  const parsed = ruleSetSchema.safeParse(prepared.value);
  const unknown = unknownKeys(prepared.value);
  if (parsed.success && unknown.length === 0) return { ok: true, rules: parsed.data };
  return {
    ok: false,
    issues: [...unknown, ...(parsed.success ? [] : parsed.error.issues.map(toRuleIssue))],
  };
}

/** The rule set a file describes: its own keys over the preset it extends, without its notes. */
function withBase(value: unknown): { value: unknown } | { issues: RuleIssue[] } {
  if (!isPlainObject(value)) return { value };
  const own = Object.fromEntries(
    Object.entries(value).filter(([k]) => !k.startsWith("$") && k !== "extends"),
  );
  const base = value.extends;
  if (base === undefined) return { value: own };
  const make = typeof base === "string" ? BASES[base] : undefined;
  if (!make)
    return { issues: [{ code: "invalid_value", path: ["extends"], detail: Object.keys(BASES).join(", ") }] };
  const merged = merge(make(), own) as Record<string, unknown>;
  // A file that changes a preset is the team's own rule set.
  if (own.preset === undefined) merged.preset = "custom";
  return { value: merged };
}

function merge(base: unknown, over: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(over)) return over === undefined ? base : over;
  const out: Record<string, unknown> = { ...base };
  for (const [key, v] of Object.entries(over)) out[key] = merge(base[key], v);
  return out;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

const KNOWN_KEYS = new Set(Object.keys(ruleSetSchema._zod.def.shape));

/** Top-level keys the rule set does not have ("timezone" for "timeZone"): named, never dropped silently. */
function unknownKeys(value: unknown): RuleIssue[] {
  if (!isPlainObject(value)) return [];
  const unknown = Object.keys(value).filter((k) => !KNOWN_KEYS.has(k));
  return unknown.length === 0 ? [] : [{ code: "unrecognized_keys", path: [], detail: unknown.join(", ") }];
}

function toRuleIssue(issue: z.core.$ZodIssue): RuleIssue {
  const base = toRuleIssueCode(issue);
  const detail =
    issue.code === "invalid_value"
      ? issue.values.map((v) => JSON.stringify(v)).join(", ")
      : issue.code === "unrecognized_keys"
        ? issue.keys.join(", ")
        : undefined;
  return detail === undefined ? base : { ...base, detail };
}

function toRuleIssueCode(issue: z.core.$ZodIssue): RuleIssue {
  const path = issue.path.map((p) => (typeof p === "number" ? p : String(p)));
  if (issue.code === "custom" || (issue.code === "invalid_format" && issue.message in RULE_ISSUE_TEXT)) {
    return { code: issue.message in RULE_ISSUE_TEXT ? issue.message : "invalid", path };
  }
  if (issue.code === "invalid_type" && issue.expected === "int") return { code: "not_integer", path };
  // Refinements on a field report as "custom" with our own code as the message.
  if (issue.message in RULE_ISSUE_TEXT && issue.code !== "invalid_type") return { code: issue.message, path };
  return { code: issue.code in RULE_ISSUE_TEXT ? issue.code : "invalid", path };
}

/**
 * One line a manager can act on.
 *
 * @example
 * describeRuleIssue({ code: "thresholds_descending", path: ["grades", 1, "minScore"] }, "en")
 * // "Grades › 2 › minimum score: grade thresholds must fall from the first grade to the last"
 */
export function describeRuleIssue(issue: RuleIssue, lang: Lang): string {
  const where = issue.path
    .map((p) =>
      typeof p === "number"
        ? String(p + 1)
        : ((WORDS[lang].ruleParts as Readonly<Record<string, string>>)[p] ?? p),
    )
    .join(" › ");
  const what = (RULE_ISSUE_TEXT[issue.code] ?? RULE_ISSUE_TEXT.invalid)?.[lang] ?? issue.code;
  const detail = issue.detail ? ` (${issue.detail})` : "";
  return where ? `${where}: ${what}${detail}` : `${what}${detail}`;
}
