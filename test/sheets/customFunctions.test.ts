import { beforeEach, describe, expect, it } from "vitest";
import { HISTORY_HEADER, standardPreset } from "../../src/core/index";
import {
  LEADCOLUMNS,
  LEADGRADE,
  LEADRFM,
  LEADSCORE,
  LEADSTAGE,
  LEADTREND,
  LEADWHY,
  NEXTFOLLOWUP,
} from "../../src/sheets/customFunctions";
import { saveRules } from "../../src/sheets/rulesStore";
import { type GasFakes, installGasFakes } from "../support/gasFakes";

// Shanghai midnight as Sheets hands date cells to a custom function.
const day = (iso: string) => new Date(`${iso}T00:00:00+08:00`);
const AS_OF = day("2026-11-22");
const DATA = [
  ["客户名称", "来源", "意向", "预算", "最近联系", "备注", "负责人", "邮箱"],
  ["张三", "老客户推荐", "高", "20万", day("2026-11-21"), "客户询问报价", "李雷", "zs@example.com"],
  ["", "", "", "", "", "", "", ""],
  ["李四", "百度广告", "低", "很多", "上周二", "", "韩梅梅", ""],
];

// Formulas run where Apps Script runs custom functions: no writes, no mail, no user.
let fakes: GasFakes;
beforeEach(() => {
  fakes = installGasFakes({ timeZone: "Asia/Shanghai", context: "customFunction" });
});

/** Rules saved as the sidebar saves them (outside the formula's context). */
function saveAsManager(rules: unknown): void {
  fakes.platform.context = "menu";
  saveRules(fakes.documentProperties as unknown as GoogleAppsScript.Properties.Properties, rules, new Date());
  fakes.platform.context = "customFunction";
}

