/**
 * The sidebar in a real browser: Debian's Chromium (headless) loads the built dist/sidebar.html
 * from the harness, whose google.script.run stand-in calls the real server functions over the
 * Apps Script fakes. Screenshots go to test-artifacts/ (ignored by git).
 */
import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
// @ts-expect-error: build.mjs is plain JavaScript
import { buildAddon } from "../../build.mjs";
import {
  type CellValue,
  describeRuleIssue,
  type RuleSet,
  runPass,
  simplePreset,
  standardPreset,
} from "../../src/core/index";
import { logFollowUp } from "../../src/sheets/followUps";
import { insertLeadGradeColumns } from "../../src/sheets/menu";
import { runPriorityPass } from "../../src/sheets/priorityPass";
import { loadRules, saveRules } from "../../src/sheets/rulesStore";
import { openFollowUpPanel, openWeekPanel } from "../../src/sheets/sidebar";
import type { FakeOptions } from "../support/gasFakes";
import { launchChromium, screenshot, sidebarPage } from "./chromium";
import { type Harness, startHarness } from "./harness";

const ROOT = join(import.meta.dirname, "../..");
const ZONE = "Asia/Shanghai";
const XSS = "<img src=x onerror=alert(1)>";

/** Dates relative to the real clock, because the preview grades "as of now" as the sidebar does. */
function daysAgo(days: number): string {
  return new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
}

function leads(): unknown[][] {
  return [
    ["客户名称", "来源", "行业", "意向", "预算", "最近联系", "负责人", "备注", "我的列"],
    // Scores 80 (A) with the standard rules: intent, referral, industry, budget, a quote asked for.
    [XSS, "老客户推荐", "制造业", "高", "5万", daysAgo(3), "tom@example.com", "问了报价", "keep"],
    ["华星科技", "展会", "零售", "中", "20万", daysAgo(12), "lilei@example.com", "下周演示", "keep"],
    ["蓝海贸易", "广告", "", "低", "", daysAgo(80), "tom@example.com", "", "keep"],
  ];
}

let html = "";
let browser: Browser;
let harness: Harness | undefined;
let dialogs: string[] = [];

