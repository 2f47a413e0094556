/**
 * The priority view (seed 004 "优先级视图筛选"): a LeadGrade sheet where a rep picks an owner and
 * sees that owner's leads, most overdue first, then highest score, each with its trend over 7 and
 * 30 days — one SORT(FILTER(…)) formula
 * over the lead sheet, so it is always current and never copies or changes the user's data. A
 * legend shows each grade's colour. The sheet is rewritten only when its formula or legend changes.
 */
import { type ColumnMap, columnLetter, localText, type RuleSet } from "../core/index";
import { insertSheetQuietly } from "./insertSheet";
import type { ManagedColumn } from "./managedColumns";
import { keepAsText } from "./plainText";

export const VIEW_SHEET = "LeadGrade 优先级 Priorities";
const OVERDUE_COLOUR = "#fce8e6";

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** The view's formula: the chosen owner's leads (everyone's when B1 is empty), sorted. */
export function priorityViewFormula(
  leadSheetName: string,
  input: ColumnMap,
  ours: Record<ManagedColumn, number>,
): string {
  const sheet = `'${leadSheetName.replace(/'/g, "''")}'!`;
  const col = (n: number) => `${sheet}${columnLetter(n)}2:${columnLetter(n)}`;
  const name = input.name ?? input.company;
  const first = name === undefined ? col(ours.grade) : col(name + 1);
  const owner = input.owner === undefined ? undefined : col(input.owner + 1);
  const shown = [
    first,
    owner ?? `${col(ours.grade)}&""`,
    col(ours.score),
    col(ours.grade),
    col(ours.nextFollowUp),
    col(ours.overdue),
    col(ours.trend),
    col(ours.why),
  ];
  const who = owner === undefined ? "" : `, (${owner}=$B$1)+($B$1="")`;
  return `=IFERROR(SORT(FILTER({${shown.join(", ")}}, ${col(ours.grade)}<>""${who}), 6, FALSE, 3, FALSE), "")`;
}

const VIEW_HEADER = [
  "线索 Lead",
  "负责人 Owner",
  "评分 Score",
  "等级 Grade",
  "下次跟进 Next",
  "逾期 Overdue",
  "趋势 Trend",
  "原因 Why",
];

function viewSheet(spreadsheet: Spreadsheet): Sheet {
  const existing = spreadsheet.getSheetByName(VIEW_SHEET);
  if (existing) return existing;
  const sheet = insertSheetQuietly(spreadsheet, VIEW_SHEET);
  sheet.getRange(1, 1).setValue("负责人 Owner ▸");
  return sheet;
}

/**
 * Creates or updates the view when its formula or legend would change; `remembered` is what was
 * written last time. Returns what to remember.
 */
export function updatePriorityView(
  spreadsheet: Spreadsheet,
  leadSheet: Sheet,
  input: ColumnMap,
  ours: Record<ManagedColumn, number>,
  rules: RuleSet,
  remembered: string | undefined,
): string {
  const formula = priorityViewFormula(leadSheet.getName(), input, ours);
  const legend = [
    ...rules.grades.map((g) => `${g.grade} ${localText(g.label, "zh")} / ${localText(g.label, "en")}`),
    "逾期 Overdue",
  ];
  const colours = [...rules.grades.map((g) => g.color), OVERDUE_COLOUR];
  const signature = JSON.stringify([formula, legend, colours]);
  if (signature === remembered && spreadsheet.getSheetByName(VIEW_SHEET)) return signature;
  const sheet = viewSheet(spreadsheet);
  // The header is written with the formula: a view made before a column was added gets it too.
  sheet.getRange(2, 1, 1, VIEW_HEADER.length).setValues([VIEW_HEADER]);
  sheet.getRange(3, 1).setFormula(formula);
  const legendCells = sheet.getRange(1, 4, 1, legend.length);
  legendCells.setValues([legend.map(keepAsText)]);
  legendCells.setBackgrounds([colours]);
  if (input.owner !== undefined) {
    const owners = leadSheet.getRange(2, input.owner + 1, Math.max(1, leadSheet.getMaxRows() - 1), 1);
    sheet
      .getRange(1, 2)
      .setDataValidation(
        SpreadsheetApp.newDataValidation().requireValueInRange(owners, true).setAllowInvalid(true).build(),
      );
  }
  return signature;
}
