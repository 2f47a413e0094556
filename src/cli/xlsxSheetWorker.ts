/**
 * The second thread of a large sheet's read (see readSheetSplit in xlsxReader.ts): it is given the
 * XML from a row start to the end, a piece at a time, then `null`; it answers with the rows read,
 * shared strings left as indices (the first thread holds the strings). The opening tags that the
 * first half had are stood in for, so that the half is a whole document.
 */
import { parentPort, workerData } from "node:worker_threads";
import { SheetReader, type SheetWorkerData, type SheetWorkerReply } from "./xlsxReader";

const port = parentPort;
if (port) {
  const { dateStyles, date1904, prefix } = workerData as SheetWorkerData;
  const reader = new SheetReader(undefined, dateStyles, date1904);
  let failed = false;
  const reply = (message: SheetWorkerReply) => {
    port.postMessage(message, "part" in message ? [message.part.shared.buffer as ArrayBuffer] : []);
    port.close();
  };
  reader.write(`<${prefix}worksheet><${prefix}sheetData>`);
  port.on("message", (xml: string | null) => {
    if (failed) return;
    try {
      if (xml !== null) reader.write(xml);
      else reply({ part: reader.close() });
    } catch (error) {
      failed = true;
      reply({ error: error instanceof Error ? error.message : String(error) });
    }
  });
}
