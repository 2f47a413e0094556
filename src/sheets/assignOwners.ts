/**
 * "Assign now": fills the Owner cell of leads that have none, with the rep the core's assignment
 * picks (expertise, capacity, daily caps, higher grades first). Only empty Owner cells are written;
 * where the Owner column holds formulas, cells are written one by one so no formula is replaced.
 * What each rep was given today is kept in document properties, so daily caps hold across runs.
 */
import { assignLeads, isoFromCivilDay, runPass, zoneClock } from "../core/index";
import { writeOwners } from "./leadPool";
import { readLeadSheet } from "./leadSheet";
import { loadRules } from "./rulesStore";
import { sheetsZoneOffset } from "./zoneOffset";

const TALLY = "leadgrade.assignedToday";

export interface AssignReport {
  assigned: Record<string, number>;
  unassigned: number;
  skipped?: "no_owner_column" | "no_reps" | "no_header";
}

export function assignUnownedLeads(now: Date): AssignReport {
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const sheet = spreadsheet.getActiveSheet();
  const props = PropertiesService.getDocumentProperties();
  const all = props.getProperties();
  const { rules } = loadRules(props, spreadsheet.getSpreadsheetTimeZone());
  if (rules.reps.length === 0) return { assigned: {}, unassigned: 0, skipped: "no_reps" };
  const { table } = readLeadSheet(sheet);
  const rows = table.rows;
  const result = runPass(table, rules, { asOf: now, zoneOffset: sheetsZoneOffset });
  if (result.issues.some((i) => i.code === "no_header"))
    return { assigned: {}, unassigned: 0, skipped: "no_header" };
  const ownerAt = result.columns.owner;
  if (ownerAt === undefined) return { assigned: {}, unassigned: 0, skipped: "no_owner_column" };

  const today = isoFromCivilDay(zoneClock(rules.timeZone, sheetsZoneOffset).dayOf(now));
  const tally = readTally(all[TALLY], today);
  const assignments = assignLeads(rows, result, rules, { assignedToday: tally });
  const given = assignments.filter((a) => a.rep !== null);
  writeOwners(
    sheet,
    ownerAt,
    rows,
    given.map((a) => ({ row: a.row, owner: a.rep ?? "" })),
  );
  const assigned: Record<string, number> = {};
  for (const a of given) assigned[a.rep as string] = (assigned[a.rep as string] ?? 0) + 1;
  for (const [rep, n] of Object.entries(assigned)) tally[rep] = (tally[rep] ?? 0) + n;
  props.setProperty(TALLY, JSON.stringify({ day: today, counts: tally }));
  return { assigned, unassigned: assignments.length - given.length };
}

function readTally(text: string | undefined, today: string): Record<string, number> {
  try {
    const stored = JSON.parse(text ?? "{}") as { day?: string; counts?: Record<string, number> };
    return stored.day === today && stored.counts ? { ...stored.counts } : {};
  } catch {
    return {};
  }
}
