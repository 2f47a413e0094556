/**
 * The "LeadGrade 报告 Report" sheet: the core's report as tables, each with a bar chart embedded
 * beside it, then what changed in the last 7 days from the grade history (per owner, then the
 * leads that rose into or fell out of the top grade, went overdue or were followed up). The sheet is LeadGrade's own and is rewritten whole each time (old charts removed,
 * cells cleared), so it always shows the sheet as it is now; no other sheet is touched.
 */

import type { LifecycleStage, Report, RfmSegment, RuleSet } from "../core/index";
import {
  buildReport,
  headerLanguage,
  localText,
  runPass,
  SEGMENT_LABELS,
  STAGE_LABELS,
  weekTables,
  whatChanged,
} from "../core/index";
import { readHistorySheet, sheetPassOptions } from "./followUpSheets";
import { insertSheetQuietly } from "./insertSheet";
import { readLeadSheet } from "./leadSheet";
import { keepAsText, keepRowsAsText } from "./plainText";
import { loadRules } from "./rulesStore";
import { sheetsZoneOffset } from "./zoneOffset";

export const REPORT_SHEET = "LeadGrade 报告 Report";

type Table = { title: string; header: string[]; rows: (string | number)[][]; chart?: false };

function tables(report: Report, rules: RuleSet, zh: boolean): Table[] {
  const rate = (r: number | null) => (r === null ? "" : Math.round(r * 1000) / 10);
  // Below the closed leads a rate needs, it says so rather than show a number.
  const shownRate = (c: Report["byGrade"][number]) =>
    c.tooFew ? (zh ? "太少,无法判断" : "too few to tell") : rate(c.rate);
  const gradeName = (g: string) => {
    const def = rules.grades.find((d) => d.grade === g);
    return def ? `${g} ${localText(def.label, zh ? "zh" : "en")}` : g;
  };
  const counts = (record: Record<string, number>, name: (k: string) => string) =>
    Object.entries(record)
      .sort((a, b) => b[1] - a[1])
      .map(([k, v]) => [name(k), v]);
  return [
    {
      title: zh ? "各等级转化率 %(成交/已关闭)" : "Conversion by grade % (won / closed)",
      header: [zh ? "等级" : "Grade", zh ? "转化率 %" : "Rate %", zh ? "成交" : "Won", zh ? "丢单" : "Lost"],
      rows: report.byGrade.map((c) => [gradeName(c.key), shownRate(c), c.won, c.lost]),
    },
    {
      title: zh ? "各来源转化率 %" : "Conversion by source %",
      header: [zh ? "来源" : "Source", zh ? "转化率 %" : "Rate %", zh ? "成交" : "Won", zh ? "丢单" : "Lost"],
      rows: report.bySource.map((c) => [
        c.names ? localText(c.names, zh ? "zh" : "en") : c.key,
        shownRate(c),
        c.won,
        c.lost,
      ]),
    },
    {
      title: zh ? "销售漏斗" : "Funnel",
      header: [zh ? "阶段" : "Stage", zh ? "线索数" : "Leads"],
      rows: report.funnel.map((f) => [f.stage, f.leads]),
    },
    {
      title: zh ? "生命周期分布" : "Lifecycle mix",
      header: [zh ? "阶段" : "Stage", zh ? "线索数" : "Leads"],
      rows: counts(report.lifecycle, (k) => STAGE_LABELS[k as LifecycleStage]?.[zh ? "zh" : "en"] ?? k),
    },
    {
      title: zh ? "RFM 分群" : "RFM segments",
      header: [zh ? "分群" : "Segment", zh ? "客户数" : "Customers"],
      rows: counts(report.rfm, (k) => SEGMENT_LABELS[k as RfmSegment]?.[zh ? "zh" : "en"] ?? k),
    },
    {
      title: zh ? "响应时间(天,创建到首次联系)" : "Response time (days, creation to first contact)",
      header: [
        zh ? "负责人" : "Owner",
        zh ? "中位数" : "Median",
        zh ? "90 分位" : "90th pct",
        zh ? "线索数" : "Leads",
      ],
      rows: (report.responseTime?.byOwner ?? []).map((r) => [r.owner, r.medianDays, r.p90Days, r.leads]),
    },
    {
      title: zh ? "逾期(按负责人)" : "Overdue by owner",
      header: [zh ? "负责人" : "Owner", zh ? "逾期" : "Overdue"],
      rows: counts(report.overdueByOwner, (k) => k),
    },
  ];
}

/** Rewrites the report sheet from the active lead sheet; returns the report drawn. */
export function writeReportSheet(now: Date): Report | undefined {
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const leads = spreadsheet.getActiveSheet();
  if (leads.getName() === REPORT_SHEET) return undefined;
  const { rules } = loadRules(
    PropertiesService.getDocumentProperties(),
    spreadsheet.getSpreadsheetTimeZone(),
  );
  const { header, table } = readLeadSheet(leads);
  const result = runPass(table, rules, sheetPassOptions(spreadsheet, now));
  if (result.issues.some((i) => i.code === "no_header")) return undefined;
  const report = buildReport(table, rules, result, sheetsZoneOffset);
  const zh = headerLanguage(header) === "zh";

  const sheet = spreadsheet.getSheetByName(REPORT_SHEET) ?? insertSheetQuietly(spreadsheet, REPORT_SHEET);
  for (const chart of sheet.getCharts()) sheet.removeChart(chart);
  sheet.clear();
  const flagged = report.inversions.map((i) =>
    zh
      ? `等级倒挂:${i.lower} 转化率高于 ${i.higher}(偶然的可能 p≈${i.p.toFixed(3)})`
      : `Inversion: ${i.lower} converts better than ${i.higher} (by chance: p ≈ ${i.p.toFixed(3)})`,
  );
  sheet
    .getRange(1, 1, 1, 2)
    .setValues(
      [
        [
          zh ? `LeadGrade 报告 · 基准日 ${report.asOf}` : `LeadGrade report · as of ${report.asOf}`,
          flagged.join("; "),
        ],
      ].map((row) => row.map(keepAsText)),
    );
  const grades = rules.grades.map((g) => g.grade);
  const week = weekTables(
    whatChanged(result, readHistorySheet(spreadsheet), grades, 7),
    grades[0] ?? "",
    zh ? "zh" : "en",
  );
  const weekRows: Table[] =
    week.tables.length === 0
      ? [{ title: week.title, header: [week.empty], rows: [], chart: false }]
      : week.tables.map((t) => ({ ...t, title: `${week.title} · ${t.title}`, chart: false }));
  let row = 3;
  for (const t of [...tables(report, rules, zh), ...weekRows]) {
    sheet.getRange(row, 1).setValue(t.title);
    const body = [t.header, ...t.rows];
    const block = sheet.getRange(row + 1, 1, body.length, t.header.length);
    // Sources, stages and owners are the sheet's own text: never a formula here.
    block.setValues(keepRowsAsText(body));
    if (t.chart !== false && t.rows.length > 0) {
      const chart = sheet
        .newChart()
        .setChartType(Charts.ChartType.BAR)
        .addRange(sheet.getRange(row + 1, 1, body.length, 2))
        .setOption("title", t.title)
        .setOption("legend", { position: "none" })
        .setPosition(row, t.header.length + 2, 0, 0)
        .build();
      sheet.insertChart(chart);
    }
    // Leave room for the chart beside the table.
    row += t.chart === false ? body.length + 2 : Math.max(body.length + 2, 18);
  }
  return report;
}
