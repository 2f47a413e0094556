import { describe, expect, it } from "vitest";
import { findAlerts, runPass, standardPreset } from "../../../../src/core/index";

const RULES = standardPreset("UTC");
const HEADER = ["Name", "Company", "Email", "Source", "Intent", "Budget", "Notes"];
const ROWS = [
  ["Ann", "Acme", "Ann@Acme.com", "referral", "high", "200000", "asked for a quote"],
  ["Bo", "Beta", "", "ads", "low", "", ""],
  ["Cy", "Cyan", "", "referral", "high", "200000", "asked for a quote"],
];
const grade = (rows: string[][]) => {
  const table = { header: HEADER, rows };
  return { table, result: runPass(table, RULES, { asOf: "2026-12-01" }) };
};

describe("alerts on change", () => {
  it("tell each lead that reached the top grade once, known by the pass's lead key, whatever the row order", () => {
    const { table, result } = grade(ROWS);
    const first = findAlerts(table, result, RULES, "en", undefined);
    expect(first.alerts.map((a) => [a.key, a.reason, a.row])).toEqual([
      ["ann@acme.com", "top_grade", 2],
      ["Cy / Cyan", "top_grade", 4],
    ]);
    const state = { ...first.next, sent: [...first.next.sent, ...first.alerts.map((a) => a.sent)] };
    const sorted = grade([ROWS[2], ROWS[1], ROWS[0]] as string[][]);
    expect(findAlerts(sorted.table, sorted.result, RULES, "en", state).alerts).toEqual([]);
  });

  it("carry over a state written with the old keys without telling anyone twice", () => {
    const { table, result } = grade(ROWS);
    const old = {
      leads: {
        "e:ann@acme.com": { grade: "A", signals: ["quote"] },
        "n:cy|cyan": { grade: "A", signals: ["quote"] },
      },
      sent: [
        JSON.stringify(["e:ann@acme.com", "top_grade", "A"]),
        JSON.stringify(["n:cy|cyan", "top_grade", "A"]),
      ],
    };
    const { alerts, next } = findAlerts(table, result, RULES, "en", old);
    expect(alerts).toEqual([]);
    expect(next.sent.sort()).toEqual(
      [
        JSON.stringify(["Cy / Cyan", "top_grade", "A"]),
        JSON.stringify(["ann@acme.com", "top_grade", "A"]),
      ].sort(),
    );
    expect(Object.keys(next.leads).sort()).toEqual(["Bo / Beta", "Cy / Cyan", "ann@acme.com"]);
  });
});
