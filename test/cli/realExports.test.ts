import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
// @ts-expect-error: build.mjs is plain JavaScript
import { ADDON_PHONE_REGIONS } from "../../build.mjs";
import { readTable } from "../../src/cli/readTable";
import { PHONE_REGIONS } from "../../src/core/grade/quality/phoneRegion";
import { type PassResult, runPass, standardPreset, validateRules } from "../../src/core/index";

const REAL = join(import.meta.dirname, "../fixtures/real");

async function grade(file: string, asOf: string): Promise<PassResult> {
  const table = await readTable(join(REAL, file));
  return runPass(table, { ...standardPreset(), timeZone: "UTC" }, { asOf });
}

const rowsWith = (result: PassResult, code: string, field?: string) =>
  result.rows.filter((r) =>
    r.issues.some((i) => i.code === code && (field === undefined || i.field === field)),
  ).length;
const closedAndDue = (result: PassResult) =>
  result.rows.filter((r) => r.outcome !== null && r.followUp !== null).length;

describe("a lead-scoring case study export (X Education)", () => {
  it("reads no Yes/No column as e-mail and no activity words as dates, and finds the Converted outcome", async () => {
    const result = await grade("lead-scoring-case-study.csv", "2021-05-01");
    expect(result.columns.email).toBeUndefined();
    expect(result.columns.lastContact).toBeUndefined();
    expect(result.issues.filter((i) => i.code === "column_not_used").map((i) => i.header)).toEqual([
      "Last Activity",
      "Do Not Email",
    ]);
    expect(rowsWith(result, "bad_email") + rowsWith(result, "bad_date")).toBe(0);
    const labels = result.rows.map((r) => r.label);
    expect(labels.filter((l) => l === "won")).toHaveLength(31);
    expect(labels.filter((l) => l === "lost")).toHaveLength(49);
  });
});

describe("a Zoho lead export", () => {
  it("reads its dates and US phones, and follows up no converted, junk or lost lead", async () => {
    const result = await grade("zoho-leads.csv", "2021-05-01");
    expect(result.headers).toMatchObject({
      created: "Created Time",
      phone: "Mobile",
      converted: "CONVERTED",
    });
    expect(rowsWith(result, "bad_date")).toBe(0);
    expect(rowsWith(result, "bad_phone")).toBe(0);
    expect(result.issues).toContainEqual({
      code: "phone_region",
      field: "phone",
      region: "US",
      inferred: true,
    });
    expect(closedAndDue(result)).toBe(0);
    // Converted leads are customers; "Junk Lead" and "Lost Lead" are lost.
    const stages = new Set(result.rows.filter((r) => r.outcome === "won").map((r) => r.stage));
    expect([...stages].every((s) => s === "new" || s === "active" || s === "dormant")).toBe(true);
    expect(result.rows.filter((r) => r.outcome === "lost").length).toBeGreaterThan(5);
    expect(result.rows.filter((r) => r.outcome === null && r.followUp !== null).length).toBeGreaterThan(0);
  });
});

describe("a US opportunity sample (Maven Analytics)", () => {
  it("reads its month-first dates from their own values, and follows up only the open deals", async () => {
    const result = await grade("us-opportunities.csv", "2017-03-31");
    expect(result.headers).toMatchObject({
      owner: "sales_agent",
      stage: "deal_stage",
      created: "engage_date",
    });
    expect(result.issues).toContainEqual({ code: "date_order_inferred", field: "created", order: "mdy" });
    expect(rowsWith(result, "bad_date") + rowsWith(result, "date_order")).toBe(0);
    expect(closedAndDue(result)).toBe(0);
    const open = result.rows.filter((r) => r.outcome === null);
    expect(open).toHaveLength(5);
    expect(open.every((r) => r.followUp !== null)).toBe(true);
  });
});

