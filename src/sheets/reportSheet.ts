/**
 * The "LeadGrade 报告 Report" sheet: the core's report as tables (reportTables), each with a bar
 * chart embedded beside it, then what changed in the last 7 days from the grade history (the
 * core's weekTables). The sheet is LeadGrade's own and is rewritten whole each time (old charts
 * removed, cells cleared), so it always shows the sheet as it is now; no other sheet is touched.
 */

import {
  buildReport,
  headerLanguage,
  type Report,
  type ReportTable,
  reportTables,
  runPass,
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

type Table = ReportTable & { chart?: false };

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
  const lang = headerLanguage(header);
  const drawn = reportTables(report, rules, lang);

  const sheet = spreadsheet.getSheetByName(REPORT_SHEET) ?? insertSheetQuietly(spreadsheet, REPORT_SHEET);
  for (const chart of sheet.getCharts()) sheet.removeChart(chart);
  sheet.clear();
  sheet.getRange(1, 1, 1, 2).setValues([[drawn.title, drawn.flagged.join("; ")].map(keepAsText)]);
  const grades = rules.grades.map((g) => g.grade);
  const week = weekTables(
    whatChanged(result, readHistorySheet(spreadsheet), grades, 7),
    grades[0] ?? "",
    lang,
  );
  const weekRows: Table[] =
    week.tables.length === 0
      ? [{ title: week.title, header: [week.empty], rows: [], chart: false }]
      : week.tables.map((t) => ({ ...t, title: `${week.title} · ${t.title}`, chart: false }));
  let row = 3;
  for (const t of [...drawn.tables, ...weekRows] as Table[]) {
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
