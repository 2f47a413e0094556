/**
 * One reminder per owner listing the leads due today or overdue, most urgent first (most days
 * overdue, then best grade), and the owner's 撞单: leads that duplicate a lead another owner holds
 * (both owners are told, and the manager on the digests' copy list). What the hourly job emails and
 * what `--outbox` writes. An owner with nothing due and no 撞单 gets no digest at all.
 */
import type { Lang } from "../../model/messages";
import { outputCells } from "../../pass/outputColumns";
import type { PassResult } from "../../pass/runPass";

export interface DigestLead {
  /** Zero-based data row (the sheet row is this + 2). */
  row: number;
  name: string;
  grade: string;
  nextFollowUp: string;
  daysOverdue: number;
  /** The grade's place in the pass's order of grades (0 first): ties on days overdue go by it. */
  gradeRank: number;
  why: string;
}

/** A lead of this owner's that is the same customer as a lead another owner holds (撞单). */
export interface DigestConflict {
  row: number;
  name: string;
  /** The other owner, and their lead's zero-based data row. */
  otherOwner: string;
  otherRow: number;
}

export interface Digest {
  owner: string;
  leads: DigestLead[];
  conflicts: DigestConflict[];
}

/**
 * @example
 * buildDigests(result, "zh") // [{ owner: "李雷", leads: [{ name: "张三", grade: "A", daysOverdue: 3, … }] }]
 */
export function buildDigests(result: PassResult, lang: Lang): Digest[] {
  const gradeOrder = new Map<string, number>();
  const byOwner = new Map<string, DigestLead[]>();
  const conflicts = ownerConflicts(result);
  result.rows.forEach((row, index) => {
    if (row.blank || row.grade === null || row.nextFollowUp === null) return;
    if (row.followUp !== "overdue" && row.followUp !== "due") return;
    const owner = row.owner.trim();
    if (owner === "") return;
    if (!gradeOrder.has(row.grade)) gradeOrder.set(row.grade, gradeOrder.size);
    const list = byOwner.get(owner) ?? [];
    list.push({
      row: index,
      name: row.name || `#${index + 2}`,
      grade: row.grade,
      nextFollowUp: row.nextFollowUp,
      daysOverdue: row.daysOverdue,
      gradeRank: gradeOrder.get(row.grade) ?? 0,
      why: String(outputCells(row, result, lang).why),
    });
    byOwner.set(owner, list);
  });
  const owners = [...new Set([...byOwner.keys(), ...conflicts.keys()])];
  return owners
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((owner) => ({
      owner,
      leads: sortByUrgency(byOwner.get(owner) ?? []),
      conflicts: conflicts.get(owner) ?? [],
    }));
}

/** Per owner, their leads the pass flagged 撞单 (owner_conflict), in the sheet's order. */
function ownerConflicts(result: PassResult): Map<string, DigestConflict[]> {
  const byOwner = new Map<string, DigestConflict[]>();
  result.rows.forEach((row, index) => {
    const issue = row.issues.find((i) => i.code === "owner_conflict");
    const owner = row.owner.trim();
    if (!issue || issue.of === undefined || owner === "") return;
    const list = byOwner.get(owner) ?? [];
    list.push({
      row: index,
      name: row.name || `#${index + 2}`,
      otherOwner: result.rows[issue.of]?.owner ?? "",
      otherRow: issue.of,
    });
    byOwner.set(owner, list);
  });
  return byOwner;
}

/** Most days overdue first, then the better grade, then the sheet's order. Sorts in place. */
export function sortByUrgency(leads: DigestLead[]): DigestLead[] {
  return leads.sort((a, b) => b.daysOverdue - a.daysOverdue || a.gradeRank - b.gradeRank || a.row - b.row);
}
