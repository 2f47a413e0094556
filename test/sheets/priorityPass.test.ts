import { describe, expect, it } from "vitest";
import { standardPreset } from "../../src/core/index";
import { WHO_UNKNOWN } from "../../src/sheets/auditSheet";
import { approvePendingOverridesFromMenu, insertLeadGradeColumns } from "../../src/sheets/menu";
import { onEdit } from "../../src/sheets/onEdit";
import { runPriorityPass } from "../../src/sheets/priorityPass";
import { saveRules } from "../../src/sheets/rulesStore";
import { BLOCK_CELLS } from "../../src/sheets/sheetFingerprint";
import { installHourlyTrigger, removeHourlyTrigger } from "../../src/sheets/triggers";
import { type FakeOptions, FakeRule, installGasFakes } from "../support/gasFakes";
import { GENERATED_HEADER, generateLeads } from "../support/generateLeads";

const NOW = new Date("2026-11-22T02:00:00Z"); // 10:00 in Shanghai
const shanghai = (iso: string) => new Date(`${iso}T00:00:00+08:00`);
const HEADER = ["客户名称", "来源", "意向", "最近联系", "负责人", "备注", "邮箱", "我的列"];
const LEADS = [
  HEADER,
  // 30 + 5 recent contact + 20 referral + 15 quote = 70: A, due daily from 2026-11-16 → 5 days overdue.
  [
    "张三",
    "老客户推荐",
    "高",
    shanghai("2026-11-16"),
    "lilei@example.com",
    "询问报价",
    "zs@example.com",
    "保留",
  ],
  // −10 no contact details + 3 ads: 0, D, due 2026-11-02 (30 days on, after a weekend) → 20 days overdue.
  ["<img src=x onerror=alert(1)>", "广告", "低", shanghai("2026-10-01"), "tom@example.com", "", "", 42],
  // 15 + 10 event, less 3 for 32 days without contact: 22, D, due 2026-11-20 → 2 days overdue.
  ["王五", "展会", "中", shanghai("2026-10-21"), "韩梅梅", "", "ww@example.com", ""],
];
const OURS = 8; // LeadGrade's first column (0-based) after the user's eight

function setup(options: FakeOptions = {}) {
  const fakes = installGasFakes({ sheets: { 线索: LEADS.map((r) => [...r]) }, ...options });
  const sheet = fakes.spreadsheet.sheets[0];
  if (!sheet) throw new Error("no sheet");
  return { fakes, sheet };
}

const pass = (remind: false | "now" | "on schedule" = "on schedule") =>
  runPriorityPass({ now: NOW, remind, useActiveSheet: true });

