/**
 * When alerts go out, and to whom: never in the rules' quiet hours (held until they end), at most
 * the rules' daily number of messages per recipient (then held until the next day), one message
 * per recipient a run with every alert it is to get. What could not be sent (a failed send, a
 * cap, quiet hours) stays held in the ledger and goes in the next run's message.
 */
import type { RuleSet } from "../../model/schema";
import type { Alert } from "./findAlerts";

/** An alert waiting for one recipient (an e-mail address, or a webhook's name). */
export interface HeldAlert {
  to: string;
  alert: Alert;
}

/** What the senders keep between runs (JSON-safe). */
export interface DeliveryLedger {
  held: HeldAlert[];
  /** `YYYY-MM-DD` in the rules' zone, and the messages each recipient got that day. */
  day: string;
  sentToday: Record<string, number>;
}

export interface Delivery {
  to: string;
  alerts: Alert[];
}

/** Held alerts kept at most (the oldest go first): a month of quiet hours must not grow without end. */
export const MAX_HELD = 500;

/** Whether an hour (0–23) is in the quiet hours; from 21 to 8 wraps past midnight, from = to is none. */
export function inQuietHours(hour: number, quiet: RuleSet["alerts"]["quietHours"]): boolean {
  if (quiet.from === quiet.to) return false;
  return quiet.from < quiet.to
    ? hour >= quiet.from && hour < quiet.to
    : hour >= quiet.from || hour < quiet.to;
}

/**
 * The messages to send now, and the ledger once they are sent (the door calls {@link settle} for
 * each after trying it).
 *
 * @example
 * planDelivery([alert], undefined, () => ["ann@acme.com"], rules.alerts, { day: "2026-12-03", hour: 10 })
 * // { send: [{ to: "ann@acme.com", alerts: [alert] }], ledger: { held: [], day: "2026-12-03", sentToday: {} } }
 */
export function planDelivery(
  fresh: readonly Alert[],
  before: DeliveryLedger | undefined,
  recipientsOf: (alert: Alert) => readonly string[],
  settings: RuleSet["alerts"],
  local: { day: string; hour: number },
): { send: Delivery[]; ledger: DeliveryLedger } {
  const waiting: HeldAlert[] = [...(before?.held ?? [])];
  const known = new Set(waiting.map((h) => `${h.to}\u0000${h.alert.sent}`));
  for (const alert of fresh)
    for (const to of recipientsOf(alert)) {
      const id = `${to}\u0000${alert.sent}`;
      if (known.has(id)) continue;
      known.add(id);
      waiting.push({ to, alert });
    }
  const sentToday = before?.day === local.day ? { ...before.sentToday } : {};
  const ledger: DeliveryLedger = { held: [], day: local.day, sentToday };
  if (inQuietHours(local.hour, settings.quietHours)) {
    ledger.held = waiting.slice(-MAX_HELD);
    return { send: [], ledger };
  }
  const byRecipient = new Map<string, Alert[]>();
  for (const h of waiting) {
    if ((sentToday[h.to] ?? 0) >= settings.dailyCap) ledger.held.push(h);
    else byRecipient.set(h.to, [...(byRecipient.get(h.to) ?? []), h.alert]);
  }
  ledger.held = ledger.held.slice(-MAX_HELD);
  return { send: [...byRecipient].map(([to, alerts]) => ({ to, alerts })), ledger };
}

/** The ledger after one message was tried: counted when sent, held again for the next run when not. */
export function settle(ledger: DeliveryLedger, delivery: Delivery, sent: boolean): void {
  if (sent) ledger.sentToday[delivery.to] = (ledger.sentToday[delivery.to] ?? 0) + 1;
  else
    ledger.held = [...ledger.held, ...delivery.alerts.map((alert) => ({ to: delivery.to, alert }))].slice(
      -MAX_HELD,
    );
}

/**
 * A webhook's address as it may be shown: its host and the last four characters ("https://hooks.slack.com/…9xQz").
 * Robots' addresses carry their key: the whole address is never shown, logged or reported.
 */
export function maskWebhook(url: string): string {
  const host = /^([a-z][a-z0-9+.-]*:\/\/[^/?#@]+)/i.exec(url.trim())?.[1] ?? "";
  return `${host}/…${url.trim().slice(-4)}`;
}

/** A text (an error's message) with every robot's address in it masked and every secret hidden. */
export function withoutWebhooks(text: string, hooks: readonly { url: string; secret?: string }[]): string {
  let out = text;
  for (const { url, secret } of hooks) {
    if (url !== "") out = out.split(url).join(maskWebhook(url));
    if (secret) out = out.split(secret).join("••••••");
  }
  return out;
}
