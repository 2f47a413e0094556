/**
 * The words of a digest: a subject, a plain-text body and an HTML body (every lead value escaped,
 * so a lead named `<img src=x onerror=…>` arrives as those characters), in Chinese or English.
 */
import type { Lang } from "../../model/messages";
import type { Digest } from "./buildDigests";

export interface RenderedDigest {
  subject: string;
  text: string;
  html: string;
}

const WORDS = {
  zh: {
    subject: (n: number, day: string) => `LeadGrade 跟进提醒 ${day}：${n} 条线索待跟进`,
    greeting: (owner: string) => `${owner}，你好：`,
    intro: "以下线索今天需要跟进或已逾期，按紧急程度排列：",
    overdue: (d: number) => `逾期 ${d} 天`,
    due: "今天到期",
    columns: ["客户", "等级", "下次跟进", "状态", "原因"],
    conflicts: "撞单:以下客户也在其他负责人名下,请与对方确认由谁跟进:",
    conflict: (name: string, row: number, other: string, otherRow: number) =>
      `${name}(第 ${row} 行)与 ${other || "未分配"} 的第 ${otherRow} 行是同一客户`,
  },
  en: {
    subject: (n: number, day: string) =>
      `LeadGrade follow-ups for ${day}: ${n} lead${n === 1 ? "" : "s"} due`,
    greeting: (owner: string) => `Hello ${owner},`,
    intro: "These leads are due today or overdue, most urgent first:",
    overdue: (d: number) => `${d} day${d === 1 ? "" : "s"} overdue`,
    due: "due today",
    columns: ["Lead", "Grade", "Next follow-up", "Status", "Why"],
    conflicts: "Also held by another owner (the same customer): agree with them who follows it up:",
    conflict: (name: string, row: number, other: string, otherRow: number) =>
      `${name} (row ${row}) is the customer of row ${otherRow}, held by ${other || "nobody"}`,
  },
} as const;

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/**
 * @example
 * renderDigest(digest, "en", "2026-11-22").subject // "LeadGrade follow-ups for 2026-11-22: 3 leads due"
 */
export function renderDigest(digest: Digest, lang: Lang, asOf: string): RenderedDigest {
  const w = WORDS[lang];
  const status = (d: number) => (d > 0 ? w.overdue(d) : w.due);
  const lines = digest.leads.map(
    (l) =>
      `- ${l.name} [${l.grade}] ${l.nextFollowUp} (${status(l.daysOverdue)})${l.why ? ` — ${l.why}` : ""}`,
  );
  const conflicts = digest.conflicts.map((c) => w.conflict(c.name, c.row + 2, c.otherOwner, c.otherRow + 2));
  const conflictText = conflicts.length === 0 ? [] : [w.conflicts, "", ...conflicts.map((c) => `- ${c}`), ""];
  const dueText = lines.length === 0 ? [] : [w.intro, "", ...lines, ""];
  const text = [w.greeting(digest.owner), "", ...dueText, ...conflictText].join("\n");
  const cell = (v: string) =>
    `<td style="padding:4px 8px;border-bottom:1px solid #e0e0e0">${escapeHtml(v)}</td>`;
  const rows = digest.leads
    .map(
      (l) => `<tr>${[l.name, l.grade, l.nextFollowUp, status(l.daysOverdue), l.why].map(cell).join("")}</tr>`,
    )
    .join("\n");
  const head = w.columns
    .map((c) => `<th style="text-align:left;padding:4px 8px">${escapeHtml(c)}</th>`)
    .join("");
  const html = [
    `<div style="font-family:Arial,'PingFang SC','Microsoft YaHei',sans-serif;font-size:14px">`,
    `<p>${escapeHtml(w.greeting(digest.owner))}</p>`,
    ...(rows === ""
      ? []
      : [
          `<p>${escapeHtml(w.intro)}</p>`,
          `<table style="border-collapse:collapse"><thead><tr>${head}</tr></thead><tbody>`,
          rows,
          "</tbody></table>",
        ]),
    ...(conflicts.length === 0
      ? []
      : [
          `<p>${escapeHtml(w.conflicts)}</p><ul>${conflicts.map((c) => `<li>${escapeHtml(c)}</li>`).join("")}</ul>`,
        ]),
    "</div>",
  ].join("\n");
  return { subject: w.subject(digest.leads.length, asOf), text, html };
}
