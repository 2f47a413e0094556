/**
 * Contact details as people type them, made comparable: an email in lower case without spaces;
 * a phone as +<country><number> without separators, a mainland China number given with or without
 * +86 / 0086. Valid phones are mainland China mobiles (1[3-9] and 9 digits), mainland landlines
 * (0 + area code + number) and international E.164 numbers (+, 7–15 digits).
 */

import { isEmailAddress } from "../digest/planReminders";
import { foldFullWidth } from "../normalise/cell";

/** An address already in normal form: nothing to fold, remove or lower-case (most are). */
const PLAIN_EMAIL = /^[a-z0-9._%+@-]*$/;

export function normaliseEmail(text: string): string {
  if (PLAIN_EMAIL.test(text)) return text;
  return foldFullWidth(text).replace(/\s+/g, "").toLowerCase();
}

export function isValidEmail(text: string): boolean {
  return isEmailAddress(normaliseEmail(text));
}

const MAINLAND_MOBILE = /^1[3-9]\d{9}$/;

/**
 * @example
 * normalisePhone("+86 138-1234-5678") // "+8613812345678"
 * normalisePhone("138 1234 5678") // "+8613812345678"
 * normalisePhone("(415) 555-0100") // "4155550100" (no country code: kept as written)
 */
export function normalisePhone(text: string): string {
  if (MAINLAND_MOBILE.test(text)) return `+86${text}`;
  let digits = foldFullWidth(text).replace(/[\s\-().·/]/g, "");
  if (digits.startsWith("00")) digits = `+${digits.slice(2)}`;
  if (MAINLAND_MOBILE.test(digits)) return `+86${digits}`;
  if (/^86(1[3-9]\d{9})$/.test(digits)) return `+${digits}`;
  if (/^0\d{2,3}\d{7,8}$/.test(digits)) return `+86${digits.slice(1)}`;
  return digits;
}

/**
 * @example
 * isValidPhone("0086 138 1234 5678") // true
 * isValidPhone("12345") // false
 */
export function isValidPhone(text: string): boolean {
  return isValidNormalPhone(normalisePhone(text));
}

function isValidNormalPhone(phone: string): boolean {
  if (phone.startsWith("+86")) return /^\+86(1[3-9]\d{9}|[1-9]\d{8,10})$/.test(phone);
  return /^\+[1-9]\d{6,14}$/.test(phone);
}

/** Each row's email and phone, normalised and checked once for the quality checks and duplicates. */
export interface ContactKeys {
  /**
   * Normalised email, read where `noEmailKey` is 0. Most e-mails are their own key, so this is the
   * e-mail column itself until a row's key differs from its text (then a copy is made).
   */
  email: readonly (string | undefined)[];
  /** 1 where a row has no email key (none given, or not valid). */
  noEmailKey: Uint8Array;
  /**
   * Normalised phone with at least 7 digits, read where `noPhoneKey` is 0; a mainland mobile as
   * its 11 digits however it was written. The phone column itself until a key differs, as `email`.
   */
  phone: readonly (string | undefined)[];
  /** 1 where a row has no phone key. */
  noPhoneKey: Uint8Array;
  /** 1 where an email is given and is not valid. */
  badEmail: Uint8Array;
  /** 1 where a phone is given and is not valid. */
  badPhone: Uint8Array;
}

export function contactKeys(
  emails: readonly (string | undefined)[],
  phones: readonly (string | undefined)[],
  length: number,
): ContactKeys {
  // A key column is the text column until a key differs from its text (a new array of 100,000
  // entries costs more than the whole check of a plain column).
  let email: (string | undefined)[] | undefined;
  let phone: (string | undefined)[] | undefined;
  const noEmailKey = new Uint8Array(length).fill(1);
  const noPhoneKey = new Uint8Array(length).fill(1);
  const badEmail = new Uint8Array(length);
  const badPhone = new Uint8Array(length);
  for (let row = 0; row < length; row++) {
    const e = emails[row];
    if (e !== undefined) {
      const normalEmail = normaliseEmail(e);
      if (!isEmailAddress(normalEmail)) badEmail[row] = 1;
      else {
        noEmailKey[row] = 0;
        if (normalEmail !== e) {
          email ??= emails.slice();
          email[row] = normalEmail;
        }
      }
    }
    const p = phones[row];
    if (p !== undefined) {
      // Most phones are mainland mobiles written as 11 digits: valid, and their own key.
      if (MAINLAND_MOBILE.test(p)) noPhoneKey[row] = 0;
      else {
        const normalPhone = normalisePhone(p);
        const mobile = MAINLAND_MOBILE_KEY.test(normalPhone);
        const key = mobile ? normalPhone.slice(3) : normalPhone;
        if (digitCount(key) >= 7) {
          noPhoneKey[row] = 0;
          if (key !== p) {
            phone ??= phones.slice();
            phone[row] = key;
          }
        }
        if (!mobile && !isValidNormalPhone(normalPhone)) badPhone[row] = 1;
      }
    }
  }
  return { email: email ?? emails, noEmailKey, phone: phone ?? phones, noPhoneKey, badEmail, badPhone };
}

/** A normalised mainland mobile: "+8613812345678". */
const MAINLAND_MOBILE_KEY = /^\+861[3-9]\d{9}$/;

function digitCount(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) n++;
  }
  return n;
}
