/**
 * Alerts from the add-on: after a pass (hourly, or at once from the edit trigger), the leads that
 * reached the top grade, showed a new buying signal, await approval or are to be reclaimed for the
 * pool go to their owner by e-mail and to the rules' chat robots (UrlFetchApp), outside quiet
 * hours and within a day's cap per recipient (core: findAlerts, planDelivery). What was found,
 * held and sent is kept in a hidden sheet, as JSON across cells: document properties hold 9 KB a
 * value, and a sheet of 10,000 leads' signals needs more. A robot's address carries its key: it is
 * never written to the sheet, a log or an error (a robot is known by a digest of its address).
 */
import {
  type Alert,
  type AlertState,
  alertMessage,
  channelOf,
  type DeliveryLedger,
  findAlerts,
  isoFromCivilDay,
  type Lang,
  ownerAddress,
  type PassResult,
  planDelivery,
  poolAlerts,
  type Reclaim,
  type RuleSet,
  settle,
  signatureInput,
  type Table,
  withoutWebhooks,
  zoneClock,
} from "../core/index";
import { ensureRows, insertSheetQuietly } from "./insertSheet";
import { sheetsZoneOffset } from "./zoneOffset";

export const ALERTS_SHEET = "LeadGrade 提醒 Alerts";
/** Characters per cell: a cell holds 50,000. */
const PIECE = 40_000;
/** Failures kept for the self-check. */
const MAX_FAILURES = 20;

export interface AlertStore {
  state?: AlertState;
  delivery?: DeliveryLedger;
  failures?: { at: string; to: string; error: string }[];
}

export interface AlertReport {
  found: number;
  sent: number;
  held: number;
  failed: number;
}

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Webhook = RuleSet["alerts"]["webhooks"][number];

/** What the alerts' sheet keeps; empty before the first run or when it cannot be read. */
export function readAlertStore(spreadsheet: Spreadsheet): AlertStore {
  const sheet = spreadsheet.getSheetByName(ALERTS_SHEET);
  if (!sheet || sheet.getLastRow() < 1) return {};
  try {
    const text = sheet
      .getRange(1, 1, sheet.getLastRow(), 1)
      .getValues()
      .map((r) => String(r[0] ?? ""))
      .join("");
    return JSON.parse(text) as AlertStore;
  } catch {
    return {};
  }
}

function writeAlertStore(spreadsheet: Spreadsheet, store: AlertStore): void {
  let sheet = spreadsheet.getSheetByName(ALERTS_SHEET);
  if (!sheet) {
    sheet = insertSheetQuietly(spreadsheet, ALERTS_SHEET);
    sheet.hideSheet();
  }
  const text = JSON.stringify(store);
  const pieces: string[][] = [];
  for (let at = 0; at < text.length; at += PIECE) pieces.push([text.slice(at, at + PIECE)]);
  const old = sheet.getLastRow();
  ensureRows(sheet, pieces.length);
  // A leading "'" keeps a piece that looks like a number or a formula as text.
  sheet.getRange(1, 1, pieces.length, 1).setValues(pieces.map(([p]) => [`'${p}`]));
  if (old > pieces.length) sheet.getRange(pieces.length + 1, 1, old - pieces.length, 1).clearContent();
}

/** A robot's name in the ledger and the self-check: a digest of its address, never the address. */
export function webhookId(url: string): string {
  const bytes = Utilities.computeDigest(Utilities.DigestAlgorithm.SHA_256, url, Utilities.Charset.UTF_8);
  return `webhook ${bytes
    .slice(0, 4)
    .map((b) => ((b + 256) % 256).toString(16).padStart(2, "0"))
    .join("")}`;
}

function sign(key: string, message: string): string {
  return Utilities.base64Encode(Utilities.computeHmacSha256Signature(message, key, Utilities.Charset.UTF_8));
}

