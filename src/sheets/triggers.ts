/**
 * The hourly job: exactly one time-driven trigger per user per document (an add-on may hold no
 * more), installed and removed from the menu, running the priority pass with reminders.
 *
 * A clock trigger belongs to no spreadsheet as Apps Script lists them: `getUserTriggers(ss)` may
 * not return it, and `getProjectTriggers()` returns this user's triggers of every document the
 * add-on runs in. So the trigger's id is kept in the document's properties when it is made, and
 * "ours" is a project trigger with that id, or one `getUserTriggers(ss)` lists for our handler.
 */
import { runPriorityPass } from "./priorityPass";

const HANDLER = "runHourlyPass";
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

/** Installs the hourly trigger unless it is there already; returns whether one was created. */
export function installHourlyTrigger(): boolean {
  const props = PropertiesService.getDocumentProperties();
  if (ourTriggers(props).length > 0) return false;
  const trigger = ScriptApp.newTrigger(HANDLER).timeBased().everyHours(1).create();
  props.setProperty(TRIGGER_ID, trigger.getUniqueId());
  return true;
}

/** Removes LeadGrade's hourly trigger for this document; returns how many were removed. */
export function removeHourlyTrigger(): number {
  const props = PropertiesService.getDocumentProperties();
  const triggers = ourTriggers(props);
  for (const t of triggers) ScriptApp.deleteTrigger(t);
  props.deleteProperty(TRIGGER_ID);
  return triggers.length;
}

/** Whether this document has its hourly trigger, for this user. */
export function hourlyTriggerInstalled(): boolean {
  return ourTriggers(PropertiesService.getDocumentProperties()).length > 0;
}

export function runHourlyPass(): void {
  runPriorityPass({ now: new Date(), remind: "on schedule", useActiveSheet: false, skipUnchanged: true });
}