beforeAll(async () => {
  const outdir = await mkdtemp(join(tmpdir(), "leadgrade-sidebar-"));
  const cwd = process.cwd();
  process.chdir(ROOT);
  try {
    await buildAddon({ outdir });
  } finally {
    process.chdir(cwd);
  }
  html = await readFile(join(outdir, "sidebar.html"), "utf8");
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

afterEach(async () => {
  // Nothing the server returned could have been refused by Apps Script, and no script ran from data.
  expect(harness?.violations).toEqual([]);
  expect(dialogs).toEqual([]);
  await harness?.close();
  harness = undefined;
});

type Props = GoogleAppsScript.Properties.Properties;

async function open(options: FakeOptions = {}, before?: (h: Harness) => void): Promise<Page> {
  harness = await startHarness(html, {
    timeZone: ZONE,
    locale: "zh_CN",
    sheets: { 线索: leads() },
    ...options,
  });
  before?.(harness);
  const page = await sidebarPage(browser, harness.url);
  dialogs = [];
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(harness.url);
  // A script error on load shows as itself, not as a timeout.
  await page
    .locator("#f-grades-0-minScore")
    .waitFor({ state: "attached", timeout: 10_000 })
    .catch((e: Error) => {
      throw new Error(`the sidebar did not load: ${errors.join("; ") || e.message}`);
    });
  expect(errors).toEqual([]);
  return page;
}

const props = () => harness?.fakes.documentProperties as unknown as Props;
const storedRules = (): RuleSet => loadRules(props(), ZONE).rules;
const issue = (code: string, path: (string | number)[], lang: "zh" | "en" = "zh") =>
  describeRuleIssue({ code, path }, lang);

describe("the sidebar in Chromium", { timeout: 30_000 }, () => {
  it("loads the saved rules in the user's language, with the sheet's headers to map", async () => {
    const page = await open({}, () => {
      saveRules(props(), { ...standardPreset(ZONE), name: "华东团队" }, new Date());
    });
    await expect(page.locator("h1").textContent()).resolves.toBe("LeadGrade 规则");
    await expect(page.locator("html").getAttribute("lang")).resolves.toBe("zh-CN");
    await expect(page.locator("#f-grades-0-minScore").inputValue()).resolves.toBe("70");
    await expect(page.locator("#issues").textContent()).resolves.toBe("规则有效");
    const options = await page.locator("#f-columns-owner option").allTextContents();
    // "auto" names the column auto found for the field.
    expect(options).toEqual(["(自动:负责人)", ...(leads()[0] as string[])]);
    expect(harness?.calls.map((c) => c.name)).toEqual(["getSidebarState"]);
    await screenshot(page, "sidebar-loaded");
  });

  it("follows an English user's locale", async () => {
    const page = await open({ locale: "en_US" });
    await expect(page.locator("h1").textContent()).resolves.toBe("LeadGrade rules");
    await expect(page.locator("#preview").textContent()).resolves.toBe("Preview changes");
  });

  it("shows what is wrong with an invalid value at once, in the server's words, and will not save it", async () => {
    const page = await open();
    await page.locator("#f-grades-0-minScore").fill("150");
    await expect(page.locator("#f-grades-0-minScore").getAttribute("class")).resolves.toContain("invalid");
    await expect(page.locator("#issues li").allTextContents()).resolves.toEqual([
      issue("too_big", ["grades", 0, "minScore"]),
    ]);
    expect(await page.locator("#save").isDisabled()).toBe(true);
    await screenshot(page, "sidebar-invalid");
    // A threshold above the grade before it is refused too; fixing both makes the rules valid again.
    await page.locator("#f-grades-0-minScore").fill("70");
    await page.locator("#f-grades-1-minScore").fill("80");
    await expect(page.locator("#issues li").allTextContents()).resolves.toEqual([
      issue("thresholds_descending", ["grades", 1, "minScore"]),
    ]);
    await page.locator("#f-grades-1-minScore").fill("50");
    await expect(page.locator("#issues").textContent()).resolves.toBe("规则有效");
    expect(await page.locator("#save").isEnabled()).toBe(true);
    expect(harness?.calls.map((c) => c.name)).toEqual(["getSidebarState"]);
  });

  it("previews the edited rules on the sheet, lead names as text, writing nothing", async () => {
    const page = await open();
    const before = JSON.stringify(harness?.fakes.documentProperties.getProperties());
    const sheetBefore = JSON.stringify(harness?.fakes.spreadsheet.sheets[0]?.getDataRange().getValues());
    await page.locator("#f-grades-0-minScore").fill("85");
    await page.locator("#preview").click();
    await page.locator("#result table").waitFor();
    const rows = await page
      .locator("#result tr")
      .evaluateAll((trs) =>
        trs.map((tr) =>
          Array.from(
            (tr as unknown as { children: ArrayLike<{ textContent: string }> }).children,
            (c) => c.textContent,
          ),
        ),
      );
    // The counts are the engine's own on this sheet (its grading is tested in test/core).
    const edited = standardPreset(ZONE);
    (edited.grades[0] as { minScore: number }).minScore = 85;
    const table = { header: leads()[0] as CellValue[], rows: leads().slice(1) as CellValue[][] };
    const now = runPass(table, standardPreset(ZONE), { asOf: new Date() }).summary.byGrade;
    const next = runPass(table, edited, { asOf: new Date() }).summary.byGrade;
    const count = (by: Record<string, number>, g: string) => String(by[g] ?? 0);
    expect(rows).toEqual([
      ["", "A", "B", "C", "D"],
      ["现在", ...["A", "B", "C", "D"].map((g) => count(now, g))],
      ["修改后", ...["A", "B", "C", "D"].map((g) => count(next, g))],
    ]);
    expect(now.A).toBe(1);
    expect(next.A ?? 0).toBe(0);
    await expect(page.locator("#result p").textContent()).resolves.toBe("1 条线索等级会变化");
    await expect(page.locator("#result li b").allTextContents()).resolves.toEqual([`${XSS}: A → B`]);
    await expect(page.locator("#result li .why").textContent()).resolves.toContain("+15");
    expect(await page.locator("#result img, img").count()).toBe(0);
    expect(JSON.stringify(harness?.fakes.documentProperties.getProperties())).toBe(before);
    expect(JSON.stringify(harness?.fakes.spreadsheet.sheets[0]?.getDataRange().getValues())).toBe(
      sheetBefore,
    );
    const preview = harness?.calls.find((c) => c.name === "previewSidebarRules");
    expect(JSON.parse(preview?.args[0] as string).grades[0].minScore).toBe(85);
    await screenshot(page, "sidebar-preview");
  });

  it("shows which column each field became, and the columns passed over for their values", async () => {
    const sheet = [
      ["Name", "Do Not Email", "Contact", "Intent"],
      ...Array.from({ length: 6 }, (_, i) => [`Lead ${i}`, i % 2 ? "Yes" : "No", `l${i}@example.com`, "hot"]),
    ];
    const page = await open({ locale: "en_US", sheets: { Leads: sheet } });
    const emailOptions = await page.locator("#f-columns-email option").allTextContents();
    expect(emailOptions[0]).toBe("(auto: Contact, from its values)");
    await expect(page.locator("[data-section=columns] .note").first().textContent()).resolves.toContain(
      '"Do Not Email" looks like Email by name, but its values are No/Yes: not used',
    );
    // Never read it at all: the ignore list is saved with the rules.
    await page.locator("[data-section=columns] summary").click();
    await page.locator("#f-ignore").fill("Do Not Email");
    await page.locator("#save").click();
    await expect.poll(() => harness?.calls.map((c) => c.name).includes("saveSidebarRules")).toBe(true);
    const saved = loadRules(harness?.fakes.documentProperties as unknown as Props, ZONE).rules;
    expect(saved.ignore).toEqual(["Do Not Email"]);
    await screenshot(page, "sidebar-columns");
  });

  it("saves a new version the formulas pick up, and restores the previous one", async () => {
    const page = await open({}, () => insertLeadGradeColumns());
    // LeadGrade's formula columns are outputs: not offered as columns to map.
    const options = await page.locator("#f-columns-owner option").allTextContents();
    expect(options).toEqual(["(自动:负责人)", ...(leads()[0] as string[])]);
    expect(harness?.fakes.spreadsheet.namedRanges.get("LeadGrade_RulesVersion")?.getValue()).toBe(0);
    await page.locator("#f-grades-0-minScore").fill("75");
    await page.locator("#save").click();
    await expect
      .poll(() => page.locator("#message").textContent())
      .toBe("已保存,版本 1。所有 LeadGrade 公式将重新计算。");
    expect(storedRules().grades[0]?.minScore).toBe(75);
    expect(harness?.fakes.spreadsheet.namedRanges.get("LeadGrade_RulesVersion")?.getValue()).toBe(1);
    await page.locator("#f-grades-0-minScore").fill("80");
    await page.locator("#save").click();
    await expect.poll(() => page.locator("#message").textContent()).toContain("版本 2");
    await page.locator("#restore").click();
    await expect.poll(() => page.locator("#message").textContent()).toBe("已恢复上一版规则(版本 3)");
    await expect(page.locator("#f-grades-0-minScore").inputValue()).resolves.toBe("75");
    expect(storedRules().grades[0]?.minScore).toBe(75);
    expect(harness?.fakes.spreadsheet.namedRanges.get("LeadGrade_RulesVersion")?.getValue()).toBe(3);
  });

  it("switches language, keeping the edits and the open sections", async () => {
    const page = await open();
    await page.locator("#f-grades-0-minScore").fill("66");
    await page.locator('[data-section="reminders"] summary').click();
    await page.locator("#lang").click();
    await expect(page.locator("h1").textContent()).resolves.toBe("LeadGrade rules");
    await expect(page.locator("#f-grades-0-minScore").inputValue()).resolves.toBe("66");
    expect(await page.locator('[data-section="reminders"]').getAttribute("open")).toBe("");
    await expect(page.locator('[data-section="reminders"] summary').textContent()).resolves.toBe(
      "Hourly updates and reminders",
    );
    await page.locator("#f-grades-0-minScore").fill("");
    await expect(page.locator("#issues li").allTextContents()).resolves.toEqual([
      issue("invalid_type", ["grades", 0, "minScore"], "en"),
    ]);
    await screenshot(page, "sidebar-english");
  });

  it("imports a JSON rule set, refuses a broken one, and exports what is on screen", async () => {
    const page = await open();
    await page.locator("#json").fill("{ not json");
    await page.locator("#import").click();
    await expect(page.locator("#issues li").allTextContents()).resolves.toEqual([issue("not_json", [])]);
    await page.locator("#json").fill(JSON.stringify({ ...simplePreset(ZONE), grades: [] }));
    await page.locator("#import").click();
    await expect(page.locator("#issues li").allTextContents()).resolves.toEqual([
      issue("too_small", ["grades"]),
    ]);
    await expect(page.locator("#f-grades-3-minScore").count()).resolves.toBe(1);

    await page.locator("#json").fill(JSON.stringify(simplePreset(ZONE)));
    await page.locator("#import").click();
    await expect(page.locator('[data-section="grades"] strong').allTextContents()).resolves.toEqual([
      "高 高意向",
      "中 中意向",
      "低 低意向",
    ]);
    await expect(page.locator("#f-grades-3-minScore").count()).resolves.toBe(0);
    await page.locator("#export").click();
    expect(JSON.parse(await page.locator("#json").inputValue())).toEqual(simplePreset(ZONE));
    expect(harness?.calls.map((c) => c.name)).toEqual(["getSidebarState"]);
  });

  it("starts from a preset", async () => {
    const page = await open();
    await page.locator("#preset").selectOption("simple");
    await expect(page.locator('[data-section="grades"] strong').count()).resolves.toBe(3);
    await page.locator("#preset").selectOption("standard");
    await expect(page.locator('[data-section="grades"] strong').count()).resolves.toBe(4);
  });

  it("edits the industry fit list, source values and rule points, and saves them", async () => {
    const page = await open();
    await page.locator('[data-section="industries"] summary').click();
    await page.locator("#add-industries").fill("新能源");
    await page.locator('[data-add="industries"]').click();
    const last = standardPreset(ZONE).industries.entries.length;
    await page.locator(`#f-industries-entries-${last}-points`).fill("15");
    await page.locator(`#f-industries-entries-${last}-match`).fill("新能源\n光伏\n储能");
    // Enter adds too, and the new entry's box takes the focus back for the next one.
    await page.locator("#add-industries").fill("光伏");
    await page.locator("#add-industries").press("Enter");
    await expect(page.locator('[data-section="industries"] strong').last().textContent()).resolves.toBe(
      "光伏",
    );
    expect(
      await page.evaluate(
        () =>
          (globalThis as unknown as { document: { activeElement: { id: string } } }).document.activeElement
            .id,
      ),
    ).toBe("add-industries");
    await page.locator(`[data-remove="industries.entries.${last + 1}"]`).click();
    await page.locator('[data-section="sources"] summary').click();
    const firstSource = standardPreset(ZONE).sources.entries[0];
    await page.locator('[data-remove="sources.entries.0"]').click();
    await page.locator('[data-section="dimensions"] summary').click();
    await page.locator("#f-dimensions-0-points").fill("35");
    await screenshot(page, "sidebar-tables");
    await page.locator("#save").click();
    await expect.poll(() => page.locator("#message").textContent()).toContain("版本 1");
    const saved = storedRules();
    expect(saved.industries.entries.at(-1)).toEqual({
      name: "新能源",
      match: ["新能源", "光伏", "储能"],
      points: 15,
    });
    expect(saved.sources.entries.map((e) => e.name)).not.toContainEqual(firstSource?.name);
    expect(saved.dimensions[0]?.points).toBe(35);
  });

  it("turns the hourly job on and off and sets who gets digests, when", async () => {
    const page = await open();
    await page.locator('[data-section="reminders"] summary').click();
    await page.locator("#hourly").check();
    await expect.poll(() => harness?.fakes.triggers.length).toBe(1);
    await page.locator("#f-reminders-sendHour").fill("24");
    await expect(page.locator("#issues li").allTextContents()).resolves.toEqual([
      issue("too_big", ["reminders", "sendHour"]),
    ]);
    await page.locator("#f-reminders-sendHour").fill("9");
    await page.locator("#f-reminders-cc").fill("boss");
    await expect(page.locator("#issues li").allTextContents()).resolves.toEqual([
      issue("email_format", ["reminders", "cc", 0]),
    ]);
    await page.locator("#f-reminders-cc").fill("boss@example.com");
    await page.locator("#f-reminders-owners").fill("tom@example.com");
    await page.locator("#save").click();
    await expect.poll(() => page.locator("#message").textContent()).toContain("版本 1");
    expect(storedRules().reminders).toEqual({
      enabled: true,
      sendHour: 9,
      owners: ["tom@example.com"],
      cc: ["boss@example.com"],
    });
    await page.locator("#hourly").uncheck();
    await expect.poll(() => harness?.fakes.triggers.length).toBe(0);
  });

  it("edits what each way of follow-up is worth, and how long the grade history is kept, and saves them", async () => {
    const page = await open();
    await page.locator('[data-section="touches"] summary').click();
    const visit = standardPreset(ZONE).touches.ways.findIndex((w) => w.match.includes("拜访"));
    await page.locator(`#f-touches-ways-${visit}-points`).fill("15");
    await page.locator(`#f-touches-ways-${visit}-match`).fill("拜访\n上门\n面谈");
    await page.locator("#f-touches-windowDays").fill("0");
    await expect(page.locator("#issues li").allTextContents()).resolves.toEqual([
      issue("too_small", ["touches", "windowDays"]),
    ]);
    await page.locator("#f-touches-windowDays").fill("30");
    await page.locator("#f-touches-noAnswer-match").fill("未接通\n关机");
    await page.locator("#f-touches-asLastContact").uncheck();
    await page.locator("#f-historyKeepDays").fill("365");
    await page.locator("#save").click();
    await expect.poll(() => page.locator("#message").textContent()).toContain("版本 1");
    const saved = storedRules();
    expect(saved.touches.ways[visit]).toMatchObject({ points: 15, match: ["拜访", "上门", "面谈"] });
    expect(saved.touches).toMatchObject({
      windowDays: 30,
      asLastContact: false,
      noAnswer: { match: ["未接通", "关机"] },
    });
    expect(saved.historyKeepDays).toBe(365);
    await screenshot(page, "sidebar-touches");
  });

  it("sets up alerts and the pool: robots' addresses and secrets shown masked once saved, kept when saved again", async () => {
    const page = await open({ user: "lilei@example.com" });
    await page.locator('[data-section="alerts"] summary').click();
    await page.locator("#f-alerts-enabled").check();
    await page.locator("#f-alerts-manager").fill("boss@example.com");
    await page
      .locator("#f-alerts-webhooks")
      .fill(
        "https://hooks.slack.com/services/T0/B0/SLACKKEY1\nhttps://oapi.dingtalk.com/robot/send?access_token=DING2 SECret",
      );
    await page.locator("#f-alerts-dailyCap").fill("0");
    await expect(page.locator("#issues li").allTextContents()).resolves.toEqual([
      issue("too_small", ["alerts", "dailyCap"]),
    ]);
    await page.locator("#f-alerts-dailyCap").fill("5");
    await page.locator('[data-section="pool"] summary').click();
    await page.locator("#f-pool-enabled").check();
    await page.locator("#f-pool-protectionDays").fill("3");
    await page.locator("#save").click();
    await expect.poll(() => page.locator("#message").textContent()).toContain("版本 1");
    expect(storedRules().alerts).toMatchObject({
      enabled: true,
      manager: "boss@example.com",
      dailyCap: 5,
      webhooks: [
        { url: "https://hooks.slack.com/services/T0/B0/SLACKKEY1" },
        { url: "https://oapi.dingtalk.com/robot/send?access_token=DING2", secret: "SECret" },
      ],
    });
    expect(storedRules().pool).toMatchObject({ enabled: true, protectionDays: 3, owner: "公海" });

    // Opened again, the sidebar never holds a robot's key or secret; saved again, they stay.
    await page.reload();
    await page.locator('[data-section="alerts"] summary').click();
    await expect(page.locator("#f-alerts-webhooks").inputValue()).resolves.toBe(
      "https://hooks.slack.com/…KEY1\nhttps://oapi.dingtalk.com/…ING2 ••••••",
    );
    const content = await page.content();
    for (const secret of ["SLACKKEY1", "DING2", "SECret"]) expect(content).not.toContain(secret);
    await page.locator("#f-alerts-quietHours-from").fill("22");
    await page.locator("#save").click();
    await expect.poll(() => page.locator("#message").textContent()).toContain("版本 2");
    expect(storedRules().alerts.webhooks).toEqual([
      { url: "https://hooks.slack.com/services/T0/B0/SLACKKEY1" },
      { url: "https://oapi.dingtalk.com/robot/send?access_token=DING2", secret: "SECret" },
    ]);
    expect(storedRules().alerts.quietHours).toEqual({ from: 22, to: 8 });

    // Taking the selected lead asks the server, which answers in the pool's words.
    await page.locator('[data-section="pool"] summary').click();
    await page.locator("#pool-take").click();
    await expect.poll(() => page.locator("#message").textContent()).toContain("这条线索不在公海,已有负责人");
    // The picture shows the two sections: those open at first are closed.
    for (const key of ["grades", "decay", "calendar"])
      await page.locator(`[data-section="${key}"] summary`).click();
    await screenshot(page, "sidebar-alerts-pool");
  });

  it("learns from the sheet's won and lost leads, previews the suggestion and applies it as a new version", async () => {
    // 200 closed leads: nine in ten web-form leads won, one in ten imported; one name is markup.
    const history = [
      ["客户名称", "来源", "意向", "状态", "Lead Origin"],
      ...Array.from({ length: 200 }, (_, i) => {
        const form = i % 2 === 0;
        const won = form ? i % 10 !== 0 : i % 10 === 1;
        return [
          i === 0 ? XSS : `客户${i}`,
          "展会",
          "中",
          won ? "已成交" : "丢单",
          form ? "Web Form" : "Import",
        ];
      }),
    ];
    const page = await open({ sheets: { 线索: history } });
    await page.locator('[data-section="learn"] summary').click();
    await page.locator("#learn").click();
    await page.locator("#learned pre").waitFor();
    const text = (await page.locator("#learned pre").textContent()) ?? "";
    expect(text).toContain("学习(成交 100、丢单 100;5 折交叉验证 AUC ± 95% 区间):");
    expect(text).toMatch(/Lead Origin = Web Form {2}\+\d+/);
    await expect(page.locator("#learned table tr").count()).resolves.toBe(3);
    expect(await page.locator("img").count()).toBe(0);
    expect(storedRules().columnPoints).toEqual([]);
    await screenshot(page, "sidebar-learned");
    await page.locator("#apply-learned").click();
    await expect.poll(() => page.locator("#message").textContent()).toContain("版本 1");
    expect(storedRules().columnPoints.map((c) => c.header)).toContain("Lead Origin");
  });

  it("logs a follow-up for the selected lead: the sheet's Last contact and grade move, the form stays when the lock is held", async () => {
    const page = await open();
    const fakes = harness?.fakes;
    if (!fakes) throw new Error("no harness");
    await page.locator('[data-section="followUp"] summary').click();
    fakes.spreadsheet.current = null;
    await page.locator("#follow-pick").click();
    await expect.poll(() => page.locator("#follow-form").textContent()).toContain("请先在线索表中选中");
    fakes.spreadsheet.current = { row: 4, column: 1 };
    await page.locator("#follow-pick").click();
    await page.locator("#follow-save").waitFor();
    expect(await page.locator("#follow-form").textContent()).toContain("蓝海贸易");
    await page.locator("#follow-how").selectOption("拜访");
    await page.locator("#follow-note").fill(`客户询问报价 ${XSS}`);
    // Another rep saving at the same moment: nothing is written, the form keeps what was typed.
    fakes.lock.heldElsewhere = true;
    await page.locator("#follow-save").click();
    await expect.poll(() => page.locator("#message").textContent()).toContain("表单已保留");
    expect(await page.locator("#follow-note").inputValue()).toContain("客户询问报价");
    fakes.lock.heldElsewhere = false;
    await page.locator("#follow-save").click();
    await expect.poll(() => page.locator("#message").textContent()).toContain("已记录 蓝海贸易");
    expect(await page.locator("#message").textContent()).toContain("1次拜访(14天内)");
    expect(await page.locator("img").count()).toBe(0);
    const sheet = fakes.spreadsheet.sheets[0];
    // "When" left empty: today in the sheet's zone, written over the 80-day-old Last contact.
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    expect(sheet?.values[3]?.[5]).toBe(today);
    const log = fakes.spreadsheet.sheets.find((s) => s.getName().includes("Follow-ups"));
    expect(log?.values.slice(1).map((r) => r[4])).toEqual(["拜访"]);
    await screenshot(page, "sidebar-follow-up");
  });

  it("opens at the selected lead's follow-up form from the menu", async () => {
    const page = await open({}, (h) => {
      h.fakes.spreadsheet.current = { row: 3, column: 2 };
      openFollowUpPanel();
      h.appendToPage(h.fakes.sidebars.at(-1)?.appended ?? "");
    });
    await page.locator("#follow-save").waitFor();
    expect(await page.locator("#follow-form").textContent()).toContain("华星科技");
    expect(await page.locator('[data-section="followUp"]').getAttribute("open")).not.toBeNull();
    // The only section open: the rest of the editor waits below, closed.
    expect(
      await page.locator("details[open]").evaluateAll((d) => d.map((n) => n.getAttribute("data-section"))),
    ).toEqual(["followUp"]);
    await screenshot(page, "sidebar-follow-up-from-menu");
  });

  it("shows what changed this week, per owner and per lead, from the menu", async () => {
    const page = await open({}, (h) => {
      const now = new Date();
      runPriorityPass({ now, remind: false, useActiveSheet: true });
      const form = { row: 4, when: "", how: "拜访", note: "客户要合同样本", next: "" };
      expect(logFollowUp(form, now, "zh")).toMatchObject({ ok: true });
      openWeekPanel();
      h.appendToPage(h.fakes.sidebars.at(-1)?.appended ?? "");
    });
    await page.locator("#week table").first().waitFor();
    const text = (await page.locator("#week").textContent()) ?? "";
    expect(text).toContain("近 7 天的变化");
    expect(text).toContain("按负责人");
    expect(text).toContain("有跟进");
    expect(text).toContain("蓝海贸易");
    expect(text).toContain("tom@example.com");
    // Lead names are the sheet's text, never markup.
    expect(await page.locator("img").count()).toBe(0);
    await screenshot(page, "sidebar-week");
  });

  it("shows a server failure as a readable message instead of swallowing it", async () => {
    const page = await open({}, (h) =>
      h.failNext.set("previewSidebarRules", "Exceeded maximum execution time"),
    );
    await page.locator("#preview").click();
    await expect
      .poll(() => page.locator("#message").textContent())
      .toBe("出错了:Exceeded maximum execution time");
    await expect(page.locator("#message .error").count()).resolves.toBe(1);
  });
});
