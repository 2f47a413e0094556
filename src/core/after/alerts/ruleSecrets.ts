/**
 * Robots' addresses and signing secrets in the rules are secrets (a Slack or 企业微信 address is its
 * key): once saved, the rules are shown with each address masked and each secret as dots, and a
 * rule set handed back with those masks keeps the saved values.
 */
import type { RuleSet } from "../../model/schema";
import { maskWebhook } from "./planDelivery";

/** What a saved secret is shown as. */
export const HIDDEN_SECRET = "••••••";

/** The rules as they may be shown: every webhook's address masked, its secret hidden. */
export function maskRuleSecrets(rules: RuleSet): RuleSet {
  return {
    ...rules,
    alerts: {
      ...rules.alerts,
      webhooks: rules.alerts.webhooks.map((h) => ({
        ...h,
        url: maskWebhook(h.url),
        ...(h.secret ? { secret: HIDDEN_SECRET } : {}),
      })),
    },
  };
}

/**
 * A rule set handed back (parsed JSON, not yet validated) with each masked address and hidden
 * secret replaced by the saved one it stands for; anything else is left as given.
 *
 * @example
 * restoreRuleSecrets(JSON.parse(edited), saved) // the edited rules, with saved addresses where they were masked
 */
export function restoreRuleSecrets(edited: unknown, saved: RuleSet): unknown {
  const hooks = (edited as { alerts?: { webhooks?: unknown } } | null)?.alerts?.webhooks;
  if (!Array.isArray(hooks)) return edited;
  const restored = hooks.map((hook) => {
    if (!hook || typeof hook !== "object") return hook;
    const h = hook as { url?: unknown; secret?: unknown };
    const was = saved.alerts.webhooks.find((s) => maskWebhook(s.url) === h.url);
    if (!was) return hook;
    return { ...h, url: was.url, ...(h.secret === HIDDEN_SECRET ? { secret: was.secret } : {}) };
  });
  const e = edited as { alerts: Record<string, unknown> };
  return { ...e, alerts: { ...e.alerts, webhooks: restored } };
}
