/** The command line's words in English: the same keys as `zh.ts`. */
import type { CliWords } from "./zh";

export const en: CliWords = {
  program: {
    noHeaderBelow: ", nor does any of the first ten rows",
    earlierReplaced: "  LeadGrade's columns from an earlier run were replaced by this run's",
    suggestedWritten: (path) =>
      `  Rules with the suggestions applied (use them with --rules if you agree): ${path}`,
    wrote: "Wrote",
    noRepFree: "no rep free",
    none: "none",
    assigned: "Assigned",
    assignedHeader: "Assigned to",
  },
  notify: {
    nothingNew: "Alerts: nothing new",
    sent: (count, channel) => `Alerts: ${count} sent to ${channel}`,
    failed: (count, channel, why) =>
      `Alerts: ${count} not sent to ${channel} (${why}); they will be tried again next run`,
  },
  touchLog: {
    missing: (path, columns) =>
      `Follow-up log ${path} lacks the columns ${columns.join(", ")} (headers Lead, When, How, Note, Next); not read`,
    head: (touches, matched, problems) =>
      `Follow-up log: ${touches} touches, ${matched} matched to leads, ${problems} with problems`,
    problem: (line, shown, words) => `  line ${line}${shown}: ${words}`,
    more: (more) => `  and ${more} more`,
  },
  history: {
    head: (path, added, week, top, trend) =>
      `Grade history ${path}: ${added} changes recorded; in the last 7 days ${week.rose} rose into ${top}, ${week.fell} fell out of ${top}, ${week.overdue} went overdue, ${week.touched} were touched; trends in the "${trend}" column`,
    unreadable: (rows) =>
      `  ${rows} rows of the history could not be read (no day or lead) and were left out`,
    pool: (leads, column) =>
      `Pool: ${leads} leads ran out of time and are to be reclaimed (why in the "${column}" column; owners left as they were)`,
    poolWithoutHistory:
      "The lead pool is on, but there is no --history: the grade history says who took a lead when, so the pool was not checked",
  },
  lists: {
    separator: ", ",
    moreGroups: (all) => ` and ${all - 10} more`,
    moreLines: (all) => ` and ${all - 10} more`,
  },
  phoneInferred: " (most of the column's numbers fit; set phoneRegion in the rules to choose)",
  dayFirst: "day/month/year",
  monthFirst: "month/day/year",
  encoding: (name) => `Encoding: ${name}`,
  htmlLang: "en",
  encodingBroken: (lines, name) => `line ${lines}: bytes that are not ${name}, shown as �; check these lines`,
  encodingMixed: (lines, second, gb18030) =>
    `line ${lines}: looks written in ${second}, unlike the rest of the file${gb18030 ? ", and may read as the wrong characters" : ", shown as �"}; save the file in one encoding and run again`,
  summary: {
    leads: "leads",
    blank: "blank rows",
    grades: "Grades",
    overdue: "Overdue by owner",
    due: "Due today",
    issues: "Data issues",
    none: "none",
    rows: (n: number) => `${n} row${n === 1 ? "" : "s"}`,
    unassigned: "(unassigned)",
    title: "LeadGrade summary",
    duplicates: "likely duplicate leads",
    ownerConflicts: "two reps on one customer",
    completeness: "Completeness",
    groups: "Duplicate groups (sheet rows)",
    asOf: "as of",
    columns: "Columns",
    columnNote: "Column",
  },
  report: {
    title: "LeadGrade lead report",
    asOf: "as of",
    leads: "leads",
    byGrade: "Conversion by grade (won / closed)",
    bySource: "Conversion by source",
    funnel: "Funnel by sales stage",
    lifecycle: "Lifecycle mix",
    rfm: "RFM segments",
    response: "Response time (creation to first contact, days)",
    owner: "Owner",
    median: "Median",
    p90: "90th percentile",
    count: "Leads",
    overdue: "Overdue by owner",
    inversion: (h: string, l: string, hr: string, lr: string, p: string) =>
      `Grade inversion: ${l} converts better (${lr}) than ${h} (${hr}); a difference this large by chance: p ≈ ${p} (Fisher's exact test); review the rules`,
    noInversion: (n: number) =>
      `No significant grade inversion (grades are compared once each has ${n} closed leads, and a difference counts when chance would make it less than 5% of the time)`,
    tooFew: (n: number) => `too few to tell (${n} closed)`,
    noData: "No data yet",
    noFirstContact: "The sheet has no First contact and Created columns, so response time cannot be measured",
  },
};
