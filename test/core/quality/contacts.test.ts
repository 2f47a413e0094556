import { describe, expect, it } from "vitest";
import {
  isValidEmail,
  isValidPhone,
  normaliseEmail,
  normalisePhone,
} from "../../../src/core/quality/contacts";

describe("phones", () => {
  it.each([
    ["13812345678", "+8613812345678", true],
    ["138 1234 5678", "+8613812345678", true],
    ["+86 138-1234-5678", "+8613812345678", true],
    ["0086 138 1234 5678", "+8613812345678", true],
    ["8613812345678", "+8613812345678", true],
    ["１３８１２３４５６７８", "+8613812345678", true],
    ["010-8888 6666", "+861088886666", true],
    ["+1 (415) 555-0100", "+14155550100", true],
    ["+44 20 7946 0958", "+442079460958", true],
    ["12812345678", "12812345678", false],
    ["1381234567", "1381234567", false],
    ["555-0100", "5550100", false],
    ["call me", "callme", false],
  ])("%j normalises to %s (valid: %s)", (written, normal, valid) => {
    expect(normalisePhone(written)).toBe(normal);
    expect(isValidPhone(written)).toBe(valid);
  });
});

describe("emails", () => {
  it.each([
    [" Zhang.San@Example.COM ", "zhang.san@example.com", true],
    ["li@公司.cn", "li@公司.cn", true],
    ["not-an-email", "not-an-email", false],
    ["a@b", "a@b", false],
    ["two@@example.com", "two@@example.com", false],
  ])("%j normalises to %s (valid: %s)", (written, normal, valid) => {
    expect(normaliseEmail(written)).toBe(normal);
    expect(isValidEmail(written)).toBe(valid);
  });
});