describe("Odoo's CRM demo leads, as Odoo's list export writes them", () => {
  it("reads Expected Revenue as the deal's size (not as money spent) and Priority as intent", async () => {
    const result = await grade("odoo-crm-leads.csv", "2026-11-20");
    expect(result.headers).toMatchObject({
      budget: "Expected Revenue",
      intent: "Priority",
      owner: "Salesperson",
      stage: "Stage",
      created: "Created on",
    });
    // No column read as what a customer spent: RFM would call every lead "Lost".
    expect(result.columns.revenue).toBeUndefined();
    expect(result.rows.filter((r) => r.rfm !== null)).toHaveLength(0);
    expect(
      rowsWith(result, "bad_date") + rowsWith(result, "bad_intent") + rowsWith(result, "bad_money"),
    ).toBe(0);
    // New / Qualified / Proposition are open stages: each is followed up.
    expect(result.rows.every((r) => r.outcome === null && r.followUp !== null)).toBe(true);
  });
});

describe("a Chinese teaching CRM's clue export (汇客 CRM), codes as its export writes them", () => {
  it("maps its owner (所属人) and status columns, and a partial rules file reads its codes in a few lines", async () => {
    const table = await readTable(join(REAL, "huike-clues.csv"));
    const standard = runPass(table, { ...standardPreset(), timeZone: "UTC" }, { asOf: "2022-05-01" });
    expect(standard.headers).toMatchObject({ owner: "所属人", intent: "意向等级", phone: "手机号" });
    expect(standard.headers.status).toMatch(/^状态/);
    expect(rowsWith(standard, "bad_phone")).toBe(0);
    // Its codes mean nothing to the standard rules: 4 (伪线索, a fake lead) is not yet lost.
    expect(standard.rows.filter((r) => r.outcome === "lost")).toHaveLength(0);
    const rules = validateRules({
      extends: "standard",
      timeZone: "UTC",
      intentWords: { high: ["0"], medium: ["1"], low: ["2", "3"] },
      outcomes: { won: ["7"], lost: ["4"] },
    });
    if (!rules.ok) throw new Error(JSON.stringify(rules.issues));
    const taught = runPass(table, rules.rules, { asOf: "2022-05-01" });
    expect(taught.rows.filter((r) => r.outcome === "lost")).toHaveLength(22);
    expect(closedAndDue(taught)).toBe(0);
    // 近期学习 (code 0) now earns the high-intent points, 进行了解 (2) and 打酱油 (3) none.
    const intentPoints = (row: number) =>
      taught.rows[row]?.trace.find((t) => t.group === "intent")?.points ?? 0;
    const levels = table.rows.map((r) => r[8]);
    const high = levels.flatMap((l, i) => (l === "0" ? [i] : []));
    const low = levels.flatMap((l, i) => (l === "2" || l === "3" ? [i] : []));
    expect(high.length).toBeGreaterThan(0);
    expect(high.every((i) => intentPoints(i) > 0)).toBe(true);
    expect(low.every((i) => intentPoints(i) === 0)).toBe(true);
  });
});

describe("phone numbering plans", () => {
  it("the add-on carries the plans of exactly the regions the engine tries", () => {
    expect([...ADDON_PHONE_REGIONS]).toEqual([...PHONE_REGIONS]);
  });
});

// The fixtures' first lines, so a changed file fails here rather than quietly changing what is tested.
describe("the fixtures", () => {
  it.each([
    ["lead-scoring-case-study.csv", "Prospect ID,Lead Number,Lead Origin,Lead Source,Do Not Email"],
    ["zoho-leads.csv", "LEADID,Last Name,Company,Lead Owner,Email,Mobile"],
    ["us-opportunities.csv", "opportunity_id,sales_agent,product,account,deal_stage"],
    ["odoo-crm-leads.csv", "Opportunity,Contact Name,Company Name,Email,Phone,Country"],
    ["huike-clues.csv", "客户姓名,手机号,渠道,活动id,1 男 0 女,年龄"],
  ])("%s is the public export's slice", async (file, start) => {
    expect((await readFile(join(REAL, file), "utf8")).startsWith(start)).toBe(true);
  });
});
