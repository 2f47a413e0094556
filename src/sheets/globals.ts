/**
 * Every Apps Script global LeadGrade defines, in one list: custom functions (with the words Sheets
 * shows in its formula help, in English with the Chinese term alongside), simple triggers and
 * menu commands. `build.mjs` writes a top-level function for each, calling into the bundle, and a
 * test checks that this list and `index.ts` name the same functions.
 */

export interface GlobalParam {
  name: string;
  /** Shown by Sheets while typing the formula. */
  description: string;
  /** Example type shown in braces in the JSDoc. */
  type: string;
}

export interface GlobalSpec {
  name: string;
  kind: "customFunction" | "trigger" | "command";
  summary: string;
  params: GlobalParam[];
  returns?: string;
}

const data: GlobalParam = {
  name: "data",
  type: "A1:P",
  description:
    "Your leads with the header row first, e.g. A1:P (线索区域,第一行为表头). Or one row, followed by the header row: A5:P5, A$1:P$1.",
};
/** The sidebar's language, passed to its server calls. */
const lang: GlobalParam = { name: "lang", type: "string", description: "zh or en." };
const rulesVersion: GlobalParam = {
  name: "rules_version",
  type: "LeadGrade_RulesVersion",
  description:
    "Optional. The rules version cell, so the formula recalculates when rules are saved (规则版本).",
};
const asOf: GlobalParam = {
  name: "as_of",
  type: "LeadGrade_AsOf",
  description:
    "Optional. The day to grade as of; default today (基准日). Use the LeadGrade_AsOf cell, not TODAY().",
};

const customFunction = (
  name: string,
  summary: string,
  returns: string,
  params = [data, rulesVersion, asOf],
): GlobalSpec => ({
  name,
  kind: "customFunction",
  summary,
  params,
  returns,
});

