import { createHmac } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { standardPreset } from "../../src/core/index";
import { ALERTS_SHEET, readAlertStore } from "../../src/sheets/alerts";
import { runPriorityPass } from "../../src/sheets/priorityPass";
import { saveRules } from "../../src/sheets/rulesStore";
import { runSelfCheck } from "../../src/sheets/selfCheck";
import { getSidebarState, saveSidebarRules } from "../../src/sheets/sidebar";
import { editTriggerInstalled, installHourlyTrigger, runPassOnEdit } from "../../src/sheets/triggers";
import { type FakeOptions, type FakeRequest, installGasFakes, SCOPES } from "../support/gasFakes";

const shanghai = (iso: string) => new Date(`${iso}T00:00:00+08:00`);
const HEADER = ["客户名称", "来源", "意向", "最近联系", "负责人", "备注", "邮箱"];
// 张三 is an A lead (70 points) owned by an address; 王五 a D lead.
const LEADS = [
  HEADER,
  ["张三", "老客户推荐", "高", shanghai("2026-11-16"), "lilei@example.com", "询问报价", "zs@example.com"],
  ["王五", "展会", "中", shanghai("2026-10-21"), "韩梅梅", "", "ww@example.com"],
];

const HOOKS = {
  slack: "https://hooks.slack.com/services/T000/B000/SLACKSECRETKEY1",
  chat: "https://chat.googleapis.com/v1/spaces/AAAA/messages?key=CHATKEY&token=CHATTOKEN2",
  wecom: "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=WECOMKEY3",
  dingtalk: "https://oapi.dingtalk.com/robot/send?access_token=DINGTOKEN4",
  feishu: "https://open.feishu.cn/open-apis/bot/v2/hook/FEISHUHOOK5",
};
const WEBHOOKS = [
  { url: HOOKS.slack },
  { url: HOOKS.chat },
  { url: HOOKS.wecom },
  { url: HOOKS.dingtalk, secret: "SECdingsecret" },
  { url: HOOKS.feishu, secret: "feishusecret" },
];

function setup(alerts: Partial<ReturnType<typeof standardPreset>["alerts"]> = {}, options: FakeOptions = {}) {
  const fakes = installGasFakes({ sheets: { 线索: LEADS.map((r) => [...r]) }, ...options });
  const rules = standardPreset();
  rules.alerts = {
    ...rules.alerts,
    enabled: true,
    manager: "boss@example.com",
    webhooks: WEBHOOKS,
    ...alerts,
  };
  const saved = saveRules(fakes.documentProperties as never, JSON.stringify(rules), new Date());
  if (!saved.ok) throw new Error(JSON.stringify(saved.issues));
  return fakes;
}

/** 10:00 in Shanghai, and 23:00 (in the default quiet hours, 21–8). */
const MORNING = new Date("2026-11-22T02:00:00Z");
const NIGHT = new Date("2026-11-22T15:00:00Z");
const pass = (now = MORNING) => runPriorityPass({ now, remind: false, useActiveSheet: true });
const to = (requests: FakeRequest[], host: string) => requests.filter((r) => r.url.includes(host));
const body = (r: FakeRequest | undefined) => JSON.parse(r?.payload ?? "{}");
const hmac = (key: string, message: string) => createHmac("sha256", key).update(message).digest("base64");

