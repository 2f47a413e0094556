import { describe, expect, it } from "vitest";
import { choosePhoneRegion, isValidNationalPhone } from "../../../../src/core/grade/quality/phoneRegion";

describe("choosePhoneRegion", () => {
  const us = ["660-485-0224", "860-253-6354", "617-253-1000", "212-854-1754"];

  it("keeps a US sheet American when one number is mistyped, though China's looser plan takes it", () => {
    // The mistyped number is a valid Chinese landline, so China's plan takes all five.
    expect(isValidNationalPhone("660-485-02", "CN")).toBe(true);
    expect(isValidNationalPhone("660-485-02", "US")).toBe(false);
    expect(choosePhoneRegion([...us, "660-485-02"])).toEqual({ region: "US", inferred: true });
  });

  it("chooses China where the stricter plans take clearly fewer numbers", () => {
    const cn = ["010-6275 1234", "021-5489 1234", "0755-8888 1234", "020-3812 3456"];
    expect(choosePhoneRegion([...cn, "660-485-0224"])).toEqual({ region: "CN", inferred: true });
  });

  it("names no region when no plan takes half the numbers, and the rules' region when set", () => {
    expect(choosePhoneRegion(["12-34", "99999999999999", "0"])).toBeUndefined();
    expect(choosePhoneRegion(us, "gb")).toEqual({ region: "GB", inferred: false });
  });
});
