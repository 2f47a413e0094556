/**
 * The rule set of a spreadsheet, kept in its document properties: validated on the way in and on
 * the way out, versioned (the version is what LeadGrade formulas take as an argument, so a save
 * makes them recalculate), split into pieces under the 9 KB a property value may hold, checked by
 * length and hash when read, and with the previous version kept for undo in a second slot. A
 * stored copy that is damaged gives the previous version, or else the standard preset, with a
 * warning code — never an exception.
 */
import {
  fnv1a,
  MAX_RULES_BYTES,
  type RuleIssue,
  type RuleSet,
  standardPreset,
  validateRules,
} from "../core/index";

const PREFIX = "leadgrade.rules";
/** Bytes per stored piece: below the 9 KB limit with room for the key. */
const PIECE_BYTES = 8000;
/** The two places a version's pieces live: the current version is in one, the previous in the other. */
const SLOTS = [`${PREFIX}.`, `${PREFIX}.prev.`] as const;
/** Pieces a stored version may have: what the largest valid rule set needs, and a little more. */
const MAX_PIECES = Math.ceil(MAX_RULES_BYTES / PIECE_BYTES) + 2;

export interface StoredRules {
  rules: RuleSet;
  /** 0 when nothing has been saved yet. */
  version: number;
  /**
   * Why the stored copy could not be used, if it could not: damaged, or document properties not
   * available in this context (a custom function may get none).
   */
  warning?: "stored_rules_invalid" | "rules_unavailable";
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
  /** Where the pieces are (a slot's key prefix); before slots, the meta's own key and a dot. */
  at?: string;
  /** Characters of the whole text, and its FNV-1a hash: a missing or changed piece shows. */
  length?: number;
  hash?: string;
}

type Props = GoogleAppsScript.Properties.Properties;

/** Rules as stored now; the spreadsheet's own time zone when none were saved. One service call. */
export function loadRules(props: Props | null, sheetTimeZone: string): StoredRules {
  if (!props) return { rules: standardPreset(sheetTimeZone), version: 0, warning: "rules_unavailable" };
  const all = props.getProperties();
  const current = readSlot(all, PREFIX, sheetTimeZone);
  if (!current.warning) return current;
  // A damaged current version: the previous one, if whole, is closer to what the team uses.
  const previous = readSlot(all, `${PREFIX}.prev`, sheetTimeZone);
  return previous.version > 0 && !previous.warning
    ? { ...previous, version: current.version, warning: current.warning }
    : current;
}

/**
 * Validates and stores a rule set as the next version; the current one becomes "previous". The
 * new version is written into the other slot (the previous version's, emptied first) and the
 * head is switched in the same call, so a store that is full or a run that stops half-way leaves
 * the current version as it was. Never throws: a full store is `{ ok: false }` with an issue.
 */
export function saveRules(props: Props, input: unknown, now: Date): SaveResult {
  const checked = validateRules(input);
  if (!checked.ok) return { ok: false, issues: checked.issues };
  try {
    const all = props.getProperties();
    const current = readMeta(all, PREFIX);
    const version = (current?.version ?? 0) + 1;
    const from = current ? locationOf(current, PREFIX) : undefined;
    const at = from === SLOTS[0] ? SLOTS[1] : SLOTS[0];
    // The slot to write, and the previous version's pieces wherever they are, go first.
    const previous = readMeta(all, `${PREFIX}.prev`);
    const stale = new Set([at, ...(previous ? [locationOf(previous, `${PREFIX}.prev`)] : [])]);
    for (const key of Object.keys(all)) {
      const slot = SLOTS.find((prefix) => isPieceKey(key, prefix));
      if (slot !== undefined && stale.has(slot) && slot !== from) props.deleteProperty(key);
    }
    const text = JSON.stringify(checked.rules);
    const pieces = splitByBytes(text, PIECE_BYTES);
    const writes: Record<string, string> = {};
    pieces.forEach((piece, i) => {
      writes[`${at}${i}`] = piece;
    });
    const meta: Meta = {
      version,
      pieces: pieces.length,
      savedAt: now.toISOString(),
      at,
      length: text.length,
      hash: fnv1a(text),
    };
    writes[PREFIX] = JSON.stringify(meta);
    if (current && from !== undefined) writes[`${PREFIX}.prev`] = JSON.stringify({ ...current, at: from });
    props.setProperties(writes, false);
    return { ok: true, version };
  } catch {
    // "You have exceeded the property storage quota", or a property refused: nothing was switched.
    return { ok: false, issues: [{ code: "storage_full", path: [] }] };
  }
}

/** Puts the previous version back as a new version (so formulas recalculate). */
export function restorePreviousRules(props: Props, sheetTimeZone: string, now: Date): SaveResult {
  const previous = readSlot(props.getProperties(), `${PREFIX}.prev`, sheetTimeZone);
  if (previous.version === 0 || previous.warning)
    return { ok: false, issues: [{ code: "no_previous", path: [] }] };
  return saveRules(props, previous.rules, now);
}

function locationOf(meta: Meta, key: string): string {
  return meta.at !== undefined && (SLOTS as readonly string[]).includes(meta.at) ? meta.at : `${key}.`;
}

function isPieceKey(key: string, prefix: string): boolean {
  return key.startsWith(prefix) && /^\d+$/.test(key.slice(prefix.length));
}

function readMeta(all: Record<string, string>, key: string): Meta | undefined {
  try {
    const meta = JSON.parse(all[key] ?? "null") as Meta | null;
    return meta &&
      Number.isInteger(meta.version) &&
      Number.isInteger(meta.pieces) &&
      meta.pieces >= 0 &&
      meta.pieces <= MAX_PIECES
      ? meta
      : undefined;
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
  const at = locationOf(meta, key);
  let text = "";
  for (let i = 0; i < meta.pieces; i++) text += all[`${at}${i}`] ?? "";
  const whole =
    (meta.length === undefined || meta.length === text.length) &&
    (meta.hash === undefined || meta.hash === fnv1a(text));
  const checked = whole ? validateRules(text) : undefined;
  return checked?.ok
    ? { rules: checked.rules, version: meta.version }
    : { rules: fallback, version: meta.version, warning: "stored_rules_invalid" };
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
