/**
 * What a rep must hear about at once (seed 004: an A lead is contacted within 24 hours), found by
 * comparing a pass with the state the previous one left: a lead that reached the top grade, a new
 * buying signal in its notes, a manual grade waiting for approval. Each alert is sent once per lead
 * and reason (the state keeps what was sent); closed leads are never alerted. Leads are known by
 * a key that survives sorting and inserted rows: their e-mail, else their phone, else name and
 * company.
 */
import type { Lang } from "../../model/messages";
import type { RuleSet } from "../../model/schema";
import { outputCells } from "../../pass/outputColumns";
import type { PassResult, Table } from "../../pass/runPass";
import { cellText, matchForm } from "../../text/cell";

export type AlertReason = "top_grade" | "new_signal" | "pending_approval";

export interface Alert {
  /** The lead's key, and what was sent for it (the state's record). */
  key: string;
  sent: string;
  reason: AlertReason;
  /** The signal's id, or the grade reached or waiting. */
  detail: string;
  lead: string;
  owner: string;
  grade: string | null;
  why: string;
  due: string | null;
  /** The lead's row in the sheet (1-based, the header being row 1). */
  row: number;
}

/** What the previous pass left: per lead its grade and signals, and every alert already sent. */
export interface AlertState {
  leads: Record<string, { grade: string | null; signals: string[] }>;
  sent: string[];
}

/** The lead key of a record of what was sent. */
function keyOf(record: string): string {
  try {
    const parsed = JSON.parse(record) as unknown;
    return Array.isArray(parsed) && typeof parsed[0] === "string" ? parsed[0] : "";
  } catch {
    return "";
  }
}

/** The key a lead is known by across runs, or undefined for a lead with nothing to know it by. */
function leadKey(table: Table, result: PassResult, row: number): string | undefined {
  const cell = (field: "email" | "phone" | "name" | "company") => {
    const at = result.columns[field];
    return at === undefined ? "" : matchForm(cellText(table.rows[row]?.[at] ?? "").trim());
  };
  const email = cell("email");
  if (email.includes("@")) return `e:${email}`;
  const phone = cell("phone").replace(/[^\d+]/g, "");
  if (phone.length >= 6) return `p:${phone}`;
  const name = cell("name");
  return name === "" ? undefined : `n:${name}|${cell("company")}`;
}

/**
 * @param previous the state the last run left; undefined on the first run, when every lead
 *   already at the top grade or waiting for approval is news, but no signal is (none was seen before).
 * @example
 * const { alerts, next } = findAlerts(table, result, rules, "zh", loadState());
 * send(alerts); saveState({ ...next, sent: [...next.sent, ...alerts.map((a) => a.sent)] });
 */
export function findAlerts(
  table: Table,
  result: PassResult,
  rules: RuleSet,
  lang: Lang,
  previous: AlertState | undefined,
): { alerts: Alert[]; next: AlertState } {
  const top = rules.grades[0]?.grade;
  const sent = new Set(previous?.sent ?? []);
  const leads: AlertState["leads"] = {};
  const alerts: Alert[] = [];
  result.rows.forEach((lead, row) => {
    if (lead.blank) return;
    const key = leadKey(table, result, row);
    if (key === undefined) return;
    leads[key] = { grade: lead.grade, signals: [...lead.signals] };
    if (lead.outcome !== null) return;
    const before = previous?.leads[key];
    const news: [AlertReason, string][] = [];
    if (lead.grade !== null && lead.grade === top) news.push(["top_grade", lead.grade]);
    if (previous !== undefined)
      for (const signal of lead.signals)
        if (!before?.signals.includes(signal)) news.push(["new_signal", signal]);
    if (lead.pendingOverride !== null) news.push(["pending_approval", lead.pendingOverride]);
    for (const [reason, detail] of news) {
      const record = JSON.stringify([key, reason, detail]);
      if (sent.has(record)) continue;
      alerts.push({
        key,
        sent: record,
        reason,
        detail,
        lead: lead.name,
        owner: lead.owner,
        grade: lead.grade,
        why: String(outputCells(lead, result, lang).why),
        due: lead.nextFollowUp,
        row: row + 2,
      });
    }
  });
  // What was sent for leads no longer in the sheet is forgotten with them.
  const kept = [...sent].filter((record) => keyOf(record) in leads);
  return { alerts, next: { leads, sent: kept } };
}
