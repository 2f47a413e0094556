/** The add-on's own words in English: the same keys as `zh.ts`. */
import type { AddonWords } from "./zh";

export const en: AddonWords = {
  menu: {
    editor: "Open rule editor",
    insert: "Insert LeadGrade columns",
    refresh: "Refresh as-of date (today)",
    restore: "Restore previous rules",
    check: "Check LeadGrade in this document",
    runPass: "Update priorities now",
    logFollowUp: "Log a follow-up (selected lead)",
    week: "What changed this week",
    hourlyOn: "Turn on hourly updates and reminders",
    hourlyOff: "Turn off hourly updates",
    passDone: (rows: number, cells: number, sent: number) =>
      `Updated ${rows} leads (${cells} cells), sent ${sent} reminders`,
    passLocked: "Another update is running; try again in a moment",
    followUpProblems: (n: number) =>
      `${n} rows of the follow-up log could not be used; the reason is in the last column of "LeadGrade 跟进记录 Follow-ups"`,
    noAddress: (owners: string) => `No valid email address, so no reminder, for: ${owners}`,
    waiting: (n: number) => `${n} reminders wait for the next run (today's quota or time is used up)`,
    passNoHeader: "The first row of this sheet has no recognisable headers",
    hourlyInstalled: "Hourly updates are on",
    hourlyExists: "Hourly updates were already on",
    hourlyRemoved: "Hourly updates are off",
    approve: "Approve pending manual grades",
    assign: "Assign leads without an owner",
    merge: "Merge duplicate leads",
    report: "Build the report (conversion, funnel, response time)",
    reportDone: "Report updated: see the “LeadGrade 报告 Report” sheet",
    mergeAsk: (groups: number, rows: number) =>
      `Found ${groups} groups of duplicates. Merge ${rows} rows into the first row of each group (every value kept, the rows recorded in the audit sheet) and remove them?`,
    mergeDone: (groups: number, rows: number) =>
      `Merged ${groups} groups, removed ${rows} rows; the originals are in the audit sheet`,
    mergeNone: "No duplicate leads found",
    mergeCancelled: "Cancelled; nothing was changed",
    assignDone: (tally: string, left: number) =>
      `Assigned: ${tally || "none"}${left > 0 ? `; ${left} left unassigned (caps reached)` : ""}`,
    assignNoReps: "The rules have no rep directory (reps) to assign from",
    assignNoOwner: "This sheet has no Owner column",
    notApprover: "Only the supervisors listed in the rules can approve manual grades",
    approved: (n: number) => `Approved ${n} manual grades; recorded in the audit sheet`,
    inserted: "LeadGrade formula columns inserted",
    already: "This sheet already has LeadGrade formula columns",
    noHeader: "The first row has no recognisable headers (e.g. Name, Source, Intent); nothing was inserted",
    settings: "Use this command on your leads sheet",
    refreshed: "As-of date set to today",
    restored: (v: number) => `Previous rules restored (version ${v})`,
    noPrevious: "There are no previous rules to restore",
  },
  checks: {
    scopes: "Scopes granted",
    timeZones: "Time zones",
    properties: "Document properties",
    trigger: "Hourly trigger",
    mail: "Mail quota today",
    size: "Spreadsheet size",
    formulas: "Formula columns",
  },
  rulesWarning: {
    stored_rules_invalid: "⚠ saved rules unreadable, using the default rules",
    rules_unavailable: "⚠ document properties not available here, using the default rules",
  },
  overrideRecord: "Override record",
};
