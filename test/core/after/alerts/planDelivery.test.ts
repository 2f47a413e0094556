import { describe, expect, it } from "vitest";
import type { Alert } from "../../../../src/core/after/alerts/findAlerts";
import {
  type DeliveryLedger,
  inQuietHours,
  MAX_HELD,
  maskWebhook,
  planDelivery,
  settle,
  withoutWebhooks,
} from "../../../../src/core/after/alerts/planDelivery";
import {
  HIDDEN_SECRET,
  maskRuleSecrets,
  restoreRuleSecrets,
} from "../../../../src/core/after/alerts/ruleSecrets";
import { standardPreset } from "../../../../src/core/model/presets";

const alert = (lead: string): Alert => ({
  key: `${lead}@example.com`,
  sent: JSON.stringify([`${lead}@example.com`, "top_grade", "A"]),
  reason: "top_grade",
  detail: "A",
  lead,
  owner: "王",
  grade: "A",
  why: "",
  due: null,
  row: 2,
});
const settings = { ...standardPreset().alerts, quietHours: { from: 21, to: 8 }, dailyCap: 2 };
const everyone = () => ["wang@example.com", "webhook 1"];

describe("when alerts may go", () => {
  it("knows quiet hours that wrap past midnight, that do not, and none", () => {
    expect([20, 21, 23, 0, 7, 8].map((h) => inQuietHours(h, { from: 21, to: 8 }))).toEqual([
      false,
      true,
      true,
      true,
      true,
      false,
    ]);
    expect([12, 13, 14].map((h) => inQuietHours(h, { from: 13, to: 14 }))).toEqual([false, true, false]);
    expect(inQuietHours(3, { from: 5, to: 5 })).toBe(false);
  });

  it("holds everything in quiet hours, then sends one message per recipient with all it is to get", () => {
    const night = planDelivery([alert("a"), alert("b")], undefined, everyone, settings, {
      day: "2026-12-03",
      hour: 23,
    });
    expect(night.send).toEqual([]);
    expect(night.ledger.held).toHaveLength(4);
    // The same alert found again while held is not held twice.
    const morning = planDelivery([alert("b"), alert("c")], night.ledger, everyone, settings, {
      day: "2026-12-04",
      hour: 9,
    });
    expect(morning.send.map((d) => [d.to, d.alerts.map((a) => a.lead)])).toEqual([
      ["wang@example.com", ["a", "b", "c"]],
      ["webhook 1", ["a", "b", "c"]],
    ]);
    expect(morning.ledger.held).toEqual([]);
  });

  it("counts messages per recipient and day, holds past the cap, and starts again the next day", () => {
    let ledger: DeliveryLedger | undefined;
    const sent: number[] = [];
    for (const [i, day] of ["2026-12-03", "2026-12-03", "2026-12-03", "2026-12-04"].entries()) {
      const plan = planDelivery([alert(`l${i}`)], ledger, () => ["wang@example.com"], settings, {
        day,
        hour: 10,
      });
      for (const d of plan.send) settle(plan.ledger, d, true);
      sent.push(plan.send.length);
      ledger = plan.ledger;
    }
    expect(sent).toEqual([1, 1, 0, 1]);
    expect(ledger?.sentToday).toEqual({ "wang@example.com": 1 });
    expect(ledger?.held).toEqual([]);
  });

  it("holds again what could not be sent, and never more than it keeps", () => {
    const plan = planDelivery([alert("a")], undefined, () => ["webhook 1"], settings, {
      day: "2026-12-03",
      hour: 10,
    });
    settle(plan.ledger, plan.send[0] as never, false);
    expect(plan.ledger.held.map((h) => h.alert.lead)).toEqual(["a"]);
    expect(plan.ledger.sentToday).toEqual({});
    const many = Array.from({ length: MAX_HELD + 20 }, (_, i) => alert(`x${i}`));
    const held = planDelivery(many, undefined, () => ["webhook 1"], settings, {
      day: "2026-12-03",
      hour: 22,
    });
    expect(held.ledger.held).toHaveLength(MAX_HELD);
    expect(held.ledger.held[0]?.alert.lead).toBe("x20");
  });
});

describe("robots' addresses and secrets", () => {
  const slack = "https://hooks.slack.com/services/T0/B0/KEYKEY1234";
  it("are shown masked, and never in an error's text", () => {
    expect(maskWebhook(slack)).toBe("https://hooks.slack.com/…1234");
    expect(
      withoutWebhooks(`Request failed for ${slack} (secret s3cr3t)`, [{ url: slack, secret: "s3cr3t" }]),
    ).toBe("Request failed for https://hooks.slack.com/…1234 (secret ••••••)");
  });

  it("are masked in the rules shown and put back as saved when the masked rules come back", () => {
    const saved = standardPreset();
    saved.alerts.webhooks = [
      { url: slack },
      { url: "https://oapi.dingtalk.com/robot/send?access_token=T1", secret: "SEC1" },
    ];
    const shown = maskRuleSecrets(saved);
    expect(shown.alerts.webhooks).toEqual([
      { url: "https://hooks.slack.com/…1234" },
      { url: "https://oapi.dingtalk.com/…n=T1", secret: HIDDEN_SECRET },
    ]);
    const edited = JSON.parse(JSON.stringify(shown));
    edited.alerts.webhooks.push({ url: "https://example.com/new", secret: "fresh" });
    const restored = restoreRuleSecrets(edited, saved) as typeof saved;
    expect(restored.alerts.webhooks).toEqual([
      ...saved.alerts.webhooks,
      { url: "https://example.com/new", secret: "fresh" },
    ]);
    // A new secret typed over the dots replaces the saved one.
    edited.alerts.webhooks[1].secret = "SEC2";
    expect((restoreRuleSecrets(edited, saved) as typeof saved).alerts.webhooks[1]?.secret).toBe("SEC2");
  });
});
