/**
 * The lead pool (公海) in the sheet. The hourly pass finds leads whose owner let the time run out
 * (core: leadsToReclaim): with the rules' writeOwner on, it writes the pool's name in their Owner
 * cells at once; off (the default), it flags them in the Issues column, and a manager moves them
 * from the menu after confirming. "Take the selected lead" gives a pool lead to the person asking,
 * within the pool's limits. Every move is recorded in the audit sheet; the grade history records
 * the change of owner, which is how the pool knows who held a lead since when.
 */
import {
  type CellValue,
  canTake,
  leadsToReclaim,
  type PassResult,
  type Reclaim,
  type RuleSet,
  reclaimText,
  runPass,
  takeRefusalText,
} from "../core/index";
import { appendAudit } from "./auditSheet";
import { readHistorySheet } from "./followUpSheets";
import { readLeadSheet, rememberedLeadSheet } from "./leadSheet";
import { ADDON_WORDS } from "./locales/index";
import { keepAsText } from "./plainText";
import { loadRules } from "./rulesStore";
import { sheetsZoneOffset } from "./zoneOffset";

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Lang = "zh" | "en";

/**
 * Writes Owner cells: the whole column at once, with the owners already there as they were, or
 * where the column holds formulas, cell by cell (no formula is replaced).
 */
export function writeOwners(
  sheet: Sheet,
  ownerAt: number,
  rows: readonly (readonly CellValue[])[],
  changes: readonly { row: number; owner: string }[],
): void {
  if (changes.length === 0) return;
  const column = sheet.getRange(2, ownerAt + 1, rows.length, 1);
  if (column.getFormulas().some(([f]) => f !== "")) {
    for (const c of changes) sheet.getRange(c.row + 2, ownerAt + 1).setValue(keepAsText(c.owner));
    return;
  }
  const next = rows.map((r) => [keepAsText(r[ownerAt] ?? "")]);
  for (const c of changes) next[c.row] = [keepAsText(c.owner)];
  column.setValues(next);
}

/** Moves leads to the pool: their Owner cells, and one audit row each. */
function moveToPool(
  spreadsheet: Spreadsheet,
  sheet: Sheet,
  result: PassResult,
  rows: readonly (readonly CellValue[])[],
  reclaims: readonly Reclaim[],
  rules: RuleSet,
  lang: Lang,
  now: Date,
): number {
  const ownerAt = result.columns.owner;
  if (ownerAt === undefined || reclaims.length === 0) return 0;
  writeOwners(
    sheet,
    ownerAt,
    rows,
    reclaims.map((r) => ({ row: r.row, owner: rules.pool.owner })),
  );
  appendAudit(
    spreadsheet,
    reclaims.map((r) => ({
      row: r.row,
      lead: r.lead,
      action: "reclaimed" as const,
      from: r.owner,
      to: rules.pool.owner,
      reason: reclaimText(r, lang, true),
      who: "",
    })),
    now,
  );
  return reclaims.length;
}

/**
 * After the hourly pass: the leads to reclaim, moved at once when the rules say so. Returns them,
 * and whether they were moved (else the caller flags them).
 */
export function reclaimAfterPass(
  spreadsheet: Spreadsheet,
  sheet: Sheet,
  result: PassResult,
  rows: readonly (readonly CellValue[])[],
  rules: RuleSet,
  history: Parameters<typeof leadsToReclaim>[2],
  lang: Lang,
  now: Date,
): { reclaims: Reclaim[]; moved: boolean } {
  if (!rules.pool.enabled) return { reclaims: [], moved: false };
  const reclaims = leadsToReclaim(result, rules, history);
  const moved =
    rules.pool.writeOwner && moveToPool(spreadsheet, sheet, result, rows, reclaims, rules, lang, now) > 0;
  return { reclaims, moved };
}

