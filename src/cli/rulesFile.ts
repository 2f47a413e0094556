/**
 * `leadgrade rules --init [file]`: a rules file a person can start from — partial, extending the
 * standard preset, with notes in `$comment` keys — and `rules.schema.json` beside it, generated
 * from the same zod schema every door validates with, so an editor completes keys and flags
 * wrong values while typing.
 */
import { access } from "node:fs/promises";
import { dirname, join } from "node:path";
import { toJSONSchema } from "zod/mini";
import { ruleSetSchema } from "../core/index";
import { CliError } from "./cliError";
import { StagedFiles } from "./stagedFiles";

type JsonSchema = Record<string, unknown>;

/**
 * The rule set's JSON Schema for a file that may be partial: objects need none of their keys
 * (they are merged over the preset), except inside lists, which replace the preset's whole.
 */
export function rulesJsonSchema(): JsonSchema {
  const schema = relax(toJSONSchema(ruleSetSchema, { io: "input", unrepresentable: "any" }) as JsonSchema);
  const properties = (schema.properties ?? {}) as Record<string, unknown>;
  schema.properties = {
    $schema: { type: "string" },
    $comment: { type: "string" },
    extends: {
      enum: ["standard", "simple"],
      description: "Start from this preset; the file changes only what it names.",
    },
    ...properties,
  };
  schema.patternProperties = { "^\\$": {} };
  schema.title = "LeadGrade rules";
  return schema;
}

function relax(node: JsonSchema, inList = false): JsonSchema {
  const out: JsonSchema = { ...node };
  if (!inList) delete out.required;
  if (out.properties && typeof out.properties === "object") {
    out.properties = Object.fromEntries(
      Object.entries(out.properties as Record<string, JsonSchema>).map(([k, v]) => [k, relax(v, inList)]),
    );
  }
  if (out.items && typeof out.items === "object") out.items = relax(out.items as JsonSchema, true);
  for (const key of ["anyOf", "oneOf", "allOf"]) {
    if (Array.isArray(out[key])) out[key] = (out[key] as JsonSchema[]).map((v) => relax(v, inList));
  }
  return out;
}

/** A starting file: the settings teams change first, each explained. */
export function starterRules(): Record<string, unknown> {
  return {
    $schema: "./rules.schema.json",
    $comment:
      "LeadGrade rules. This file extends the standard preset and changes only what it names: delete a line to keep the preset's value. Objects are merged key by key; a list replaces the preset's list. Check it with: leadgrade <your export> --rules <this file>",
    extends: "standard",
    $timeZone:
      'IANA zone for \'today\' and follow-ups, e.g. "timeZone": "America/New_York"; the machine\'s when not set.',
    $dateOrder: "How to read dates with the year last: mdy 11/20/2026, dmy 20/11/2026, ymd only 2026-11-20.",
    dateOrder: "ymd",
    $phoneRegion:
      "Country whose plan phone numbers without +country follow (US, CN, GB…); unset: the one most numbers fit.",
    $columns:
      'Field → your header or column letter, where LeadGrade guesses wrong: { "email": "Work Email" }.',
    columns: {},
    $ignore: "Headers of columns never to read.",
    ignore: [],
    $outcomes: "Status or stage words that close a lead: won leads are customers, neither is followed up.",
    outcomes: { won: ["won", "closed won", "已成交"], lost: ["lost", "closed lost", "丢单"] },
    $pool:
      'The lead pool (公海), with --history: { "enabled": true } flags leads whose owner did not contact them in time, in working days after taking them (a grade\'s cadence plus graceDays, or "limits": { "A": { "firstContactDays": 1, "followUpDays": 3 } }), after protectionDays.',
  };
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

/** Writes the starting file and the schema beside it; never over an existing file. */
export async function initRulesFile(path: string): Promise<string[]> {
  const schemaPath = join(dirname(path), "rules.schema.json");
  for (const p of [path, schemaPath])
    if (await exists(p))
      throw new CliError(`${p}: already exists; LeadGrade does not write over it — choose another name`);
  const files = new StagedFiles();
  try {
    await files.writeText(path, `${JSON.stringify(starterRules(), null, 2)}\n`);
    await files.writeText(schemaPath, `${JSON.stringify(rulesJsonSchema(), null, 2)}\n`);
    return await files.commit();
  } catch (error) {
    await files.discard();
    throw error;
  }
}
