/**
 * A fingerprint of the values a pass read, so the hourly job can skip a sheet nobody touched
 * (consumer accounts have 90 minutes of trigger time a day): Apps Script's own MD5
 * (`Utilities.computeDigest`) over the values as JSON, which tells "1" from 1 and counts dates by
 * their instant. One service call, done natively, however many cells.
 */

/**
 * @example
 * sheetFingerprint([["客户名称"], ["张三"]]) // "3f0c…" (32 hex digits)
 */
export function sheetFingerprint(values: readonly (readonly unknown[])[]): string {
  const bytes = Utilities.computeDigest(
    Utilities.DigestAlgorithm.MD5,
    JSON.stringify(values),
    Utilities.Charset.UTF_8,
  );
  return bytes.map((b) => ((b + 256) % 256).toString(16).padStart(2, "0")).join("");
}
