/**
 * `--report`: the report as one self-contained HTML file — numbers from the core's buildReport,
 * drawn as inline SVG bars (no scripts, no fonts or images from anywhere), in Chinese or English.
 * Everything taken from the sheet is escaped.
 */

import type { LifecycleStage, RfmSegment } from "../core/index";
import {
  escapeHtml,
  type Lang,
  localText,
  type Report,
  type RuleSet,
  SEGMENT_LABELS,
  STAGE_LABELS,
  type WeekView,
  type WhatChanged,
  weekTables,
} from "../core/index";
import { CLI_WORDS } from "./locales/index";

const W = { zh: CLI_WORDS.zh.report, en: CLI_WORDS.en.report };

const percent = (rate: number | null) => (rate === null ? "—" : `${Math.round(rate * 100)}%`);

/** Horizontal bars: one row per item, the value's share of the largest drawn as a bar. */
function bars(
  items: { label: string; value: number; note: string; colour?: string }[],
  empty: string,
): string {
  if (items.length === 0) return `<p class="empty">${escapeHtml(empty)}</p>`;
  const max = Math.max(...items.map((i) => i.value), 1e-9);
  const rowHeight = 26;
  const height = items.length * rowHeight + 4;
  const rows = items
    .map((item, k) => {
      const y = k * rowHeight + 4;
      const width = Math.max(1, Math.round((item.value / max) * 300));
      return [
        `<text x="0" y="${y + 15}" class="label">${escapeHtml(item.label)}</text>`,
        `<rect x="150" y="${y}" width="${width}" height="18" rx="3" fill="${escapeHtml(item.colour ?? "#1a73e8")}"/>`,
        `<text x="${158 + width}" y="${y + 14}" class="note">${escapeHtml(item.note)}</text>`,
      ].join("");
    })
    .join("\n");
  return `<svg role="img" width="560" height="${height}" viewBox="0 0 560 ${height}">${rows}</svg>`;
}

function section(title: string, body: string): string {
  return `<section><h2>${escapeHtml(title)}</h2>${body}</section>`;
}

type ReportWords = (typeof W)[Lang];

const STYLE = `body{font-family:Arial,'PingFang SC','Microsoft YaHei',sans-serif;margin:2em auto;max-width:760px;color:#202124}
h1{font-size:22px}h2{font-size:16px;margin-top:1.6em;border-bottom:1px solid #e0e0e0;padding-bottom:4px}
.label{font-size:13px;fill:#3c4043}.note{font-size:12px;fill:#5f6368}.empty{color:#5f6368}
.warn{color:#c5221f;font-weight:bold}.ok{color:#188038}table{border-collapse:collapse}th,td{padding:4px 12px;text-align:left;border-bottom:1px solid #eee}`;

export function reportHtml(report: Report, rules: RuleSet, lang: Lang, week?: WhatChanged): string {
  const w = W[lang];
  const view = week && weekTables(week, rules.grades[0]?.grade ?? "", lang);
  return `<!doctype html>
<html lang="${CLI_WORDS[lang].htmlLang}"><head><meta charset="utf-8"><title>${escapeHtml(w.title)}</title>
<style>
${STYLE}
</style></head><body>
<h1>${escapeHtml(w.title)}</h1>
<p>${escapeHtml(w.asOf)} ${escapeHtml(report.asOf)} · ${report.leads} ${escapeHtml(w.leads)}</p>
${inversionHtml(report, w)}
${sectionsHtml(report, rules, lang)}
${view ? section(view.title, weekHtml(view)) : ""}
</body></html>
`;
}

/** The grade inversions found, or that there are none. */
function inversionHtml(report: Report, w: ReportWords): string {
  if (report.inversions.length === 0)
    return `<p class="ok">${escapeHtml(w.noInversion(report.minClosed))}</p>`;
  return report.inversions
    .map((i) => {
      const p = i.p < 0.001 ? "< 0.001" : i.p.toFixed(3);
      const text = w.inversion(i.higher, i.lower, percent(i.higherRate), percent(i.lowerRate), p);
      return `<p class="warn">${escapeHtml(text)}</p>`;
    })
    .join("");
}

/** Conversion per grade and source, funnel, lifecycle and RFM mixes, response time, overdue. */
function sectionsHtml(report: Report, rules: RuleSet, lang: Lang): string {
  const w = W[lang];
  const colour = new Map(rules.grades.map((g) => [g.grade, g.color]));
  const gradeLabel = (g: string) => {
    const def = rules.grades.find((d) => d.grade === g);
    return def ? `${g} ${localText(def.label, lang)}` : g;
  };
  const conversions = (list: Report["byGrade"], colours: boolean) =>
    bars(
      list.map((c) => ({
        label: colours ? gradeLabel(c.key) : c.names ? localText(c.names, lang) : c.key,
        value: c.tooFew ? 0 : (c.rate ?? 0),
        note: c.tooFew ? w.tooFew(c.won + c.lost) : `${percent(c.rate)} (${c.won}/${c.won + c.lost})`,
        colour: colours ? colour.get(c.key) : undefined,
      })),
      w.noData,
    );
  const counts = (record: Record<string, number>, label: (k: string) => string) =>
    bars(
      Object.entries(record)
        .sort((a, b) => b[1] - a[1])
        .map(([k, v]) => ({ label: label(k), value: v, note: String(v) })),
      w.noData,
    );
  const funnel = report.funnel.map((f) => ({ label: f.stage, value: f.leads, note: String(f.leads) }));
  return [
    section(w.byGrade, conversions(report.byGrade, true)),
    section(w.bySource, conversions(report.bySource, false)),
    section(w.funnel, bars(funnel, w.noData)),
    section(
      w.lifecycle,
      counts(report.lifecycle, (k) => STAGE_LABELS[k as LifecycleStage]?.[lang] ?? k),
    ),
    section(
      w.rfm,
      counts(report.rfm, (k) => SEGMENT_LABELS[k as RfmSegment]?.[lang] ?? k),
    ),
    section(w.response, responseHtml(report, w)),
    section(
      w.overdue,
      counts(report.overdueByOwner, (k) => k),
    ),
  ].join("\n");
}

function responseHtml(report: Report, w: ReportWords): string {
  if (report.responseTime === null) return `<p class="empty">${escapeHtml(w.noFirstContact)}</p>`;
  const rows = report.responseTime.byOwner.map(
    (r) =>
      `<tr><td>${escapeHtml(r.owner)}</td><td>${r.leads}</td><td>${r.medianDays}</td><td>${r.p90Days}</td></tr>`,
  );
  return `<table><tr><th>${w.owner}</th><th>${w.count}</th><th>${w.median}</th><th>${w.p90}</th></tr>${rows.join("")}</table>`;
}

/** The week's changes (the core's weekTables): per owner a count of each kind, then the leads. */
function weekHtml(view: WeekView): string {
  if (view.tables.length === 0) return `<p class="empty">${escapeHtml(view.empty)}</p>`;
  const row = (cells: (string | number)[], tag: "th" | "td") =>
    `<tr>${cells.map((c) => `<${tag}>${escapeHtml(String(c))}</${tag}>`).join("")}</tr>`;
  return view.tables
    .map(
      (t, k) =>
        `${k === 0 ? "" : `<h3>${escapeHtml(t.title)}</h3>`}<table>${row(t.header, "th")}${t.rows.map((r) => row(r, "td")).join("")}</table>`,
    )
    .join("");
}
