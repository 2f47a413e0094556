import { mkdtemp, readdir, readFile, stat, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import Papa from "papaparse";
import { beforeEach, describe, expect, it } from "vitest";
import { headerRowIndex } from "../../src/cli/headerRow";
import { runCli } from "../../src/cli/program";
import { standardPreset } from "../../src/core/index";

const FIXTURES = join(import.meta.dirname, "../fixtures");
let dir: string;
let out: string[];
let err: string[];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "leadgrade-cli-"));
  out = [];
  err = [];
});

const cli = (...args: string[]) =>
  runCli(args, {
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    tty: false,
    now: () => new Date("2026-11-22T02:00:00Z"),
  });

async function readCsv(path: string): Promise<string[][]> {
  const text = await readFile(path, "utf8");
  expect(text.startsWith("\uFEFF")).toBe(true);
  return Papa.parse<string[]>(text.slice(1), { skipEmptyLines: true }).data;
}

/** Writes `content` as the file `name`, grades it as of 2026-11-22 into a CSV and reads that back. */
async function gradeFile(name: string, content: string | Buffer): Promise<string[][]> {
  const input = join(dir, name);
  await writeFile(input, content);
  const target = join(dir, `graded-${name.replace(/\.\w+$/, "")}.csv`);
  expect(await cli(input, "--out", target, "--as-of", "2026-11-22")).toBe(0);
  return readCsv(target);
}

