/**
 * One batch of alerts as the message each chat channel takes: Google Chat and Slack a text,
 * 企业微信 (WeCom) group robots and 钉钉 (DingTalk) robots markdown, 飞书 (Feishu / Lark) bots a
 * text with their signature fields, and any other webhook plain JSON. The signature itself is
 * computed by the door (HMAC-SHA256, with Node's crypto or Apps Script's Utilities); here is only
 * what it signs.
 */

import type { Lang } from "../../model/messages";
import { ALERT_CHANNELS } from "../../model/schema";
import type { Alert, AlertReason } from "./findAlerts";
import { en } from "./locales/en";
import { zh } from "./locales/zh";

export const CHANNELS = ALERT_CHANNELS;
export type Channel = (typeof CHANNELS)[number];

/** The channel a webhook address belongs to, by its host; plain JSON for any other. */
export function channelOf(url: string): Channel {
  // Not `new URL`: Apps Script's V8 has no URL.
  const host = (/^[a-z][a-z0-9+.-]*:\/\/(?:[^@/]*@)?([^/:?#]+)/i.exec(url.trim())?.[1] ?? "").toLowerCase();
  if (host === "chat.googleapis.com") return "googleChat";
  if (host === "hooks.slack.com") return "slack";
  if (host === "qyapi.weixin.qq.com") return "wecom";
  if (host === "oapi.dingtalk.com") return "dingtalk";
  if (host === "open.feishu.cn" || host === "open.larksuite.com") return "feishu";
  return "json";
}

/** Leads listed in one chat message; the JSON webhook gets them all. */
const MAX_LINES = 30;

const ALERT_WORDS = { zh, en };

const REASON = {
  top_grade: "topGrade",
  new_signal: "newSignal",
  pending_approval: "pendingApproval",
  to_reclaim: "toReclaim",
} as const satisfies Record<AlertReason, string>;

function line(alert: Alert, lang: Lang): string {
  const w = ALERT_WORDS[lang];
  const who = alert.owner === "" ? w.unassigned : alert.owner;
  const due = alert.due === null ? "" : w.due(alert.due);
  return `${alert.lead || w.row(alert.row)} (${who}): ${w[REASON[alert.reason]](alert.detail)}${due} — ${alert.why}`;
}

function title(alerts: readonly Alert[], lang: Lang): string {
  return ALERT_WORDS[lang].title(alerts.length);
}

/**
 * The body to POST for a batch; `signed` is the Feishu signature fields (timestamp, sign) when the
 * bot checks them.
 *
 * @example
 * alertMessage("slack", alerts, "en") // { text: "LeadGrade: 2 leads to act on now\n• Acme (tom): reached grade A …" }
 */
export function alertMessage(
  channel: Channel,
  alerts: readonly Alert[],
  lang: Lang,
  signed?: { timestamp: string; sign: string },
): Record<string, unknown> {
  // A chat message holds a few thousand characters (钉钉 20,000, Slack 40,000): the first leads, then a count.
  const lines = alerts.slice(0, MAX_LINES).map((a) => line(a, lang));
  const more = alerts.length - lines.length;
  if (more > 0) lines.push(ALERT_WORDS[lang].more(more));
  const text = `${title(alerts, lang)}\n${lines.map((l) => `• ${l}`).join("\n")}`;
  switch (channel) {
    case "googleChat":
    case "slack":
      return { text };
    case "wecom":
      return {
        msgtype: "markdown",
        markdown: { content: `**${title(alerts, lang)}**\n${lines.map((l) => `> ${l}`).join("\n")}` },
      };
    case "dingtalk":
      return {
        msgtype: "markdown",
        markdown: {
          title: title(alerts, lang),
          text: `#### ${title(alerts, lang)}\n${lines.map((l) => `- ${l}`).join("\n")}`,
        },
      };
    case "feishu":
      return { ...(signed ?? {}), msg_type: "text", content: { text } };
    case "json":
      return {
        alerts: alerts.map((a) => ({
          lead: a.lead,
          owner: a.owner,
          grade: a.grade,
          reason: a.reason,
          detail: a.detail,
          why: a.why,
          due: a.due,
          row: a.row,
        })),
      };
  }
}

/**
 * What a channel's signature signs, for HMAC-SHA256 then base64: DingTalk signs
 * "timestamp\nsecret" with the secret as key (milliseconds; sent as `timestamp` and `sign` in the
 * address); Feishu signs nothing with "timestamp\nsecret" as key (seconds; sent in the body).
 */
export function signatureInput(
  channel: "dingtalk" | "feishu",
  timestamp: string,
  secret: string,
): { key: string; message: string } {
  return channel === "dingtalk"
    ? { key: secret, message: `${timestamp}\n${secret}` }
    : { key: `${timestamp}\n${secret}`, message: "" };
}
