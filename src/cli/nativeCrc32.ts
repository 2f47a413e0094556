/**
 * buffer-crc32's `unsigned` on Node's own CRC-32 (zlib.crc32, native code): the bundled command
 * (bin/leadgrade.mjs) gives yazl this in place of its JavaScript one, which took 0.11–0.14 s of a
 * 50,000-row XLSX write, byte by byte on the main thread. Same function, same results: the tests
 * check every entry's CRC of a workbook the bundled command writes.
 */
import { crc32 } from "node:zlib";

export function unsigned(data: Uint8Array | string, previous = 0): number {
  return crc32(data, previous);
}
