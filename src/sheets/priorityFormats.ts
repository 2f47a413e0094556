/**
 * Row colours by grade and a red highlight on overdue follow-ups, as conditional format rules keyed
 * on LeadGrade's own columns: colours follow the values between runs and never overwrite the
 * user's own formatting. LeadGrade's rules carry a marker in their formula, so they are replaced
 * on each run while every other rule on the sheet is kept as it was, in its order.
 */
import { columnLetter, type OutputColumn, type RuleSet } from "../core/index";

/** Always true; marks a rule as LeadGrade's. */
const MARK = 'N("LeadGrade")=0';
const OVERDUE_BACKGROUND = "#fce8e6";
const OVERDUE_TEXT = "#c5221f";

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Rule = GoogleAppsScript.Spreadsheet.ConditionalFormatRule;

function isLeadGradeRule(rule: Rule): boolean {
  const condition = rule.getBooleanCondition();
  return condition?.getCriteriaValues().some((v) => String(v).includes(MARK)) === true;
}

function signature(rule: Rule): string {
  const c = rule.getBooleanCondition();
  return JSON.stringify([
    c?.getCriteriaValues(),
    c?.getBackground(),
    c?.getFontColor(),
    rule.getRanges().map((r) => r.getA1Notation()),
  ]);
}

/** The rules LeadGrade wants: overdue first (it wins on its cells), then one colour per grade. */
export function priorityRules(sheet: Sheet, where: Record<OutputColumn, number>, rules: RuleSet): Rule[] {
  const rows = Math.max(1, sheet.getMaxRows() - 1);
  const grade = `$${columnLetter(where.grade)}2`;
  const overdue = `$${columnLetter(where.overdue)}2`;
  const wholeRows = sheet.getRange(2, 1, rows, sheet.getMaxColumns());
  const overdueCells = [
    sheet.getRange(2, where.nextFollowUp, rows, 1),
    sheet.getRange(2, where.overdue, rows, 1),
  ];
  const built: Rule[] = [
    SpreadsheetApp.newConditionalFormatRule()
      .whenFormulaSatisfied(`=AND(${MARK}, N(${overdue})>0)`)
      .setBackground(OVERDUE_BACKGROUND)
      .setFontColor(OVERDUE_TEXT)
      .setBold(true)
      .setRanges(overdueCells)
      .build(),
  ];
  for (const g of rules.grades) {
    const text = g.grade.replace(/"/g, '""');
    built.push(
      SpreadsheetApp.newConditionalFormatRule()
        .whenFormulaSatisfied(`=AND(${MARK}, ${grade}="${text}")`)
        .setBackground(g.color)
        .setRanges([wholeRows])
        .build(),
    );
  }
  return built;
}

/** Puts LeadGrade's rules after the user's; writes only when they changed. Returns whether it wrote. */
export function applyPriorityFormats(sheet: Sheet, wanted: Rule[]): boolean {
  const existing = sheet.getConditionalFormatRules();
  const theirs = existing.filter((r) => !isLeadGradeRule(r));
  const ours = existing.filter(isLeadGradeRule);
  if (ours.length === wanted.length && ours.every((r, i) => signature(r) === signature(wanted[i] as Rule)))
    return false;
  sheet.setConditionalFormatRules([...theirs, ...wanted]);
  return true;
}
