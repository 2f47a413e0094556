import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
// @ts-expect-error: build.mjs is plain JavaScript
import { ADDON_PHONE_REGIONS } from "../../build.mjs";
import { readTable } from "../../src/cli/readTable";
import { type PassResult, runPass, standardPreset } from "../../src/core/index";
import { PHONE_REGIONS } from "../../src/core/quality/phoneRegion";

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
  ])("%s is the public export's slice", async (file, start) => {
    expect((await readFile(join(REAL, file), "utf8")).startsWith(start)).toBe(true);
  });
});
