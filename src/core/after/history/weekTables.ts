/**
 * "What changed this week" as plain tables, drawn the same way by every door: the command line's
 * HTML report, the add-on's report sheet and its sidebar. First a count per owner, then the leads
 * of each kind.
 */
import { WORDS } from "../../model/locales/index";
import type { Lang } from "../../model/messages";
import type { WhatChanged } from "./gradeHistory";

export interface WeekTable {
  title: string;
  header: string[];
  rows: (string | number)[][];
}

export interface WeekView {
  title: string;
  /** Said instead of the tables when nothing changed. */
  empty: string;
  tables: WeekTable[];
}

/**
 * The week's changes as tables: per owner (sorted by name) a count of each kind, then up to `most`
 * leads of each kind that has any, newest first.
 *
 * @example
 * weekTables(whatChanged(result, entries, ["A", "B", "C", "D"]), "A", "en").tables[0].header
 * // ["Owner", "Rose into A", "Fell out of A", "Went overdue", "Touched"]
 */
export function weekTables(week: WhatChanged, top: string, lang: Lang, most = 50): WeekView {
  const w = WORDS[lang].week;
  const owners = Object.entries(week.byOwner).sort((a, b) => a[0].localeCompare(b[0]));
  const tables: WeekTable[] = [];
  if (owners.length > 0)
    tables.push({
      title: w.byOwner,
      header: [w.owner, w.roseIntoTop(top), w.fellFromTop(top), w.wentOverdue, w.touched],
      rows: owners.map(([owner, c]) => [
        owner || "—",
        c.roseIntoTop,
        c.fellFromTop,
        c.wentOverdue,
        c.touched,
      ]),
    });
  const changes = (title: string, list: WhatChanged["roseIntoTop"]) => {
    if (list.length === 0) return;
    tables.push({
      title,
      header: [w.lead, w.owner, w.day, w.change, w.moved],
      rows: list
        .slice(0, most)
        .map((c) => [c.lead, c.owner || "—", c.day, `${c.from ?? "—"} → ${c.to ?? "—"}`, c.moved]),
    });
  };
  changes(w.roseIntoTop(top), week.roseIntoTop);
  changes(w.fellFromTop(top), week.fellFromTop);
  changes(w.wentOverdue, week.wentOverdue);
  if (week.touched.length > 0)
    tables.push({
      title: w.touched,
      header: [w.lead, w.owner, w.touches],
      rows: week.touched.slice(0, most).map((t) => [t.lead, t.owner || "—", t.touches]),
    });
  return { title: w.title(week.days), empty: w.empty, tables };
}
