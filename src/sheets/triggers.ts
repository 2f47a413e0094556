/**
 * The hourly job: exactly one time-driven trigger per user per document (an add-on may hold no
 * more), installed and removed from the menu, running the priority pass with reminders.
 *
 * A clock trigger belongs to no spreadsheet as Apps Script lists them: `getUserTriggers(ss)` may
 * not return it, and `getProjectTriggers()` returns this user's triggers of every document the
 * add-on runs in. So the trigger's id is kept in the document's properties when it is made, and
 * "ours" is a project trigger with that id, or one `getUserTriggers(ss)` lists for our handler.
 */
import { LEAD_SHEET_KEY } from "./leadSheet";
import { runPriorityPass } from "./priorityPass";
import { loadRules } from "./rulesStore";

const HANDLER = "runHourlyPass";
const EDIT_HANDLER = "runPassOnEdit";
/** The unique id of this document's hourly trigger, for this user. */
export const TRIGGER_ID = "leadgrade.hourlyTrigger";

type Trigger = GoogleAppsScript.Script.Trigger;

function ourTriggers(props: GoogleAppsScript.Properties.Properties): Trigger[] {
  const id = props.getProperty(TRIGGER_ID);
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const listed = ScriptApp.getUserTriggers(spreadsheet).filter((t) => t.getHandlerFunction() === HANDLER);
  const recorded =
    id === null
      ? []
      : ScriptApp.getProjectTriggers().filter(
          (t) =>
            t.getUniqueId() === id &&
            t.getHandlerFunction() === HANDLER &&
            t.getEventType() === ScriptApp.EventType.CLOCK,
        );
  return [...new Map([...listed, ...recorded].map((t) => [t.getUniqueId(), t])).values()];
}

/** This user's edit trigger for this document (an edit trigger belongs to its spreadsheet). */
function editTriggers(): Trigger[] {
  return ScriptApp.getUserTriggers(SpreadsheetApp.getActiveSpreadsheet()).filter(
    (t) => t.getHandlerFunction() === EDIT_HANDLER,
  );
}

/**
 * Installs the hourly trigger unless it is there already, and while the rules' alerts are on, the
 * edit trigger that sends them within minutes of an edit (an add-on may hold one trigger of each
 * type per user and document; with alerts off, it is removed); returns whether the hourly one was
 * created. Called again after rules are saved, to follow the alerts' switch.
 */
export function installHourlyTrigger(): boolean {
  const props = PropertiesService.getDocumentProperties();
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const alerts = loadRules(props, spreadsheet.getSpreadsheetTimeZone()).rules.alerts.enabled;
  const edits = editTriggers();
  if (alerts && edits.length === 0)
    ScriptApp.newTrigger(EDIT_HANDLER).forSpreadsheet(spreadsheet).onEdit().create();
  if (!alerts) for (const t of edits) ScriptApp.deleteTrigger(t);
  if (ourTriggers(props).length > 0) return false;
  const trigger = ScriptApp.newTrigger(HANDLER).timeBased().everyHours(1).create();
  props.setProperty(TRIGGER_ID, trigger.getUniqueId());
  return true;
}

/** Removes LeadGrade's hourly and edit triggers for this document; returns how many hourly ones were removed. */
export function removeHourlyTrigger(): number {
  const props = PropertiesService.getDocumentProperties();
  const triggers = ourTriggers(props);
  for (const t of [...triggers, ...editTriggers()]) ScriptApp.deleteTrigger(t);
  props.deleteProperty(TRIGGER_ID);
  return triggers.length;
}

/** Whether this document has its edit trigger (alerts within minutes), for this user. */
export function editTriggerInstalled(): boolean {
  return editTriggers().length > 0;
}

/** Whether this document has its hourly trigger, for this user. */
export function hourlyTriggerInstalled(): boolean {
  return ourTriggers(PropertiesService.getDocumentProperties()).length > 0;
}

export function runHourlyPass(): void {
  runPriorityPass({ now: new Date(), remind: "on schedule", useActiveSheet: false, skipUnchanged: true });
}

/**
 * The installable edit trigger: an edit of the lead sheet is graded at once, so its alerts go out
 * within minutes rather than at the next hour. An edit of another sheet (LeadGrade's own, or any
 * other) does nothing; a pass already running (the lock) leaves this edit to the next run.
 */
export function runPassOnEdit(e?: GoogleAppsScript.Events.SheetsOnEdit): void {
  const id = PropertiesService.getDocumentProperties()?.getProperty(LEAD_SHEET_KEY);
  if (e?.range && id && String(e.range.getSheet().getSheetId()) !== id) return;
  runPriorityPass({ now: new Date(), remind: false, useActiveSheet: false, skipUnchanged: true });
}