describe("the priority pass", () => {
  it("adds LeadGrade's columns after the user's, headed and filled, on the first run", () => {
    const { sheet } = setup();
    const report = pass(false);
    expect(report).toMatchObject({ rows: 3, formatsWritten: true });
    expect(sheet.values[0]?.slice(OURS)).toEqual([
      "评分 (LeadGrade)",
      "等级 (LeadGrade)",
      "下次跟进 (LeadGrade)",
      "逾期 (LeadGrade)",
      "阶段 (LeadGrade)",
      "RFM (LeadGrade)",
      "原因 (LeadGrade)",
      "问题 (LeadGrade)",
      "趋势 (LeadGrade)",
      "手动等级记录 (LeadGrade)",
    ]);
    expect([...sheet.hiddenColumns]).toEqual([OURS + 10]);
    expect(sheet.values[1]?.slice(OURS, OURS + 4)).toEqual([70, "A", shanghai("2026-11-17"), 5]);
    expect(sheet.values[2]?.slice(OURS, OURS + 4)).toEqual([0, "D", shanghai("2026-11-02"), 20]);
    expect(sheet.values[3]?.slice(OURS, OURS + 4)).toEqual([22, "D", shanghai("2026-11-20"), 2]);
    // Text that starts with "+" would be parsed as a broken formula; it arrives as text.
    expect(String(sheet.values[1]?.[OURS + 6])).toMatch(/^\+30 意向=高 · \+5 最近联系=2026-11-16/);
    expect(sheet.metadata.map((m) => m.value)).toEqual([
      "score",
      "grade",
      "nextFollowUp",
      "overdue",
      "stage",
      "rfm",
      "why",
      "issues",
      "trend",
      "overrideState",
    ]);
    // The first pass starts every lead's history: no trend yet.
    expect(sheet.values[1]?.[OURS + 8]).toBe("7天→ 30天→");
  });

  it("never changes a cell outside its own columns", () => {
    const { sheet } = setup();
    const before = JSON.stringify(sheet.values.map((row) => row.slice(0, OURS)));
    pass();
    pass();
    expect(JSON.stringify(sheet.values.map((row) => row.slice(0, OURS)))).toBe(before);
  });

  it("changes nothing on a second run when nothing changed", () => {
    const { fakes } = setup();
    pass(false);
    const writesBefore = fakes.log.count("Range.set") + fakes.log.count("Sheet.setConditionalFormatRules");
    const second = pass(false);
    expect(second).toMatchObject({ changedCells: 0, formatsWritten: false });
    expect(fakes.log.count("Range.set") + fakes.log.count("Sheet.setConditionalFormatRules")).toBe(
      writesBefore,
    );
  });

  it("refreshes the as-of date cell the formulas use, once a day", () => {
    const { fakes } = setup();
    insertLeadGradeColumns();
    fakes.spreadsheet.namedRanges.get("LeadGrade_AsOf")?.setValue(shanghai("2026-11-01"));
    pass(false);
    expect(fakes.spreadsheet.namedRanges.get("LeadGrade_AsOf")?.getValue()).toEqual(shanghai("2026-11-22"));
    const writes = fakes.log.count("Range.setValue");
    pass(false);
    expect(fakes.log.count("Range.setValue")).toBe(writes);
  });

  it("never reads LeadGrade formula columns as input", () => {
    const { sheet } = setup();
    insertLeadGradeColumns();
    // What Sheets would show in the LEADSTAGE column: its header "阶段" and a stage word per row.
    for (const [r, v] of [
      [0, "阶段"],
      [1, "流失"],
      [2, "流失"],
      [3, "流失"],
    ] as const)
      (sheet.values[r] as unknown[])[OURS + 3] = v;
    pass(false);
    expect(sheet.values[1]?.slice(OURS + 6, OURS + 10)).toEqual([70, "A", shanghai("2026-11-17"), 5]);
  });

  it("writes only the cells whose values changed", () => {
    const { sheet } = setup();
    pass(false);
    (sheet.values[3] as unknown[])[2] = "高"; // 王五 now has high intent: 30 + 10 − 5 = 35
    const report = pass(false);
    expect(sheet.values[3]?.slice(OURS, OURS + 2)).toEqual([35, "C"]);
    expect(report.changedCells).toBeLessThanOrEqual(6); // score, grade, next follow-up, overdue, why, trend
    expect(sheet.values[3]?.[OURS + 8]).toBe("7天↑ 30天↑"); // D → C since the first pass
  });

  it("finds its columns again after the user moves them, and never adds a second set", () => {
    const { sheet } = setup();
    pass(false);
    sheet.moveColumn(OURS + 2, 1); // the grade column, dragged to the front
    (sheet.values[1] as unknown[])[0] = "";
    pass(false);
    expect(sheet.values[0]?.filter((h) => String(h).endsWith("(LeadGrade)"))).toHaveLength(10);
    expect(sheet.values[0]?.[0]).toBe("等级 (LeadGrade)");
    expect(sheet.values[1]?.[0]).toBe("A");
  });

  it("keeps the user's own conditional format rules, first, and adds its colours after them", () => {
    const { sheet } = setup();
    const theirs = new FakeRule("=$H2>10", "#00ff00", null, false, [sheet.getRange(2, 8, 10, 1)]);
    sheet.conditionalRules = [theirs];
    pass(false);
    expect(sheet.conditionalRules[0]).toBe(theirs);
    expect(sheet.conditionalRules.slice(1).map((r) => r.formula)).toEqual([
      '=AND(N("LeadGrade")=0, N($L2)>0)',
      '=AND(N("LeadGrade")=0, $J2="A")',
      '=AND(N("LeadGrade")=0, $J2="B")',
      '=AND(N("LeadGrade")=0, $J2="C")',
      '=AND(N("LeadGrade")=0, $J2="D")',
    ]);
    expect(sheet.conditionalRules[2]?.background).toBe(standardPreset().grades[0]?.color);
  });

  it("leaves quietly when another pass holds the lock", () => {
    const { fakes, sheet } = setup();
    fakes.lock.heldElsewhere = true;
    expect(pass()).toMatchObject({ skipped: "locked" });
    expect(sheet.values[0]).toHaveLength(OURS);
    expect(fakes.outbox).toEqual([]);
  });

  it("skips a sheet with no recognisable header", () => {
    installGasFakes({
      sheets: {
        Other: [
          ["foo", "bar"],
          [1, 2],
        ],
      },
    });
    expect(pass()).toMatchObject({ skipped: "no_header" });
  });

  it("reads a sheet whose last row is far below the leads (a stray space) and writes only the leads' rows", () => {
    const asOf = new Date("2026-11-21T16:00:00Z");
    const rows = [GENERATED_HEADER, ...generateLeads(1_000, asOf, 7)] as unknown[][];
    const stray = Array.from({ length: GENERATED_HEADER.length }, (_, c) => (c === 0 ? " " : ""));
    const fakes = installGasFakes({
      sheets: { 线索: [...rows, ...Array.from({ length: 198_999 }, () => []), stray] },
    });
    expect(fakes.spreadsheet.getSheetByName("线索")?.getLastRow()).toBe(200_001);
    const report = pass(false);
    expect(report).toMatchObject({ rows: 1_000 });
    // LeadGrade's 11 columns, each for the header and 1,000 rows, not 200,000; and the grade
    // history's first record of the 1,000 leads (11 columns, with its header).
    expect(fakes.log.cellsWritten).toBeLessThan(12 * 1_001 + 1_000 + 11 * 1_001);
  }, 60_000);

  it("costs the same number of service calls for 100, 10,000 and 100,000 rows", () => {
    const digests: number[] = [];
    const counts = [100, 10_000, 100_000].map((n) => {
      const asOf = new Date("2026-11-21T16:00:00Z");
      const fakes = installGasFakes({ sheets: { 线索: [GENERATED_HEADER, ...generateLeads(n, asOf, 7)] } });
      pass(false);
      digests.push(fakes.log.calls.filter((c) => c === "Utilities.computeDigest").length);
      // Zone offsets (Utilities.formatDate) are asked per UTC day the dates touch, not per row, and
      // remembered for the process: zoneClock's test holds them to that bound. The fingerprint is
      // digested a block of cells at a time (below).
      // A history sheet past its first 1,000 rows takes one more call to add rows (whatever the count).
      return fakes.log.calls.filter(
        (c) =>
          c !== "Utilities.formatDate" && c !== "Utilities.computeDigest" && c !== "Sheet.insertRowsAfter",
      ).length;
    });
    expect(new Set(counts).size).toBe(1);
    // One block up to 250,000 cells, then one per block and one over all of them.
    const width = GENERATED_HEADER.length;
    expect(digests).toEqual(
      [100, 10_000, 100_000].map((n) => {
        const blocks = Math.ceil((n + 1) / Math.floor(BLOCK_CELLS / width));
        return blocks === 1 ? 1 : blocks + 1;
      }),
    );
  }, 120_000);

  it("uses the rules saved for the document", () => {
    const { fakes, sheet } = setup();
    const strict = standardPreset();
    strict.grades = strict.grades.map((g) => (g.grade === "A" ? { ...g, minScore: 99 } : g));
    saveRules(fakes.documentProperties as unknown as GoogleAppsScript.Properties.Properties, strict, NOW);
    pass(false);
    expect(sheet.values[1]?.[OURS + 1]).toBe("B");
  });
});

