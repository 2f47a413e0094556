/**
 * What a rep must hear about at once (seed 004: an A lead is contacted within 24 hours), found by
 * comparing a pass with the state the previous one left: a lead that reached the top grade, a new
 * buying signal in its notes, a manual grade waiting for approval. Each alert is sent once per lead
 * and reason (the state keeps what was sent); closed leads are never alerted. Leads are known by
 * the pass's lead key, as the follow-up log and the grade history know them (it survives sorting
 * and inserted rows: their e-mail, else their phone, else name and company). A state written before
 * the alerts used that key (keys like "e:ann@acme.com") is read through each lead's old key too, and
 * rewritten with the new ones, so no alert goes out twice.
 */
import type { Lang } from "../../model/messages";
import type { RuleSet } from "../../model/schema";
import { outputCells } from "../../pass/outputColumns";
import type { PassResult, Table } from "../../pass/runPass";
import { cellText, matchForm } from "../../text/cell";

export type AlertReason = "top_grade" | "new_signal" | "pending_approval" | "to_reclaim";

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

/**
 * The key a state written before the alerts used the pass's lead key knew a lead by ("e:…", "p:…",
 * "n:name|company"), or undefined for a lead with nothing to know it by. Read only to carry such a
 * state over.
 */
function oldKey(table: Table, result: PassResult, row: number): string | undefined {
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
  /** Per old key of a lead in this sheet, its key now. */
  const renamed = new Map<string, string>();
  result.rows.forEach((lead, row) => {
    const key = lead.key;
    if (lead.blank || key === "") return;
    const old = previous === undefined ? undefined : oldKey(table, result, row);
    if (old !== undefined) renamed.set(old, key);
    leads[key] = { grade: lead.grade, signals: [...lead.signals] };
    if (lead.outcome !== null) return;
    const before = previous?.leads[key] ?? (old === undefined ? undefined : previous?.leads[old]);
    const news: [AlertReason, string][] = [];
    if (lead.grade !== null && lead.grade === top) news.push(["top_grade", lead.grade]);
    if (previous !== undefined)
      for (const signal of lead.signals)
        if (!before?.signals.includes(signal)) news.push(["new_signal", signal]);
    if (lead.pendingOverride !== null) news.push(["pending_approval", lead.pendingOverride]);
    for (const [reason, detail] of news) {
      const record = JSON.stringify([key, reason, detail]);
      if (sent.has(record) || (old !== undefined && sent.has(JSON.stringify([old, reason, detail]))))
        continue;
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
  // What was sent for leads no longer in the sheet is forgotten with them; an old key's record is
  // kept under the lead's key now.
  const kept = [...sent].flatMap((record) => {
    const key = keyOf(record);
    if (key in leads) return [record];
    const now = renamed.get(key);
    return now === undefined ? [] : [JSON.stringify([now, ...(JSON.parse(record) as unknown[]).slice(1)])];
  });
  return { alerts, next: { leads, sent: [...new Set(kept)] } };
}
