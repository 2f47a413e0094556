/**
 * The hourly job: exactly one time-driven trigger per user per document (an add-on may hold no
 * more), installed and removed from the menu, running the priority pass with reminders.
 */
import { runPriorityPass } from "./priorityPass";

const HANDLER = "runHourlyPass";

function ourTriggers(): GoogleAppsScript.Script.Trigger[] {
  return ScriptApp.getUserTriggers(SpreadsheetApp.getActiveSpreadsheet()).filter(
    (t) => t.getHandlerFunction() === HANDLER,
  );
}

/** Installs the hourly trigger unless it is there already; returns whether one was created. */
export function installHourlyTrigger(): boolean {
  if (ourTriggers().length > 0) return false;
  ScriptApp.newTrigger(HANDLER).timeBased().everyHours(1).create();
  return true;
}

/** Removes LeadGrade's hourly trigger(s); returns how many were removed. */
export function removeHourlyTrigger(): number {
  const triggers = ourTriggers();
  for (const t of triggers) ScriptApp.deleteTrigger(t);
  return triggers.length;
}

export function runHourlyPass(): void {
  runPriorityPass({ now: new Date(), remind: "on schedule", useActiveSheet: false });
}
