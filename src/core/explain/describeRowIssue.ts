/**
 * Words for a row's issues, for a cell or a report: "最近联系不是可识别的日期".
 */

import type { Field } from "../model/fields";
import { fillText, type Lang, ROW_ISSUE_TEXT } from "../model/messages";
import type { RowIssue } from "../read/readColumns";

/**
 * @example
 * describeRowIssue({ code: "bad_date", field: "lastContact" }, { lastContact: "最近联系" }, "zh")
 * // "最近联系不是可识别的日期"
 */
export function describeRowIssue(
  issue: RowIssue,
  headers: Partial<Record<Field, string>>,
  lang: Lang,
): string {
  const template = ROW_ISSUE_TEXT[issue.code]?.[lang] ?? issue.code;
  // Rows are named as the sheet numbers them: data row 0 is sheet row 2.
  const row = issue.of === undefined ? "" : String(issue.of + 2);
  return fillText(template, { field: headers[issue.field] ?? issue.field, row });
}
