import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import vm from "node:vm";
import { beforeAll, describe, expect, it } from "vitest";
// @ts-expect-error: build.mjs is plain JavaScript
import { buildAddon } from "../../build.mjs";
import { GLOBALS } from "../../src/sheets/globals";
import * as entry from "../../src/sheets/index";
import { makeGasFakes } from "../support/gasFakes";

const ROOT = join(import.meta.dirname, "../..");
type Globals = { [K in keyof typeof entry]: (...args: unknown[]) => unknown };
let code = "";
let bytes = 0;

beforeAll(async () => {
  const outdir = await mkdtemp(join(tmpdir(), "leadgrade-dist-"));
  const cwd = process.cwd();
  process.chdir(ROOT);
  try {
    ({ bytes } = await buildAddon({ outdir }));
  } finally {
    process.chdir(cwd);
  }
  code = await readFile(join(outdir, "Code.js"), "utf8");
}, 60_000);

/**
 * An Intl whose DateTimeFormat refuses `timeZoneName: "longOffset"`, as some runtimes do: where
 * @date-fns/tz answers NaN and a silent UTC would shift every day.
 */
const WITHOUT_LONG_OFFSET = `(() => {
  const Original = Intl.DateTimeFormat;
  function DateTimeFormat(locales, options) {
    if (options && (options.timeZoneName === "longOffset" || options.timeZoneName === "shortOffset"))
      throw new RangeError("Value longOffset out of range for Intl.DateTimeFormat options property timeZoneName");
    return new Original(locales, options);
  }
  DateTimeFormat.prototype = Original.prototype;
  DateTimeFormat.supportedLocalesOf = Original.supportedLocalesOf;
  Intl.DateTimeFormat = DateTimeFormat;
})();`;

/** A context like Apps Script's V8: the language's built-ins and the services, nothing else. */
function appsScriptContext(
  fakes = makeGasFakes({ timeZone: "Asia/Shanghai" }),
  intl: "full" | "no longOffset" = "full",
) {
  const context = vm.createContext({ ...fakes.globals });
  if (intl === "no longOffset") vm.runInContext(WITHOUT_LONG_OFFSET, context);
  vm.runInContext(code, context, { filename: "Code.js" });
  return { context: context as unknown as Globals, fakes };
}

describe("the entry file", () => {
  it("exports exactly the globals the build writes", () => {
    expect(Object.keys(entry).sort()).toEqual(GLOBALS.map((g) => g.name).sort());
  });
});

