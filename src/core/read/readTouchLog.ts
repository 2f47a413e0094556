/**
 * A follow-up log (跟进记录): one row per touch — which lead, when, how, what was said, the next
 * step's date — as the add-on's Follow-ups sheet keeps it or a team exports it. Headers are found
 * in either language; a row that cannot be read is kept as a problem with its line, never dropped.
 */
import { type CellValue, cellText, INVALID, isEmptyCell, matchForm } from "../text/cell";
import type { CivilDay, ZoneClock } from "../text/civilDay";
import { type DateOrder, parseDateCell } from "../text/parseDateCell";

export const TOUCH_LOG_FIELDS = ["lead", "when", "how", "note", "next", "who", "row"] as const;
export type TouchLogField = (typeof TOUCH_LOG_FIELDS)[number];

/** The headers the add-on writes (`${zh} ${en}`) and the words a log's headers are known by. */
export const TOUCH_LOG_HEADERS: Record<TouchLogField, { zh: string; en: string; also: readonly string[] }> = {
  lead: { zh: "线索", en: "Lead", also: ["客户", "customer", "contact", "联系人", "lead key"] },
  when: { zh: "时间", en: "When", also: ["日期", "date", "跟进时间", "time"] },
  how: { zh: "方式", en: "How", also: ["跟进方式", "channel", "type", "way"] },
  note: { zh: "备注", en: "Note", also: ["notes", "内容", "跟进内容", "outcome", "结果"] },
  next: { zh: "下次", en: "Next", also: ["下次跟进", "next date", "next follow-up", "下次联系"] },
  who: { zh: "跟进人", en: "Who", also: ["rep", "by", "owner", "负责人"] },
  row: { zh: "行", en: "Row", also: [] },
};

export interface LoggedTouch {
  /** The log's line, 2 for the first row under the header (as a spreadsheet numbers it). */
  line: number;
  /** An e-mail, a phone, or a name and company ("张三 / 华为"). */
  lead: string;
  day: CivilDay;
  how: string;
  note: string;
  /** The next step's day, when the rep set one. */
  next?: CivilDay;
  who?: string;
}

export type TouchProblemCode =
  | "touch_no_lead"
  | "touch_bad_when"
  | "touch_bad_next"
  | "touch_unknown_lead"
  | "touch_after_as_of";

export interface TouchProblem {
  line: number;
  code: TouchProblemCode;
  /** The cell that could not be read, as written. */
  text?: string;
}

export interface TouchLog {
  touches: LoggedTouch[];
  problems: TouchProblem[];
  /** Columns the log must have and lacks ("lead", "when"): then it holds no touches. */
  missing: TouchLogField[];
}

const KNOWN = new Map<string, TouchLogField>(
  TOUCH_LOG_FIELDS.flatMap((field) => {
    const h = TOUCH_LOG_HEADERS[field];
    return [h.zh, h.en, `${h.zh} ${h.en}`, ...h.also].map((w) => [matchForm(w), field] as const);
  }),
);

/** Which column holds each field: a header in either language, or both ("时间 When"). */
export function touchLogColumns(header: readonly CellValue[]): Partial<Record<TouchLogField, number>> {
  const at: Partial<Record<TouchLogField, number>> = {};
  header.forEach((cell, index) => {
    const field = KNOWN.get(matchForm(cellText(cell).trim()).replace(/\s+/g, " "));
    if (field !== undefined && at[field] === undefined) at[field] = index;
  });
  return at;
}

/**
 * @example
 * readTouchLog({ header: ["Lead", "When", "How"], rows: [["ann@acme.com", "2026-12-01", "call"]] }, clock, "ymd")
 * // { touches: [{ line: 2, lead: "ann@acme.com", day: <2026-12-01>, how: "call", note: "" }], problems: [], missing: [] }
 */
export function readTouchLog(
  table: { header: readonly CellValue[]; rows: readonly (readonly CellValue[])[] },
  clock: ZoneClock,
  order: DateOrder,
): TouchLog {
  const at = touchLogColumns(table.header);
  const missing = (["lead", "when"] as const).filter((f) => at[f] === undefined);
  const log: TouchLog = { touches: [], problems: [], missing };
  if (missing.length > 0) return log;
  const text = (row: readonly CellValue[], field: TouchLogField) => {
    const index = at[field];
    return index === undefined ? "" : cellText(row[index] ?? "").trim();
  };
  table.rows.forEach((row, k) => {
    const line = k + 2;
    if (row.every(isEmptyCell)) return;
    const lead = text(row, "lead");
    if (lead === "") {
      log.problems.push({ line, code: "touch_no_lead" });
      return;
    }
    const day = parseDateCell(row[at.when as number] as CellValue, clock, order);
    if (day === undefined || day === INVALID) {
      log.problems.push({ line, code: "touch_bad_when", text: text(row, "when") });
      return;
    }
    const touch: LoggedTouch = { line, lead, day, how: text(row, "how"), note: text(row, "note") };
    const nextCell = at.next === undefined ? undefined : (row[at.next] as CellValue);
    const next = nextCell === undefined ? undefined : parseDateCell(nextCell, clock, order);
    if (next === INVALID) log.problems.push({ line, code: "touch_bad_next", text: text(row, "next") });
    else if (next !== undefined) touch.next = next;
    const who = text(row, "who");
    if (who !== "") touch.who = who;
    log.touches.push(touch);
  });
  return log;
}