describe("the priority view", () => {
  it("shows one owner's leads, most overdue then highest score first, from a formula over the lead sheet", () => {
    const { fakes } = setup();
    pass(false);
    const view = fakes.spreadsheet.getSheetByName("LeadGrade 优先级 Priorities");
    expect(view?.formulas[2]?.[0]).toBe(
      "=IFERROR(SORT(FILTER({'线索'!A2:A, '线索'!E2:E, '线索'!I2:I, '线索'!J2:J, '线索'!K2:K, '线索'!L2:L, '线索'!Q2:Q, '线索'!O2:O}, " +
        '\'线索\'!J2:J<>"", (\'线索\'!E2:E=$B$1)+($B$1="")), 6, FALSE, 3, FALSE), "")',
    );
    expect(view?.validations.get("1,2")).toMatchObject({ allowInvalid: true });
    expect(view?.values[0]?.slice(3)).toEqual([
      "A 紧急重要 / Urgent & important",
      "B 重要不紧急 / Important, not urgent",
      "C 潜在发展 / Potential",
      "D 普通维护 / Maintenance",
      "逾期 Overdue",
    ]);
    expect(view?.backgrounds.get("1,4")).toBe(standardPreset().grades[0]?.color);
  });

  it("follows LeadGrade's columns when they move", () => {
    const { fakes, sheet } = setup();
    pass(false);
    sheet.moveColumn(OURS + 2, 1);
    pass(false);
    expect(fakes.spreadsheet.getSheetByName("LeadGrade 优先级 Priorities")?.formulas[2]?.[0]).toContain(
      "'线索'!A2:A<>\"\"",
    );
  });
});

