/**
 * When to follow a lead up next: the last contact (or, for a lead never contacted, its creation)
 * plus its grade's cadence, moved forward to the next working day that is not a holiday, on the
 * rule set's calendar. "Today" is always an argument.
 */

import type { GradeDef, RuleSet } from "../../model/schema";
import { type CivilDay, civilDayFromIso, weekdayOf } from "../../text/civilDay";

export interface WorkCalendar {
  isWorkingDay(day: CivilDay): boolean;
}

/**
 * @example
 * const cal = workCalendar({ workingDays: [1, 2, 3, 4, 5], holidays: ["2026-10-01"], extraWorkingDays: [] });
 * cal.isWorkingDay(civilDayFromIso("2026-10-01")) // false
 */
export function workCalendar(followUp: RuleSet["followUp"]): WorkCalendar {
  const weekdays = new Set(followUp.workingDays);
  const holidays = new Set(followUp.holidays.map(civilDayFromIso));
  const extra = new Set((followUp.extraWorkingDays ?? []).map(civilDayFromIso));
  return {
    isWorkingDay: (day) => extra.has(day) || (weekdays.has(weekdayOf(day)) && !holidays.has(day)),
  };
}

/** The first working day on or after `day` (a year at most: a calendar with no working day gives up). */
export function rollToWorkingDay(day: CivilDay, calendar: WorkCalendar): CivilDay {
  for (let d = day; d < day + 366; d++) if (calendar.isWorkingDay(d)) return d;
  return day;
}

export interface FollowUpFacts {
  lastContact?: CivilDay;
  created?: CivilDay;
}

/**
 * The next follow-up day for a lead of the given grade.
 *
 * @example
 * // A-grade lead created on Friday 2026-11-20, never contacted: due Monday 2026-11-23.
 * nextFollowUp({ created: friday }, gradeA, calendar, asOf) // monday
 */
export function nextFollowUp(
  facts: FollowUpFacts,
  grade: GradeDef,
  calendar: WorkCalendar,
  asOf: CivilDay,
): CivilDay {
  let due: CivilDay;
  if (facts.lastContact !== undefined) due = facts.lastContact + grade.cadence.everyDays;
  else if (facts.created !== undefined) due = facts.created + grade.cadence.firstContactWithinDays;
  else due = asOf; // nothing to go on: it is due now
  return rollToWorkingDay(due, calendar);
}

export type FollowUpStatus = "overdue" | "due" | "upcoming";

/** Overdue when the follow-up day is before today; due when it is today. */
export function followUpStatus(next: CivilDay, asOf: CivilDay): FollowUpStatus {
  return next < asOf ? "overdue" : next === asOf ? "due" : "upcoming";
}
