/**
 * Yes and no as spreadsheets and CRMs write them (1/0, Yes/No, True/False, 是/否, 已成交/未成交):
 * what a Converted or Won column holds. Read once here for the column check and the outcome.
 */

const YES = new Set(["1", "yes", "y", "true", "是", "已成交", "已转化", "converted", "won"]);
const NO = new Set(["0", "no", "n", "false", "否", "未成交", "未转化", "notconverted"]);

/**
 * @example
 * parseYesNo(" Yes ") // true
 * parseYesNo("0") // false
 * parseYesNo("maybe") // undefined
 */
export function parseYesNo(text: string): boolean | undefined {
  const key = text.toLowerCase().replace(/[\s_-]/g, "");
  return YES.has(key) ? true : NO.has(key) ? false : undefined;
}
