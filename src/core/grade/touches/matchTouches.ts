/**
 * Logged follow-ups matched to the sheet's leads by key — e-mail, phone, or name and company —
 * never by row number, so a touch follows its lead when rows move. Per lead: the latest touch (a
 * newer last contact than the sheet's cell), the next step it set, its notes (read for buying
 * signals), and what the touches in the rules' windowDays are worth, with the words for the why.
 */
import { WORDS } from "../../model/locales/index";
import type { Lang } from "../../model/messages";
import type { LocalText, TouchRules } from "../../model/schema";
import type { LeadColumns } from "../../read/readColumns";
import type { LoggedTouch, TouchProblem } from "../../read/readTouchLog";
import { matchForm } from "../../text/cell";
import type { CivilDay } from "../../text/civilDay";
import { compilePhrase, findPhrase } from "../../text/phrases";
import { type ContactKeys, normaliseEmail, phoneKey } from "../quality/contacts";

export interface Engagement {
  points: number;
  /** "2次拜访、1次电话(14天内)" / "2× visit, 1× call (14 days)". */
  label: LocalText;
}

export interface RowTouches {
  /** Per row, the day of its latest touch on or before the as-of day; NaN: none. */
  last: Float64Array;
  /** Per row, the newest next step's day while no touch has reached it; NaN: none. */
  next: Float64Array;
  /** Per row, the number of touches in the rules' windowDays. */
  recent: Uint16Array;
  /** Per row, its touches' notes, newest first; undefined: none. */
  notes: (string | undefined)[];
  /** Per row, what the touches within windowDays are worth; undefined: nothing. */
  engagement: (Engagement | undefined)[];
  /** Touches that name no lead of the sheet, or are dated after the as-of day. */
  problems: TouchProblem[];
  /** Touches matched to a lead. */
  matched: number;
}

/** Where a name and a company are written in one cell: "张三 / 华为", "Ann Lee, Acme". */
const NAME_COMPANY = /\s*[/|,，、;；]\s*|\s+-\s+|\s*[(（]\s*/;

/** Lead keys of the sheet's rows: the first row of each key, as duplicates are the later rows. */
export class LeadIndex {
  private readonly byKey = new Map<string, number>();
  private readonly byName = new Map<string, number>();

  constructor(cols: LeadColumns, contacts: ContactKeys) {
    const names = cols.text.name ?? [];
    const companies = cols.text.company ?? [];
    for (let row = cols.length - 1; row >= 0; row--) {
      if (cols.blank[row] === 1) continue;
      if (contacts.noEmailKey[row] === 0) this.byKey.set(`e:${contacts.email[row]}`, row);
      if (contacts.noPhoneKey[row] === 0) this.byKey.set(`p:${contacts.phone[row]}`, row);
      const name = names[row];
      if (name === undefined) continue;
      const company = companies[row];
      if (company !== undefined) this.byKey.set(`n:${matchForm(name)}|${matchForm(company)}`, row);
      // A name alone names a lead only when no other row has it.
      const alone = matchForm(name);
      this.byName.set(alone, this.byName.has(alone) ? -1 : row);
    }
  }

  /** The row a lead key names, or -1. */
  find(lead: string): number {
    const text = lead.trim();
    if (text.includes("@")) return this.byKey.get(`e:${normaliseEmail(text)}`) ?? -1;
    const phone = /^[+\d\s\-().·/]+$/.test(text) ? phoneKey(text) : undefined;
    if (phone !== undefined) return this.byKey.get(`p:${phone}`) ?? -1;
    const parts = text.split(NAME_COMPANY).filter((p) => p !== "" && p !== ")" && p !== "）");
    if (parts.length >= 2) {
      const [a, b] = [matchForm(parts[0] as string), matchForm((parts[1] as string).replace(/[)）]$/, ""))];
      const found = this.byKey.get(`n:${a}|${b}`) ?? this.byKey.get(`n:${b}|${a}`);
      if (found !== undefined) return found;
    }
    return this.byName.get(matchForm(text)) ?? -1;
  }
}

/**
 * Each row's lead key as a person writes it and {@link LeadIndex.find} reads it back: its e-mail,
 * else its phone, else "name / company", else its name; "" for a blank row or one with none.
 */
export function leadKeys(cols: LeadColumns, contacts: ContactKeys): (row: number) => string {
  const names = cols.text.name ?? [];
  const companies = cols.text.company ?? [];
  return (row) => {
    if (cols.blank[row] === 1) return "";
    if (contacts.noEmailKey[row] === 0) return contacts.email[row] as string;
    if (contacts.noPhoneKey[row] === 0) return contacts.phone[row] as string;
    const name = names[row];
    if (name === undefined) return "";
    const company = companies[row];
    return company === undefined ? name : `${name} / ${company}`;
  };
}