/** The lead sheet graded now, with the rules and the history, for the menu's pool commands. */
function gradedNow(now: Date) {
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const sheet = rememberedLeadSheet(spreadsheet) ?? spreadsheet.getActiveSheet();
  const { rules } = loadRules(
    PropertiesService.getDocumentProperties(),
    spreadsheet.getSpreadsheetTimeZone(),
  );
  const { table } = readLeadSheet(sheet);
  const result = runPass(table, rules, { asOf: now, zoneOffset: sheetsZoneOffset });
  return { spreadsheet, sheet, rules, rows: table.rows, result, history: readHistorySheet(spreadsheet) };
}

type Graded = ReturnType<typeof gradedNow> & { ownerAt: number };

/**
 * Runs a pool command under the document lock, over the lead sheet graded now: what it answers, or
 * why it could not run (another pass holds the lock, the pool is off, the sheet has no Owner column).
 */
function poolCommand(lang: Lang, now: Date, command: (graded: Graded) => string): string {
  const lock = LockService.getDocumentLock();
  if (!lock?.tryLock(3000)) return ADDON_WORDS[lang].menu.passLocked;
  try {
    const graded = gradedNow(now);
    const ownerAt = graded.result.columns.owner;
    if (!graded.rules.pool.enabled) return ADDON_WORDS[lang].pool.off;
    if (ownerAt === undefined) return ADDON_WORDS[lang].menu.assignNoOwner;
    return command({ ...graded, ownerAt });
  } finally {
    lock.releaseLock();
  }
}

/** Menu: lists the leads to reclaim and, once a manager confirms, moves them to the pool. */
export function reclaimNeglectedLeads(lang: Lang, now: Date): string {
  const w = ADDON_WORDS[lang].pool;
  return poolCommand(lang, now, ({ spreadsheet, sheet, rules, rows, result, history }) => {
    const reclaims = leadsToReclaim(result, rules, history);
    if (reclaims.length === 0) return w.none;
    const lines = reclaims
      .slice(0, 10)
      .map((r) => `${r.lead || r.key} (${r.owner}): ${reclaimText(r, lang)}`);
    if (reclaims.length > 10) lines.push(w.more(reclaims.length - 10));
    const ui = SpreadsheetApp.getUi();
    const answer = ui.alert(w.ask(reclaims.length, rules.pool.owner), lines.join("\n"), ui.ButtonSet.YES_NO);
    if (answer !== ui.Button.YES) return ADDON_WORDS[lang].menu.mergeCancelled;
    const moved = moveToPool(spreadsheet, sheet, result, rows, reclaims, rules, lang, now);
    return w.moved(moved, rules.pool.owner);
  });
}

/** Menu: the selected lead, from the pool to the person asking (their rep name, else their address). */
export function takeSelectedLead(lang: Lang, now: Date): string {
  const w = ADDON_WORDS[lang].pool;
  return poolCommand(lang, now, ({ spreadsheet, sheet, rules, rows, result, history, ownerAt }) => {
    const cell = spreadsheet.getCurrentCell();
    const onLeads = cell !== null && spreadsheet.getActiveSheet().getSheetId() === sheet.getSheetId();
    const row = onLeads ? cell.getRow() - 2 : -1;
    if (row < 0 || row >= rows.length) return w.select;
    const email = Session.getActiveUser().getEmail();
    const rep = rules.reps.find((r) => (r.email ?? "").toLowerCase() === email.toLowerCase())?.name ?? email;
    if (rep === "") return w.whoAreYou;
    const answer = canTake(rep, row, result, rules, history);
    if (!answer.ok) return takeRefusalText(answer, lang);
    const lead = result.rows[row];
    writeOwners(sheet, ownerAt, rows, [{ row, owner: rep }]);
    const audit = { row, lead: lead?.name ?? "", action: "taken" as const, from: lead?.owner ?? "", to: rep };
    appendAudit(spreadsheet, [{ ...audit, reason: "", who: email }], now);
    return w.taken(lead?.name ?? "", rep);
  });
}
