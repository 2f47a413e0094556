/**
 * The report as titled tables in a language, for a door that draws tables (the add-on's report
 * sheet puts a bar chart beside each): conversion per grade and source, the funnel, lifecycle and
 * RFM mixes, response time, overdue per owner; with the report's title and its flagged inversions.
 */
import { localText } from "../../explain/formatWhy";
import type { LifecycleStage } from "../../grade/lifecycle/lifecycleStage";
import type { RfmSegment } from "../../grade/rfm/rfmSegment";
import { WORDS } from "../../model/locales/index";
import type { Lang } from "../../model/messages";
import type { RuleSet } from "../../model/schema";
import { SEGMENT_LABELS, STAGE_LABELS } from "../../pass/outputColumns";
import type { WeekTable } from "../history/weekTables";
import type { Report } from "./buildReport";

/** A titled table, as the week's changes are drawn too. */
export type ReportTable = WeekTable;

/**
 * @example
 * reportTables(buildReport(table, rules, result), rules, "en").tables[0].title // "Conversion by grade % (won / closed)"
 */
export function reportTables(
  report: Report,
  rules: RuleSet,
  lang: Lang,
): { title: string; flagged: string[]; tables: ReportTable[] } {
  const w = WORDS[lang].report;
  const rate = (r: number | null) => (r === null ? "" : Math.round(r * 1000) / 10);
  // Below the closed leads a rate needs, it says so rather than show a number.
  const shownRate = (c: Report["byGrade"][number]) => (c.tooFew ? w.tooFew : rate(c.rate));
  const gradeName = (g: string) => {
    const def = rules.grades.find((d) => d.grade === g);
    return def ? `${g} ${localText(def.label, lang)}` : g;
  };
  const counts = (record: Record<string, number>, name: (k: string) => string) =>
    Object.entries(record)
      .sort((a, b) => b[1] - a[1])
      .map(([k, v]) => [name(k), v]);
  const conversion = [w.rate, w.won, w.lost];
  const tables: ReportTable[] = [
    {
      title: w.byGrade,
      header: [w.grade, ...conversion],
      rows: report.byGrade.map((c) => [gradeName(c.key), shownRate(c), c.won, c.lost]),
    },
    {
      title: w.bySource,
      header: [w.source, ...conversion],
      rows: report.bySource.map((c) => [
        c.names ? localText(c.names, lang) : c.key,
        shownRate(c),
        c.won,
        c.lost,
      ]),
    },
    { title: w.funnel, header: [w.stage, w.leads], rows: report.funnel.map((f) => [f.stage, f.leads]) },
    {
      title: w.lifecycle,
      header: [w.stage, w.leads],
      rows: counts(report.lifecycle, (k) => STAGE_LABELS[k as LifecycleStage]?.[lang] ?? k),
    },
    {
      title: w.rfm,
      header: [w.segment, w.customers],
      rows: counts(report.rfm, (k) => SEGMENT_LABELS[k as RfmSegment]?.[lang] ?? k),
    },
    {
      title: w.response,
      header: [w.owner, w.median, w.p90, w.leads],
      rows: (report.responseTime?.byOwner ?? []).map((r) => [r.owner, r.medianDays, r.p90Days, r.leads]),
    },
    { title: w.overdue, header: [w.owner, w.overdueLeads], rows: counts(report.overdueByOwner, (k) => k) },
  ];
  const flagged = report.inversions.map((i) => w.inversion(i.lower, i.higher, i.p.toFixed(3)));
  return { title: w.title(report.asOf), flagged, tables };
}
