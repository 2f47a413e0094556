/**
 * "Check LeadGrade in this document": what a person with a Google account runs to see the add-on
 * on the real platform. It asks each service what LeadGrade needs of it — the scopes granted, the
 * spreadsheet's and the script's time zones and whether Intl and `Utilities.formatDate` agree on
 * today's offset, document properties and how much of their 500 KB is used, the hourly trigger,
 * the mail quota left, the spreadsheet's cells against the 10 million limit, the formula columns
 * found — and shows the answers in a dialog. A service that refuses is an answer too. It reads
 * only: nothing is written to any sheet or property.
 */
import { utf8Length, WORDS } from "../core/index";
import { readAlertStore } from "./alerts";
import { ADDON_WORDS } from "./locales/index";
import { loadRules } from "./rulesStore";
import { editTriggerInstalled, hourlyTriggerInstalled } from "./triggers";
import { sheetsZoneOffset } from "./zoneOffset";

type Lang = "zh" | "en";

/** One line of the check: "ok", "warn" (works, but look), "fail" (LeadGrade cannot do this here). */
export interface CheckItem {
  id: "scopes" | "timeZones" | "properties" | "trigger" | "mail" | "size" | "formulas" | "alerts";
  status: "ok" | "warn" | "fail";
  detail: string;
}

const CELL_LIMIT = 10_000_000;
const STORE_BYTES = 500 * 1024;

/** The answer of `ask`, or what refused it, as an item. */
function attempt(id: CheckItem["id"], ask: () => Omit<CheckItem, "id">): CheckItem {
  try {
    return { id, ...ask() };
  } catch (error) {
    return { id, status: "fail", detail: error instanceof Error ? error.message : String(error) };
  }
}

/** Each service LeadGrade calls, tried once: a missing scope shows as the platform's refusal. */
function checkScopes(): Omit<CheckItem, "id"> {
  const tries: [string, () => unknown][] = [
    ["spreadsheets.currentonly", () => SpreadsheetApp.getActiveSpreadsheet()?.getName()],
    ["userinfo.email", () => Session.getActiveUser().getEmail()],
    ["script.send_mail", () => MailApp.getRemainingDailyQuota()],
    ["script.scriptapp", () => ScriptApp.getProjectTriggers()],
    // The request is made, not sent.
    ["script.external_request", () => UrlFetchApp.getRequest("https://example.com/")],
  ];
  const refused = tries.flatMap(([scope, call]) => {
    try {
      call();
      return [];
    } catch {
      return [scope];
    }
  });
  return refused.length === 0
    ? { status: "ok", detail: tries.map(([scope]) => scope).join(", ") }
    : { status: "fail", detail: `refused: ${refused.join(", ")}` };
}

/** The zone's UTC offset (minutes) as the runtime's own Intl tells it, for comparison; none where it cannot. */
function intlOffset(timeZone: string, at: Date): number | undefined {
  try {
    const name = new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "longOffset" })
      .formatToParts(at)
      .find((p) => p.type === "timeZoneName")?.value;
    const m = /^GMT(?:([+-])(\d{2}):(\d{2}))?$/.exec(name ?? "");
    if (!m) return undefined;
    const minutes = Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0);
    return m[1] === "-" ? -minutes : minutes;
  } catch {
    return undefined;
  }
}

function checkTimeZones(now: Date): Omit<CheckItem, "id"> {
  const sheet = SpreadsheetApp.getActiveSpreadsheet().getSpreadsheetTimeZone();
  const script = Session.getScriptTimeZone();
  const platform = sheetsZoneOffset(sheet, now);
  const intl = intlOffset(sheet, now);
  const agree = intl === platform;
  const intlSays = intl === undefined ? "Intl cannot tell" : `Intl ${intl} min`;
  const detail = `sheet ${sheet}, script ${script}; UTC offset today: Utilities ${platform} min, ${intlSays}`;
  // LeadGrade takes offsets from Utilities, so a disagreeing Intl is worth knowing, not fatal.
  return { status: agree ? "ok" : "warn", detail };
}

function checkProperties(): Omit<CheckItem, "id"> {
  const props = PropertiesService.getDocumentProperties();
  if (!props) return { status: "fail", detail: "not available in this context" };
  const all = props.getProperties();
  const bytes = Object.entries(all).reduce((n, [k, v]) => n + utf8Length(k) + utf8Length(v), 0);
  const share = Math.round((bytes / STORE_BYTES) * 100);
  return {
    status: share >= 80 ? "warn" : "ok",
    detail: `${Object.keys(all).length} keys, ${(bytes / 1024).toFixed(1)} KB of 500 KB (${share}%)`,
  };
}

