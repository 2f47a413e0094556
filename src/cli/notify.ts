/**
 * `--notify <url>`: after grading, the alerts for what changed since the previous run (a lead
 * reached the top grade, a new buying signal, a manual grade awaiting approval) go to a chat
 * webhook in one message — Google Chat, Slack, 企业微信, 钉钉 (signed), 飞书 (signed), or plain
 * JSON. A ledger beside the graded file remembers each lead's grade and signals and what was sent,
 * so nothing is sent twice; what could not be sent is tried again next run. The address never
 * appears in what the command prints: it may hold the webhook's secret.
 */
import { createHmac } from "node:crypto";
import { readFile } from "node:fs/promises";
import {
  type AlertState,
  alertMessage,
  type Channel,
  channelOf,
  findAlerts,
  type Lang,
  type PassResult,
  type RuleSet,
  signatureInput,
  type Table,
} from "../core/index";
import { CLI_WORDS } from "./locales/index";
import type { StagedFiles } from "./stagedFiles";

export interface NotifyOptions {
  url: string;
  /** Which format; default: the channel the address's host belongs to. */
  channel?: Channel;
  /** DingTalk's and Feishu's signing secret. */
  secret?: string;
  /** Where the ledger is kept (beside the graded file). */
  ledger: string;
}

/** Sends a body; resolves to the HTTP status, or rejects for a network failure or a timeout. */
export type Post = (url: string, body: string) => Promise<number>;

const TIMEOUT_MS = 10_000;

export const httpPost: Post = async (url, body) => {
  const response = await fetch(url, {
    method: "POST",
    headers: { "Content-Type": "application/json; charset=utf-8" },
    body,
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  // The body is read so the connection is freed; what it says is not shown (it may echo the address).
  await response.arrayBuffer().catch(() => undefined);
  return response.status;
};

const hmac = (key: string, message: string) => createHmac("sha256", key).update(message).digest("base64");

async function readLedger(path: string): Promise<AlertState | undefined> {
  try {
    const parsed = JSON.parse(await readFile(path, "utf8")) as AlertState;
    return parsed && typeof parsed.leads === "object" && Array.isArray(parsed.sent) ? parsed : undefined;
  } catch {
    // No ledger yet, or one that cannot be read: this run starts a new one.
    return undefined;
  }
}

const CHANNEL_NAMES: Record<Channel, string> = {
  googleChat: "Google Chat",
  slack: "Slack",
  wecom: "企业微信",
  dingtalk: "钉钉",
  feishu: "飞书",
  json: "webhook",
};

/**
 * Sends this run's alerts and stages the ledger (the caller commits it); returns the line to print.
 *
 * @example
 * const line = await notify(table, result, rules, "en", { url, ledger }, files);
 * // "Alerts: 3 sent to Slack"
 */
export async function notify(
  table: Table,
  result: PassResult,
  rules: RuleSet,
  lang: Lang,
  options: NotifyOptions,
  files: StagedFiles,
  post: Post = httpPost,
  now: () => number = Date.now,
): Promise<string> {
  const channel = options.channel ?? channelOf(options.url);
  const name = CHANNEL_NAMES[channel];
  const { alerts, next } = findAlerts(table, result, rules, lang, await readLedger(options.ledger));
  const save = (state: AlertState) => files.writeText(options.ledger, `${JSON.stringify(state)}\n`);
  if (alerts.length === 0) {
    await save(next);
    return CLI_WORDS[lang].notify.nothingNew;
  }
  let url = options.url;
  let signed: { timestamp: string; sign: string } | undefined;
  if (options.secret !== undefined && channel === "dingtalk") {
    const timestamp = String(now());
    const { key, message } = signatureInput("dingtalk", timestamp, options.secret);
    url += `${url.includes("?") ? "&" : "?"}timestamp=${timestamp}&sign=${encodeURIComponent(hmac(key, message))}`;
  } else if (options.secret !== undefined && channel === "feishu") {
    const timestamp = String(Math.floor(now() / 1000));
    const { key, message } = signatureInput("feishu", timestamp, options.secret);
    signed = { timestamp, sign: hmac(key, message) };
  }
  let failure: string | undefined;
  try {
    const status = await post(url, JSON.stringify(alertMessage(channel, alerts, lang, signed)));
    if (status < 200 || status > 299) failure = `HTTP ${status}`;
  } catch (error) {
    failure = (error as Error)?.name === "TimeoutError" ? "timed out" : "could not connect";
  }
  if (failure !== undefined) {
    // Not recorded as sent: the next run tries them again.
    await save(next);
    return CLI_WORDS[lang].notify.failed(alerts.length, name, failure);
  }
  await save({ ...next, sent: [...next.sent, ...alerts.map((a) => a.sent)] });
  return CLI_WORDS[lang].notify.sent(alerts.length, name);
}
