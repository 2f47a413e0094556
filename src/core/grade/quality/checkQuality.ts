/**
 * Data quality before grading (seeds 003/004): per row, what is missing or cannot be right —
 * no way to contact the lead, an email or phone that is not valid, no intent or source recorded,
 * a last contact before the lead was created — and how complete the lead is (the share of the
 * fields a sales team needs that are filled). Problems are issues on the row; nothing is changed.
 */
import type { Field } from "../../model/fields";
import {
  addRowIssue,
  filledAt,
  type LeadColumns,
  type RowIssue,
  readFilled,
  type ValueColumn,
} from "../../read/readColumns";
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

type Column = readonly (string | undefined)[];
const NONE: Column = [];
/** Issues say the same thing on every row they are on: one frozen copy each. */
const issue = (code: RowIssue["code"], field: Field): RowIssue => Object.freeze({ code, field });

const MISSING_CONTACT_PHONE = issue("missing_contact", "phone");
const MISSING_CONTACT_EMAIL = issue("missing_contact", "email");
const BAD_EMAIL = issue("bad_email", "email");
const BAD_PHONE = issue("bad_phone", "phone");
const MISSING_INTENT = issue("missing_intent", "intent");
const MISSING_SOURCE = issue("missing_source", "source");
const BEFORE_CREATED = issue("before_created", "lastContact");

/**
 * Checks every row; `mapped` are the fields the sheet has columns for (no column, no complaint).
 * What it finds is added to the rows' lists in `cols.issues` (after what reading found); it returns
 * each row's completeness, 0–100.
 */
export function checkQuality(
  cols: LeadColumns,
  mapped: ReadonlySet<Field>,
  contacts: ContactKeys,
): Uint8Array {
  const email = cols.text.email ?? NONE;
  const phone = cols.text.phone ?? NONE;
  const created = cols.days.created;
  const lastContact = cols.days.lastContact;
  const wanted = COMPLETENESS_FIELDS.filter((f) => mapped.has(f) || f === "name");
  // Fields with value numbers are asked whether a row is filled; the others' text is read.
  const wantedValues = wanted.flatMap((f) => cols.values[f] ?? []);
  const wantedText = wanted.filter((f) => cols.values[f] === undefined).map((f) => cols.text[f] ?? NONE);
  const contactMapped = mapped.has("email") || mapped.has("phone");
  const missingContact = mapped.has("phone") ? MISSING_CONTACT_PHONE : MISSING_CONTACT_EMAIL;
  const intent = mapped.has("intent") ? readFilled(cols, "intent") : undefined;
  const source = mapped.has("source") ? readFilled(cols, "source") : undefined;
  const completeness = new Uint8Array(cols.length);
  for (let row = 0; row < cols.length; row++) {
    if (cols.blank[row] === 1) continue;
    const e = email[row];
    const p = phone[row];
    if (contactMapped && e === undefined && p === undefined) addRowIssue(cols, row, missingContact);
    if (contacts.badEmail[row] === 1) addRowIssue(cols, row, BAD_EMAIL);
    if (contacts.badPhone[row] === 1) addRowIssue(cols, row, BAD_PHONE);
    if (intent && !intent(row)) addRowIssue(cols, row, MISSING_INTENT);
    if (source && !source(row)) addRowIssue(cols, row, MISSING_SOURCE);
    const c = created?.[row] ?? Number.NaN;
    const l = lastContact?.[row] ?? Number.NaN;
    if (l < c) addRowIssue(cols, row, BEFORE_CREATED);
    let filled = e !== undefined || p !== undefined ? 1 : 0;
    // Index loops: a for-of here made an iterator object per row.
    for (let k = 0; k < wantedText.length; k++) if ((wantedText[k] as Column)[row] !== undefined) filled++;
    for (let k = 0; k < wantedValues.length; k++) if (filledAt(wantedValues[k] as ValueColumn, row)) filled++;
    completeness[row] = Math.round((100 * filled) / (wanted.length + 1));
  }
  return completeness;
}
