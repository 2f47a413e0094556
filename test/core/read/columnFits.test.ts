import { describe, expect, it } from "vitest";
import { choosePhoneRegion, isValidNationalPhone } from "../../../src/core/grade/quality/phoneRegion";
import { columnFits } from "../../../src/core/read/columnFits";
import { findColumns } from "../../../src/core/read/findColumns";

const column = (...values: unknown[]) => values.map((v) => [v as string]);

describe("columnFits", () => {
  it("checks a sample of a column's values against the field's kind", () => {
    expect(columnFits("email", column("No", "Yes", "No"), 0)).toMatchObject({
      fits: false,
      examples: ["No", "Yes"],
    });
    expect(columnFits("email", column("a@b.cn", "c@d.com"), 0).fits).toBe(true);
    expect(columnFits("lastContact", column("Email Opened", "Page Visited on Website"), 0).fits).toBe(false);
    expect(columnFits("lastContact", column("15 Apr, 2021 00:03:00", "10/20/2016", 46_000), 0).fits).toBe(
      true,
    );
    expect(columnFits("budget", column("20万", "$8,000"), 0).fits).toBe(true);
    expect(columnFits("converted", column("0", "1", "Yes"), 0).fits).toBe(true);
    expect(columnFits("name", column("anything"), 0).fits).toBe(true);
  });
});

describe("findColumns with the rows", () => {
  const header = ["Name", "Do Not Email", "Last Activity", "Contact"];
  const rows = Array.from({ length: 6 }, (_, i) => [`L${i}`, "No", "Email Opened", `p${i}@example.com`]);

  it("passes over a header whose values do not fit, says which and why, and finds the field by values", () => {
    const match = findColumns(header, {}, rows);
    expect(match.columns.lastContact).toBeUndefined();
    expect(match.rejected.map((r) => [r.field, r.header])).toEqual([
      ["lastContact", "Last Activity"],
      ["email", "Do Not Email"],
    ]);
    expect(match.columns.email).toBe(3);
  });

  it("keeps a column that is the field's own word even with some bad values, for issues on rows", () => {
    const some = rows.map((r, i) => [...r, i < 2 ? "not an address" : `x${i}@example.com`]);
    expect(findColumns([...header, "Email"], {}, some).columns.email).toBe(4);
  });

  it("finds the e-mail column by its values when no header names it", () => {
    const match = findColumns(
      ["Name", "Contact details"],
      {},
      rows.map((r) => [r[0], r[3]]),
    );
    expect(match.columns.email).toBe(1);
    expect(match.byValues).toEqual(["email"]);
  });

  it("takes a manual mapping as given", () => {
    expect(findColumns(header, { email: "Do Not Email" }, rows).columns.email).toBe(1);
  });
});

describe("phone numbering plans", () => {
  it("choose the region most of a column's national numbers fit, or the one the rules name", () => {
    expect(choosePhoneRegion(["660-485-0224", "860-253-6354", "336-856-3419"])).toEqual({
      region: "US",
      inferred: true,
    });
    expect(choosePhoneRegion(["13812345678", "010-12345678", "0755-12345678"])).toEqual({
      region: "CN",
      inferred: true,
    });
    expect(choosePhoneRegion(["+44 20 7946 0958"])).toBeUndefined();
    expect(choosePhoneRegion(["660-485-0224"], "gb")).toEqual({ region: "GB", inferred: false });
    expect(choosePhoneRegion(["12", "abc"])).toBeUndefined();
  });

  it("never take a short service number for a lead's phone", () => {
    expect(isValidNationalPhone("1234", "DE")).toBe(false);
    expect(isValidNationalPhone("660-485-0224", "US")).toBe(true);
  });
});
