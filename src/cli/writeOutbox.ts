/**
 * `--outbox DIR`: one `.eml` file per owner with the digest the hourly job would send — a
 * multipart message with a plain-text and an HTML part, readable by any mail program.
 */
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Lang, PassResult } from "../core/index";
import { buildDigests, isEmailAddress, renderDigest } from "../core/index";
import { makeFolder } from "./makeFolder";

/** Words in a header, encoded so any mail program reads Chinese (RFC 2047). */
function encodeHeader(text: string): string {
  return /^[\x20-\x7e]*$/.test(text) ? text : `=?UTF-8?B?${Buffer.from(text, "utf8").toString("base64")}?=`;
}

function base64Lines(text: string): string {
  return (
    Buffer.from(text, "utf8")
      .toString("base64")
      .match(/.{1,76}/g) ?? []
  ).join("\r\n");
}

/** A file name that is safe on every system, from an owner's name or address. */
export function safeFileName(owner: string): string {
  const cleaned = owner.replace(/[\\/:*?"<>|\s]+/g, "_").replace(/^\.+/, "");
  return cleaned === "" ? "owner" : cleaned.slice(0, 80);
}

export async function writeOutbox(dir: string, result: PassResult, lang: Lang): Promise<string[]> {
  await makeFolder(dir);
  const written: string[] = [];
  const used = new Set<string>();
  for (const digest of buildDigests(result, lang)) {
    const { subject, text, html } = renderDigest(digest, lang, result.asOf);
    const boundary = `leadgrade-${written.length}-${result.asOf}`;
    const to = isEmailAddress(digest.owner)
      ? [`To: ${digest.owner}`]
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
    await writeFile(path, message);
    written.push(path);
  }
  return written;
}
