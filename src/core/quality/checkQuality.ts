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
  issues: RowIssue[];
  /** 0–100: the share of the needed fields (and a way to contact the lead) that are filled. */
  completeness: number;
}

const NONE: (string | undefined)[] = [];

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
  const wanted = COMPLETENESS_FIELDS.filter((f) => mapped.has(f) || f === "name");
  const results: QualityResult[] = [];
  for (let row = 0; row < cols.length; row++) {
    const issues: RowIssue[] = [];
    if (cols.blank[row] === 1) {
      results.push({ issues, completeness: 0 });
      continue;
    }
    const e = email[row];
    const p = phone[row];
    if ((mapped.has("email") || mapped.has("phone")) && e === undefined && p === undefined)
      issues.push({ code: "missing_contact", field: mapped.has("phone") ? "phone" : "email" });
    if (contacts.badEmail[row]) issues.push({ code: "bad_email", field: "email" });
    if (contacts.badPhone[row]) issues.push({ code: "bad_phone", field: "phone" });
    if (mapped.has("intent") && cols.text.intent?.[row] === undefined)
      issues.push({ code: "missing_intent", field: "intent" });
    if (mapped.has("source") && cols.text.source?.[row] === undefined)
      issues.push({ code: "missing_source", field: "source" });
    const c = created?.[row] ?? Number.NaN;
    const l = lastContact?.[row] ?? Number.NaN;
    if (l < c) issues.push({ code: "before_created", field: "lastContact" });
    const filled =
      wanted.filter((f) => cols.text[f]?.[row] !== undefined).length +
      (e !== undefined || p !== undefined ? 1 : 0);
    results.push({ issues, completeness: Math.round((100 * filled) / (wanted.length + 1)) });
  }
  return results;
}
