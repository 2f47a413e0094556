/**
 * Bookkeeping for hand-set grades (seed 004: "系统会记录所有手动调整操作", with supervisor review).
 * Each lead carries a small state — the hand-set grade last seen, the one a supervisor approved,
 * and who last edited it (noted at the edit, before anyone looked), written "seen|approved|editor"
 * — kept beside the lead so it moves with it when rows are sorted. Comparing
 * the sheet with that state says what changed since the last look: each change becomes an audit
 * entry, and a supervisor's approval is recorded the same way.
 */
import type { PassResult } from "../../pass/runPass";

export interface OverrideState {
  seen: string;
  approved: string;
  /** Who edited the hand-set grade since it was last seen, when the edit was noticed ("" if not). */
  editor?: string;
}

export interface AuditEntry {
  row: number;
  lead: string;
  /** "logged": a follow-up logged from the panel wrote the lead's Last contact cell (from → to). */
  /** "reclaimed": a lead back to the pool (公海); "taken": a rep took it from the pool. */
  action: "set" | "changed" | "cleared" | "approved" | "merged" | "logged" | "reclaimed" | "taken";
  from: string;
  to: string;
  reason: string;
  /** Who did it, when known (an edit seen later by a pass is "", not guessed). */
  who: string;
}

export function parseOverrideState(cell: unknown): OverrideState {
  const [seen = "", approved = "", editor = ""] = String(cell ?? "").split("|");
  return editor.trim() === ""
    ? { seen: seen.trim(), approved: approved.trim() }
    : { seen: seen.trim(), approved: approved.trim(), editor: editor.trim() };
}

export function formatOverrideState(state: OverrideState): string {
  if (state.seen === "" && state.approved === "" && !state.editor) return "";
  return state.editor ? `${state.seen}|${state.approved}|${state.editor}` : `${state.seen}|${state.approved}`;
}

export interface TrackInput {
  result: PassResult;
  /** Per row: the hand-set grade cell as written, and the reason cell. */
  overrides: readonly string[];
  reasons: readonly string[];
  states: readonly OverrideState[];
  /** Set when a supervisor approves every pending grade in this run. */
  approver?: string;
}

/**
 * @example
 * trackOverrides({ result, overrides: ["A"], reasons: ["客户口头确认"], states: [{ seen: "", approved: "" }] })
 * // { states: [{ seen: "A", approved: "" }], audit: [{ action: "set", from: "C", to: "A", … }] }
 */
export function trackOverrides(input: TrackInput): { states: OverrideState[]; audit: AuditEntry[] } {
  const audit: AuditEntry[] = [];
  const states = input.result.rows.map((row, i): OverrideState => {
    const before = input.states[i] ?? { seen: "", approved: "" };
    const now = (input.overrides[i] ?? "").trim();
    const reason = (input.reasons[i] ?? "").trim();
    const lead = row.name || `#${i + 2}`;
    let approved = before.approved === now ? before.approved : "";
    if (now !== before.seen) {
      const action = before.seen === "" ? "set" : now === "" ? "cleared" : "changed";
      audit.push({
        row: i,
        lead,
        action,
        from: before.seen || (row.computedGrade ?? ""),
        to: now,
        reason,
        who: before.editor ?? "",
      });
    }
    if (input.approver !== undefined && row.pendingOverride !== null) {
      approved = row.pendingOverride;
      audit.push({
        row: i,
        lead,
        action: "approved",
        from: row.computedGrade ?? "",
        to: approved,
        reason,
        who: input.approver,
      });
    }
    return { seen: now, approved };
  });
  return { states, audit };
}
