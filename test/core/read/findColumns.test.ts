import { describe, expect, it } from "vitest";
import { findColumns } from "../../../src/core/read/findColumns";

describe("findColumns", () => {
  it("finds Chinese headers", () => {
    const { columns } = findColumns([
      "客户名称",
      "来源",
      "行业",
      "意向",
      "预算",
      "最近联系",
      "备注",
      "负责人",
    ]);
    expect(columns).toEqual({
      name: 0,
      source: 1,
      industry: 2,
      intent: 3,
      budget: 4,
      lastContact: 5,
      notes: 6,
      owner: 7,
    });
  });

  it("finds English headers regardless of case, spacing and punctuation", () => {
    const { columns } = findColumns([
      "Name",
      "Lead Source",
      "last_contact",
      "E-mail",
      "Last Purchase",
      "Orders",
      "Revenue",
    ]);
    expect(columns).toEqual({
      name: 0,
      source: 1,
      lastContact: 2,
      email: 3,
      lastPurchase: 4,
      orders: 5,
      revenue: 6,
    });
  });

  it("finds headers that carry a unit or an extra word", () => {
    const { columns } = findColumns(["客户名称", "预算(元)", "最近联系时间", "客户来源渠道"]);
    expect(columns).toMatchObject({ name: 0, budget: 1, lastContact: 2, source: 3 });
  });

  it("finds the columns of CRM exports (Salesforce leads, HubSpot contacts)", () => {
    const salesforce = ["Lead ID", "Name", "Company", "Email", "Mobile", "Lead Source", "Lead Status"];
    expect(
      findColumns([...salesforce, "Rating", "Lead Owner", "Created Date", "Description"]).columns,
    ).toEqual({
      name: 1,
      company: 2,
      email: 3,
      phone: 4,
      source: 5,
      status: 6,
      intent: 7,
      owner: 8,
      created: 9,
      notes: 10,
    });
    const hubspot = ["Full Name", "Email Address", "Original Source", "Create Date", "Last Contacted"];
    expect(findColumns([...hubspot, "Contact owner", "最后跟进时间"]).columns).toEqual({
      name: 0,
      email: 1,
      source: 2,
      created: 3,
      lastContact: 4,
      owner: 5,
    });
    expect(findColumns(["客户名称", "最后跟进时间", "上次跟进时间"]).columns).toEqual({
      name: 0,
      lastContact: 1,
    });
  });

  it("does not take a company's annual revenue for what the customer spent", () => {
    const { columns, unmatched } = findColumns(["Name", "Annual Revenue", "公司年营业额(万)", "Total Spend"]);
    expect(columns).toEqual({ name: 0, revenue: 3 });
    expect(unmatched.map((u) => u.header)).toEqual(["Annual Revenue", "公司年营业额(万)"]);
    // A manual mapping still can.
    expect(findColumns(["Name", "Annual Revenue"], { revenue: "Annual Revenue" }).columns.revenue).toBe(1);
  });

  it("does not read short English words inside longer ones", () => {
    const { columns, unmatched } = findColumns(["Hotel", "Report"]);
    expect(columns).toEqual({});
    expect(unmatched.map((u) => u.header)).toEqual(["Hotel", "Report"]);
  });

  it("never takes LeadGrade's own output columns as input", () => {
    const { columns } = findColumns(["Name", "Intent", "Score", "Grade", "Why", "评分", "等级"]);
    expect(columns).toEqual({ name: 0, intent: 1 });
  });

  it("never takes the add-on's tagged columns as input, a stage among them", () => {
    const header = ["客户名称", "阶段", "阶段 (LeadGrade)", "Stage (LeadGrade)", "意向"];
    const { columns, unmatched } = findColumns(header);
    expect(columns).toEqual({ name: 0, stage: 1, intent: 4 });
    expect(unmatched).toEqual([]);
    expect(findColumns(["客户名称", "阶段 (LeadGrade)"]).columns).toEqual({ name: 0 });
  });

  it("lets a manual mapping win, by header or by column letter", () => {
    const header = ["Kunde", "Herkunft", "Notes", "Quelle"];
    expect(findColumns(header, { name: "Kunde", source: "D" }).columns).toEqual({
      name: 0,
      source: 3,
      notes: 2,
    });
  });

  it("reports a manual mapping that names a missing column", () => {
    expect(findColumns(["Name"], { source: "渠道X" }).missingManual).toEqual([
      { field: "source", header: "渠道X" },
    ]);
  });

  it("takes the first of two columns that both look like one field", () => {
    expect(findColumns(["邮箱", "Email"]).columns.email).toBe(0);
  });
});