describe("reminders", () => {
  it("sends one digest per owner with something due, escaped, with a plain-text part", () => {
    const { fakes } = setup();
    const report = pass();
    expect(report.reminders?.sent.sort()).toEqual(["lilei@example.com", "tom@example.com"]);
    expect(report.reminders?.invalid).toEqual([{ owner: "韩梅梅", address: "" }]);
    const toTom = fakes.outbox.find((m) => m.to === "tom@example.com");
    expect(toTom?.htmlBody).toContain("&#60;img src=x onerror=alert(1)&#62;");
    expect(toTom?.htmlBody).not.toContain("<img");
    expect(toTom?.body).toContain("<img src=x onerror=alert(1)>");
    expect(toTom?.subject).toContain("2026-11-22");
  });

  it("waits for the send hour on the hourly job, and sends at once when a manager asks", () => {
    const { fakes } = setup();
    const props = fakes.documentProperties as unknown as GoogleAppsScript.Properties.Properties;
    saveRules(
      props,
      { ...standardPreset(), reminders: { enabled: true, sendHour: 11, owners: [], cc: [] } },
      NOW,
    );
    // NOW is 10:00 in Shanghai: the hourly job waits, the 11:00 run sends.
    expect(pass("on schedule").reminders).toBeUndefined();
    expect(fakes.outbox).toEqual([]);
    const eleven = new Date(NOW.getTime() + 3_600_000);
    const later = runPriorityPass({ now: eleven, remind: "on schedule", useActiveSheet: true });
    expect(later.reminders?.sent).toHaveLength(2);
    // The menu command does not wait for the hour, and the ledger still holds it to once a day.
    expect(pass("now").reminders?.sent).toEqual([]);
    expect(fakes.outbox).toHaveLength(2);
  });

  it("sends nothing when reminders are off, only to the chosen owners, copying the manager", () => {
    const { fakes } = setup();
    const props = fakes.documentProperties as unknown as GoogleAppsScript.Properties.Properties;
    saveRules(
      props,
      { ...standardPreset(), reminders: { enabled: false, sendHour: 0, owners: [], cc: [] } },
      NOW,
    );
    expect(pass("now").reminders).toBeUndefined();
    saveRules(
      props,
      {
        ...standardPreset(),
        reminders: { enabled: true, sendHour: 0, owners: ["TOM@example.com "], cc: ["boss@example.com"] },
      },
      NOW,
    );
    expect(pass().reminders?.sent).toEqual(["tom@example.com"]);
    expect(fakes.outbox.map((m) => [m.to, m.cc])).toEqual([["tom@example.com", "boss@example.com"]]);
  });

  it("never sends the same owner two digests on one day", () => {
    const { fakes } = setup();
    pass();
    pass();
    expect(fakes.outbox).toHaveLength(2);
    expect(pass().reminders?.alreadySent.sort()).toEqual(["lilei@example.com", "tom@example.com"]);
  });

  it("keeps what the quota cannot send for the next run, and sends it then", () => {
    const { fakes } = setup({ mailQuota: 1 });
    const first = pass();
    expect(first.reminders?.sent).toHaveLength(1);
    expect(first.reminders?.waiting).toHaveLength(1);
    fakes.mail.quota = 10;
    const second = pass();
    expect(second.reminders?.sent).toEqual(first.reminders?.waiting);
    expect(fakes.outbox).toHaveLength(2);
  });

  it("stop at the run's time box and go on from there in the next run", () => {
    const { fakes } = setup();
    const late = runPriorityPass({
      now: NOW,
      remind: "on schedule",
      useActiveSheet: true,
      deadline: new Date(Date.now() - 1),
    });
    expect(late.reminders?.sent).toEqual([]);
    expect(late.reminders?.waiting.sort()).toEqual(["lilei@example.com", "tom@example.com"]);
    expect(pass().reminders?.sent.sort()).toEqual(["lilei@example.com", "tom@example.com"]);
    expect(fakes.outbox).toHaveLength(2);
  });

  it("reaches a named owner through the rep directory", () => {
    const { fakes } = setup();
    saveRules(
      fakes.documentProperties as unknown as GoogleAppsScript.Properties.Properties,
      { ...standardPreset(), reps: [{ name: "韩梅梅", email: "hmm@example.com" }] },
      NOW,
    );
    const report = pass();
    expect(report.reminders?.invalid).toEqual([]);
    expect(fakes.outbox.map((m) => m.to)).toContain("hmm@example.com");
  });
});

