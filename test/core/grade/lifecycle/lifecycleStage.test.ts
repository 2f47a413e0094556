import { describe, expect, it } from "vitest";
import { lifecycleStage } from "../../../../src/core/grade/lifecycle/lifecycleStage";
import { standardPreset } from "../../../../src/core/model/presets";
import { day } from "../../../support/leadTable";

const windows = standardPreset().lifecycle; // new ≤ 30, active ≤ 90, lost > 365 days
const asOf = day("2026-11-22");

describe("lifecycleStage", () => {
  it("calls a lead that never bought potential", () => {
    expect(lifecycleStage({ lastContact: asOf - 10 }, asOf, windows)).toBe("potential");
  });

  it("calls a first purchase within the new window new", () => {
    expect(lifecycleStage({ lastPurchase: asOf - 10, orders: 1 }, asOf, windows)).toBe("new");
  });

  it("calls a repeat buyer within the active window active", () => {
    expect(lifecycleStage({ lastPurchase: asOf - 10, orders: 4 }, asOf, windows)).toBe("active");
    expect(lifecycleStage({ lastPurchase: asOf - 90, orders: 1 }, asOf, windows)).toBe("active");
  });

  it("calls a customer quiet past the active window dormant, past the lost window lost", () => {
    expect(lifecycleStage({ lastPurchase: asOf - 91, orders: 3 }, asOf, windows)).toBe("dormant");
    expect(lifecycleStage({ lastPurchase: asOf - 365, orders: 3 }, asOf, windows)).toBe("dormant");
    expect(lifecycleStage({ lastPurchase: asOf - 366, orders: 3 }, asOf, windows)).toBe("lost");
  });

  it("calls a prospect untouched for longer than the lost window lost", () => {
    expect(lifecycleStage({ created: asOf - 400 }, asOf, windows)).toBe("lost");
  });

  it("believes the sheet when it marks a lead lost", () => {
    expect(lifecycleStage({ lastPurchase: asOf - 3, orders: 9, markedLost: true }, asOf, windows)).toBe(
      "lost",
    );
  });

  it("says nothing for a customer with no dates", () => {
    expect(lifecycleStage({ orders: 2 }, asOf, windows)).toBeNull();
  });
});
