/**
 * The rule set of a spreadsheet, kept in its document properties: validated on the way in and on
 * the way out, versioned (the version is what LeadGrade formulas take as an argument, so a save
 * makes them recalculate), split into pieces under the 9 KB a property value may hold, and with
 * the previous version kept for undo. A stored copy that is missing or no longer valid gives the
 * standard preset with a warning code — never an exception.
 */
import { type RuleIssue, type RuleSet, standardPreset, validateRules } from "../core/index";

const PREFIX = "leadgrade.rules";
/** Bytes per stored piece: below the 9 KB limit with room for the key. */
const PIECE_BYTES = 8000;

export interface StoredRules {
  rules: RuleSet;
  /** 0 when nothing has been saved yet. */
  version: number;
  /** Why the stored copy could not be used, if it could not. */
  warning?: "stored_rules_invalid";
}

export interface SaveResult {
  ok: boolean;
  version?: number;
  issues?: RuleIssue[];
}

interface Meta {
  version: number;
  pieces: number;
  savedAt: string;
}

type Props = GoogleAppsScript.Properties.Properties;

/** Rules as stored now; the spreadsheet's own time zone when none were saved. One service call. */
export function loadRules(props: Props, sheetTimeZone: string): StoredRules {
  return readSlot(props.getProperties(), PREFIX, sheetTimeZone);
}

/** Validates and stores a rule set as the next version; the current one becomes "previous". */
export function saveRules(props: Props, input: unknown, now: Date): SaveResult {
  const checked = validateRules(input);
  if (!checked.ok) return { ok: false, issues: checked.issues };
  const all = props.getProperties();
  const current = readMeta(all, PREFIX);
  const version = (current?.version ?? 0) + 1;
  const writes: Record<string, string> = {};
  // The current version, piece by piece, becomes the previous one.
  if (current) {
    for (let i = 0; i < current.pieces; i++) writes[`${PREFIX}.prev.${i}`] = all[`${PREFIX}.${i}`] ?? "";
    writes[`${PREFIX}.prev`] = JSON.stringify(current);
  }
  const pieces = splitByBytes(JSON.stringify(checked.rules), PIECE_BYTES);
  pieces.forEach((piece, i) => {
    writes[`${PREFIX}.${i}`] = piece;
  });
  writes[PREFIX] = JSON.stringify({
    version,
    pieces: pieces.length,
    savedAt: now.toISOString(),
  } satisfies Meta);
  props.setProperties(writes, false);
  deleteStalePieces(props, all, `${PREFIX}.`, pieces.length);
  if (current) deleteStalePieces(props, all, `${PREFIX}.prev.`, current.pieces);
  return { ok: true, version };
}

/** Puts the previous version back as a new version (so formulas recalculate). */
export function restorePreviousRules(props: Props, sheetTimeZone: string, now: Date): SaveResult {
  const previous = readSlot(props.getProperties(), `${PREFIX}.prev`, sheetTimeZone);
  if (previous.version === 0 || previous.warning)
    return { ok: false, issues: [{ code: "no_previous", path: [] }] };
  return saveRules(props, previous.rules, now);
}

function readMeta(all: Record<string, string>, key: string): Meta | undefined {
  try {
    const meta = JSON.parse(all[key] ?? "null") as Meta | null;
    return meta && Number.isInteger(meta.version) && Number.isInteger(meta.pieces) ? meta : undefined;
  } catch {
    return undefined;
  }
}

function readSlot(all: Record<string, string>, key: string, sheetTimeZone: string): StoredRules {
  const fallback = standardPreset(sheetTimeZone);
  const meta = readMeta(all, key);
  if (!meta)
    return all[key] === undefined
      ? { rules: fallback, version: 0 }
      : { rules: fallback, version: 0, warning: "stored_rules_invalid" };
  let text = "";
  for (let i = 0; i < meta.pieces; i++) text += all[`${key}.${i}`] ?? "";
  const checked = validateRules(text);
  return checked.ok
    ? { rules: checked.rules, version: meta.version }
    : { rules: fallback, version: meta.version, warning: "stored_rules_invalid" };
}

function deleteStalePieces(props: Props, all: Record<string, string>, prefix: string, keep: number): void {
  for (const key of Object.keys(all)) {
    if (!key.startsWith(prefix)) continue;
    const index = Number(key.slice(prefix.length));
    if (Number.isInteger(index) && index >= keep) props.deleteProperty(key);
  }
}

/** UTF-8 length of one UTF-16 code unit sequence position (surrogate pairs count 4 in total). */
function utf8Bytes(code: number): number {
  return code < 0x80 ? 1 : code < 0x800 ? 2 : code >= 0xd800 && code <= 0xdfff ? 2 : 3;
}

/**
 * Splits text into pieces of at most `maxBytes` UTF-8 bytes, never inside a surrogate pair
 * (Apps Script has no TextEncoder, so bytes are counted by hand).
 */
export function splitByBytes(text: string, maxBytes: number): string[] {
  const pieces: string[] = [];
  let start = 0;
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const size = utf8Bytes(code);
    const isHighSurrogate = code >= 0xd800 && code <= 0xdbff;
    if (bytes + size + (isHighSurrogate ? 2 : 0) > maxBytes) {
      pieces.push(text.slice(start, i));
      start = i;
      bytes = 0;
    }
    bytes += size;
  }
  pieces.push(text.slice(start));
  return pieces;
}
