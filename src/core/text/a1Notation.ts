/**
 * Column letters as Sheets and Excel write them in A1 notation.
 */

/**
 * @example
 * columnLetter(1) // "A"
 * columnLetter(27) // "AA"
 */
export function columnLetter(column: number): string {
  let n = column;
  let letters = "";
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}
