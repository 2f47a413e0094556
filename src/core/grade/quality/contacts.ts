/**
 * Contact details as people type them, made comparable: an email in lower case without spaces;
 * a phone as +<country><number> without separators, a mainland China number given with or without
 * +86 / 0086. Valid phones are mainland China mobiles (1[3-9] and 9 digits), mainland landlines
 * (0 + area code + number) and international E.164 numbers (+, 7–15 digits).
 */

import { foldFullWidth } from "../../text/cell";
import { isEmailAddress } from "../../text/isEmailAddress";
import { isValidNationalPhone } from "./phoneRegion";

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

/**
 * The key a phone is compared by, as {@link contactKeys} makes it: a mainland mobile as its 11
 * digits however written, any other number normalised; `undefined` below 7 digits.
 *
 * @example
 * phoneKey("+86 138-1234-5678") // "13812345678"
 * phoneKey("(415) 555-0100") // "4155550100"
 */
export function phoneKey(text: string): string | undefined {
  return isMainlandMobile(text) ? text : keyOfNormalPhone(normalisePhone(text));
}

/** A normalised phone's key: a mainland mobile without +86; undefined below 7 digits. */
function keyOfNormalPhone(normalPhone: string): string | undefined {
  const key = MAINLAND_MOBILE_KEY.test(normalPhone) ? normalPhone.slice(3) : normalPhone;
  return digitCount(key) >= 7 ? key : undefined;
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
  /** The numbering plan of national numbers (see choosePhoneRegion); none: only +86 and E.164 are judged. */
  region?: string,
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
      // Most addresses are plain (their own key), and checked in one scan.
      const plain = plainEmail(e);
      if (plain === PLAIN_VALID) noEmailKey[row] = 0;
      else if (plain === PLAIN_INVALID) badEmail[row] = 1;
      else {
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
    }
    const p = phones[row];
    if (p !== undefined) {
      // Most phones are mainland mobiles written as 11 digits: valid, and their own key.
      if (isMainlandMobile(p)) noPhoneKey[row] = 0;
      else {
        const normalPhone = normalisePhone(p);
        const mobile = MAINLAND_MOBILE_KEY.test(normalPhone);
        const key = keyOfNormalPhone(normalPhone);
        if (key !== undefined) {
          noPhoneKey[row] = 0;
          if (key !== p) {
            phone ??= phones.slice();
            phone[row] = key;
          }
        }
        // A national number ("660-485-0224") is judged in the region's plan where there is one.
        const national = region !== undefined && !normalPhone.startsWith("+");
        if (!mobile && !(national ? isValidNationalPhone(p, region) : isValidNormalPhone(normalPhone)))
          badPhone[row] = 1;
      }
    }
  }
  return { email: email ?? emails, noEmailKey, phone: phone ?? phones, noPhoneKey, badEmail, badPhone };
}

const NOT_PLAIN = 0;
const PLAIN_INVALID = 1;
const PLAIN_VALID = 2;

/**
 * For an address in normal form already ({@link PLAIN_EMAIL}), whether it is valid as
 * {@link isEmailAddress} would say (text before one @, and a dot in the domain with text before
 * it and two or more characters after it), in one scan; {@link NOT_PLAIN} for any other text.
 */
function plainEmail(text: string): typeof NOT_PLAIN | typeof PLAIN_INVALID | typeof PLAIN_VALID {
  let at = -1;
  let ats = 0;
  let firstDot = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 95 || c === 37 || c === 43 || c === 45)
      continue;
    if (c === 46) {
      if (at >= 0 && firstDot < 0) firstDot = i;
    } else if (c === 64) {
      ats++;
      at = i;
      firstDot = -1;
    } else return NOT_PLAIN;
  }
  // A dot at least two past the @ and three before the end; the first such dot will do when any will.
  if (ats !== 1 || at === 0) return PLAIN_INVALID;
  const dot = firstDot === at + 1 ? text.indexOf(".", at + 2) : firstDot;
  return dot > at + 1 && dot <= text.length - 3 ? PLAIN_VALID : PLAIN_INVALID;
}

/** {@link MAINLAND_MOBILE} without a regular expression: 1, then 3–9, then nine digits. */
function isMainlandMobile(text: string): boolean {
  if (text.length !== 11 || text.charCodeAt(0) !== 49) return false;
  const second = text.charCodeAt(1);
  if (second < 51 || second > 57) return false;
  for (let i = 2; i < 11; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
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