describe("leadgrade on a Chinese CSV", () => {
  it("keeps every row and cell in order and adds LeadGrade's columns, cell by cell", async () => {
    const target = join(dir, "graded.csv");
    expect(await cli(join(FIXTURES, "leads-zh.csv"), "--out", target, "--as-of", "2026-11-22")).toBe(0);
    const rows = await readCsv(target);
    expect(rows[0]).toEqual([
      "客户名称",
      "来源",
      "意向",
      "预算",
      "最近联系",
      "备注",
      "负责人",
      "邮箱",
      "自定义列",
      "评分",
      "等级",
      "下次跟进",
      "逾期",
      "阶段",
      "RFM",
      "原因",
      "问题",
    ]);
    // 30 intent + 20 budget + 5 recent contact + 20 referral + 15 quote; due the next working day.
    expect(rows[1]).toEqual([
      "张三",
      "老客户推荐",
      "高",
      "20万",
      "2026-11-21",
      "客户询问报价",
      "李雷",
      "zs@example.com",
      "保留我",
      "90",
      "A",
      "2026-11-23",
      "",
      "潜在",
      "",
      "'+30 意向=高 · +20 预算=20万 · +5 最近联系=2026-11-21 · +20 来源=老客户推荐 · +15 信号: 询问报价",
      "",
    ]);
    expect(rows[2]).toEqual(["", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", ""]);
    // Formula-like input passes through as it was; LeadGrade's own text never starts a formula.
    expect(rows[3]?.slice(0, 9)).toEqual([
      "=1+1",
      "百度广告",
      "低",
      "很多",
      "上周二",
      "目前不需要报价",
      "韩梅梅",
      "",
      "@SUM(A1)",
    ]);
    expect(rows[3]?.slice(9, 14)).toEqual(["0", "D", "2026-11-23", "", "潜在"]);
    // A true minus sign (U+2212) cannot start a formula, so this text needs no guard.
    expect(rows[3]?.[15]).toBe("\u221210 无联系方式 · +3 来源=百度广告 · +7 总分限 0–100");
    expect(rows[3]?.[16]).toBe(
      "预算不是可识别的金额：写成 200000 或 20万；最近联系不是可识别的日期：写成 YYYY-MM-DD，或在规则 columns 里改用别的列；没有邮箱也没有电话",
    );
    // 30 hot + 20 referral + 12 demo = 62, less 16 for 52 days without contact; C is due weekly.
    expect(rows[4]?.slice(9, 13)).toEqual(["46", "C", "2026-10-08", "45"]);
    expect(rows).toHaveLength(5);
  });

  it("prints a summary with the grade distribution, overdue per owner and issues", async () => {
    await cli(join(FIXTURES, "leads-zh.csv"), "--out", join(dir, "g.csv"), "--as-of", "2026-11-22");
    const printed = out.join("");
    expect(printed).toContain("3 条线索 · 1 空行");
    expect(printed).toContain("A 紧急重要: 1 · B 重要不紧急: 0 · C 潜在发展: 1 · D 普通维护: 1");
    expect(printed).toContain("逾期(按负责人): Tom 1");
    expect(printed).toContain("预算不是可识别的金额：写成 200000 或 20万 (1 行)");
    expect(printed).toMatch(/资料完整度: \d+%/);
    expect(printed).toContain("重复分组(按表格行号): 无");
    expect(printed).toContain(join(dir, "g.csv"));
    expect(err.join("")).toBe("");
  });

  it("counts 撞单 in the summary and names the other rep's row in each lead's Issues cell", async () => {
    const rows = await gradeFile(
      "clash.csv",
      "客户名称,公司,邮箱,意向,负责人\n张三,星辰科技,zs@example.com,高,王强\n张三,星辰科技,ZS@example.com,中,李雷\n",
    );
    expect(out.join("")).toContain("撞单(同一客户在不同负责人名下) (2 行)");
    const issuesAt = rows[0]?.indexOf("问题") ?? -1;
    expect(rows[1]?.[issuesAt]).toContain("撞单:与第 3 行是同一客户,但负责人不同");
    expect(rows[2]?.[issuesAt]).toContain("撞单:与第 2 行是同一客户,但负责人不同");
  });

  it("writes English columns when asked", async () => {
    const target = join(dir, "en.csv");
    await cli(join(FIXTURES, "leads-zh.csv"), "--out", target, "--as-of", "2026-11-22", "--lang", "en");
    const rows = await readCsv(target);
    expect(rows[0]?.slice(9)).toEqual([
      "Score",
      "Grade",
      "Next follow-up",
      "Overdue",
      "Stage",
      "RFM",
      "Why",
      "Issues",
    ]);
    expect(rows[3]?.[16]).toBe(
      "预算 is not an amount LeadGrade can read: write it as 200000 or 200k; 最近联系 is not a date LeadGrade can read: write it as YYYY-MM-DD, or map another column in the rules' columns; no email and no phone",
    );
  });
});

describe("leadgrade on exports in other encodings", () => {
  it.each([
    ["GBK CSV, as Excel on Chinese Windows saves it", "leads-zh-gbk.csv"],
    ["UTF-16 tab-separated text, as Excel's Unicode text", "leads-zh-unicode.txt"],
  ])("reads %s exactly as the UTF-8 CSV", async (_, fixture) => {
    const utf8 = join(dir, "utf8.csv");
    const other = join(dir, "other.csv");
    expect(await cli(join(FIXTURES, "leads-zh.csv"), "--out", utf8, "--as-of", "2026-11-22")).toBe(0);
    expect(await cli(join(FIXTURES, fixture), "--out", other, "--as-of", "2026-11-22")).toBe(0);
    const expected = await readCsv(utf8);
    expect(expected[1]?.[0]).toBe("张三");
    expect(await readCsv(other)).toEqual(expected);
  });

  it("keeps a UTF-8 export with one broken character as UTF-8, the rest of its Chinese intact", async () => {
    const text = await readFile(join(FIXTURES, "leads-zh.csv"));
    // A cell cut in the middle of a character: the first byte of 报 without the other two.
    const at = text.indexOf(Buffer.from("客户询问报价"));
    const broken = Buffer.concat([text.subarray(0, at), Buffer.from([0xe6]), text.subarray(at)]);
    const rows = await gradeFile("broken.csv", broken);
    expect(rows[1]?.slice(0, 6)).toEqual([
      "张三",
      "老客户推荐",
      "高",
      "20万",
      "2026-11-21",
      "\ufffd客户询问报价",
    ]);
  });
});

describe("leadgrade on an export it graded before", () => {
  it("replaces its earlier columns instead of adding a second set, and never reads them as input", async () => {
    const once = await gradeFile(
      "leads.csv",
      "客户名称,意向,最近联系,备注\n王五,高,2025-01-05,老客户\n赵六,中,2026-11-20,\n",
    );
    const stage = (once[0] as string[]).indexOf("阶段");
    expect(once[1]?.[stage]).toBe("流失");

    // The rep calls 王五 and types the new date into the graded file, then grades it again.
    const edited = once.map((row) => row.map((cell) => (cell === "2025-01-05" ? "2026-11-21" : cell)));
    const twice = await gradeFile("edited.csv", `\uFEFF${Papa.unparse(edited)}`);
    expect(twice[0]).toEqual(once[0]);
    // The earlier "流失" is not taken for the sales stage "lost": the lead is worked again.
    expect(twice[1]?.slice(0, 4)).toEqual(["王五", "高", "2026-11-21", "老客户"]);
    expect(twice[1]?.[stage]).toBe("潜在");
    expect(twice[1]?.[stage - 2]).toBe("2026-12-21");
    expect(out.join("")).toContain("上次评分留下的 LeadGrade 列已换成这次的结果");
  });

  it("drops the assignment column only where this command writes it, after its eight", async () => {
    const block = "评分,等级,下次跟进,逾期,阶段,RFM,原因,问题";
    const graded = await gradeFile(
      "graded.csv",
      `客户名称,意向,${block},分配给\n王五,高,90,A,,,潜在,,,,李雷\n`,
    );
    expect(graded[0]?.slice(0, 3)).toEqual(["客户名称", "意向", "评分"]);

    // Downloaded from Google Sheets: the add-on's tagged column, then the user's own 分配给.
    const rows = await gradeFile("sheet.csv", "客户名称,意向,问题 (LeadGrade),分配给\n王五,高,,韩梅梅\n");
    expect(rows[0]?.slice(0, 4)).toEqual(["客户名称", "意向", "分配给", "评分"]);
    expect(rows[1]?.slice(0, 3)).toEqual(["王五", "高", "韩梅梅"]);
  });

  it("keeps a user's own column that only shares a name with one of LeadGrade's", async () => {
    const rows = await gradeFile("stage.csv", "客户名称,意向,阶段\n王五,高,丢单\n");
    expect(rows[0]?.slice(0, 3)).toEqual(["客户名称", "意向", "阶段"]);
    expect(rows[1]?.slice(0, 3)).toEqual(["王五", "高", "丢单"]);
    // The user's stage says the deal was lost: no follow-up is scheduled.
    const next = (rows[0] as string[]).indexOf("下次跟进");
    expect(rows[1]?.[next]).toBe("");
  });
});

describe("leadgrade on an English CSV", () => {
  it("follows the headers' language and closes lost leads", async () => {
    const target = join(dir, "en.csv");
    expect(await cli(join(FIXTURES, "leads-en.csv"), "--out", target, "--as-of", "2026-11-22")).toBe(0);
    const rows = await readCsv(target);
    expect(rows[0]?.slice(9)).toEqual([
      "Score",
      "Grade",
      "Next follow-up",
      "Overdue",
      "Stage",
      "RFM",
      "Why",
      "Issues",
    ]);
    // 15 medium + 20 budget + 5 recent contact + 15 partner + 15 quote + 12 trial.
    expect(rows[1]?.slice(9, 13)).toEqual(["82", "A", "2026-11-23", ""]);
    expect(rows[2]?.slice(9, 14)).toEqual(["0", "D", "", "", "Lost"]);
  });

  it("reads US dates (11/02/2026) with --date-order mdy, and says to set it where the column is ambiguous", async () => {
    const input = join(dir, "us.csv");
    await writeFile(input, "Name,Intent,Last Contact\nBob,hot,11/02/2026\nAmy,hot,2026-11-02\n");
    expect(await cli(input, "--out", join(dir, "plain.csv"), "--as-of", "2026-11-22")).toBe(0);
    const plain = await readCsv(join(dir, "plain.csv"));
    expect(plain[1]?.[10]).toContain("Last Contact has the year last (like 11/20/2026): set the date order");
    expect(out.join("")).toContain("--date-order");
    const target = join(dir, "us-graded.csv");
    expect(await cli(input, "--out", target, "--as-of", "2026-11-22", "--date-order", "mdy")).toBe(0);
    const [, bob, amy] = await readCsv(target);
    // Bob's row grades exactly as Amy's, whose date starts with the year: his date was read.
    expect(bob?.slice(3, 9)).toEqual(amy?.slice(3, 9));
    expect(bob?.[9]).toContain("no contact for 20 days");
    expect(bob?.[10]).toBe("");
    expect(await cli(input, "--out", target, "--date-order", "ddmm")).toBe(2);
    expect(err.join("")).toContain("ddmm");
  });

  it("reads a column whose own values can only be month-first (10/20/2016) without being told, and says so", async () => {
    const input = join(dir, "us-inferred.csv");
    await writeFile(
      input,
      "Name,Intent,Last Contact\nBob,hot,10/20/2016\nAmy,hot,3/1/2017\nSue,hot,2017-03-01\n",
    );
    const target = join(dir, "us-inferred-graded.csv");
    expect(await cli(input, "--out", target, "--as-of", "2017-03-02", "--lang", "en")).toBe(0);
    const [, bob, amy, sue] = await readCsv(target);
    expect([bob?.[10], amy?.[10]]).toEqual(["", ""]);
    expect(amy?.slice(3, 9)).toEqual(sue?.slice(3, 9));
    expect(out.join("")).toContain(
      "Last contact has dates with the year last, read as month/day/year from its own values",
    );
  });
});

describe("leadgrade with XLSX", () => {
  it("reads an XLSX and writes one with real dates, grade colours, overdue highlight and a frozen header", async () => {
    const input = join(dir, "in.xlsx");
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("线索");
    ws.addRow(["客户名称", "意向", "来源", "最近联系", "负责人", "金额备注"]);
    ws.addRow(["王五", "高", "老客户推荐", new Date(Date.UTC(2026, 10, 2)), "李雷", 12.5]);
    ws.addRow(["赵六", "低", "广告", new Date(Date.UTC(2026, 10, 20)), "韩梅梅", null]);
    await wb.xlsx.writeFile(input);

    const target = join(dir, "out.xlsx");
    expect(await cli(input, "--out", target, "--as-of", "2026-11-22")).toBe(0);
    const back = new ExcelJS.Workbook();
    await back.xlsx.readFile(target);
    const sheet = back.getWorksheet("线索");
    expect(sheet?.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    const header = sheet?.getRow(1).values as unknown[];
    expect(header.slice(1)).toEqual([
      "客户名称",
      "意向",
      "来源",
      "最近联系",
      "负责人",
      "金额备注",
      "评分",
      "等级",
      "下次跟进",
      "逾期",
      "阶段",
      "RFM",
      "原因",
      "问题",
    ]);
    const first = sheet?.getRow(2);
    expect(first?.getCell(4).value).toEqual(new Date(Date.UTC(2026, 10, 2))); // the user's date, unchanged
    expect(first?.getCell(6).value).toBe(12.5);
    // 30 intent + 20 referral − 10 no contact details = 40, less 2 for 20 days without contact
    // (keeps 0.5^(6/90)): 38, C, due weekly from 2026-11-02, so 13 days overdue.
    expect(first?.getCell(7).value).toBe(38);
    expect(first?.getCell(8).value).toBe("C");
    expect(first?.getCell(8).fill).toMatchObject({
      fgColor: { argb: `FF${standardPreset().grades[2]?.color.slice(1).toUpperCase()}` },
    });
    expect(first?.getCell(9).value).toEqual(new Date(Date.UTC(2026, 10, 9)));
    expect(first?.getCell(10).value).toBe(13);
    expect(first?.getCell(10).font?.color?.argb).toBe("FFC5221F");
    expect(sheet?.getRow(3).getCell(10).value).toBeNull();
  });
});

describe("leadgrade's mistakes to fix", () => {
  it.each([
    [["missing.csv"], /missing\.csv: no such file/],
    [["leads.ods"], /leads\.ods: unknown format "\.ods"/],
    [["--as-of", "tomorrow"], /--as-of: "tomorrow" is not a date/],
    [["--tz", "Mars/Base"], /--tz: "Mars\/Base" is not a time zone/],
    [["--lang", "fr"], /--lang/],
    [["--bogus"], /unknown option/],
  ])("exits 2 with one clear line for %j", async (args, message) => {
    const input = args[0]?.startsWith("--")
      ? [join(FIXTURES, "leads-zh.csv"), ...args]
      : [join(dir, args[0] ?? ""), ...args.slice(1)];
    expect(await cli(...input, "--out", join(dir, "x.csv"))).toBe(2);
    expect(err.join("")).toMatch(message);
    expect(err.join("").split("\n").filter(Boolean)).toHaveLength(1);
    expect(await readdir(dir)).not.toContain("x.csv");
  });

  it("rejects a file that is not a workbook, naming it", async () => {
    const input = join(dir, "fake.xlsx");
    await writeFile(input, "name,intent\nA,high\n");
    expect(await cli(input, "--out", join(dir, "x.xlsx"))).toBe(2);
    expect(err.join("")).toMatch(
      new RegExp(`^leadgrade: ${input}: not a readable \\.xlsx workbook \\(.+\\)\\n$`),
    );
    expect(await readdir(dir)).toEqual(["fake.xlsx"]);
  });

  it("names the sheets a workbook has when --sheet names another", async () => {
    const input = join(dir, "book.xlsx");
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("线索").addRow(["客户名称"]);
    wb.addWorksheet("Archive").addRow(["Name"]);
    await wb.xlsx.writeFile(input);
    expect(await cli(input, "--sheet", "Leads", "--out", join(dir, "x.csv"))).toBe(2);
    expect(err.join("")).toContain('no sheet "Leads" (sheets: "线索", "Archive")');
    expect(await cli(input, "--sheet", "Archive", "--out", join(dir, "ok.csv"))).toBe(0);
  });

  it("rejects a file with no recognisable header and leaves no output behind", async () => {
    const input = join(dir, "nothing.csv");
    await writeFile(input, "foo,bar\n1,2\n");
    expect(await cli(input, "--out", join(dir, "x.csv"), "--lang", "en")).toBe(2);
    expect(err.join("")).toContain(
      "nothing.csv: The first row has no recognisable headers (e.g. Name, Source, Intent), nor does any of the first ten rows",
    );
    expect(await readdir(dir)).toEqual(["nothing.csv"]);
  });

  it("refuses to write over the input file, and leaves it as it was", async () => {
    const input = join(dir, "leads.csv");
    const original = await readFile(join(FIXTURES, "leads-zh.csv"));
    await writeFile(input, original);
    expect(await cli(input, "--out", join(dir, ".", "leads.csv"))).toBe(2);
    expect(err.join("")).toContain("is the input file");
    await symlink(input, join(dir, "link.csv"));
    expect(await cli(join(dir, "link.csv"), "--out", input)).toBe(2);
    expect(await readFile(input)).toEqual(original);
    expect((await readdir(dir)).sort()).toEqual(["leads.csv", "link.csv"]);
  });

  it("refuses a CSV with a stray or unclosed quote mark, naming the line, instead of grading fewer leads", async () => {
    const rows = ["张三,老客户推荐,高,ok", "王五,官网,低,fine", "钱七,展会,高,x"];
    // Line 3: a quote inside a quoted cell written as it is, not as "": papaparse would read the
    // rest of the file into that cell.
    const broken = join(dir, "broken.csv");
    await writeFile(
      broken,
      ["客户名称,来源,意向,备注", rows[0], '李四,展会,中,"他说"很急', ...rows.slice(1)].join("\n"),
    );
    expect(await cli(broken, "--out", join(dir, "x.csv"), "--lang", "en")).toBe(2);
    expect(err.join("")).toContain(
      'broken.csv: line 3: a quoted cell holds a quote mark not written as "", so where the cell ends is unclear; nothing was graded',
    );
    // A quoted cell never closed at all.
    const open = join(dir, "open.csv");
    await writeFile(
      open,
      ["客户名称,来源,意向,备注", rows[0], rows[1], '李四,展会,中,"未闭合', rows[2]].join("\n"),
    );
    expect(await cli(open, "--out", join(dir, "y.csv"), "--lang", "en")).toBe(2);
    expect(err.join("")).toContain(
      "open.csv: line 4: a quoted cell is never closed, so every line after it would be read into that cell",
    );
    expect((await readdir(dir)).sort()).toEqual(["broken.csv", "open.csv"]);
    // Written the CSV way, the same lead and every one after it are graded.
    const graded = await gradeFile(
      "fixed.csv",
      ["客户名称,来源,意向,备注", rows[0], '李四,展会,中,"他说""很急"""', ...rows.slice(1)].join("\n"),
    );
    expect(graded.slice(1).map((row) => [row[0], row[3]])).toEqual([
      ["张三", "ok"],
      ["李四", '他说"很急"'],
      ["王五", "fine"],
      ["钱七", "x"],
    ]);
    expect(graded.slice(1).every((row) => /^[ABCD]$/.test(row[5] ?? ""))).toBe(true);
  });

  it("says which encoding it tried when a header cannot be read", async () => {
    // Neither UTF-8 nor a header once read as GB18030 (these bytes are 啊阿,埃 there).
    const legacy = join(dir, "legacy.csv");
    await writeFile(
      legacy,
      Buffer.from([0xb0, 0xa1, 0xb0, 0xa2, 0x2c, 0xb0, 0xa3, 0x0a, 0x31, 0x2c, 0x32, 0x0a]),
    );
    expect(await cli(legacy, "--out", join(dir, "x.csv"), "--lang", "en")).toBe(2);
    expect(err.join("")).toContain(
      "legacy.csv: The first row has no recognisable headers (e.g. Name, Source, Intent), nor does any of the first ten rows (read as GB18030)",
    );
    // Not text in any encoding LeadGrade knows.
    const binary = join(dir, "binary.csv");
    await writeFile(binary, Buffer.from([0x80, 0xff, 0x2c, 0xfe, 0x0a]));
    expect(await cli(binary, "--out", join(dir, "y.csv"), "--lang", "en")).toBe(2);
    expect(err.join("")).toContain("(the file's text is neither UTF-8 nor GB18030)");
    expect((await readdir(dir)).sort()).toEqual(["binary.csv", "legacy.csv"]);
  });

  it("rejects invalid rules JSON with the reason and where", async () => {
    const rules = join(dir, "rules.json");
    await writeFile(
      rules,
      JSON.stringify({
        ...standardPreset(),
        grades: [{ ...standardPreset().grades[0], minScore: 500 }, standardPreset().grades[1]],
      }),
    );
    expect(await cli(join(FIXTURES, "leads-zh.csv"), "--rules", rules, "--out", join(dir, "x.csv"))).toBe(2);
    expect(err.join("")).toMatch(/rules\.json: invalid rules — Grades › 1 › minimum score: is too large/);
    await writeFile(rules, "{ nope");
    expect(await cli(join(FIXTURES, "leads-zh.csv"), "--rules", rules, "--out", join(dir, "x.csv"))).toBe(2);
    expect(err.join("")).toMatch(/is not valid JSON/);
  });

  it("uses valid rules from a file", async () => {
    const rules = join(dir, "rules.json");
    const custom = standardPreset();
    custom.grades = custom.grades.map((g) => (g.grade === "A" ? { ...g, minScore: 95 } : g));
    await writeFile(rules, JSON.stringify(custom));
    const target = join(dir, "g.csv");
    expect(
      await cli(join(FIXTURES, "leads-zh.csv"), "--rules", rules, "--out", target, "--as-of", "2026-11-22"),
    ).toBe(0);
    expect((await readCsv(target))[1]?.[10]).toBe("B");
  });
});

describe("leadgrade --outbox and --report", () => {
  it("writes one digest per owner with something due, and a self-contained report", async () => {
    const outbox = join(dir, "outbox");
    const report = join(dir, "report.html");
    await cli(
      join(FIXTURES, "leads-zh.csv"),
      "--out",
      join(dir, "g.csv"),
      "--as-of",
      "2026-11-22",
      "--outbox",
      outbox,
      "--report",
      report,
    );
    expect((await readdir(outbox)).sort()).toEqual(["Tom.eml"]);
    const eml = await readFile(join(outbox, "Tom.eml"), "utf8");
    expect(eml).toContain("Content-Type: multipart/alternative");
    const [, textPart = ""] = eml.split("Content-Transfer-Encoding: base64\r\n\r\n");
    expect(Buffer.from(textPart.split("\r\n--")[0] ?? "", "base64").toString("utf8")).toContain(
      "Lucy [C] 2026-10-08 (逾期 45 天)",
    );
    const html = await readFile(report, "utf8");
    expect(html).toContain("<!doctype html>");
    expect(html).not.toMatch(/<script|https?:\/\//);
    expect((await stat(report)).size).toBeGreaterThan(200);
  });
});

describe("leadgrade --assign", () => {
  it("assigns unowned leads to the rules' reps in a column of its own, keeping owners", async () => {
    const rules = join(dir, "rules.json");
    await writeFile(
      rules,
      JSON.stringify({
        ...standardPreset(),
        reps: [{ name: "小王", industries: ["制造"] }, { name: "小李" }],
      }),
    );
    const input = join(dir, "leads.csv");
    await writeFile(input, "客户名称,行业,意向,负责人\n甲,制造业,高,\n乙,软件,低,\n丙,软件,中,老张\n");
    const target = join(dir, "out.csv");
    expect(await cli(input, "--assign", "--rules", rules, "--out", target, "--as-of", "2026-11-22")).toBe(0);
    const rows = await readCsv(target);
    expect(rows.map((r) => [r[3], r.at(-1)])).toEqual([
      ["负责人", "分配给"],
      ["", "小王"],
      ["", "小李"],
      ["老张", ""],
    ]);
    expect(out.join("")).toContain("分配: 小王 1 · 小李 1");
  });

  it("asks for a rep directory", async () => {
    expect(await cli(join(FIXTURES, "leads-zh.csv"), "--assign", "--out", join(dir, "x.csv"))).toBe(2);
    expect(err.join("")).toContain("--assign: the rules have no rep directory");
  });
});

describe("leadgrade on duplicates", () => {
  it("lists the duplicate groups by sheet row", async () => {
    const input = join(dir, "dups.csv");
    await writeFile(
      input,
      "客户名称,电话,邮箱\n张三,138 1234 5678,\n李四,,ls@example.com\n张三丰,+86 138-1234-5678,\n王五,,LS@Example.com\n",
    );
    expect(await cli(input, "--out", join(dir, "d.csv"), "--as-of", "2026-11-22")).toBe(0);
    expect(out.join("")).toContain("重复分组(按表格行号): 2、4 · 3、5");
  });
});

describe("leadgrade on an export with a title above its header", () => {
  it("finds the header below a title and a blank line, keeps both rows above it, and counts sheet rows from there", async () => {
    const rows = await gradeFile(
      "titled.csv",
      "客户线索导出,,\n导出时间 2026-11-20 09:00,,\n\n客户名称,电话,意向\n张三,138 1234 5678,高\n李四,,低\n张三丰,+86 138-1234-5678,\n",
    );
    expect(rows[0]).toEqual(["客户线索导出", "", ""]);
    expect(rows[1]).toEqual(["导出时间 2026-11-20 09:00", "", ""]);
    // (The blank line is kept in the file; reading back here skips it.)
    expect(rows[2]?.slice(0, 5)).toEqual(["客户名称", "电话", "意向", "评分", "等级"]);
    expect(rows.slice(3).map((r) => r.slice(0, 3))).toEqual([
      ["张三", "138 1234 5678", "高"],
      ["李四", "", "低"],
      ["张三丰", "+86 138-1234-5678", ""],
    ]);
    for (const lead of rows.slice(3)) expect(lead[4]).toMatch(/^[ABCD]$/);
    expect(out.join("")).toContain("3 条线索");
    // Sheet rows 5 and 7: the header is on row 4.
    expect(out.join("")).toContain("重复分组(按表格行号): 5、7");
    const text = await readFile(join(dir, "graded-titled.csv"), "utf8");
    expect(text.split("\r\n").slice(0, 4)).toEqual([
      "\uFEFF客户线索导出,,",
      "导出时间 2026-11-20 09:00,,",
      "",
      `客户名称,电话,意向,${["评分", "等级", "下次跟进", "逾期", "阶段", "RFM", "原因", "问题"].join(",")}`,
    ]);
  });

  it("keeps an XLSX title row above the header and freezes the sheet below the header", async () => {
    const input = join(dir, "titled.xlsx");
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("线索");
    ws.addRow(["线索列表(导出于 2026-11-20)"]);
    ws.addRow(["客户名称", "意向", "来源", "最近联系"]);
    ws.addRow(["王五", "高", "老客户推荐", new Date(Date.UTC(2026, 10, 2))]);
    await wb.xlsx.writeFile(input);
    const target = join(dir, "titled-out.xlsx");
    expect(await cli(input, "--out", target, "--as-of", "2026-11-22")).toBe(0);
    const back = new ExcelJS.Workbook();
    await back.xlsx.readFile(target);
    const sheet = back.getWorksheet("线索");
    if (!sheet) throw new Error("no sheet 线索");
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 2 });
    expect(sheet.getRow(1).values).toEqual([undefined, "线索列表(导出于 2026-11-20)"]);
    expect((sheet.getRow(2).values as unknown[]).slice(1, 7)).toEqual([
      "客户名称",
      "意向",
      "来源",
      "最近联系",
      "评分",
      "等级",
    ]);
    expect(sheet.getRow(3).getCell(4).value).toEqual(new Date(Date.UTC(2026, 10, 2)));
    expect(sheet.getRow(3).getCell(6).value).toBe("C");
  });

  it("still takes a first row that names columns as the header, whatever the rows below say", () => {
    const rows = [
      ["客户名称", "备注"],
      ["张三", "来源 行业 意向 预算"],
    ];
    expect(headerRowIndex(rows, {})).toBe(0);
    expect(headerRowIndex([["客户名单"], [], ["客户名称", "来源"], ["名称", "来源", "行业"]], {})).toBe(3);
    expect(headerRowIndex([["标题"], ["foo", "bar"]], {})).toBe(0);
  });
});

describe("leadgrade --suggest", () => {
  it("says when there is too little history to learn from", async () => {
    expect(
      await cli(
        join(FIXTURES, "leads-zh.csv"),
        "--suggest",
        "--out",
        join(dir, "s.csv"),
        "--as-of",
        "2026-11-22",
      ),
    ).toBe(0);
    expect(out.join("")).toContain("学习:已关闭线索不足(成交 0、丢单 0,各需至少 40),保持现有规则");
    expect(out.join("")).toMatch(
      /等级分数线\(目标分布 10%\/20%\/30%\/40%\),未自动应用:\n {4}grades\.0\.minScore {2}A: 70 → \d+/,
    );
  });

  it("shows each model's AUC with its interval, and learned points, without changing the rules", async () => {
    // Won or lost by a column the rules do not read: 9 in 10 web-form leads win, 1 in 10 imported.
    const rows = Array.from({ length: 200 }, (_, i) => {
      const form = i % 2 === 0;
      const won = form ? i % 10 !== 0 : i % 10 === 1;
      return `客户${i},展会,中,${won ? "已成交" : "丢单"},c${i}@example.com,${form ? "Web Form" : "Import"}`;
    });
    const input = join(dir, "history.csv");
    await writeFile(input, `客户名称,来源,意向,状态,邮箱,Lead Origin\n${rows.join("\n")}\n`);
    expect(await cli(input, "--suggest", "--out", join(dir, "h.csv"), "--as-of", "2026-11-22")).toBe(0);
    const printed = out.join("");
    expect(printed).toContain("学习(成交 100、丢单 100;5 折交叉验证 AUC ± 95% 区间):");
    expect(printed).toMatch(/现有规则 +0\.\d\d ± 0\.\d{3}/);
    expect(printed).toMatch(/逻辑回归 +0\.\d\d ± 0\.\d{3}/);
    expect(printed).toContain("建议(未自动应用):");
    expect(printed).toMatch(/Lead Origin = Web Form {2}\+\d+/);
    const suggested = JSON.parse(await readFile(join(dir, "rules-suggested.json"), "utf8"));
    const origin = suggested.columnPoints.find((c: { header: string }) => c.header === "Lead Origin");
    const points = (value: string) =>
      origin.values.find((v: { value: string }) => v.value === value)?.points ?? origin.otherPoints;
    expect(points("Web Form")).toBeGreaterThan(points("Import"));
    expect(
      await cli(
        input,
        "--rules",
        join(dir, "rules-suggested.json"),
        "--out",
        join(dir, "h2.csv"),
        "--as-of",
        "2026-11-22",
      ),
    ).toBe(0);
  });

  it("says plainly when the history shows no signal, and writes no suggestion", async () => {
    const rows = Array.from({ length: 200 }, (_, i) => {
      const source = ["老客户推荐", "百度广告"][i % 2];
      // Every source wins one lead in two: nothing to learn.
      const won = Math.floor(i / 2) % 2 === 0;
      return `客户${i},${source},中,${won ? "已成交" : "丢单"},c${i}@example.com`;
    });
    const input = join(dir, "flat.csv");
    await writeFile(input, `客户名称,来源,意向,状态,邮箱\n${rows.join("\n")}\n`);
    expect(await cli(input, "--suggest", "--out", join(dir, "f.csv"), "--as-of", "2026-11-22")).toBe(0);
    expect(out.join("")).toContain("历史数据没有显示比现有规则更可靠的规律:规则保持不变,未写出建议");
    expect(await readdir(dir)).not.toContain("rules-suggested.json");
  });
});

describe("leadgrade on a very tall export", () => {
  // More rows than a JavaScript call can take as arguments: nothing may spread the rows.
  const ROWS = 150_000;
  const lead = (i: number) => [`客户${i}`, i % 3 === 0 ? "高" : "低"];

  it("grades a CSV of 150,000 rows into an XLSX, and that XLSX back into a CSV", async () => {
    const csv = join(dir, "tall.csv");
    const rows = Array.from({ length: ROWS }, (_, i) => lead(i));
    await writeFile(csv, `\uFEFF${Papa.unparse([["客户名称", "意向"], ...rows])}`);
    const xlsx = join(dir, "tall.xlsx");
    expect(await cli(csv, "--out", xlsx, "--as-of", "2026-11-22")).toBe(0);

    const back = join(dir, "back.csv");
    expect(await cli(xlsx, "--out", back, "--as-of", "2026-11-22")).toBe(0);
    const table = await readCsv(back);
    expect(table).toHaveLength(ROWS + 1);
    const last = table[ROWS] as string[];
    expect(last.slice(0, 2)).toEqual(lead(ROWS - 1));
    // The second run replaces the first run's columns (read back from the XLSX) with its own.
    expect(new Set(table[0]).size).toBe(table[0]?.length);
    const grade = (table[0] as string[]).indexOf("等级");
    expect(last[grade]).toMatch(/^[ABCD]$/);
    expect(err).toEqual([]);
  }, 60_000);
});

describe("leadgrade on dates no lead can have", () => {
  it("makes a phone number or 1e20 in a date-styled XLSX cell, and 9999-12-31, an issue on its row", async () => {
    const path = join(dir, "dates.xlsx");
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet("线索");
    sheet.addRow(["客户名称", "意向", "最近联系"]);
    sheet.addRow(["甲", "高", 13800138000]);
    sheet.addRow(["乙", "高", 1e20]);
    sheet.addRow(["丙", "高", "9999-12-31"]);
    sheet.addRow(["丁", "高", new Date("2026-11-20T00:00:00Z")]);
    for (const cell of ["C2", "C3", "C5"]) sheet.getCell(cell).numFmt = "yyyy-mm-dd";
    await book.xlsx.writeFile(path);
    const target = join(dir, "dates-graded.csv");
    expect(await cli(path, "--out", target, "--as-of", "2026-11-22")).toBe(0);
    const rows = await readCsv(target);
    for (const row of rows.slice(1, 4)) {
      expect(row[10]).toBe("最近联系不是可识别的日期：写成 YYYY-MM-DD，或在规则 columns 里改用别的列");
      expect(row[5]).not.toMatch(/^\+0/);
    }
    expect(rows[4]?.[10]).toBe("");
    expect(rows[3]?.[5]).toMatch(/^2026-/);
  });
});

describe("leadgrade on a first real export", () => {
  it("writes a starting rules file and its JSON Schema, which grade an export as written", async () => {
    const rulesPath = join(dir, "team-rules.json");
    expect(await cli("rules", "--init", rulesPath)).toBe(0);
    const starter = JSON.parse(await readFile(rulesPath, "utf8"));
    expect(starter).toMatchObject({ extends: "standard", $schema: "./rules.schema.json" });
    const schema = JSON.parse(await readFile(join(dir, "rules.schema.json"), "utf8"));
    expect(schema.properties.extends.enum).toEqual(["standard", "simple"]);
    expect(schema.properties.dateOrder.enum).toEqual(["ymd", "mdy", "dmy"]);
    expect(schema.required).toBeUndefined();
    await writeFile(rulesPath, JSON.stringify({ ...starter, dateOrder: "mdy", phoneRegion: "US" }));
    const input = join(dir, "us.csv");
    await writeFile(input, "Name,Intent,Last Contact,Phone\nBob,hot,11/02/2026,415-555-2671\n");
    expect(await cli(input, "--rules", rulesPath, "--out", join(dir, "o.csv"), "--as-of", "2026-11-22")).toBe(
      0,
    );
    expect((await readCsv(join(dir, "o.csv")))[1]?.[11]).toBe("");
    // Never over an existing file.
    expect(await cli("rules", "--init", rulesPath)).toBe(2);
    expect(err.join("")).toContain("already exists");
  });

  it("tells a file missing most settings how to be partial", async () => {
    const rulesPath = join(dir, "partial.json");
    await writeFile(rulesPath, JSON.stringify({ dateOrder: "mdy" }));
    expect(await cli(join(FIXTURES, "leads-en.csv"), "--rules", rulesPath, "--out", join(dir, "o.csv"))).toBe(
      2,
    );
    expect(err.join("")).toContain('start the file with "extends": "standard"');
  });

  it("never repeats one of the export's headers in LeadGrade's own columns", async () => {
    const input = join(dir, "staged.csv");
    await writeFile(input, "Name,Stage,Intent\nBob,Negotiation,hot\n");
    expect(await cli(input, "--out", join(dir, "o.csv"), "--as-of", "2026-11-22", "--lang", "en")).toBe(0);
    const [header] = await readCsv(join(dir, "o.csv"));
    expect(header?.filter((h) => h === "Stage")).toHaveLength(1);
    expect(header).toContain("Stage (LeadGrade)");
    // Graded again, the earlier run's columns are replaced, not read as input.
    expect(
      await cli(join(dir, "o.csv"), "--out", join(dir, "o2.csv"), "--as-of", "2026-11-22", "--lang", "en"),
    ).toBe(0);
    expect((await readCsv(join(dir, "o2.csv")))[0]).toEqual(header);
  });

  it("reads an XLSX named .csv by its bytes", async () => {
    const input = join(dir, "really-a-workbook.csv");
    await writeFile(input, await readFile(join(import.meta.dirname, "../../sample/leads-sample.xlsx")));
    expect(await cli(input, "--out", join(dir, "o.csv"), "--as-of", "2026-11-20")).toBe(0);
    expect(out.join("")).toContain("300 条线索");
  });

  it("grades an export in the machine's time zone when neither --tz nor the rules name one", async () => {
    expect(await cli(join(FIXTURES, "leads-en.csv"), "--out", join(dir, "o.csv"))).toBe(0);
    expect(out.join("")).toContain(`(${Intl.DateTimeFormat().resolvedOptions().timeZone})`);
  });
});