describe("alerts from the add-on", () => {
  it("tells each robot in its own format and the owner by e-mail (the manager copied), once", () => {
    const fakes = setup();
    const report = pass();
    expect(report.alerts).toMatchObject({ found: 1, sent: 6, held: 0, failed: 0 });
    const { requests } = fakes;
    expect(requests).toHaveLength(5);
    for (const r of requests)
      expect(r).toMatchObject({ method: "POST", contentType: "application/json; charset=utf-8" });
    expect(body(to(requests, "hooks.slack.com")[0]).text).toMatch(
      /^LeadGrade:1 条线索需要马上跟进\n• 张三 \(lilei@example.com\): 升为 A 级/,
    );
    expect(body(to(requests, "chat.googleapis.com")[0])).toHaveProperty("text");
    expect(body(to(requests, "qyapi.weixin.qq.com")[0])).toMatchObject({ msgtype: "markdown" });
    // 钉钉 signs "timestamp\nsecret" with the secret, in the address.
    const ding = to(requests, "oapi.dingtalk.com")[0] as FakeRequest;
    const dingUrl = new URL(ding.url);
    const timestamp = dingUrl.searchParams.get("timestamp") as string;
    expect(timestamp).toBe(String(MORNING.getTime()));
    expect(dingUrl.searchParams.get("sign")).toBe(hmac("SECdingsecret", `${timestamp}\nSECdingsecret`));
    expect(body(ding)).toMatchObject({ msgtype: "markdown" });
    // 飞书 signs nothing with "timestamp\nsecret", in the body.
    const feishu = body(to(requests, "open.feishu.cn")[0]);
    expect(feishu).toMatchObject({ msg_type: "text", timestamp: String(MORNING.getTime() / 1000) });
    expect(feishu.sign).toBe(hmac(`${feishu.timestamp}\nfeishusecret`, ""));
    expect(fakes.outbox).toEqual([
      expect.objectContaining({
        to: "lilei@example.com",
        cc: "boss@example.com",
        subject: "LeadGrade:1 条线索需要马上跟进",
      }),
    ]);

    // The next run finds nothing new: nothing is sent twice.
    fakes.spreadsheet.sheets[0]?.put(3, 6, "新的备注", "");
    pass(new Date("2026-11-22T03:00:00Z"));
    expect(fakes.requests).toHaveLength(5);
    expect(fakes.outbox).toHaveLength(1);
  });

  it("e-mails the manager alone an alert whose owner has no address", () => {
    const fakes = setup({ webhooks: [] });
    // 王五's owner 韩梅梅 is in no directory; a quote asked for is a new signal.
    pass();
    fakes.spreadsheet.sheets[0]?.put(3, 6, "客户要求报价", "");
    pass(new Date("2026-11-22T03:00:00Z"));
    expect(fakes.outbox.map((m) => [m.to, m.cc])).toEqual([
      ["lilei@example.com", "boss@example.com"],
      ["boss@example.com", undefined],
    ]);
    expect(fakes.outbox[1]?.body).toContain("王五 (韩梅梅): 新的购买信号");
  });

  it("holds alerts in quiet hours and sends them at the first run after", () => {
    const fakes = setup();
    expect(pass(NIGHT).alerts).toMatchObject({ found: 1, sent: 0, held: 6 });
    expect(fakes.requests).toEqual([]);
    // The next hourly run over the unchanged sheet still tries what waits.
    const morning = runPriorityPass({
      now: new Date("2026-11-23T01:00:00Z"),
      remind: false,
      useActiveSheet: true,
      skipUnchanged: true,
    });
    expect(morning.skipped).toBeUndefined();
    expect(morning.alerts).toMatchObject({ sent: 6, held: 0 });
    expect(fakes.requests).toHaveLength(5);
  });

  it("keeps a failed robot's alert for the next run, never showing its address", () => {
    const fakes = setup({ webhooks: [{ url: HOOKS.slack }, { url: HOOKS.wecom }] });
    fakes.http.server = (r) => (r.url.includes("slack") ? 500 : 200);
    expect(pass().alerts).toMatchObject({ sent: 2, failed: 1, held: 1 });
    const stored = JSON.stringify(readAlertStore(fakes.spreadsheet as never));
    const sheetText = JSON.stringify(fakes.spreadsheet.getSheetByName(ALERTS_SHEET)?.values);
    for (const text of [stored, sheetText]) {
      expect(text).not.toContain("SLACKSECRETKEY1");
      expect(text).not.toContain("WECOMKEY3");
    }
    const check = runSelfCheck(MORNING).find((i) => i.id === "alerts");
    expect(check?.status).toBe("warn");
    expect(check?.detail).toMatch(/webhook [0-9a-f]{8}: HTTP 500/);
    expect(check?.detail).not.toContain("SLACKSECRETKEY1");
    // Slack answers again: the held alert goes, once.
    fakes.http.server = () => 200;
    fakes.spreadsheet.sheets[0]?.put(3, 6, "改一下", "");
    expect(pass(new Date("2026-11-22T03:00:00Z")).alerts).toMatchObject({ sent: 1, held: 0 });
    expect(to(fakes.requests, "slack")).toHaveLength(2);
    expect(to(fakes.requests, "weixin")).toHaveLength(1);
  });

  it("keeps a robot's address out of what a network failure says", () => {
    const fakes = setup({ webhooks: [{ url: HOOKS.slack }] });
    fakes.http.server = (r) => {
      throw new Error(`Address unavailable: ${r.url}`);
    };
    expect(pass().alerts).toMatchObject({ sent: 1, failed: 1, held: 1 });
    const failure = readAlertStore(fakes.spreadsheet as never).failures?.[0]?.error ?? "";
    expect(failure).toBe("Address unavailable: https://hooks.slack.com/…KEY1");
  });

  it("sends at most the day's cap of messages to one recipient, the rest the next day", () => {
    const fakes = setup({ webhooks: [{ url: HOOKS.slack }], email: false, dailyCap: 1 });
    pass();
    expect(fakes.requests).toHaveLength(1);
    // 王五 asks for a quote: a new signal, past Slack's cap for today.
    fakes.spreadsheet.sheets[0]?.put(3, 6, "客户要求报价", "");
    expect(pass(new Date("2026-11-22T03:00:00Z")).alerts).toMatchObject({ found: 1, sent: 0, held: 1 });
    expect(fakes.requests).toHaveLength(1);
    expect(pass(new Date("2026-11-23T02:00:00Z")).alerts).toMatchObject({ sent: 1, held: 0 });
    expect(body(fakes.requests[1]).text).toContain("新的购买信号");
  });

  it("never stops a pass: without the external_request scope the alerts wait and the grades are written", () => {
    const scopes = [...Object.values(SCOPES)].filter((s) => s !== SCOPES.external);
    const fakes = setup({ webhooks: [{ url: HOOKS.slack }], email: false }, { scopes });
    const report = pass();
    expect(report.rows).toBe(2);
    expect(report.alerts).toMatchObject({ sent: 0, failed: 1, held: 1 });
    expect(readAlertStore(fakes.spreadsheet as never).failures?.[0]?.error).toContain(
      "Required permissions: https://www.googleapis.com/auth/script.external_request",
    );
    expect(runSelfCheck(MORNING).find((i) => i.id === "scopes")?.detail).toContain("script.external_request");
  });

  it("installs one edit trigger with the hourly one while alerts are on, and grades an edit of the lead sheet at once", () => {
    const fakes = setup({ webhooks: [{ url: HOOKS.slack }], email: false });
    installHourlyTrigger();
    installHourlyTrigger();
    expect(fakes.triggers).toEqual([
      { handler: "runPassOnEdit", everyHours: 0, type: "ON_EDIT" },
      { handler: "runHourlyPass", everyHours: 1 },
    ]);
    expect(editTriggerInstalled()).toBe(true);
    const leadSheet = fakes.spreadsheet.sheets[0];
    // The trigger reads the clock: 10:00 in Shanghai, outside the quiet hours.
    vi.useFakeTimers({ toFake: ["Date"], now: MORNING });
    try {
      runPassOnEdit({ range: { getSheet: () => leadSheet } } as never);
    } finally {
      vi.useRealTimers();
    }
    expect(fakes.requests).toHaveLength(1);
    // Alerts turned off: the edit trigger goes when the rules are saved.
    const state = getSidebarState();
    const rules = JSON.parse(state.rules);
    rules.alerts.enabled = false;
    expect(saveSidebarRules(JSON.stringify(rules)).ok).toBe(true);
    expect(fakes.triggers).toEqual([{ handler: "runHourlyPass", everyHours: 1 }]);
  });

  it("shows the sidebar each robot's address masked and its secret hidden, and keeps them when saved back", () => {
    const fakes = setup();
    const shown = getSidebarState().rules;
    for (const secret of [
      "SLACKSECRETKEY1",
      "CHATTOKEN2",
      "WECOMKEY3",
      "DINGTOKEN4",
      "FEISHUHOOK5",
      "SECdingsecret",
      "feishusecret",
    ])
      expect(shown).not.toContain(secret);
    expect(JSON.parse(shown).alerts.webhooks[0]).toEqual({ url: "https://hooks.slack.com/…KEY1" });
    const edited = JSON.parse(shown);
    edited.alerts.dailyCap = 3;
    // The Google Chat robot is replaced; the others are handed back masked.
    edited.alerts.webhooks[1] = { url: "https://example.com/hook" };
    expect(saveSidebarRules(JSON.stringify(edited)).ok).toBe(true);
    pass();
    expect(fakes.requests.map((r) => r.url.split("?")[0])).toEqual([
      "https://hooks.slack.com/services/T000/B000/SLACKSECRETKEY1",
      "https://example.com/hook",
      "https://qyapi.weixin.qq.com/cgi-bin/webhook/send",
      "https://oapi.dingtalk.com/robot/send",
      "https://open.feishu.cn/open-apis/bot/v2/hook/FEISHUHOOK5",
    ]);
    expect(to(fakes.requests, "oapi.dingtalk.com")[0]?.url).toContain("access_token=DINGTOKEN4&timestamp=");
    expect(body(fakes.requests[1]).alerts[0]).toMatchObject({
      lead: "张三",
      grade: "A",
      reason: "top_grade",
    });
    expect(body(to(fakes.requests, "open.feishu.cn")[0]).sign).toBeTruthy();
  });
});
