/**
 * Text from the sheet (an owner, a header) made safe where the command puts it: in the terminal,
 * a mail header or a file name, control characters (NUL, ESC sequences, BEL) have no place.
 */

/** C0 and C1 control characters. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this strips
const CONTROLS = /[\u0000-\u001f\u007f-\u009f]/g;

/**
 * @example
 * withoutControls("\u001b[2Jtom") // "[2Jtom"
 */
export function withoutControls(text: string): string {
  return text.replace(CONTROLS, "");
}
