/**
 * Data quality before grading (seeds 003/004): per row, what is missing or cannot be right —
 * no way to contact the lead, an email or phone that is not valid, no intent or source recorded,
 * a last contact before the lead was created — and how complete the lead is (the share of the
 * fields a sales team needs that are filled). Problems are issues on the row; nothing is changed.
 */
import type { Field } from "../fields";
import type { LeadColumns, RowIssue } from "../normalise/readColumns";
import type { ContactKeys } from "./contacts";

/** The fields a lead needs to be worked: completeness is the share of these present. */
export const COMPLETENESS_FIELDS: readonly Field[] = [
  "name",
  "source",
  "intent",
  "owner",
  "industry",
  "budget",
  "lastContact",
];

export interface QualityResult {
  issues: readonly RowIssue[];
  /** 0–100: the share of the needed fields (and a way to contact the lead) that are filled. */
  completeness: number;
}

const NONE: (string | undefined)[] = [];
const NO_ISSUES: readonly RowIssue[] = Object.freeze([]);
/** Issues say the same thing on every row they are on: one frozen copy each. */
const issue = (code: RowIssue["code"], field: Field): RowIssue => Object.freeze({ code, field });
/** Appends to a row's issues, making the list on the first one (most rows have none). */
function add(issues: RowIssue[] | undefined, found: RowIssue): RowIssue[] {
  if (!issues) return [found];
  issues.push(found);
  return issues;
}

const MISSING_CONTACT_PHONE = issue("missing_contact", "phone");
const MISSING_CONTACT_EMAIL = issue("missing_contact", "email");
const BAD_EMAIL = issue("bad_email", "email");
const BAD_PHONE = issue("bad_phone", "phone");
const MISSING_INTENT = issue("missing_intent", "intent");
const MISSING_SOURCE = issue("missing_source", "source");
const BEFORE_CREATED = issue("before_created", "lastContact");

/** Checks every row; `mapped` are the fields the sheet has columns for (no column, no complaint). */
export function checkQuality(
  cols: LeadColumns,
  mapped: ReadonlySet<Field>,
  contacts: ContactKeys,
): QualityResult[] {
  const email = cols.text.email ?? NONE;
  const phone = cols.text.phone ?? NONE;
  const created = cols.days.created;
  const lastContact = cols.days.lastContact;
  const wanted = COMPLETENESS_FIELDS.filter((f) => mapped.has(f) || f === "name").map(
    (f) => cols.text[f] ?? NONE,
  );
  const contactMapped = mapped.has("email") || mapped.has("phone");
  const missingContact = mapped.has("phone") ? MISSING_CONTACT_PHONE : MISSING_CONTACT_EMAIL;
  const intent = mapped.has("intent") ? (cols.text.intent ?? NONE) : undefined;
  const source = mapped.has("source") ? (cols.text.source ?? NONE) : undefined;
  const results: QualityResult[] = [];
  for (let row = 0; row < cols.length; row++) {
    if (cols.blank[row] === 1) {
      results.push({ issues: NO_ISSUES, completeness: 0 });
      continue;
    }
    let issues: RowIssue[] | undefined;
    const e = email[row];
    const p = phone[row];
    if (contactMapped && e === undefined && p === undefined) issues = add(issues, missingContact);
    if (contacts.badEmail[row]) issues = add(issues, BAD_EMAIL);
    if (contacts.badPhone[row]) issues = add(issues, BAD_PHONE);
    if (intent && intent[row] === undefined) issues = add(issues, MISSING_INTENT);
    if (source && source[row] === undefined) issues = add(issues, MISSING_SOURCE);
    const c = created?.[row] ?? Number.NaN;
    const l = lastContact?.[row] ?? Number.NaN;
    if (l < c) issues = add(issues, BEFORE_CREATED);
    let filled = e !== undefined || p !== undefined ? 1 : 0;
    for (const column of wanted) if (column[row] !== undefined) filled++;
    results.push({
      issues: issues ?? NO_ISSUES,
      completeness: Math.round((100 * filled) / (wanted.length + 1)),
    });
  }
  return results;
}
