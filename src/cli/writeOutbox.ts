/**
 * `--outbox DIR`: one `.eml` file per owner with the digest the hourly job would send — a
 * multipart message with a plain-text and an HTML part, readable by any mail program.
 */
import { join } from "node:path";
import type { Lang, PassResult } from "../core/index";
import { buildDigests, isEmailAddress, renderDigest } from "../core/index";
import type { StagedFiles } from "./stagedFiles";
import { withoutControls } from "./withoutControls";

/**
 * Words in a header, encoded so any mail program reads Chinese (RFC 2047): control characters
 * dropped, and long text split into encoded words of at most 75 characters on folded lines, so no
 * line passes the 998 a mail line may hold.
 */
function encodeHeader(text: string): string {
  const clean = withoutControls(text);
  if (/^[\x20-\x7e]*$/.test(clean) && clean.length <= 60) return clean;
  const words: string[] = [];
  let piece = "";
  for (const ch of clean) {
    if (Buffer.byteLength(piece + ch, "utf8") > 45) {
      words.push(piece);
      piece = "";
    }
    piece += ch;
  }
  if (piece !== "" || words.length === 0) words.push(piece);
  return words.map((w) => `=?UTF-8?B?${Buffer.from(w, "utf8").toString("base64")}?=`).join("\r\n ");
}

function base64Lines(text: string): string {
  return (
    Buffer.from(text, "utf8")
      .toString("base64")
      .match(/.{1,76}/g) ?? []
  ).join("\r\n");
}

/** Names Windows keeps for devices: a file so named cannot be opened there. */
const RESERVED = /^(con|prn|aux|nul|com[1-9]|lpt[1-9])$/i;

/** A file name that is safe on every system, from an owner's name or address. */
export function safeFileName(owner: string): string {
  const cleaned = withoutControls(owner)
    .replace(/[\\/:*?"<>|\s]+/g, "_")
    .replace(/^\.+/, "")
    .replace(/[. ]+$/, "");
  const name = cleaned === "" ? "owner" : cleaned.slice(0, 80);
  return RESERVED.test(name) ? `${name}_` : name;
}

/** Stages one message per owner in `dir` (put in place by the caller's commit); returns their paths. */
export async function writeOutbox(
  files: StagedFiles,
  dir: string,
  result: PassResult,
  lang: Lang,
): Promise<string[]> {
  await files.folder(dir);
  const written: string[] = [];
  const used = new Set<string>();
  for (const digest of buildDigests(result, lang)) {
    const { subject, text, html } = renderDigest(digest, lang, result.asOf);
    const boundary = `leadgrade-${written.length}-${result.asOf}`;
    const to = isEmailAddress(digest.owner)
      ? [`To: ${withoutControls(digest.owner)}`]
      : [`X-LeadGrade-Owner: ${encodeHeader(digest.owner)}`];
    const message = [
      "From: LeadGrade <leadgrade@localhost>",
      ...to,
      `Subject: ${encodeHeader(subject)}`,
      `Date: ${new Date(`${result.asOf}T08:00:00Z`).toUTCString()}`,
      "MIME-Version: 1.0",
      `Content-Type: multipart/alternative; boundary="${boundary}"`,
      "",
      `--${boundary}`,
      "Content-Type: text/plain; charset=UTF-8",
      "Content-Transfer-Encoding: base64",
      "",
      base64Lines(text),
      `--${boundary}`,
      "Content-Type: text/html; charset=UTF-8",
      "Content-Transfer-Encoding: base64",
      "",
      base64Lines(html),
      `--${boundary}--`,
      "",
    ].join("\r\n");
    let name = safeFileName(digest.owner);
    while (used.has(name)) name = `${name}_`;
    used.add(name);
    const path = join(dir, `${name}.eml`);
    await files.writeText(path, message);
    written.push(path);
  }
  return written;
}