function checkSize(): Omit<CheckItem, "id"> {
  const cells = SpreadsheetApp.getActiveSpreadsheet()
    .getSheets()
    .reduce((n, s) => n + s.getMaxRows() * s.getMaxColumns(), 0);
  const share = Math.round((cells / CELL_LIMIT) * 100);
  return {
    status: share >= 80 ? "warn" : "ok",
    detail: `${cells.toLocaleString()} cells of 10,000,000 (${share}%)`,
  };
}

function checkFormulas(): Omit<CheckItem, "id"> {
  const sheet = SpreadsheetApp.getActiveSpreadsheet().getActiveSheet();
  const width = Math.max(1, sheet.getLastColumn());
  const formulas = sheet.getRange(1, 1, 1, width).getFormulas()[0] ?? [];
  const found = formulas.flatMap((f) => {
    const m = /^=\s*(LEAD[A-Z]+|NEXTFOLLOWUP)\(/i.exec(f);
    return m ? [m[1]?.toUpperCase()] : [];
  });
  return found.length > 0
    ? { status: "ok", detail: `${sheet.getName()}: ${found.join(", ")}` }
    : { status: "warn", detail: `${sheet.getName()}: none (menu: Insert LeadGrade columns)` };
}

/**
 * @example
 * runSelfCheck(new Date()) // [{ id: "scopes", status: "ok", detail: "…" }, …]
 */
export function runSelfCheck(now: Date): CheckItem[] {
  return [
    attempt("scopes", checkScopes),
    attempt("timeZones", () => checkTimeZones(now)),
    attempt("properties", checkProperties),
    attempt("trigger", () => {
      const on = hourlyTriggerInstalled();
      return { status: on ? "ok" : "warn", detail: on ? "on" : "off (menu: Turn on hourly updates)" };
    }),
    attempt("mail", () => {
      const left = MailApp.getRemainingDailyQuota();
      return { status: left > 0 ? "ok" : "warn", detail: `${left} recipients left today` };
    }),
    attempt("size", checkSize),
    attempt("formulas", checkFormulas),
    attempt("alerts", checkAlerts),
  ];
}

/** Alerts: on or off, robots, the edit trigger, what waits, and the latest failures (robots by their digest). */
function checkAlerts(): Omit<CheckItem, "id"> {
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const { rules } = loadRules(
    PropertiesService.getDocumentProperties(),
    spreadsheet.getSpreadsheetTimeZone(),
  );
  if (!rules.alerts.enabled) return { status: "ok", detail: "off (rules: alerts.enabled)" };
  const store = readAlertStore(spreadsheet);
  const held = store.delivery?.held.length ?? 0;
  const failures = (store.failures ?? []).slice(-3).map((f) => `${f.at} ${f.to}: ${f.error}`);
  const edits = editTriggerInstalled();
  const detail = [
    `${rules.alerts.webhooks.length} webhooks${rules.alerts.email ? ", e-mail" : ""}`,
    edits ? "edit trigger on" : "edit trigger off (menu: Turn on hourly updates)",
    `${held} waiting`,
    ...failures,
  ].join("; ");
  return { status: failures.length > 0 || !edits ? "warn" : "ok", detail };
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c] ?? c);

const MARKS = { ok: "✓", warn: "!", fail: "✗" } as const;

/** The check as a small HTML page for the dialog. */
export function selfCheckHtml(items: readonly CheckItem[], lang: Lang): string {
  const rows = items
    .map(
      (i) =>
        `<tr class="${i.status}"><td>${MARKS[i.status]}</td><th>${escapeHtml(ADDON_WORDS[lang].checks[i.id])}</th><td>${escapeHtml(i.detail)}</td></tr>`,
    )
    .join("");
  return `<style>body{font:13px sans-serif}td,th{padding:4px;text-align:left;vertical-align:top}.fail{color:#b3261e}.warn{color:#8a5a00}</style><table>${rows}</table>`;
}

export function checkLeadGradeFromMenu(): void {
  let lang: Lang = "en";
  try {
    lang = Session.getActiveUserLocale().toLowerCase().startsWith("zh") ? "zh" : "en";
  } catch {
    // Some contexts cannot ask for the locale.
  }
  const html = HtmlService.createHtmlOutput(selfCheckHtml(runSelfCheck(new Date()), lang))
    .setWidth(460)
    .setHeight(420);
  SpreadsheetApp.getUi().showModalDialog(html, WORDS[lang].why.selfCheckTitle);
}
