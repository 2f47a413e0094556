import { describe, expect, it } from "vitest";
import { learningText, standardPreset } from "../../src/core/index";
import { runPriorityPass } from "../../src/sheets/priorityPass";
import {
  getSidebarState,
  learnFromSidebar,
  openSidebar,
  previewSidebarRules,
  restoreSidebarRules,
  saveSidebarRules,
} from "../../src/sheets/sidebar";
import { installGasFakes } from "../support/gasFakes";

const LEADS = [
  ["Name", "Source", "Intent", "Owner"],
  ["Acme", "referral", "high", "tom@example.com"],
  ["Beta", "ads", "low", "tom@example.com"],
];

describe("the sidebar's server functions", () => {
  it("open the sidebar file with its title", () => {
    const fakes = installGasFakes();
    openSidebar();
    expect(fakes.sidebars).toEqual([{ file: "sidebar", title: "LeadGrade" }]);
  });

  it("hand the sidebar JSON-safe state: rules as text, headers without LeadGrade's own columns", () => {
    installGasFakes({ locale: "en_GB", sheets: { Leads: LEADS.map((r) => [...r]) } });
    runPriorityPass({ now: new Date("2026-11-22T02:00:00Z"), remind: false, useActiveSheet: true });
    const state = getSidebarState();
    expect(state.lang).toBe("en");
    expect(state.headers).toEqual(["Name", "Source", "Intent", "Owner"]);
    expect(JSON.parse(state.rules).grades[0].grade).toBe("A");
    expect(JSON.parse(JSON.stringify(state))).toEqual(state);
  });

  it("refuse invalid rules with readable issues in both languages, writing nothing", () => {
    const fakes = installGasFakes({ sheets: { Leads: LEADS.map((r) => [...r]) } });
    const bad = JSON.stringify({ ...standardPreset(), grades: [] });
    const preview = previewSidebarRules(bad, "en");
    expect(preview).toEqual({
      ok: false,
      issues: [{ path: "grades", zh: "等级: 太小或太短", en: "Grades: is too small or too short" }],
    });
    expect(saveSidebarRules("{").ok).toBe(false);
    expect(restoreSidebarRules().ok).toBe(false);
    expect(fakes.documentProperties.getProperties()).toEqual({});
  });

  it("preview reads the leads but not LeadGrade's own columns", () => {
    installGasFakes({ sheets: { Leads: LEADS.map((r) => [...r]) } });
    runPriorityPass({ now: new Date("2026-11-22T02:00:00Z"), remind: false, useActiveSheet: true });
    const edited = standardPreset();
    (edited.grades[0] as { minScore: number }).minScore = 100;
    const answer = previewSidebarRules(JSON.stringify(edited), "en");
    if (!answer.ok) throw new Error("expected a preview");
    const total = (by: Record<string, number>) => Object.values(by).reduce((a, b) => a + b, 0);
    expect(total(answer.comparison.now)).toBe(2);
    expect(answer.comparison.next.A ?? 0).toBe(0);
  });
});

describe("the sidebar's Learn section", () => {
  const ORIGINS = ["Web Form", "Import"];
  /** 200 closed leads: nine in ten web-form leads won, one in ten imported. */
  const history = () => [
    ["Name", "Source", "Intent", "Status", "Lead Origin"],
    ...Array.from({ length: 200 }, (_, i) => {
      const form = i % 2 === 0;
      const won = form ? i % 10 !== 0 : i % 10 === 1;
      return [`Lead ${i}`, "event", "medium", won ? "won" : "lost", ORIGINS[i % 2] as string];
    }),
  ];

  it("shows the AUCs with intervals, the suggestion and its preview, and saves nothing", () => {
    const fakes = installGasFakes({ locale: "en_GB", sheets: { Leads: history() } });
    const answer = learnFromSidebar("en");
    // The sidebar says what the server found with the core's learningText.
    const text = learningText(answer.learned, answer.coldStart, "en");
    expect(text).toContain("Learning from 100 won and 100 lost leads");
    expect(text).toMatch(/Lead Origin = Web Form {2}\+\d+/);
    expect(JSON.parse(JSON.stringify(answer.learned)).won).toBe(100);
    const suggested = JSON.parse(answer.suggested ?? "{}");
    expect(suggested.columnPoints[0].header).toBe("Lead Origin");
    expect(answer.comparison?.changes).toBeGreaterThan(0);
    expect(fakes.documentProperties.getProperties()).toEqual({});
    // Apply is a save of the suggestion, as a new version.
    const saved = saveSidebarRules(answer.suggested ?? "");
    expect(saved).toMatchObject({ ok: true, version: 1 });
  });

  it("says when there is too little history, and suggests no rules", () => {
    installGasFakes({ locale: "en_GB", sheets: { Leads: history().slice(0, 30) } });
    const answer = learnFromSidebar("en");
    expect(learningText(answer.learned, answer.coldStart, "en")).toContain("Learning: too little history");
    expect(answer.suggested).toBeUndefined();
  });
});