export const GLOBALS: readonly GlobalSpec[] = [
  customFunction(
    "LEADGRADE",
    "Grades each lead A/B/C/D (or 高/中/低) from your LeadGrade rules (线索等级).",
    "A column: the header 等级/Grade, then one grade per row.",
  ),
  customFunction(
    "LEADSCORE",
    "Scores each lead 0–100 from your LeadGrade rules (线索评分).",
    "A column: the header 评分/Score, then one score per row.",
  ),
  customFunction(
    "NEXTFOLLOWUP",
    "The date each lead should next be followed up, by its grade's cadence, on working days (下次跟进).",
    "A column of dates.",
  ),
  customFunction(
    "LEADSTAGE",
    "Each lead's lifecycle stage as of a day: potential, new, active, dormant, lost (生命周期阶段).",
    "A column of stages.",
    [data, asOf, rulesVersion],
  ),
  customFunction(
    "LEADWHY",
    "Explains each lead's score: which rules gave which points (评分原因).",
    "A column of explanations.",
  ),
  customFunction(
    "LEADRFM",
    "Each customer's RFM scores and segment, e.g. 545 Champions (RFM 分群).",
    "A column of RFM codes and segments.",
  ),
  customFunction(
    "LEADTREND",
    "Each lead's trend over 7 and 30 days from LeadGrade's grade history, e.g. 7天↑ 30天→ (趋势).",
    "A column: the header 趋势/Trend, then one trend per row.",
    [
      data,
      {
        name: "history",
        type: "'LeadGrade 历史 History'!A:K",
        description:
          "The grade history the hourly pass keeps: 'LeadGrade 历史 History'!A:K (等级历史), so the formula follows each pass.",
      },
      rulesVersion,
      asOf,
    ],
  ),
  customFunction(
    "LEADCOLUMNS",
    "Every LeadGrade column from one pass: score, grade, next follow-up, stage, RFM, why (全部评分列).",
    "Six columns: a header row, then one row of values per lead.",
  ),
  {
    name: "checkLeadGradeFromMenu",
    kind: "command",
    summary:
      "Menu: checks LeadGrade in this document (scopes, time zones, storage, trigger, quota, size) and shows what it found.",
    params: [],
  },
  {
    name: "onOpen",
    kind: "trigger",
    summary: "Builds the LeadGrade menu.",
    params: [{ name: "e", type: "Object", description: "The open event." }],
  },
  {
    name: "onInstall",
    kind: "trigger",
    summary: "Builds the LeadGrade menu right after installation.",
    params: [{ name: "e", type: "Object", description: "The install event." }],
  },
  {
    name: "insertLeadGradeColumns",
    kind: "command",
    summary: "Menu: inserts LeadGrade's formula columns after the last column of the active sheet.",
    params: [],
  },
  {
    name: "refreshAsOfDate",
    kind: "command",
    summary: "Menu: sets the as-of date cell to today.",
    params: [],
  },
  {
    name: "restorePreviousRulesFromMenu",
    kind: "command",
    summary: "Menu: restores the previously saved rules.",
    params: [],
  },
  {
    name: "runPriorityPassFromMenu",
    kind: "command",
    summary: "Menu: updates LeadGrade's columns, colours and reminders now.",
    params: [],
  },
  {
    name: "installHourlyTriggerFromMenu",
    kind: "command",
    summary: "Menu: turns on the hourly update (one trigger at most).",
    params: [],
  },
  {
    name: "removeHourlyTriggerFromMenu",
    kind: "command",
    summary: "Menu: turns off the hourly update.",
    params: [],
  },
  {
    name: "onEdit",
    kind: "trigger",
    summary: "Notes who changes a manual grade, for the audit sheet.",
    params: [{ name: "e", type: "Object", description: "The edit event." }],
  },
  {
    name: "openSidebar",
    kind: "command",
    summary: "Menu: opens the rule editor in the sidebar.",
    params: [],
  },
  {
    name: "openFollowUpPanel",
    kind: "command",
    summary: "Menu: opens the sidebar at the follow-up form for the selected lead.",
    params: [],
  },
  {
    name: "openWeekPanel",
    kind: "command",
    summary: "Menu: opens the sidebar at what changed in the last 7 days.",
    params: [],
  },
  {
    name: "getSidebarState",
    kind: "command",
    summary: "Sidebar: the saved rules, presets and sheet headers.",
    params: [],
  },
  {
    name: "previewSidebarRules",
    kind: "command",
    summary: "Sidebar: what would change with the edited rules (nothing is written).",
    params: [{ name: "rulesJson", type: "string", description: "The edited rule set as JSON." }, lang],
  },
  {
    name: "getSelectedFollowUpLead",
    kind: "command",
    summary: "Sidebar: the lead on the selected row, for logging a follow-up.",
    params: [lang],
  },
  {
    name: "logFollowUpFromSidebar",
    kind: "command",
    summary: "Sidebar: logs a follow-up for a lead row, updates its Last contact and re-grades.",
    params: [{ name: "form", type: "Object", description: "row, when, how, note, next." }, lang],
  },
  {
    name: "getWeekFromSidebar",
    kind: "command",
    summary: "Sidebar: what changed in the last 7 days, per owner and per lead, from the grade history.",
    params: [lang],
  },
  {
    name: "takeFromPoolFromSidebar",
    kind: "command",
    summary: "Sidebar: gives the selected lead from the pool to the person asking, within the pool's limits.",
    params: [lang],
  },
  {
    name: "learnFromSidebar",
    kind: "command",
    summary: "Sidebar: learns from the sheet's won and lost leads and suggests rules (nothing is written).",
    params: [lang],
  },
  {
    name: "saveSidebarRules",
    kind: "command",
    summary: "Sidebar: validates and saves the rules as a new version.",
    params: [{ name: "rulesJson", type: "string", description: "The rule set as JSON." }],
  },
  {
    name: "restoreSidebarRules",
    kind: "command",
    summary: "Sidebar: restores the previous rules.",
    params: [],
  },
  {
    name: "setHourlyFromSidebar",
    kind: "command",
    summary: "Sidebar: turns the hourly update on or off.",
    params: [{ name: "on", type: "boolean", description: "true to turn it on." }],
  },
  {
    name: "writeReportSheetFromMenu",
    kind: "command",
    summary: "Menu: rewrites the LeadGrade report sheet (conversion, funnel, response time) with charts.",
    params: [],
  },
  {
    name: "assignUnownedLeadsFromMenu",
    kind: "command",
    summary: "Menu: gives each lead without an owner to a rep, by expertise, capacity and daily caps.",
    params: [],
  },
  {
    name: "mergeDuplicateLeadsFromMenu",
    kind: "command",
    summary:
      "Menu: after confirmation, merges each group of duplicate leads into one row, keeping every value (audited).",
    params: [],
  },
  {
    name: "reclaimNeglectedLeadsFromMenu",
    kind: "command",
    summary:
      "Menu: after confirmation, moves leads whose owner let the time run out to the lead pool (audited).",
    params: [],
  },
  {
    name: "takeSelectedLeadFromMenu",
    kind: "command",
    summary:
      "Menu: gives the selected lead from the pool to the person asking, within the pool's limits (audited).",
    params: [],
  },
  {
    name: "approvePendingOverridesFromMenu",
    kind: "command",
    summary: "Menu: a listed supervisor approves every pending manual grade (recorded in the audit sheet).",
    params: [],
  },
  {
    name: "runHourlyPass",
    kind: "trigger",
    summary: "The hourly time-driven trigger: updates priorities and sends reminders.",
    params: [{ name: "e", type: "Object", description: "The time-driven event." }],
  },
  {
    name: "runPassOnEdit",
    kind: "trigger",
    summary:
      "The installable edit trigger (with alerts on): grades an edit of the lead sheet at once and sends its alerts.",
    params: [{ name: "e", type: "Object", description: "The edit event." }],
  },
];
