import { createHmac } from "node:crypto";
import { mkdtemp, readdir, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/program";
import { type Alert, alertMessage, channelOf } from "../../src/core/index";

/** A webhook receiver on 127.0.0.1, started by the test: what it got, and what it answers. */
interface Receiver {
  url: string;
  got: { url: string; body: Record<string, unknown> }[];
  status: number;
  server: Server;
}

async function receiver(): Promise<Receiver> {
  const r: Receiver = { url: "", got: [], status: 200, server: createServer() };
  r.server.on("request", (req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => {
      body += c.toString("utf8");
    });
    req.on("end", () => {
      r.got.push({ url: req.url ?? "", body: JSON.parse(body) as Record<string, unknown> });
      res.writeHead(r.status).end("{}");
    });
  });
  await new Promise<void>((resolve) => r.server.listen(0, "127.0.0.1", resolve));
  const address = r.server.address();
  r.url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}/hook/SECRET-PATH`;
  return r;
}

let dir: string;
let hook: Receiver;
let out: string[];
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "leadgrade-notify-"));
  hook = await receiver();
  out = [];
});
afterEach(() => {
  hook.server.close();
});

const HEADER = "客户名称,来源,意向,预算,最近联系,负责人,邮箱,备注";
// 华星 scores A (high intent, referral, ¥200k, contacted yesterday); 蓝海 is a D lead.
const HOT = "华星科技,老客户推荐,高,20万,2026-11-21,李雷,hx@example.com,";
const COLD = (note: string) => `蓝海贸易,广告,低,,2026-10-01,韩梅梅,lh@example.com,${note}`;

async function grade(rows: string[], ...flags: string[]): Promise<number> {
  const input = join(dir, "leads.csv");
  await writeFile(input, `${HEADER}\n${rows.join("\n")}\n`);
  return runCli([input, "--out", join(dir, "out", "graded.csv"), "--as-of", "2026-11-22", ...flags], {
    out: (t) => out.push(t),
    err: (t) => out.push(t),
    tty: false,
    now: () => new Date("2026-11-22T02:00:00Z"),
  });
}

describe("leadgrade --notify", () => {
  it("sends what changed since the previous run, once, as plain JSON to any other webhook", async () => {
    expect(await grade([HOT, COLD("")], "--notify", hook.url)).toBe(0);
    expect(hook.got).toHaveLength(1);
    expect(hook.got[0]?.body).toEqual({
      alerts: [
        expect.objectContaining({ lead: "华星科技", owner: "李雷", grade: "A", reason: "top_grade", row: 2 }),
      ],
    });
    expect(out.join("")).toContain("提醒:1 条已发送到webhook");
    // The same sheet again: nothing new, nothing sent.
    expect(await grade([HOT, COLD("")], "--notify", hook.url)).toBe(0);
    expect(hook.got).toHaveLength(1);
    // A buying signal appears in the notes of the other lead: only that is sent.
    expect(await grade([COLD("客户要报价"), HOT], "--notify", hook.url, "--lang", "en")).toBe(0);
    expect(hook.got).toHaveLength(2);
    expect(hook.got[1]?.body.alerts).toEqual([
      expect.objectContaining({ lead: "蓝海贸易", reason: "new_signal", detail: "quote", row: 2 }),
    ]);
    // The address (it may hold a secret) is never printed; the ledger sits beside the output.
    expect(out.join("")).not.toContain("SECRET-PATH");
    expect(await readdir(join(dir, "out"))).toEqual([".graded.csv.leadgrade-alerts.json", "graded.csv"]);
  });

  it("keeps what a failing webhook did not take, and sends it on the next run", async () => {
    hook.status = 500;
    expect(await grade([HOT], "--notify", hook.url)).toBe(0);
    expect(out.join("")).toContain("提醒:1 条未能发送到webhook(HTTP 500),下次运行时重试");
    hook.status = 200;
    expect(await grade([HOT], "--notify", hook.url)).toBe(0);
    expect(hook.got).toHaveLength(2);
    expect(out.join("")).toContain("提醒:1 条已发送到webhook");
    expect(await grade([HOT], "--notify", hook.url)).toBe(0);
    expect(hook.got).toHaveLength(2);
  });

  it("signs a 钉钉 robot's address with the secret, as DingTalk checks it", async () => {
    expect(
      await grade([HOT], "--notify", hook.url, "--channel", "dingtalk", "--notify-secret", "SEC123"),
    ).toBe(0);
    const query = new URLSearchParams(hook.got[0]?.url.split("?")[1] ?? "");
    const timestamp = query.get("timestamp") ?? "";
    const expected = createHmac("sha256", "SEC123").update(`${timestamp}\nSEC123`).digest("base64");
    expect(query.get("sign")).toBe(expected);
    expect(hook.got[0]?.body).toMatchObject({ msgtype: "markdown", markdown: { title: expect.any(String) } });
    expect(out.join("")).not.toContain("SEC123");
  });

  it("signs a 飞书 bot's message in its body, as Feishu checks it", async () => {
    expect(await grade([HOT], "--notify", hook.url, "--channel", "feishu", "--notify-secret", "FS-9")).toBe(
      0,
    );
    const body = hook.got[0]?.body as { timestamp: string; sign: string; msg_type: string };
    const expected = createHmac("sha256", `${body.timestamp}\nFS-9`).update("").digest("base64");
    expect(body.sign).toBe(expected);
    expect(body.msg_type).toBe("text");
  });

  it("says in one line when the webhook cannot be reached, and still writes the graded file", async () => {
    hook.server.close();
    expect(await grade([HOT], "--notify", "http://127.0.0.1:9/hook")).toBe(0);
    expect(out.join("")).toContain("提醒:1 条未能发送到webhook(could not connect),下次运行时重试");
    expect(await readdir(join(dir, "out"))).toContain("graded.csv");
  });
});

describe("the channel of a webhook address", () => {
  it("is told by its host, and is plain JSON for any other", () => {
    expect(
      [
        "https://chat.googleapis.com/v1/spaces/X/messages?key=k&token=t",
        "https://hooks.slack.com/services/T/B/X",
        "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k",
        "https://oapi.dingtalk.com/robot/send?access_token=t",
        "https://open.feishu.cn/open-apis/bot/v2/hook/x",
        "https://open.larksuite.com/open-apis/bot/v2/hook/x",
        "https://example.com/hook",
        "not a url",
      ].map(channelOf),
    ).toEqual(["googleChat", "slack", "wecom", "dingtalk", "feishu", "feishu", "json", "json"]);
  });
});

describe("an alert message per channel", () => {
  const alert: Alert = {
    key: "e:hx@example.com",
    sent: "",
    reason: "top_grade",
    detail: "A",
    lead: "华星科技",
    owner: "李雷",
    grade: "A",
    why: "+30 意向=高",
    due: "2026-11-23",
    row: 2,
  };
  it("lists at most 30 leads in a chat message and counts the rest; plain JSON gets them all", () => {
    const many = Array.from({ length: 45 }, (_, i) => ({ ...alert, lead: `客户${i}` }));
    const text = String(alertMessage("slack", many, "en").text);
    expect(text.split("\n").filter((l) => l.startsWith("• "))).toHaveLength(31);
    expect(text).toContain("… and 15 more");
    expect((alertMessage("json", many, "en").alerts as unknown[]).length).toBe(45);
  });

  it.each([
    [
      "googleChat",
      { text: expect.stringContaining("华星科技 (李雷): 升为 A 级,下次跟进 2026-11-23 — +30 意向=高") },
    ],
    ["slack", { text: expect.stringContaining("• 华星科技") }],
    ["wecom", { msgtype: "markdown", markdown: { content: expect.stringContaining("> 华星科技") } }],
    [
      "dingtalk",
      {
        msgtype: "markdown",
        markdown: { title: "LeadGrade:1 条线索需要马上跟进", text: expect.stringContaining("- 华星科技") },
      },
    ],
    ["feishu", { msg_type: "text", content: { text: expect.stringContaining("华星科技") } }],
  ] as const)("%s", (channel, shape) => {
    expect(alertMessage(channel, [alert], "zh")).toEqual(shape);
  });
});
