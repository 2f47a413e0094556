/**
 * Finding a rule's phrase in a cell's text. Chinese phrases match anywhere (Chinese has no spaces
 * between words); phrases with Latin letters or digits match whole words only, so "ad" does not
 * fire inside "adobe" nor "trial" inside "industrial". Both sides are lower-case.
 */

export interface Phrase {
  readonly text: string;
  readonly wholeWord: boolean;
}

export function compilePhrase(text: string): Phrase {
  const lower = text.toLowerCase();
  return { text: lower, wholeWord: /[a-z0-9]/.test(lower) };
}

/**
 * Index of the first match of `phrase` in `text` at or after `from`, or -1.
 *
 * @example
 * findPhrase("industrial trial", compilePhrase("trial")) // 11
 */
export function findPhrase(text: string, phrase: Phrase, from = 0): number {
  let at = text.indexOf(phrase.text, from);
  while (at >= 0) {
    if (!phrase.wholeWord || isWordBoundedAt(text, at, phrase.text.length)) return at;
    at = text.indexOf(phrase.text, at + 1);
  }
  return -1;
}

/** True when no letter or digit touches either end of `text[at, at + length)`. */
export function isWordBoundedAt(text: string, at: number, length: number): boolean {
  return !isWordChar(text.charCodeAt(at - 1)) && !isWordChar(text.charCodeAt(at + length));
}

export function isWordChar(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || (code >= 65 && code <= 90);
}