describe("LeadGrade custom functions", () => {
  it("return a column: the header label, then one value per row, blank rows empty", () => {
    expect(LEADGRADE(DATA, 1, AS_OF)).toEqual([["等级"], ["A"], [""], ["D"]]);
    expect(LEADSCORE(DATA, 1, AS_OF)).toEqual([["评分"], [90], [""], [0]]);
  });

  it("return next follow-ups as dates at midnight in the sheet's time zone", () => {
    const column = NEXTFOLLOWUP(DATA, 1, AS_OF);
    expect(column[0]).toEqual(["下次跟进"]);
    expect(column[1]?.[0]).toEqual(day("2026-11-23"));
    expect(column[2]?.[0]).toBe("");
  });

  it("explain each score, and say why a row could not be fully read", () => {
    const why = LEADWHY(DATA, 1, AS_OF);
    expect(why[1]?.[0]).toBe(
      "+30 意向=高 · +20 预算=20万 · +5 最近联系=2026-11-21 · +20 来源=老客户推荐 · +15 信号: 询问报价",
    );
    expect(why[3]?.[0]).toContain(
      "问题: 预算不是可识别的金额：写成 200000 或 20万；最近联系不是可识别的日期：写成 YYYY-MM-DD，或在规则 columns 里改用别的列",
    );
  });

  it("do not read the add-on's own stage column as the sales stage when the range includes it", () => {
    // The hourly job wrote "流失" (lifecycle: lost) into 阶段 (LeadGrade); the rep has since called.
    const withOurs = DATA.map((row, i) => [...row, i === 0 ? "阶段 (LeadGrade)" : i === 1 ? "流失" : ""]);
    expect(LEADSTAGE(withOurs, 1, AS_OF)).toEqual(LEADSTAGE(DATA, 1, AS_OF));
    expect(NEXTFOLLOWUP(withOurs, 1, AS_OF)[1]?.[0]).toEqual(day("2026-11-23"));
  });

  it("answer for one row given with its header row", () => {
    expect(LEADGRADE([DATA[1]], [DATA[0]], 1, AS_OF)).toEqual([["A"]]);
  });

  it("give the lifecycle stage as of the date passed", () => {
    expect(LEADSTAGE(DATA, AS_OF)).toEqual([["阶段"], ["潜在"], [""], ["潜在"]]);
  });

  it("give RFM codes for customers only", () => {
    const data = [
      ["Name", "Orders", "Revenue", "Last purchase"],
      ["A", 9, 90000, day("2026-11-01")],
      ["B", 1, 100, day("2025-01-01")],
      ["C", "", "", ""],
    ];
    expect(LEADRFM(data, 1, AS_OF)).toEqual([["RFM"], ["333 Potential Loyalist"], ["111 Lost"], [""]]);
  });

  it("use the rules saved in document properties", () => {
    const stricter = standardPreset();
    stricter.grades = stricter.grades.map((g) => (g.grade === "A" ? { ...g, minScore: 95 } : g));
    saveAsManager(stricter);
    expect(LEADGRADE(DATA, 2, AS_OF)[1]).toEqual(["B"]);
  });

  it("grade with the default rules, and say so in the header, when the saved rules are corrupt", () => {
    saveAsManager(standardPreset());
    fakes.documentProperties.store.set("leadgrade.rules.0", "{ broken");
    const column = LEADGRADE(DATA, 1, AS_OF);
    expect(column[0]).toEqual(["等级 ⚠ 已保存的规则无法读取,暂用默认规则"]);
    expect(column[1]).toEqual(["A"]);
  });

  it("grade with the default rules, and say so in the header, where document properties are null", () => {
    // Saved rules that would make 张三 a B: not readable here, so the preset grades him A.
    const stricter = standardPreset();
    stricter.grades = stricter.grades.map((g) => (g.grade === "A" ? { ...g, minScore: 95 } : g));
    saveAsManager(stricter);
    fakes.platform.unavailable.documentProperties = true;
    const column = LEADGRADE(DATA, 1, AS_OF);
    expect(column[0]).toEqual(["等级 ⚠ 此处读不到文档属性,暂用默认规则"]);
    expect(column[1]).toEqual(["A"]);
  });

  it("fill every LeadGrade column from one formula, each the same as its own formula's", () => {
    const all = LEADCOLUMNS(DATA, 1, AS_OF);
    expect(all[0]).toEqual(["评分", "等级", "下次跟进", "阶段", "RFM", "原因"]);
    const singles = [LEADSCORE, LEADGRADE, NEXTFOLLOWUP, LEADSTAGE, LEADRFM, LEADWHY].map((fn, k) =>
      k === 3 ? fn(DATA, AS_OF, 1) : fn(DATA, 1, AS_OF),
    );
    for (let row = 1; row < DATA.length; row++)
      expect(all[row]).toEqual(singles.map((column) => column[row]?.[0]));
    expect(LEADCOLUMNS([DATA[1]], [DATA[0]], 1, AS_OF)).toEqual([all[1]]);
  });

  it("give each lead's trend from the grade history range the priority pass keeps", () => {
    // 张三 was a C at 40 three weeks ago and is an A now; 李四 has no history yet.
    const history = [
      [...HISTORY_HEADER],
      ["2026-11-01", "zs@example.com", "", 40, "", "C", "", "", "", "+30 意向=高", "李雷"],
      ["", "", "", "", "", "", "", "", "", "", ""],
    ];
    expect(LEADTREND(DATA, history, 1, AS_OF)).toEqual([["趋势"], ["7天↑ 30天↑"], [""], ["7天→ 30天→"]]);
    // Eight days on, with the state it has then recorded on 11-22: steady over the week.
    const then = day("2026-11-30");
    const [score, grade] = [LEADSCORE(DATA, 1, then)[1]?.[0], LEADGRADE(DATA, 1, then)[1]?.[0]];
    const later = [
      ...history,
      ["2026-11-22", "zs@example.com", 40, score, "C", grade, "", "", "", "", "李雷"],
    ];
    expect(LEADTREND(DATA, later, 1, then)[1]).toEqual(["7天→ 30天↑"]);
    // Recorded 10 points higher than it is now, it has fallen over the week.
    const fell = [
      ...history,
      ["2026-11-22", "zs@example.com", 40, Number(score) + 10, "C", grade, "", "", "", "", ""],
    ];
    expect(LEADTREND(DATA, fell, 1, then)[1]).toEqual(["7天↓ 30天↑"]);
    // A history with only its header, or no history yet: every lead steady.
    expect(LEADTREND(DATA, [[...HISTORY_HEADER]], 1, AS_OF)[1]).toEqual(["7天→ 30天→"]);
    expect(LEADTREND(DATA, "", 1, AS_OF)[3]).toEqual(["7天→ 30天→"]);
    // One row with its header row, as the other formulas take it.
    expect(LEADTREND([DATA[1]], history, [DATA[0]], 1, AS_OF)).toEqual([["7天↑ 30天↑"]]);
  });

  it("refuse a history range that is not LeadGrade's history, saying which range to give", () => {
    expect(() => LEADTREND(DATA, DATA, 1, AS_OF)).toThrow(/'LeadGrade 历史 History'!A:K/);
  });

  it("given A1:P on a sheet of 1,000,000 rows, grade and answer only up to the last lead", () => {
    const empty = DATA[2] as string[];
    const whole = [...DATA, ...Array.from({ length: 999_996 }, () => empty)];
    expect(whole).toHaveLength(1_000_000);
    // The column stops where the leads do; a blank row between leads is still answered.
    expect(LEADCOLUMNS(whole, 1, AS_OF)).toEqual(LEADCOLUMNS(DATA, 1, AS_OF));
    expect(LEADGRADE(whole, 1, AS_OF)).toEqual([["等级"], ["A"], [""], ["D"]]);
  });

  it("speak the header's language", () => {
    const english = [
      ["Name", "Intent"],
      ["Acme", "high"],
    ];
    expect(LEADGRADE(english, 1, AS_OF)[0]).toEqual(["Grade"]);
  });

  it("fail clearly only when the range itself is unusable", () => {
    expect(() =>
      LEADGRADE(
        [
          ["foo", "bar"],
          [1, 2],
        ],
        1,
        AS_OF,
      ),
    ).toThrow(/第一行没有可识别的表头|recognisable headers/);
    expect(() => LEADGRADE("A1", 1, AS_OF)).toThrow(/first row is the header/);
  });

  it("grade with today's date when no as-of date is given", () => {
    expect(LEADGRADE(DATA)).toHaveLength(4);
  });

  it("only read: no values, formulas or properties are written", () => {
    LEADGRADE(DATA, 1, AS_OF);
    LEADWHY(DATA, 1, AS_OF);
    expect(fakes.log.calls.filter((c) => /set|delete|insert/i.test(c))).toEqual([]);
  });
});
