import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  contactKeys,
  isValidEmail,
  isValidPhone,
  normaliseEmail,
  normalisePhone,
} from "../../../../src/core/grade/quality/contacts";

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

describe("contactKeys", () => {
  // What contactKeys answered before its one-scan checks: the normal form and the address check.
  const reference = (text: string) =>
    isValidEmail(text) ? { key: normaliseEmail(text), bad: 0 } : { key: undefined, bad: 1 };

  it("keys and checks any e-mail as normalising and the address check do", () => {
    const unit = fc.constantFrom(
      "a",
      "z",
      "0",
      "9",
      ".",
      "@",
      "_",
      "%",
      "+",
      "-",
      "A",
      " ",
      "<",
      "，",
      "ａ",
      "中",
    );
    fc.assert(
      fc.property(fc.array(fc.string({ unit, maxLength: 12 }), { maxLength: 60 }), (emails) => {
        const keys = contactKeys(emails, [], emails.length);
        emails.forEach((e, row) => {
          const want = reference(e);
          expect([keys.noEmailKey[row] === 0 ? keys.email[row] : undefined, keys.badEmail[row]]).toEqual([
            want.key,
            want.bad,
          ]);
        });
      }),
      { numRuns: 500 },
    );
  });

  it("keys and checks any phone as normalising does (a mainland mobile as its 11 digits)", () => {
    const reference = (text: string) => {
      const normal = normalisePhone(text);
      const key = /^\+861[3-9]\d{9}$/.test(normal) ? normal.slice(3) : normal;
      return { key: key.replace(/\D/g, "").length >= 7 ? key : undefined, bad: isValidPhone(text) ? 0 : 1 };
    };
    const unit = fc.constantFrom("1", "3", "8", "9", "0", "2", " ", "-", "+", "a", "１");
    const phone = fc.oneof(
      fc.string({ unit, maxLength: 15 }),
      fc.stringMatching(/^1[0-9]\d{9}$/),
      fc.stringMatching(/^1[3-9]\d{8,10}[a ]?$/),
    );
    fc.assert(
      fc.property(fc.array(phone, { maxLength: 40 }), (phones) => {
        const keys = contactKeys([], phones, phones.length);
        phones.forEach((p, row) => {
          expect([keys.noPhoneKey[row] === 0 ? keys.phone[row] : undefined, keys.badPhone[row]]).toEqual(
            Object.values(reference(p)),
          );
        });
      }),
      { numRuns: 500 },
    );
  });
});
