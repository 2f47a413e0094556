import { describe, expect, it } from "vitest";
import { standardPreset } from "../../src/core/index";
import { reclaimNeglectedLeads, takeSelectedLead } from "../../src/sheets/leadPool";
import { runPriorityPass } from "../../src/sheets/priorityPass";
import { saveRules } from "../../src/sheets/rulesStore";
import { installGasFakes } from "../support/gasFakes";

const HEADER = ["客户名称", "意向", "负责人", "最近联系", "邮箱"];
const LEADS = [
  HEADER,
  ["张三", "高", "王", "", "zs@example.com"],
  ["李四", "中", "赵", "2026-12-02", "ls@example.com"],
  ["王五", "中", "公海", "", "ww@example.com"],
];
const OWNER = 2;
const MONDAY = new Date("2026-11-30T02:00:00Z");
const THURSDAY = new Date("2026-12-03T02:00:00Z");

function setup(pool: Partial<ReturnType<typeof standardPreset>["pool"]> = {}) {
  const fakes = installGasFakes({ sheets: { 线索: LEADS.map((r) => [...r]) }, user: "zhao@example.com" });
  const rules = standardPreset();
  rules.reps = [{ name: "赵", email: "zhao@example.com" }];
  rules.pool = {
    ...rules.pool,
    enabled: true,
    protectionDays: 2,
    limits: Object.fromEntries(rules.grades.map((g) => [g.grade, { firstContactDays: 1, followUpDays: 3 }])),
    ...pool,
  };
  const saved = saveRules(fakes.documentProperties as never, JSON.stringify(rules), new Date());
  if (!saved.ok) throw new Error(JSON.stringify(saved.issues));
  const sheet = fakes.spreadsheet.sheets[0];
  if (!sheet) throw new Error("no sheet");
  return { fakes, sheet };
}

const pass = (now: Date) => runPriorityPass({ now, remind: false, useActiveSheet: true });
const issuesAt = (values: unknown[][]) => (values[0] ?? []).indexOf("问题 (LeadGrade)");
const auditRows = (fakes: ReturnType<typeof setup>["fakes"]) =>
  (fakes.spreadsheet.getSheetByName("LeadGrade 审计 Audit")?.values.slice(1) ?? []).map((r) => r.slice(2, 7));

describe("the lead pool (公海) in the sheet", () => {
  it("flags a lead whose owner let the time run out, and moves it only when a manager confirms", () => {
    const { fakes, sheet } = setup();
    // Monday: every lead is seen with its owner for the first time (the history records it).
    expect(pass(MONDAY).pool).toBeUndefined();
    // Thursday: 张三 was never contacted in the three working days since.
    expect(pass(THURSDAY).pool).toEqual({ reclaim: 1, moved: false });
    expect(String(sheet.values[1]?.[issuesAt(sheet.values)])).toContain(
      "待收回公海:领取后 3 个工作日未首次联系(限 1 天)",
    );
    expect(sheet.values[1]?.[OWNER]).toBe("王");

    fakes.ui.answer = "NO";
    expect(reclaimNeglectedLeads("zh", THURSDAY)).toBe("已取消,未做任何修改");
    expect(sheet.values.map((r) => r[OWNER])).toEqual(["负责人", "王", "赵", "公海"]);

    fakes.ui.answer = "YES";
    expect(reclaimNeglectedLeads("zh", THURSDAY)).toBe("已把 1 条线索收回“公海”,已记入审计表");
    expect(fakes.alerts.at(-1)).toContain("张三 (王): 待收回公海:领取后 3 个工作日未首次联系(限 1 天)");
    expect(sheet.values.map((r) => r[OWNER])).toEqual(["负责人", "公海", "赵", "公海"]);
    expect(auditRows(fakes)).toEqual([["张三", 2, "收回公海 reclaimed to the pool", "王", "公海"]]);
    // The next pass records the change of owner, and no longer flags it.
    pass(new Date("2026-12-03T03:00:00Z"));
    expect(String(sheet.values[1]?.[issuesAt(sheet.values)])).not.toContain("待收回");
  });

  it("writes the pool's name in the Owner cell at once when the rules say so", () => {
    const { fakes, sheet } = setup({ writeOwner: true });
    pass(MONDAY);
    expect(pass(THURSDAY).pool).toEqual({ reclaim: 1, moved: true });
    expect(sheet.values[1]?.[OWNER]).toBe("公海");
    expect(auditRows(fakes)).toHaveLength(1);
  });

  it("gives the selected pool lead to the person asking, within the most a rep may hold", () => {
    const { fakes, sheet } = setup({ maxPerRep: 2 });
    pass(MONDAY);
    fakes.spreadsheet.current = { row: 4, column: 1 };
    expect(takeSelectedLead("zh", THURSDAY)).toBe("已把“王五”领取给 赵,已记入审计表");
    expect(sheet.values[3]?.[OWNER]).toBe("赵");
    expect(auditRows(fakes)).toEqual([["王五", 4, "从公海领取 taken from the pool", "公海", "赵"]]);
    // A lead with an owner is not in the pool; and 赵 now holds two open leads, the most.
    fakes.spreadsheet.current = { row: 2, column: 1 };
    expect(takeSelectedLead("zh", THURSDAY)).toBe("这条线索不在公海,已有负责人");
    sheet.put(2, OWNER + 1, "公海", "");
    expect(takeSelectedLead("en", THURSDAY)).toBe("You hold 2 open leads; the limit is 2");
  });

  it("says the pool is off rather than doing anything", () => {
    const { sheet } = setup({ enabled: false });
    expect(reclaimNeglectedLeads("en", THURSDAY)).toBe(
      "The lead pool is off (pool.enabled in the rule editor's JSON)",
    );
    expect(takeSelectedLead("en", THURSDAY)).toBe(
      "The lead pool is off (pool.enabled in the rule editor's JSON)",
    );
    expect(sheet.values.map((r) => r[OWNER])).toEqual(["负责人", "王", "赵", "公海"]);
  });
});