/** Posts one batch to a robot; throws with the platform's reason (which may name the address). */
function post(hook: Webhook, alerts: Alert[], lang: Lang, now: Date): void {
  const channel = hook.channel ?? channelOf(hook.url);
  let url = hook.url;
  let signed: { timestamp: string; sign: string } | undefined;
  if (hook.secret && channel === "dingtalk") {
    const timestamp = String(now.getTime());
    const { key, message } = signatureInput("dingtalk", timestamp, hook.secret);
    url += `${url.includes("?") ? "&" : "?"}timestamp=${timestamp}&sign=${encodeURIComponent(sign(key, message))}`;
  } else if (hook.secret && channel === "feishu") {
    const timestamp = String(Math.floor(now.getTime() / 1000));
    const { key, message } = signatureInput("feishu", timestamp, hook.secret);
    signed = { timestamp, sign: sign(key, message) };
  }
  const response = UrlFetchApp.fetch(url, {
    method: "post",
    contentType: "application/json; charset=utf-8",
    payload: JSON.stringify(alertMessage(channel, alerts, lang, signed)),
    muteHttpExceptions: true,
  });
  const code = response.getResponseCode();
  if (code < 200 || code > 299) throw new Error(`HTTP ${code}`);
}

function mail(to: string, alerts: Alert[], rules: RuleSet, lang: Lang): void {
  const text = String(alertMessage("slack", alerts, lang).text);
  const manager = rules.alerts.manager;
  MailApp.sendEmail({
    to,
    subject: text.split("\n")[0] as string,
    body: text,
    name: "LeadGrade",
    ...(manager === "" || manager.toLowerCase() === to.toLowerCase() ? {} : { cc: manager }),
  });
}

/**
 * Finds this pass's alerts and sends what may go now; the rest waits in the ledger. Never throws
 * for a failed send: it is held for the next run and shown in the self-check.
 */
export function sendAlerts(
  spreadsheet: Spreadsheet,
  table: Table,
  result: PassResult,
  rules: RuleSet,
  lang: Lang,
  pool: { reclaims: readonly Reclaim[]; moved: boolean },
  now: Date,
): AlertReport {
  const store = readAlertStore(spreadsheet);
  const { alerts, next } = findAlerts(table, result, rules, lang, store.state);
  const fresh = [...alerts, ...poolAlerts(pool.reclaims, result, new Set(next.sent), lang, pool.moved)];
  const hooks = new Map(rules.alerts.webhooks.map((h) => [webhookId(h.url), h]));
  // By e-mail: the owner (the manager copied), or the manager alone for a lead whose owner has no address.
  const recipientsOf = (alert: Alert) => {
    const address = rules.alerts.email ? ownerAddress(alert.owner, rules.reps) || rules.alerts.manager : "";
    return [...(address === "" ? [] : [address]), ...hooks.keys()];
  };
  const clock = zoneClock(rules.timeZone, sheetsZoneOffset);
  const local = { day: isoFromCivilDay(clock.dayOf(now)), hour: clock.hourOf(now) };
  const { send, ledger } = planDelivery(fresh, store.delivery, recipientsOf, rules.alerts, local);
  const failures = store.failures ?? [];
  let sent = 0;
  for (const delivery of send) {
    const hook = hooks.get(delivery.to);
    try {
      if (hook) post(hook, delivery.alerts, lang, now);
      else mail(delivery.to, delivery.alerts, rules, lang);
      sent++;
      settle(ledger, delivery, true);
    } catch (error) {
      const reason = withoutWebhooks(error instanceof Error ? error.message : String(error), [
        ...hooks.values(),
      ]);
      failures.push({ at: now.toISOString(), to: delivery.to, error: reason });
      settle(ledger, delivery, false);
    }
  }
  writeAlertStore(spreadsheet, {
    state: { ...next, sent: [...next.sent, ...fresh.map((a) => a.sent)] },
    delivery: ledger,
    failures: failures.slice(-MAX_FAILURES),
  });
  return { found: fresh.length, sent, held: ledger.held.length, failed: send.length - sent };
}
