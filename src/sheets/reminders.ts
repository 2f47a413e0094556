/**
 * Sends the day's follow-up digests through MailApp: one per owner, never empty, never twice the
 * same day (a ledger of who was reminded on which day lives in document properties and is
 * updated after every message, so an interrupted run resumes where it stopped), within the
 * day's quota and within the run's time box (what is left waits for the next run).
 */
import {
  buildDigests,
  type Lang,
  type PassResult,
  planReminders,
  type ReminderPlan,
  type RuleSet,
  renderDigest,
  utf8Length,
} from "../core/index";

const LEDGER = "leadgrade.reminded";
/** Bytes of addresses per ledger piece: under a property value's 9 KB with room for the key. */
const PIECE_BYTES = 8000;
/** Pieces the ledger may have: 60 × 8 KB of addresses is over 10,000 reps, far past a day's quota. */
const MAX_PIECES = 60;

export interface ReminderReport {
  sent: string[];
  waiting: string[];
  invalid: { owner: string; address: string }[];
  alreadySent: string[];
  /** A message MailApp refused (its text), if one was: the rest wait for the next run. */
  failed?: string;
}

type Props = GoogleAppsScript.Properties.Properties;

/**
 * The day's ledger of reminded addresses (case-folded), kept in pieces under the 9 KB a property
 * value may hold: `leadgrade.reminded` holds `{day, pieces}`, `leadgrade.reminded.N` the addresses
 * of piece N, one per line. A ledger of another day reads as empty.
 */
function readLedger(all: Record<string, string>, day: string): string[] {
  try {
    const head = JSON.parse(all[LEDGER] ?? "{}") as { day?: string; pieces?: number; owners?: string[] };
    if (head.day !== day) return [];
    // Before the ledger was kept by address, it listed owners as written: still honoured that day.
    if (Array.isArray(head.owners)) return head.owners.map(String);
    const pieces = Math.min(MAX_PIECES, Math.max(0, Math.floor(Number(head.pieces) || 0)));
    return Array.from({ length: pieces }, (_, i) => all[`${LEDGER}.${i}`] ?? "")
      .join("\n")
      .split("\n")
      .filter((a) => a !== "");
  } catch {
    return [];
  }
}

/**
 * Records addresses in the ledger, one service call per address (so an interrupted run knows
 * exactly who was reached). A new day starts from an empty ledger; the pieces of an earlier day
 * are removed first, so the ledger never holds more than one day.
 */
function ledgerWriter(props: Props, all: Record<string, string>, day: string, today: readonly string[]) {
  // `today` is what readLedger found for this day: none means a new day, and old pieces go.
  if (today.length === 0) {
    for (const key of Object.keys(all)) if (key.startsWith(`${LEDGER}.`)) props.deleteProperty(key);
  }
  const pieces: string[][] = [[]];
  let bytes = 0;
  const add = (address: string) => {
    const size = utf8Length(address) + 1;
    if (bytes + size > PIECE_BYTES) {
      pieces.push([]);
      bytes = 0;
    }
    (pieces[pieces.length - 1] as string[]).push(address);
    bytes += size;
  };
  for (const address of today) add(address.toLowerCase());
  return (address: string): void => {
    add(address);
    const last = pieces.length - 1;
    props.setProperties({
      [LEDGER]: JSON.stringify({ day, pieces: pieces.length }),
      [`${LEDGER}.${last}`]: (pieces[last] as string[]).join("\n"),
    });
  };
}

export function sendReminders(
  props: Props,
  all: Record<string, string>,
  result: PassResult,
  rules: RuleSet,
  lang: Lang,
  outOfTime: () => boolean,
): ReminderReport {
  const reminded = readLedger(all, result.asOf);
  const cc = rules.reminders.cc.join(",");
  const plan: ReminderPlan = planReminders(
    buildDigests(result, lang),
    rules.reps,
    reminded,
    MailApp.getRemainingDailyQuota(),
    rules.reminders.owners,
    1 + rules.reminders.cc.length,
  );
  const record = ledgerWriter(props, all, result.asOf, reminded);
  const sent: string[] = [];
  const late: string[] = [];
  let failed: string | undefined;
  for (const { owner, to, key, digest } of plan.send) {
    if (failed !== undefined || outOfTime()) {
      late.push(owner);
      continue;
    }
    const { subject, text, html } = renderDigest(digest, lang, result.asOf);
    try {
      MailApp.sendEmail({
        to,
        subject,
        body: text,
        htmlBody: html,
        name: "LeadGrade",
        ...(cc === "" ? {} : { cc }),
      });
    } catch (error) {
      // Quota reached early, a refused address: this one and the rest wait for the next run.
      failed = error instanceof Error ? error.message : String(error);
      late.push(owner);
      continue;
    }
    sent.push(owner);
    record(key);
  }
  return {
    sent,
    waiting: [...late, ...plan.waiting.map((w) => w.owner)],
    invalid: plan.invalid,
    alreadySent: plan.alreadySent,
    ...(failed === undefined ? {} : { failed }),
  };
}
