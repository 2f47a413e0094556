/**
 * What the sidebar asks the server for. Each function is a global the sidebar calls through
 * google.script.run; payloads are JSON-safe (rules travel as JSON text, dates as ISO strings).
 * Rules are validated here with the same schema the sidebar uses, and nothing is written until
 * the manager saves.
 */

import {
  compareRules,
  describeRuleIssue,
  findColumns,
  headerLanguage,
  type Learned,
  learnFromOutcomes,
  maskRuleSecrets,
  type RuleIssue,
  type RulesComparison,
  restoreRuleSecrets,
  runPass,
  simplePreset,
  standardPreset,
  thresholdsFor,
  validateRules,
  type WeekView,
  weekTables,
  whatChanged,
} from "../core/index";
import { readHistorySheet, sheetPassOptions } from "./followUpSheets";
import {
  type FollowUpAnswer,
  type FollowUpForm,
  logFollowUp,
  type SelectedLead,
  selectedLead,
} from "./followUps";
import { takeSelectedLead } from "./leadPool";
import { readLeadSheet, rememberedLeadSheet } from "./leadSheet";
import { loadRules, restorePreviousRules, saveRules } from "./rulesStore";
import { writeRulesVersion } from "./settingsSheet";
import { hourlyTriggerInstalled, installHourlyTrigger, removeHourlyTrigger } from "./triggers";
import { sheetsZoneOffset } from "./zoneOffset";

export interface ReadableIssue {
  path: string;
  zh: string;
  en: string;
}

export interface SidebarState {
  rules: string;
  version: number;
  /** The saved rules could not be read; the preset is shown instead. */
  unreadable: boolean;
  /** The active sheet's headers, to map columns by hand. */
  headers: string[];
  /** What each column became with the saved rules: field, header, and whether its values chose it. */
  detected: { field: string; header: string; byValues: boolean }[];
  /** Columns a header named but whose values did not fit: field, header, some values seen. */
  notUsed: { field: string; header: string; examples: string[] }[];
  lang: "zh" | "en";
  presets: { standard: string; simple: string };
  hourly: boolean;
}

export type Checked<T> = ({ ok: true } & T) | { ok: false; issues: ReadableIssue[] };

function readable(issues: readonly RuleIssue[]): ReadableIssue[] {
  return issues.map((i) => ({
    path: i.path.join("."),
    zh: describeRuleIssue(i, "zh"),
    en: describeRuleIssue(i, "en"),
  }));
}

/** The active sheet's leads, LeadGrade's own columns blanked so they are never read as input. */
function activeTable() {
  return readLeadSheet(SpreadsheetApp.getActiveSpreadsheet().getActiveSheet()).table;
}

/** The sidebar, opened at one of its panels (the page's script finds the marker and opens it). */
function showSidebar(panel?: "followUp" | "week"): void {
  const html = HtmlService.createHtmlOutputFromFile("sidebar").setTitle("LeadGrade");
  SpreadsheetApp.getUi().showSidebar(
    panel ? html.append(`<div id="leadgrade-open" data-panel="${panel}" hidden></div>`) : html,
  );
}

export function openSidebar(): void {
  showSidebar();
}

/** Menu "Log a follow-up": the sidebar with the selected lead's follow-up form open. */
export function openFollowUpPanel(): void {
  showSidebar("followUp");
}

/** Menu "What changed this week": the sidebar with the week's changes shown. */
export function openWeekPanel(): void {
  showSidebar("week");
}

export function getSidebarState(): SidebarState {
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const timeZone = spreadsheet.getSpreadsheetTimeZone();
  const stored = loadRules(PropertiesService.getDocumentProperties(), timeZone);
  const table = activeTable();
  const header = table.header;
  const ours = new Set(header.flatMap((h, i) => (h === "" ? [i] : [])));
  const found = findColumns(table.header, stored.rules.columns, table.rows, stored.rules.ignore);
  let locale = "";
  try {
    locale = Session.getActiveUserLocale();
  } catch {
    locale = "";
  }
  return {
    rules: JSON.stringify(maskRuleSecrets(stored.rules)),
    version: stored.version,
    unreadable: stored.warning !== undefined,
    headers: header.flatMap((h, i) => (ours.has(i) || String(h).trim() === "" ? [] : [String(h)])),
    detected: (Object.entries(found.columns) as [string, number][]).map(([field, index]) => ({
      field,
      header: String(header[index] ?? ""),
      byValues: found.byValues.includes(field as (typeof found.byValues)[number]),
    })),
    notUsed: found.rejected.map((r) => ({ field: r.field, header: r.header, examples: r.examples })),
    lang:
      locale.toLowerCase().startsWith("zh") || (locale === "" && headerLanguage(header) === "zh")
        ? "zh"
        : "en",
    presets: {
      standard: JSON.stringify(standardPreset(timeZone)),
      simple: JSON.stringify(simplePreset(timeZone)),
    },
    hourly: hourlyTriggerInstalled(),
  };
}

export function previewSidebarRules(
  rulesJson: string,
  lang: "zh" | "en",
): Checked<{ comparison: RulesComparison }> {
  const edited = validateRules(withSavedSecrets(rulesJson));
  if (!edited.ok) return { ok: false, issues: readable(edited.issues) };
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const { rules } = loadRules(
    PropertiesService.getDocumentProperties(),
    spreadsheet.getSpreadsheetTimeZone(),
  );
  return {
    ok: true,
    comparison: compareRules(
      activeTable(),
      rules,
      edited.rules,
      sheetPassOptions(spreadsheet, new Date()),
      lang,
    ),
  };
}

