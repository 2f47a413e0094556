/**
 * The UTF-8 length of text, counted by hand: Apps Script has no `TextEncoder`, and its limits
 * (9 KB a property value, 500 KB a store) are in bytes.
 */

/**
 * Bytes the text takes in UTF-8 (an unpaired surrogate counts as the 3 bytes of U+FFFD).
 *
 * @example
 * utf8Length("abc") // 3
 * utf8Length("李雷") // 6
 * utf8Length("😀") // 4
 */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}