describe("dist/Code.js", () => {
  it("stays within the 270 KB budget (150 KB, 250 KB by issue 21, 270 KB for issue 25's alerts and pool)", () => {
    expect(bytes).toBeLessThanOrEqual(270 * 1024);
  });

  it("declares each global as a top-level function with its parameters, custom functions marked @customfunction", () => {
    for (const spec of GLOBALS) {
      const params = spec.params.map((p) => p.name).join(", ");
      expect(code).toContain(`function ${spec.name}(${params}) {`);
    }
    for (const name of [
      "LEADGRADE",
      "LEADSCORE",
      "NEXTFOLLOWUP",
      "LEADSTAGE",
      "LEADWHY",
      "LEADRFM",
      "LEADTREND",
      "LEADCOLUMNS",
    ]) {
      expect(code).toMatch(new RegExp(`@customfunction\\n \\*/\\nfunction ${name}\\(`));
    }
    expect(code).not.toMatch(/@customfunction\n \*\/\nfunction onOpen/);
  });

  it("loads in a bare context without touching a service (AuthMode.NONE)", () => {
    const { context, fakes } = appsScriptContext();
    expect(typeof context.LEADGRADE).toBe("function");
    expect(
      ["setTimeout", "URL", "atob", "TextEncoder", "require", "process"].filter((g) => g in context),
    ).toEqual([]);
    expect(fakes.log.calls).toEqual([]);
  });

  it("answers formulas called by name with cells as Sheets sends them", () => {
    const { context } = appsScriptContext();
    const asOf = new Date("2026-11-21T16:00:00Z");
    const data = [
      ["客户名称", "来源", "意向", "预算", "最近联系", "购买次数", "消费金额", "最近购买", "备注", "邮箱"],
      [
        "张三",
        "老客户推荐",
        "高",
        200000,
        new Date("2026-11-20T16:00:00Z"),
        3,
        60000,
        new Date("2026-10-31T16:00:00Z"),
        "询问报价",
        "a@b.cn",
      ],
      ["", "", "", "", "", "", "", "", "", ""],
      ["李四", "广告", "低", "很多", "上周二", "", "", "", "", ""],
    ];
    expect(context.LEADGRADE(data, 1, asOf)).toEqual([["等级"], ["A"], [""], ["D"]]);
    expect((context.LEADSCORE(data, 1, asOf) as unknown[][])[1]?.[0]).toBeTypeOf("number");
    const next = context.NEXTFOLLOWUP(data, 1, asOf) as unknown[][];
    // The bundle's Date is the context's own: compare times.
    expect(Number(next[1]?.[0])).toBe(new Date("2026-11-22T16:00:00Z").getTime());
    expect(context.LEADSTAGE(data, asOf, 1)).toEqual([["阶段"], ["活跃"], [""], ["潜在"]]);
    expect((context.LEADWHY(data, 1, asOf) as unknown[][])[3]?.[0]).toContain("问题");
    const rfm = context.LEADRFM(data, 1, asOf) as unknown[][];
    expect(rfm[1]?.[0]).toMatch(/^\d{3} /);
    expect(context.LEADGRADE([data[1]], [data[0]], 1, asOf)).toEqual([["A"]]);
  });

  it("leaves a number dialled to a country whose plan the cut metadata lacks unjudged, as the command line judges it", () => {
    const leads = [
      ["Name", "Phone", "Intent"],
      ["Ann", "660-485-0224", "High"],
      ["Bo", "011 58 212 681 0538", "High"], // Venezuela, dialled from the US: not in the cut
      ["Cy", "011 32 2 233 54 07", "High"], // Belgium, likewise
      ["Di", "660-485-02", "High"], // too short
      ["Ed", "860-253-6354", "High"],
      ["Fay", "011 44 20 7946 0958", "High"], // the UK, in the cut
      ["Gus", "617-253-1000", "High"],
      ["Hal", "212-854-1754", "High"],
    ];
    const fakes = makeGasFakes({ sheets: { Leads: leads } });
    const { context } = appsScriptContext(fakes);
    context.runPriorityPassFromMenu();
    const values = fakes.spreadsheet.sheets[0]?.values ?? [];
    const issuesAt = values[0]?.findIndex((h) => String(h).startsWith("Issues")) ?? -1;
    expect(issuesAt).toBeGreaterThan(2);
    const flagged = values.slice(1).map((row) => /phone/i.test(String(row[issuesAt] ?? "")));
    expect(flagged).toEqual([false, false, false, true, false, false, false, false]);
  });

  it("checks the runtime's Intl offsets itself in the self-check, the grading never asking Intl", () => {
    for (const [intl, says] of [
      ["full", "Utilities 480 min, Intl 480 min"],
      ["no longOffset", "Utilities 480 min, Intl cannot tell"],
    ] as const) {
      const fakes = makeGasFakes({ timeZone: "Asia/Shanghai" });
      const { context } = appsScriptContext(fakes, intl);
      context.checkLeadGradeFromMenu();
      expect(fakes.dialogs.at(-1)?.html).toContain(says);
    }
  });

  it("gives the same days where the runtime's Intl has no longOffset (offsets come from Utilities)", () => {
    const fakes = () => makeGasFakes({ timeZone: "Asia/Shanghai", context: "customFunction" });
    const data = [
      ["客户名称", "意向", "最近联系"],
      ["张三", "高", new Date("2026-08-03T16:00:00Z")], // 2026-08-04 in Shanghai
    ];
    const asOf = new Date("2026-08-04T16:00:00Z");
    const answer = (intl: "full" | "no longOffset") => {
      const { context } = appsScriptContext(fakes(), intl);
      const column = context.NEXTFOLLOWUP(data, 1, asOf) as unknown[][];
      return column.map(([v]) => (Object.prototype.toString.call(v) === "[object Date]" ? Number(v) : v));
    };
    const bare = answer("no longOffset");
    expect(bare).toEqual(answer("full"));
    // 2026-09-03 00:00 in Shanghai, 30 days after the contact: not a day early.
    expect(new Date(bare[1] as number).toISOString()).toBe("2026-09-02T16:00:00.000Z");
  });

  it("builds the menu from onOpen, every item calling a top-level function", () => {
    const fakes = makeGasFakes({ locale: "en_US" });
    const { context } = appsScriptContext(fakes);
    context.onOpen({ authMode: "NONE" });
    const items = fakes.menus[0]?.items.filter((i) => i !== "separator") ?? [];
    expect(items[0]).toEqual({ label: "Open rule editor", functionName: "openSidebar" });
    expect(items).toHaveLength(16);
    for (const item of items) expect(code).toContain(`\nfunction ${item.functionName}(`);
  });

  it("runs the priority pass from its menu command and installs one hourly trigger", () => {
    const leads = [
      ["客户名称", "意向", "负责人", "最近联系"],
      ["张三", "高", "zs@example.com", new Date("2026-08-31T16:00:00Z")], // overdue whatever today is
    ];
    const fakes = makeGasFakes({ sheets: { 线索: leads } });
    const { context } = appsScriptContext(fakes);
    context.runPriorityPassFromMenu();
    expect(fakes.spreadsheet.sheets[0]?.values[0]?.[5]).toBe("等级 (LeadGrade)");
    expect(fakes.outbox.map((m) => m.to)).toEqual(["zs@example.com"]);
    context.installHourlyTriggerFromMenu();
    context.installHourlyTriggerFromMenu();
    expect(fakes.triggers).toHaveLength(1);
    context.runHourlyPass({});
    expect(fakes.outbox).toHaveLength(1);
  });

  it("stores and reads rules through document properties inside the bundle", () => {
    const fakes = makeGasFakes({
      sheets: {
        线索: [
          ["客户名称", "意向"],
          ["张三", "高"],
        ],
      },
    });
    const { context } = appsScriptContext(fakes);
    context.insertLeadGradeColumns();
    expect(fakes.spreadsheet.sheets[0]?.formulas[0]?.[2]).toBe(
      "=LEADCOLUMNS(A1:B, LeadGrade_RulesVersion, LeadGrade_AsOf)",
    );
  });
});