describe("the hourly trigger", () => {
  it("is installed once however often it is turned on, and removed on request", () => {
    const { fakes } = setup();
    expect(installHourlyTrigger()).toBe(true);
    expect(installHourlyTrigger()).toBe(false);
    expect(fakes.triggers).toEqual([{ handler: "runHourlyPass", everyHours: 1 }]);
    expect(removeHourlyTrigger()).toBe(1);
    expect(fakes.triggers).toEqual([]);
  });
});

describe("hand-set grades", () => {
  const OVERRIDE_LEADS = [
    ["客户名称", "意向", "最近联系", "负责人", "邮箱", "手动等级", "调整原因"],
    ["赵六", "低", shanghai("2026-11-20"), "a@example.com", "z@example.com", "", ""],
    ['=HYPERLINK("x")', "低", shanghai("2026-11-20"), "a@example.com", "h@example.com", "", ""],
  ];
  const AT = 7; // LeadGrade's columns start after the user's seven
  const audit = (fakes: ReturnType<typeof installGasFakes>) =>
    fakes.spreadsheet.getSheetByName("LeadGrade 审计 Audit");

  function overrideSetup(approvers: string[] = []) {
    const fakes = installGasFakes({
      sheets: { 线索: OVERRIDE_LEADS.map((r) => [...r]) },
      user: "boss@example.com",
    });
    const rules = standardPreset();
    rules.overrides = { approvers, approvalFor: ["A"] };
    saveRules(fakes.documentProperties as unknown as GoogleAppsScript.Properties.Properties, rules, NOW);
    const sheet = fakes.spreadsheet.sheets[0];
    if (!sheet) throw new Error("no sheet");
    pass(false);
    return { fakes, sheet };
  }

  it("win over the rules until cleared, and every change is in a protected audit sheet", () => {
    const { fakes, sheet } = overrideSetup();
    (sheet.values[1] as unknown[])[5] = "B";
    (sheet.values[1] as unknown[])[6] = "客户口头承诺本月签约";
    expect(pass(false).audited).toBe(1);
    expect(sheet.values[1]?.[AT + 1]).toBe("B");
    // No editor was seen (no edit trigger ran): the row says so instead of leaving Who empty.
    expect(audit(fakes)?.values[1]?.slice(1)).toEqual([
      WHO_UNKNOWN,
      "赵六",
      2,
      "手动设定 set",
      "D",
      "B",
      "客户口头承诺本月签约",
    ]);
    // Everyone else is removed; the owner and the user who made the sheet cannot be, as in Sheets.
    expect(audit(fakes)?.protection).toMatchObject({
      editors: ["owner@example.com", "boss@example.com"],
      domainEdit: false,
    });
    // Recompute without a change: the hand-set grade stays, nothing new is audited.
    expect(pass(false).audited).toBe(0);
    expect(sheet.values[1]?.[AT + 1]).toBe("B");
    (sheet.values[1] as unknown[])[5] = "";
    expect(pass(false).audited).toBe(1);
    expect(sheet.values[1]?.[AT + 1]).toBe("D");
    expect(audit(fakes)?.values[2]?.slice(4, 7)).toEqual(["清除 cleared", "B", ""]);
  });

  it("are audited with the name of whoever edited them", () => {
    const { fakes, sheet } = overrideSetup();
    (sheet.values[1] as unknown[])[5] = "C";
    onEdit({
      range: sheet.getRange(2, 6),
      user: { getEmail: () => "rep@example.com" },
    } as unknown as GoogleAppsScript.Events.SheetsOnEdit);
    pass(false);
    expect(audit(fakes)?.values[1]?.slice(1, 3)).toEqual(["rep@example.com", "赵六"]);
  });

  it("leave other edits alone", () => {
    const { fakes, sheet } = overrideSetup();
    const before = fakes.log.calls.length;
    onEdit({
      range: sheet.getRange(2, 2),
      user: { getEmail: () => "rep@example.com" },
    } as unknown as GoogleAppsScript.Events.SheetsOnEdit);
    expect(fakes.log.calls.slice(before)).toEqual(["Properties.getProperty"]);
  });

  it("keep a lead's name that looks like a formula as text in the audit sheet", () => {
    const { fakes, sheet } = overrideSetup();
    (sheet.values[2] as unknown[])[5] = "C";
    pass(false);
    expect(audit(fakes)?.values[1]?.[2]).toBe('=HYPERLINK("x")');
    expect(audit(fakes)?.formulas[1]?.[2] ?? "").toBe("");
  });

  it("into A wait for a listed supervisor, visibly, and count once approved", () => {
    const { fakes, sheet } = overrideSetup(["boss@example.com"]);
    (sheet.values[1] as unknown[])[5] = "A";
    expect(pass(false)).toMatchObject({ pending: 1, audited: 1 });
    expect(sheet.values[1]?.[AT + 1]).toBe("D");
    expect(String(sheet.values[1]?.[AT + 6])).toMatch(/^手动等级 A 待主管审批/);
    approvePendingOverridesFromMenu();
    expect(sheet.values[1]?.[AT + 1]).toBe("A");
    expect(audit(fakes)?.values[2]?.slice(1, 7)).toEqual([
      "boss@example.com",
      "赵六",
      2,
      "主管批准 approved",
      "D",
      "A",
    ]);
    expect(pass(false)).toMatchObject({ pending: 0, audited: 0 });
    expect(sheet.values[1]?.[AT + 1]).toBe("A");
  });

  it("can be approved only by a listed supervisor", () => {
    const { fakes, sheet } = overrideSetup(["someone-else@example.com"]);
    (sheet.values[1] as unknown[])[5] = "A";
    pass(false);
    approvePendingOverridesFromMenu();
    expect(sheet.values[1]?.[AT + 1]).toBe("D");
    expect(fakes.spreadsheet.toasts.at(-1)).toContain("主管");
  });
});
