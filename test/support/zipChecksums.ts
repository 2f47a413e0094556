/**
 * Each entry of a zip: the CRC-32 its central directory states and the one of its inflated
 * content, read with yauzl (which does not check them itself).
 */
import { promisify } from "node:util";
import { crc32 } from "node:zlib";
import yauzl from "yauzl";

export async function zipChecksums(
  path: string,
): Promise<{ name: string; stored: number; computed: number }[]> {
  const zip = await promisify<string, yauzl.Options, yauzl.ZipFile>(yauzl.open)(path, { lazyEntries: true });
  const checks: { name: string; stored: number; computed: number }[] = [];
  await new Promise<void>((resolve, reject) => {
    zip.on("entry", (entry: yauzl.Entry) =>
      zip.openReadStream(entry, async (error, stream) => {
        if (error || !stream) return reject(error);
        const chunks: Buffer[] = [];
        for await (const chunk of stream) chunks.push(chunk as Buffer);
        checks.push({ name: entry.fileName, stored: entry.crc32, computed: crc32(Buffer.concat(chunks)) });
        zip.readEntry();
      }),
    );
    zip.on("end", resolve);
    zip.on("error", reject);
    zip.readEntry();
  });
  return checks;
}
