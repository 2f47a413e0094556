/**
 * What counts as an e-mail address: for the Email column's quality check, for reaching an owner,
 * and for the rules' copied managers. It lives with the other cell readers, below every stage that
 * needs it, so no stage imports another sideways for it.
 */

/** A plain, practical address check: one @, no spaces, a dot in the domain. */
const EMAIL = /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:"]{2,}$/;

/**
 * @example
 * isEmailAddress("lilei@example.com") // true
 * isEmailAddress("No") // false
 */
export function isEmailAddress(text: string): boolean {
  return EMAIL.test(text.trim());
}
