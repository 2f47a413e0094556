import { describe, expect, it } from "vitest";
import type { WhatChanged } from "../../../../src/core/index";
import { weekTables } from "../../../../src/core/index";

const change = (lead: string, owner: string, day: string, from: string, to: string, moved = "") => ({
  lead,
  owner,
  day,
  from,
  to,
  moved,
});

const WEEK: WhatChanged = {
  days: 7,
  roseIntoTop: [change("zs@example.com", "王", "2026-12-02", "B", "A", "+10 1次拜访(14天内)")],
  fellFromTop: [],
  wentOverdue: [change("ls@example.com", "", "2026-12-01", "C", "C")],
  touched: [{ lead: "zs@example.com", owner: "王", touches: 2 }],
  byOwner: {
    王: { roseIntoTop: 1, fellFromTop: 0, wentOverdue: 0, touched: 1 },
    "": { roseIntoTop: 0, fellFromTop: 0, wentOverdue: 1, touched: 0 },
  },
};

describe("the week's changes as tables", () => {
  it("count each kind per owner, then list the leads of each kind that has any", () => {
    const view = weekTables(WEEK, "A", "zh");
    expect(view.title).toBe("近 7 天的变化");
    expect(view.tables.map((t) => t.title)).toEqual(["按负责人", "升入 A", "转为逾期", "有跟进"]);
    expect(view.tables[0]?.rows).toEqual([
      ["—", 0, 0, 1, 0],
      ["王", 1, 0, 0, 1],
    ]);
    expect(view.tables[1]?.rows).toEqual([
      ["zs@example.com", "王", "2026-12-02", "B → A", "+10 1次拜访(14天内)"],
    ]);
    expect(view.tables[3]?.rows).toEqual([["zs@example.com", "王", 2]]);
  });

  it("speak English, and keep at most the asked number of leads per kind", () => {
    const many = {
      ...WEEK,
      wentOverdue: Array.from({ length: 60 }, (_, k) => change(`l${k}`, "王", "2026-12-01", "C", "C")),
    };
    const view = weekTables(many, "A", "en", 50);
    expect(view.tables[0]?.header).toEqual([
      "Owner",
      "Rose into A",
      "Fell out of A",
      "Went overdue",
      "Touched",
    ]);
    expect(view.tables.find((t) => t.title === "Went overdue")?.rows).toHaveLength(50);
  });

  it("say so when nothing changed", () => {
    const none = weekTables(
      { ...WEEK, roseIntoTop: [], wentOverdue: [], touched: [], byOwner: {} },
      "A",
      "en",
    );
    expect(none.tables).toEqual([]);
    expect(none.empty).toBe("Nothing changed in these days");
  });
});
