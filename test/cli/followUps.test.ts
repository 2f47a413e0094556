import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Papa from "papaparse";
import { beforeEach, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/program";

let dir: string;
let out: string[];
let err: string[];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "leadgrade-followups-"));
  out = [];
  err = [];
});

const cli = (...args: string[]) =>
  runCli(args, {
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    tty: false,
    now: () => new Date("2026-12-03T02:00:00Z"),
  });

async function readCsv(path: string): Promise<string[][]> {
  const text = await readFile(path, "utf8");
  return Papa.parse<string[]>(text.replace(/^\uFEFF/, ""), { skipEmptyLines: true }).data;
}

const LEADS = [
  "客户名称,公司,邮箱,电话,意向,来源,预算,负责人,最近联系,备注",
  "张三,星辰科技,zs@example.com,13812345678,中,老客户推荐,,王,2026-10-01,",
  "李四,华为,,,中,广告,,赵,2026-11-15,",
].join("\n");

describe("leadgrade --touches and --history", () => {
  it("grades with the follow-up log, reports its bad lines, and keeps a history that shows the trend on the next run", async () => {
    const leads = join(dir, "leads.csv");
    const touches = join(dir, "touches.csv");
    const history = join(dir, "history.csv");
    const graded = join(dir, "graded.csv");
    const report = join(dir, "report.html");
    await writeFile(leads, LEADS);
    await writeFile(
      touches,
      [
        "线索,时间,方式,备注,下次",
        "zs@example.com,2026-11-20,电话,客户说下月再谈,",
        "无名氏,2026-11-21,电话,,",
      ].join("\n"),
    );

    await cli(leads, "--out", graded, "--touches", touches, "--history", history, "--as-of", "2026-11-22");
    expect(err.join("")).toBe("");
    const text = out.join("");
    expect(text).toContain("跟进记录:2 条,1 条对上线索,1 条有问题");
    expect(text).toContain('第 3 行 "无名氏":表里没有这条线索');
    expect(text).toContain("等级历史");
    let rows = await readCsv(graded);
    const trendAt = rows[0]?.indexOf("趋势") ?? -1;
    expect(trendAt).toBeGreaterThan(0);
    expect(rows[1]?.[trendAt]).toBe("7天→ 30天→");
    const firstHistory = await readCsv(history);
    expect(firstHistory[0]?.slice(0, 2)).toEqual(["日期 Day", "线索 Lead"]);
    expect(firstHistory.slice(1).map((r) => r[1])).toEqual(["zs@example.com", "李四 / 华为"]);
    const gradeBefore = rows[1]?.[rows[0]?.indexOf("等级") ?? -1];

    // Ten days on, a visit where the customer asked for a quote, with a next step.
    await writeFile(
      touches,
      [
        "线索,时间,方式,备注,下次",
        "zs@example.com,2026-11-20,电话,客户说下月再谈,",
        "+86 138 1234 5678,2026-12-01,上门拜访,客户询问报价,2026-12-05",
      ].join("\n"),
    );
    out = [];
    await cli(
      leads,
      "--out",
      graded,
      "--touches",
      touches,
      "--history",
      history,
      "--as-of",
      "2026-12-02",
      "--report",
      report,
    );
    expect(err.join("")).toBe("");
    rows = await readCsv(graded);
    const header = rows[0] ?? [];
    // Graded again over its own output columns: one trend column, not two.
    expect(header.filter((h) => h === "趋势")).toHaveLength(1);
    const zs = rows[1] ?? [];
    expect(zs[header.indexOf("原因")]).toContain("+15 1次拜访、1次电话(14天内)");
    expect(zs[header.indexOf("下次跟进")]).toBe("2026-12-05");
    expect(zs[header.indexOf("等级")]).not.toBe(gradeBefore);
    expect(zs[header.indexOf("趋势")]).toMatch(/^7天↑ 30天↑$/);
    const secondHistory = await readCsv(history);
    expect(secondHistory.length).toBeGreaterThan(firstHistory.length);
    const zsChange = secondHistory.filter((r) => r[1] === "zs@example.com").at(-1) ?? [];
    expect(zsChange[0]).toBe("2026-12-02");
    expect(zsChange[8]).toContain("+15 信号: 询问报价");
    const html = await readFile(report, "utf8");
    expect(html).toContain("近 7 天的变化");
    expect(html).toContain("zs@example.com");
  });

  it("refuses a history file that is not one, and a follow-up log without a lead column, without writing anything", async () => {
    const leads = join(dir, "leads.csv");
    await writeFile(leads, LEADS);
    const notHistory = join(dir, "other.csv");
    await writeFile(notHistory, "a,b\n1,2\n");
    expect(await cli(leads, "--out", join(dir, "g.csv"), "--history", notHistory)).toBe(2);
    expect(err.join("")).toContain("is not a LeadGrade history");
    expect(await readFile(notHistory, "utf8")).toBe("a,b\n1,2\n");

    const badLog = join(dir, "log.csv");
    await writeFile(badLog, "Who,Date\nWang,2026-11-20\n");
    out = [];
    expect(await cli(leads, "--out", join(dir, "g.csv"), "--touches", badLog, "--lang", "en")).toBe(0);
    expect(out.join("")).toContain("lacks the columns lead (headers Lead, When, How, Note, Next); not read");
  });

  it("with the lead pool on, flags the leads whose owner let the time run out, leaves the owners alone, and says so", async () => {
    const leads = join(dir, "leads.csv");
    const history = join(dir, "history.csv");
    const graded = join(dir, "graded.csv");
    const rules = join(dir, "rules.json");
    await writeFile(leads, LEADS);
    await writeFile(
      rules,
      JSON.stringify({
        extends: "standard",
        pool: {
          enabled: true,
          owner: "公海",
          protectionDays: 2,
          maxPerRep: 200,
          cooldownDays: 7,
          writeOwner: false,
          limits: {
            A: { firstContactDays: 1, followUpDays: 3 },
            B: { firstContactDays: 1, followUpDays: 3 },
            C: { firstContactDays: 1, followUpDays: 3 },
            D: { firstContactDays: 1, followUpDays: 3 },
          },
        },
      }),
    );
    // Monday 11-30: both leads are seen (taken) for the first time; protected.
    await cli(leads, "--out", graded, "--rules", rules, "--history", history, "--as-of", "2026-11-30");
    expect(err.join("")).toBe("");
    expect(out.join("")).toContain("公海:0 条线索超时未跟进");
    // Thursday 12-03: three working days on, neither contacted since they were taken.
    out = [];
    const again = join(dir, "again.csv");
    await cli(graded, "--out", again, "--rules", rules, "--history", history, "--as-of", "2026-12-03");
    expect(err.join("")).toBe("");
    expect(out.join("")).toContain("公海:2 条线索超时未跟进,待收回");
    const rows = await readCsv(again);
    const header = rows[0] as string[];
    // Graded again from its own output: one pool column, not two.
    expect(header.filter((h) => h === "公海")).toHaveLength(1);
    const pool = header.indexOf("公海");
    expect(rows[1]?.[pool]).toBe("待收回公海:领取后 3 个工作日未首次联系(限 1 天)");
    expect(rows[1]?.[header.indexOf("负责人")]).toBe("王");
  });

  it("says the pool was not checked when it is on but there is no history", async () => {
    const leads = join(dir, "leads.csv");
    const rules = join(dir, "rules.json");
    await writeFile(leads, LEADS);
    // A partial rules file: the pool's other settings are the preset's.
    await writeFile(rules, JSON.stringify({ extends: "standard", pool: { enabled: true } }));
    expect(await cli(leads, "--out", join(dir, "g.csv"), "--rules", rules, "--lang", "en")).toBe(0);
    expect(out.join("")).toContain("The lead pool is on, but there is no --history");
  });
});
