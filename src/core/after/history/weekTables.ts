/**
 * "What changed this week" as plain tables, drawn the same way by every door: the command line's
 * HTML report, the add-on's report sheet and its sidebar. First a count per owner, then the leads
 * of each kind.
 */
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

const WORDS = {
  zh: {
    title: (days: number) => `近 ${days} 天的变化`,
    byOwner: "按负责人",
    owner: "负责人",
    roseIntoTop: (top: string) => `升入 ${top}`,
    fellFromTop: (top: string) => `跌出 ${top}`,
    wentOverdue: "转为逾期",
    touched: "有跟进",
    lead: "线索",
    day: "日期",
    change: "变化",
    moved: "原因变化",
    touches: "跟进次数",
    empty: "这段时间没有变化",
  },
  en: {
    title: (days: number) => `What changed in the last ${days} days`,
    byOwner: "By owner",
    owner: "Owner",
    roseIntoTop: (top: string) => `Rose into ${top}`,
    fellFromTop: (top: string) => `Fell out of ${top}`,
    wentOverdue: "Went overdue",
    touched: "Touched",
    lead: "Lead",
    day: "Day",
    change: "Change",
    moved: "What moved",
    touches: "Touches",
    empty: "Nothing changed in these days",
  },
} as const;

/**
 * The week's changes as tables: per owner (sorted by name) a count of each kind, then up to `most`
 * leads of each kind that has any, newest first.
 *
 * @example
 * weekTables(whatChanged(result, entries, ["A", "B", "C", "D"]), "A", "en").tables[0].header
 * // ["Owner", "Rose into A", "Fell out of A", "Went overdue", "Touched"]
 */
export function weekTables(week: WhatChanged, top: string, lang: Lang, most = 50): WeekView {
  const w = WORDS[lang];
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
