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
} from "../core/index";

const LEDGER = "leadgrade.reminded";

export interface ReminderReport {
  sent: string[];
  waiting: string[];
  invalid: { owner: string; address: string }[];
  alreadySent: string[];
}

type Props = GoogleAppsScript.Properties.Properties;

function readLedger(all: Record<string, string>, day: string): string[] {
  try {
    const ledger = JSON.parse(all[LEDGER] ?? "{}") as { day?: string; owners?: string[] };
    return ledger.day === day && Array.isArray(ledger.owners) ? ledger.owners : [];
  } catch {
    return [];
  }
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
  const plan: ReminderPlan = planReminders(
    buildDigests(result, lang),
    rules.reps,
    reminded,
    MailApp.getRemainingDailyQuota(),
    rules.reminders.owners,
  );
  const cc = rules.reminders.cc.join(",");
  const sent: string[] = [];
  const late: string[] = [];
  for (const { owner, to, digest } of plan.send) {
    if (outOfTime()) {
      late.push(owner);
      continue;
    }
    const { subject, text, html } = renderDigest(digest, lang, result.asOf);
    MailApp.sendEmail({
      to,
      subject,
      body: text,
      htmlBody: html,
      name: "LeadGrade",
      ...(cc === "" ? {} : { cc }),
    });
    sent.push(owner);
    props.setProperty(LEDGER, JSON.stringify({ day: result.asOf, owners: [...reminded, ...sent] }));
  }
  return {
    sent,
    waiting: [...late, ...plan.waiting.map((w) => w.owner)],
    invalid: plan.invalid,
    alreadySent: plan.alreadySent,
  };
}