/**
 * The rules as the sidebar sent them, with each masked robot address and hidden secret put back as
 * saved (the sidebar is only ever shown them masked: maskRuleSecrets).
 */
function withSavedSecrets(rulesJson: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(rulesJson);
  } catch {
    return rulesJson; // validation says what is wrong with it
  }
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const { rules } = loadRules(
    PropertiesService.getDocumentProperties(),
    spreadsheet.getSpreadsheetTimeZone(),
  );
  return JSON.stringify(restoreRuleSecrets(parsed, rules));
}

export function saveSidebarRules(rulesJson: string): Checked<{ version: number }> {
  const result = saveRules(
    PropertiesService.getDocumentProperties(),
    withSavedSecrets(rulesJson),
    new Date(),
  );
  if (!result.ok || result.version === undefined) return { ok: false, issues: readable(result.issues ?? []) };
  writeRulesVersion(SpreadsheetApp.getActiveSpreadsheet(), result.version);
  // The edit trigger follows the alerts' switch while hourly updates are on.
  if (hourlyTriggerInstalled()) installHourlyTrigger();
  return { ok: true, version: result.version };
}

export function restoreSidebarRules(): Checked<{ version: number; rules: string }> {
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const props = PropertiesService.getDocumentProperties();
  const result = restorePreviousRules(props, spreadsheet.getSpreadsheetTimeZone(), new Date());
  if (!result.ok || result.version === undefined) return { ok: false, issues: readable(result.issues ?? []) };
  writeRulesVersion(spreadsheet, result.version);
  return {
    ok: true,
    version: result.version,
    rules: JSON.stringify(maskRuleSecrets(loadRules(props, spreadsheet.getSpreadsheetTimeZone()).rules)),
  };
}

export function setHourlyFromSidebar(on: boolean): { hourly: boolean } {
  if (on) installHourlyTrigger();
  else removeHourlyTrigger();
  return { hourly: on };
}

/** "Take the selected lead" in the pool section: what happened, in the sidebar's language. */
export function takeFromPoolFromSidebar(lang: "zh" | "en"): string {
  return takeSelectedLead(lang, new Date());
}

export interface LearnAnswer {
  /**
   * What learning found (JSON-safe: an AUC that could not be worked out arrives as null), and with
   * too little history the thresholds for the target mix: the sidebar says them with the core's
   * learningText, as the command line does.
   */
  learned: Learned;
  coldStart?: ReturnType<typeof thresholdsFor>;
  /** The rule set to apply, as JSON, when the history supports a change. */
  suggested?: string;
  /** Grade counts and changed leads now and with the suggestion (as Preview shows for edits). */
  comparison?: RulesComparison;
}

/**
 * "Learn from won/lost": the saved rules' pass over the active sheet, then the learner (see
 * learnFromOutcomes) — models, their cross-validated AUCs with intervals, and a suggestion only when
 * it beats the rules by more than its uncertainty. Writes nothing; Apply saves the suggestion as a
 * new rules version through saveSidebarRules.
 */
export function learnFromSidebar(lang: "zh" | "en"): LearnAnswer {
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const { rules } = loadRules(
    PropertiesService.getDocumentProperties(),
    spreadsheet.getSpreadsheetTimeZone(),
  );
  const table = activeTable();
  const options = sheetPassOptions(spreadsheet, new Date());
  const result = runPass(table, rules, options);
  const learned = learnFromOutcomes(table, rules, result, { zoneOffset: sheetsZoneOffset });
  if (!learned.enough) return { learned, coldStart: thresholdsFor(result, rules) };
  if (!learned.suggested) return { learned };
  return {
    learned,
    suggested: JSON.stringify(maskRuleSecrets(learned.suggested)),
    comparison: compareRules(table, rules, learned.suggested, options, lang),
  };
}

/**
 * Sidebar, "this week": what changed in the last 7 days on the lead sheet, from the grade history
 * the priority pass keeps — per owner, then the leads that rose into or fell out of the top grade,
 * went overdue or were followed up (see the core's whatChanged and weekTables). Writes nothing.
 */
export function getWeekFromSidebar(lang: "zh" | "en"): WeekView {
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const props = PropertiesService.getDocumentProperties();
  const { rules } = loadRules(props, spreadsheet.getSpreadsheetTimeZone());
  const sheet = rememberedLeadSheet(spreadsheet) ?? spreadsheet.getActiveSheet();
  const result = runPass(readLeadSheet(sheet).table, rules, sheetPassOptions(spreadsheet, new Date()));
  const grades = rules.grades.map((g) => g.grade);
  return weekTables(whatChanged(result, readHistorySheet(spreadsheet), grades, 7), grades[0] ?? "", lang);
}

/** Sidebar: the lead on the selected row, for the follow-up panel; null where no lead row is selected. */
export function getSelectedFollowUpLead(lang: "zh" | "en"): SelectedLead | null {
  return selectedLead(lang) ?? null;
}

/** Sidebar: logs a follow-up for the lead on the form's row and re-grades (see followUps.ts). */
export function logFollowUpFromSidebar(form: FollowUpForm, lang: "zh" | "en"): FollowUpAnswer {
  return logFollowUp(form, new Date(), lang);
}
