import { describe, expect, it } from "vitest";
import {
  type Example,
  predictNaiveBayes,
  trainNaiveBayes,
} from "../../../../src/core/after/learn/naiveBayes";

// Odoo addons/crm/tests/test_crm_pls.py, test_pls_tooltip_data, rebuilt: two won leads (A, B),
// three lost (C, D, E), and the lead whose tooltip is checked. False values are simply absent.
const lead = (values: Record<string, string | false>): Record<string, string> =>
  Object.fromEntries(Object.entries(values).filter((e): e is [string, string] => e[1] !== false));
const history: Example[] = [
  {
    won: true,
    values: lead({
      country_id: "c0",
      state_id: "s0",
      email_state: "correct",
      phone_state: "correct",
      source_id: "src1",
      stage_id: "st0",
    }),
  },
  {
    won: true,
    values: lead({
      country_id: "c1",
      state_id: "s0",
      email_state: "correct",
      phone_state: "correct",
      source_id: false,
      stage_id: "st0",
    }),
  },
  {
    won: false,
    values: lead({
      country_id: false,
      state_id: false,
      email_state: "correct",
      phone_state: "incorrect",
      source_id: "src0",
      stage_id: "st0",
    }),
  },
  {
    won: false,
    values: lead({
      country_id: "c0",
      state_id: false,
      email_state: "correct",
      phone_state: "incorrect",
      source_id: "src0",
      stage_id: "st0",
    }),
  },
  {
    won: false,
    values: lead({
      country_id: false,
      state_id: "s1",
      email_state: "correct",
      phone_state: "correct",
      source_id: false,
      stage_id: "st2",
    }),
  },
];
const tooltipLead = {
  country_id: "c0",
  state_id: "s0",
  email_state: "correct",
  phone_state: "correct",
  source_id: "src0",
  stage_id: "st1",
};

describe("naive Bayes as Odoo's predictive lead scoring", () => {
  const model = trainNaiveBayes(history, { ordinal: { field: "stage_id", order: ["st0", "st1", "st2"] } });

  it("gives Odoo's published 74.30% for the tooltip lead", () => {
    expect(predictNaiveBayes(model, tooltipLead).probability * 100).toBeCloseTo(74.3, 2);
  });

  it("explains it with Odoo's per-field scores, best first", () => {
    const { contributions } = predictNaiveBayes(model, tooltipLead);
    const score = Object.fromEntries(contributions.map((c) => [c.field, c.score]));
    expect(score.source_id).toBeCloseTo(0.08, 2);
    expect(score.country_id).toBeCloseTo(0.353, 3);
    expect(score.email_state).toBeCloseTo(0.5, 3);
    expect(score.state_id).toBeCloseTo(0.92, 2);
    expect(score.phone_state).toBeCloseTo(0.735, 3);
    expect(score.stage_id).toBeCloseTo(0.645, 3);
    expect(contributions.slice(0, 3).map((c) => c.field)).toEqual(["state_id", "phone_state", "stage_id"]);
  });

  it("ignores fields a lead has no value for, or a value never seen", () => {
    const base = predictNaiveBayes(model, { country_id: "c0" }).probability;
    expect(predictNaiveBayes(model, { country_id: "c0", source_id: "never seen" }).probability).toBe(base);
  });

  it("gives the prior alone for a lead with nothing to go on", () => {
    expect(predictNaiveBayes(model, {}).probability).toBeCloseTo(2.1 / 5.2, 10);
  });
});