/**
 * @example
 * matchTouches([{ line: 2, lead: "ann@acme.com", day, how: "拜访", note: "要报价" }], cols, contacts, rules.touches, asOf)
 * // last[row] = day; engagement[row] = { points: 10, label: { zh: "1次拜访(14天内)", … } }
 */
export function matchTouches(
  touches: readonly LoggedTouch[],
  cols: LeadColumns,
  contacts: ContactKeys,
  rules: TouchRules,
  asOf: CivilDay,
): RowTouches {
  const length = cols.length;
  const out: RowTouches = {
    last: new Float64Array(length).fill(Number.NaN),
    next: new Float64Array(length).fill(Number.NaN),
    recent: new Uint16Array(length),
    notes: new Array(length).fill(undefined),
    engagement: new Array(length).fill(undefined),
    problems: [],
    matched: 0,
  };
  const index = new LeadIndex(cols, contacts);
  const byRow = new Map<number, LoggedTouch[]>();
  for (const touch of touches) {
    if (touch.day > asOf) {
      out.problems.push({ line: touch.line, code: "touch_after_as_of" });
      continue;
    }
    const row = index.find(touch.lead);
    if (row < 0) {
      out.problems.push({ line: touch.line, code: "touch_unknown_lead", text: touch.lead });
      continue;
    }
    out.matched++;
    const list = byRow.get(row);
    if (list) list.push(touch);
    else byRow.set(row, [touch]);
  }
  const worth = touchWorth(rules);
  for (const [row, list] of byRow) {
    // Newest first; on one day, the later line of the log.
    list.sort((a, b) => b.day - a.day || b.line - a.line);
    const latest = list[0] as LoggedTouch;
    out.last[row] = latest.day;
    // The newest step set stands until a touch on or after its day keeps it (an unanswered call
    // before then does not).
    const step = list.find((t) => t.next !== undefined)?.next;
    if (step !== undefined && latest.day < step) out.next[row] = step;
    const notes = list.map((t) => t.note).filter((n) => n !== "");
    if (notes.length > 0) out.notes[row] = notes.join("\n");
    const recent = list.filter((t) => t.day > asOf - rules.windowDays);
    out.recent[row] = Math.min(recent.length, 65_535);
    if (recent.length > 0) out.engagement[row] = worth(recent);
  }
  return out;
}

/** What a lead's recent touches are worth, and the words that say so. */
function touchWorth(rules: TouchRules): (touches: readonly LoggedTouch[]) => Engagement | undefined {
  const ways = rules.ways.map((w) => ({ ...w, phrases: w.match.map(compilePhrase) }));
  const noAnswer = rules.noAnswer.match.map(compilePhrase);
  const other = {
    name: { zh: WORDS.zh.touches.other, en: WORDS.en.touches.other },
    points: rules.otherPoints,
  };
  const noAnswerName = { zh: WORDS.zh.touches.noAnswer, en: WORDS.en.touches.noAnswer };
  const made = new Map<string, Engagement>();
  return (touches) => {
    const counts = new Map<{ zh: string; en: string } | LocalText, number>();
    let points = 0;
    for (const touch of touches) {
      const note = matchForm(touch.note);
      const how = matchForm(touch.how);
      const unanswered = noAnswer.some((p) => findPhrase(note, p) >= 0);
      const way = ways.find((w) => w.phrases.some((p) => findPhrase(how, p) >= 0)) ?? other;
      const name = unanswered ? noAnswerName : way.name;
      points += unanswered ? rules.noAnswer.points : way.points;
      counts.set(name, (counts.get(name) ?? 0) + 1);
    }
    const bounded = Math.min(rules.maxPoints, points);
    if (bounded === 0) return undefined;
    const named = (lang: Lang) => [...counts].map(([name, n]) => ({ n, name: textOf(name, lang) }));
    const label = {
      zh: WORDS.zh.touches.engagement(named("zh"), rules.windowDays),
      en: WORDS.en.touches.engagement(named("en"), rules.windowDays),
    };
    // Rows with the same touches share one engagement, so the scorer makes one trace item for them.
    const key = `${bounded}|${label.en}|${label.zh}`;
    let known = made.get(key);
    if (known === undefined) {
      known = Object.freeze({ points: bounded, label: Object.freeze(label) });
      made.set(key, known);
    }
    return known;
  };
}

function textOf(text: LocalText, lang: "zh" | "en"): string {
  return typeof text === "string" ? text : text[lang];
}
