/**
 * The rule editor in the Sheets sidebar. It keeps the edited rule set in memory, validates it on
 * every change with the same zod schema the server uses, previews what would change on the current
 * sheet, and writes nothing until Save. Everything that comes from the sheet (lead names, headers,
 * the why text) is put on the page as text, never as HTML.
 */
import {
  WORDS as CORE_WORDS,
  describeRuleIssue,
  describeWhen,
  FIELDS,
  learningText,
  localText,
  type RuleSet,
  type RulesComparison,
  validateRules,
  type WeekView,
} from "../core/index";
import { rpc } from "./rpc";
import { type Lang, OTHER_LANG, WORDS } from "./words";

/** The lead the follow-up panel logs for, as the server names it. */
type SelectedLead = NonNullable<Awaited<ReturnType<typeof rpc.getSelectedFollowUpLead>>>;

type Kind = "number" | "lines" | "checkbox" | "select" | "weekday" | "text" | "hooks";

const state: {
  rules: RuleSet;
  lang: Lang;
  headers: string[];
  /** What each field's column is with the saved rules, and columns passed over for their values. */
  detected: { field: string; header: string; byValues: boolean }[];
  notUsed: { field: string; header: string; examples: string[] }[];
  presets: { standard: string; simple: string };
  hourly: boolean;
} = {
  rules: undefined as unknown as RuleSet,
  lang: "zh",
  headers: [],
  detected: [],
  notUsed: [],
  presets: { standard: "", simple: "" },
  hourly: false,
};

/** Every field can be given a column by hand; "auto" leaves it to the header. */
const MAPPED_FIELDS = FIELDS;

type TableKey = "sources" | "industries";

/** Builds an element; children that are strings become text nodes, so nothing is parsed as HTML. */
function el(
  tag: string,
  attrs: Record<string, string | boolean> = {},
  children: (Node | string)[] = [],
): HTMLElement {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === false) continue;
    node.setAttribute(k, v === true ? "" : v);
  }
  for (const child of children)
    node.append(typeof child === "string" ? document.createTextNode(child) : child);
  return node;
}

function valueAt(path: string): unknown {
  return path
    .split(".")
    .reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], state.rules);
}

function setAt(path: string, value: unknown): void {
  const keys = path.split(".");
  const last = keys.pop() as string;
  const target = keys.reduce<Record<string, unknown>>(
    (o, k) => o[k] as Record<string, unknown>,
    state.rules as unknown as Record<string, unknown>,
  );
  if (value === undefined) delete target[last];
  else target[last] = value;
}

function field(label: string, path: string, kind: Kind, extra: Record<string, string> = {}): HTMLElement {
  const id = `f-${path.replace(/\./g, "-")}`;
  const current = valueAt(path);
  let input: HTMLElement;
  if (kind === "lines" || kind === "hooks") {
    // Robots a line each: the address, then the signing secret (钉钉, 飞书) after a space; saved ones arrive masked.
    const lines =
      kind === "lines"
        ? ((current as string[] | undefined) ?? [])
        : ((current as { url: string; secret?: string }[] | undefined) ?? []).map((h) =>
            h.secret ? `${h.url} ${h.secret}` : h.url,
          );
    input = el("textarea", { id, "data-path": path, "data-kind": kind, rows: "3" }, [lines.join("\n")]);
  } else if (kind === "text")
    input = el("input", {
      id,
      type: "text",
      "data-path": path,
      "data-kind": kind,
      value: String(current ?? ""),
    });
  else if (kind === "checkbox")
    input = el("input", {
      id,
      type: "checkbox",
      "data-path": path,
      "data-kind": kind,
      checked: current === true,
    });
  else if (kind === "select") {
    // "auto" says what auto found: the header, and whether the column's values chose it.
    const found = state.detected.find((d) => `columns.${d.field}` === path);
    const auto = found ? WORDS[state.lang].autoFound(found.header, found.byValues) : WORDS[state.lang].auto;
    input = el("select", { id, "data-path": path, "data-kind": kind }, [
      el("option", { value: "" }, [auto]),
      ...state.headers.map((h) => el("option", { value: h, selected: current === h }, [h])),
    ]);
  } else
    input = el("input", {
      id,
      type: "number",
      "data-path": path,
      "data-kind": kind,
      value: String(current ?? ""),
      ...extra,
    });
  return el("label", { for: id, class: `field ${kind}` }, [el("span", {}, [label]), input]);
}

/** Which sections the manager has opened or closed, kept across redraws (language, import, add). */
const openSections = new Map<string, boolean>();
/** The panel the menu opened the sidebar at: the only section open at first. */
let menuPanel: string | undefined;

function section(key: string, title: string, children: HTMLElement[], open = true): HTMLElement {
  const first = menuPanel === undefined ? open : key === menuPanel;
  const node = el("details", { "data-section": key, open: openSections.get(key) ?? first }, [
    el("summary", {}, [title]),
    ...children,
  ]);
  node.addEventListener("toggle", () => openSections.set(key, (node as HTMLDetailsElement).open));
  return node;
}

/** Source values or the industry fit list: each entry's points and words, add and remove. */
function valueTable(key: TableKey): HTMLElement[] {
  const w = WORDS[state.lang];
  const table = state.rules[key];
  return [
    ...table.entries.map((e, i) =>
      el("div", { class: "row" }, [
        el("div", { class: "entry" }, [
          el("strong", {}, [localText(e.name, state.lang)]),
          el(
            "button",
            {
              type: "button",
              class: "small",
              "data-remove": `${key}.entries.${i}`,
              "aria-label": `${w.remove} ${localText(e.name, state.lang)}`,
            },
            [w.remove],
          ),
        ]),
        field(w.points, `${key}.entries.${i}.points`, "number", { min: "-100", max: "100" }),
        field(w.matchWords, `${key}.entries.${i}.match`, "lines"),
      ]),
    ),
    field(w.otherPoints, `${key}.otherPoints`, "number", { min: "-100", max: "100" }),
    el("div", { class: "entry" }, [
      el("input", { id: `add-${key}`, type: "text", "aria-label": w.newEntry, placeholder: w.newEntry }),
      el("button", { type: "button", "data-add": key }, [w.add]),
    ]),
  ];
}

/** Draws the whole editor; `keepOpen` names a section that was being edited, so it stays open. */
function render(keepOpen?: TableKey): void {
  const w = WORDS[state.lang];
  document.documentElement.lang = w.htmlLang;
  const root = document.getElementById("app") as HTMLElement;
  root.replaceChildren(
    ...headerNodes(w),
    ...scoringSections(w, state.rules, state.lang),
    ...sheetSections(w, state.rules, state.lang),
    ...panelSections(w),
    ...footerNodes(w),
  );
  if (keepOpen) document.getElementById(`add-${keepOpen}`)?.focus();
  check();
}

type Words = (typeof WORDS)[Lang];

/** The title, the language switch and the presets. */
function headerNodes(w: Words): HTMLElement[] {
  return [
    el("header", {}, [
      el("h1", {}, [w.title]),
      el("button", { id: "lang", type: "button", "aria-label": "language" }, [w.otherLanguage]),
    ]),
    el("label", { class: "field", for: "preset" }, [
      el("span", {}, [w.preset]),
      el("select", { id: "preset" }, [
        el("option", { value: "" }, ["—"]),
        el("option", { value: "standard" }, [w.standard]),
        el("option", { value: "simple" }, [w.simple]),
      ]),
    ]),
  ];
}

/** What makes a score: grades and cadences, rule points, sources, industries, signals, decay, calendar. */
function scoringSections(w: Words, r: RuleSet, lang: Lang): HTMLElement[] {
  return [
    section(
      "grades",
      w.grades,
      r.grades.map((g, i) =>
        el("div", { class: "row" }, [
          el("strong", {}, [`${g.grade} ${localText(g.label, lang)}`]),
          field(w.minScore, `grades.${i}.minScore`, "number", { min: "0", max: "100" }),
          field(w.firstWithin, `grades.${i}.cadence.firstContactWithinDays`, "number", { min: "0" }),
          field(w.everyDays, `grades.${i}.cadence.everyDays`, "number", { min: "1" }),
        ]),
      ),
    ),
    section(
      "dimensions",
      w.dimensions,
      r.dimensions.map((d, i) =>
        el("div", { class: "row" }, [
          field(localText(d.label, lang), `dimensions.${i}.points`, "number", { min: "-100", max: "100" }),
          el("div", { class: "why" }, [describeWhen(d.when, lang)]),
        ]),
      ),
      false,
    ),
    section("sources", w.sources, valueTable("sources"), false),
    section("industries", w.industries, valueTable("industries"), false),
    section(
      "signals",
      w.signals,
      r.signals.items.flatMap((s, i) => [
        field(`${localText(s.label, lang)} · ${w.points}`, `signals.items.${i}.points`, "number"),
        field(localText(s.label, lang), `signals.items.${i}.phrases`, "lines"),
      ]),
      false,
    ),
    section("decay", w.decay, [
      field(w.decayOn, "decay.enabled", "checkbox"),
      field(w.grace, "decay.graceDays", "number"),
      field(w.halfLife, "decay.halfLifeDays", "number"),
      field(w.maxPenalty, "decay.maxPenalty", "number"),
    ]),
    section("calendar", w.calendar, [
      el(
        "div",
        { class: "weekdays" },
        w.weekdays.map((d, i) =>
          el("label", {}, [
            el("input", {
              type: "checkbox",
              "data-kind": "weekday",
              "data-day": String(i),
              checked: r.followUp.workingDays.includes(i),
            }),
            d,
          ]),
        ),
      ),
      field(w.holidays, "followUp.holidays", "lines"),
    ]),
  ];
}

/** How the sheet is read and worked: columns, the hourly job and reminders, follow-up points. */
function sheetSections(w: Words, r: RuleSet, lang: Lang): HTMLElement[] {
  return [
    section(
      "columns",
      w.columns,
      [
        ...state.notUsed.map((n) =>
          el("p", { class: "note" }, [
            w.notUsed(
              n.header,
              CORE_WORDS[lang].fields[n.field as keyof typeof CORE_WORDS.zh.fields] ?? n.field,
              n.examples.join("/"),
            ),
          ]),
        ),
        ...MAPPED_FIELDS.map((f) => field(CORE_WORDS[lang].fields[f], `columns.${f}`, "select")),
        field(w.ignore, "ignore", "lines"),
      ],
      false,
    ),
    section(
      "reminders",
      w.reminders,
      [
        el("label", { class: "field checkbox", for: "hourly" }, [
          el("span", {}, [w.hourly]),
          el("input", { id: "hourly", type: "checkbox", checked: state.hourly }),
        ]),
        field(w.remindersOn, "reminders.enabled", "checkbox"),
        field(w.sendHour, "reminders.sendHour", "number", { min: "0", max: "23" }),
        field(w.recipients, "reminders.owners", "lines"),
        field(w.cc, "reminders.cc", "lines"),
      ],
      false,
    ),
    section(
      "touches",
      w.touches,
      [
        ...r.touches.ways.flatMap((way, i) => [
          field(w.touchWay(localText(way.name, lang)), `touches.ways.${i}.points`, "number", {
            min: "-100",
            max: "100",
          }),
          field(w.touchWords(localText(way.name, lang)), `touches.ways.${i}.match`, "lines"),
        ]),
        field(w.touchOther, "touches.otherPoints", "number", { min: "-100", max: "100" }),
        field(w.noAnswer, "touches.noAnswer.points", "number", { min: "-100", max: "100" }),
        field(w.noAnswerWords, "touches.noAnswer.match", "lines"),
        field(w.touchWindow, "touches.windowDays", "number", { min: "1", max: "365" }),
        field(w.touchMax, "touches.maxPoints", "number", { min: "0", max: "100" }),
        field(w.touchAsLast, "touches.asLastContact", "checkbox"),
        field(w.historyDays, "historyKeepDays", "number", { min: "7", max: "3650" }),
      ],
      false,
    ),
    section(
      "alerts",
      w.alerts,
      [
        field(w.alertsOn, "alerts.enabled", "checkbox"),
        field(w.alertsEmail, "alerts.email", "checkbox"),
        field(w.alertsManager, "alerts.manager", "text"),
        field(w.alertsHooks, "alerts.webhooks", "hooks"),
        field(w.quietFrom, "alerts.quietHours.from", "number", { min: "0", max: "23" }),
        field(w.quietTo, "alerts.quietHours.to", "number", { min: "0", max: "23" }),
        field(w.dailyCap, "alerts.dailyCap", "number", { min: "1", max: "1000" }),
      ],
      false,
    ),
    section(
      "pool",
      w.pool,
      [
        field(w.poolOn, "pool.enabled", "checkbox"),
        field(w.poolOwner, "pool.owner", "text"),
        field(w.poolGrace, "pool.graceDays", "number", { min: "0", max: "365" }),
        field(w.poolProtection, "pool.protectionDays", "number", { min: "0", max: "365" }),
        field(w.poolMax, "pool.maxPerRep", "number", { min: "1" }),
        field(w.poolCooldown, "pool.cooldownDays", "number", { min: "0", max: "365" }),
        field(w.poolWrite, "pool.writeOwner", "checkbox"),
        el("div", { class: "buttons" }, [el("button", { id: "pool-take", type: "button" }, [w.poolTake])]),
      ],
      false,
    ),
  ];
}

/** A closed section with one button that asks the server and a box for its answer. */
function panel(key: string, title: string, button: string, label: string, box: string): HTMLElement {
  return section(
    key,
    title,
    [
      el("div", { class: "buttons" }, [el("button", { id: button, type: "button" }, [label])]),
      el("div", { id: box }),
    ],
    false,
  );
}

/** The panels that ask the server: log a follow-up, this week, learning, and the rules as JSON. */
function panelSections(w: Words): HTMLElement[] {
  return [
    panel("followUp", w.followUp, "follow-pick", w.followUpPick, "follow-form"),
    panel("week", w.week, "week-show", w.weekShow, "week"),
    panel("learn", w.learn, "learn", w.learnRun, "learned"),
    section("json", w.json, [
      el("textarea", { id: "json", rows: "4", "aria-label": "JSON" }),
      el("div", { class: "buttons" }, [
        el("button", { id: "import", type: "button" }, [w.importJson]),
        el("button", { id: "export", type: "button" }, [w.exportJson]),
      ]),
    ]),
  ];
}

/** What is wrong, what happened and the buttons stay in view however far the manager scrolls. */
function footerNodes(w: Words): HTMLElement[] {
  return [
    el("div", { class: "footer" }, [
      el("div", { id: "issues", role: "alert" }),
      el("div", { id: "message", role: "status" }),
      el("div", { class: "buttons actions" }, [
        el("button", { id: "preview", type: "button" }, [w.preview]),
        el("button", { id: "save", type: "button", class: "primary" }, [w.save]),
        el("button", { id: "restore", type: "button" }, [w.restore]),
      ]),
    ]),
    el("div", { id: "result" }),
  ];
}

/** Validates the edited rules with the server's schema and shows what is wrong, where. */
function check(): boolean {
  const result = validateRules(state.rules);
  const issues = document.getElementById("issues") as HTMLElement;
  const save = document.getElementById("save") as HTMLButtonElement | null;
  for (const node of Array.from(document.querySelectorAll(".invalid"))) node.classList.remove("invalid");
  if (result.ok) {
    issues.replaceChildren(el("p", { class: "ok" }, [WORDS[state.lang].valid]));
    if (save) save.disabled = false;
    return true;
  }
  issues.replaceChildren(
    el(
      "ul",
      {},
      result.issues.map((i) => el("li", {}, [describe(i)])),
    ),
  );
  for (const i of result.issues)
    document.querySelector(`[data-path="${i.path.join(".")}"]`)?.classList.add("invalid");
  if (save) save.disabled = true;
  return false;
}

/** The same words the server uses for the same issue. */
function describe(issue: { code: string; path: (string | number)[] }): string {
  return describeRuleIssue(issue, state.lang);
}

function say(text: string, kind: "ok" | "error" = "ok"): void {
  (document.getElementById("message") as HTMLElement).replaceChildren(el("p", { class: kind }, [text]));
}

function fail(error: unknown): void {
  say(`${WORDS[state.lang].failed}${error instanceof Error ? error.message : String(error)}`, "error");
}

function onInput(event: Event): void {
  const input = event.target as HTMLInputElement;
  const kind = input.dataset.kind as Kind | undefined;
  if (!kind) return;
  if (kind === "weekday") {
    const day = Number(input.dataset.day);
    const days = state.rules.followUp.workingDays.filter((d) => d !== day);
    state.rules.followUp.workingDays = input.checked ? [...days, day].sort() : days;
  } else {
    const path = input.dataset.path as string;
    const value =
      kind === "number"
        ? input.value.trim() === ""
          ? Number.NaN
          : Number(input.value)
        : kind === "lines"
          ? input.value
              .split("\n")
              .map((l) => l.trim())
              .filter(Boolean)
          : kind === "checkbox"
            ? input.checked
            : kind === "text"
              ? input.value.trim()
              : kind === "hooks"
                ? robots(input.value)
                : input.value === ""
                  ? undefined
                  : input.value;
    setAt(path, value);
  }
  check();
}

/** The robots' box: a line each, the address then (after a space) the signing secret. */
function robots(text: string): { url: string; secret?: string }[] {
  return text
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean)
    .map((line) => {
      const [url = "", secret] = line.split(/\s+/);
      return secret ? { url, secret } : { url };
    });
}

/** Adds an entry named by the text beside the button, or removes the entry the button belongs to. */
function editTable(button: HTMLElement): boolean {
  const add = button.dataset.add as TableKey | undefined;
  const remove = button.dataset.remove;
  if (add) {
    const name = (document.getElementById(`add-${add}`) as HTMLInputElement).value.trim();
    if (name === "") return true;
    state.rules[add].entries.push({ name, match: [name], points: 0 });
  } else if (remove) {
    const [key, , index] = remove.split(".");
    state.rules[key as TableKey].entries.splice(Number(index), 1);
  } else return false;
  render(add ?? (remove?.split(".")[0] as TableKey));
  return true;
}

/** What each button does, by its id; a failure shows as a message. */
const ACTIONS: Readonly<Record<string, (event: Event) => void | Promise<void>>> = {
  lang: () => {
    state.lang = OTHER_LANG[state.lang];
    render();
  },
  export: () => {
    (document.getElementById("json") as HTMLTextAreaElement).value = JSON.stringify(state.rules, null, 2);
  },
  import: importJson,
  preview: async () => {
    if (!check()) return;
    const answer = await rpc.previewSidebarRules(JSON.stringify(state.rules), state.lang);
    if (!answer.ok) return showServerIssues(answer.issues);
    (document.getElementById("result") as HTMLElement).replaceChildren(
      ...comparisonNodes(answer.comparison, state.rules),
    );
  },
  "follow-pick": async () => showFollowUpForm(await rpc.getSelectedFollowUpLead(state.lang)),
  "follow-save": saveFollowUp,
  "week-show": async () => showWeek(await rpc.getWeekFromSidebar(state.lang)),
  "pool-take": async () => say(await rpc.takeFromPoolFromSidebar(state.lang)),
  learn: learn,
  "apply-learned": async () => {
    if (!learnedRules) return;
    const answer = await rpc.saveSidebarRules(JSON.stringify(learnedRules));
    if (!answer.ok) return showServerIssues(answer.issues);
    state.rules = learnedRules;
    learnedRules = undefined;
    render();
    say(WORDS[state.lang].saved(answer.version));
  },
  save: async () => {
    if (!check()) return;
    const answer = await rpc.saveSidebarRules(JSON.stringify(state.rules));
    if (!answer.ok) return showServerIssues(answer.issues);
    say(WORDS[state.lang].saved(answer.version));
  },
  restore: async () => {
    const answer = await rpc.restoreSidebarRules();
    if (!answer.ok) return showServerIssues(answer.issues);
    state.rules = JSON.parse(answer.rules) as RuleSet;
    render();
    say(WORDS[state.lang].restored(answer.version));
  },
  hourly: async (event) => {
    const on = (event.target as HTMLInputElement).checked;
    state.hourly = (await rpc.setHourlyFromSidebar(on)).hourly;
  },
};

async function onClick(event: Event): Promise<void> {
  const target = event.target as HTMLElement;
  if (editTable(target)) return;
  const action = ACTIONS[target.id];
  if (!action) return;
  try {
    await action(event);
  } catch (error) {
    fail(error);
  }
}

/** Import: the JSON box's rule set, when it is valid; what is wrong with it otherwise. */
function importJson(): void {
  const text = (document.getElementById("json") as HTMLTextAreaElement).value;
  const result = validateRules(text);
  if (!result.ok) {
    (document.getElementById("issues") as HTMLElement).replaceChildren(
      el(
        "ul",
        {},
        result.issues.map((i) => el("li", {}, [describe(i)])),
      ),
    );
    return;
  }
  state.rules = result.rules;
  render();
}

/** Saves the follow-up form; a touch that was not saved stays in the form, to save again. */
async function saveFollowUp(): Promise<void> {
  const w = WORDS[state.lang];
  const value = (name: string) => (document.getElementById(name) as HTMLInputElement).value;
  const form = {
    row: Number(value("follow-row")),
    when: value("follow-when"),
    how: value("follow-how"),
    note: value("follow-note"),
    next: value("follow-next"),
  };
  const answer = await rpc.logFollowUpFromSidebar(form, state.lang);
  if (!answer.ok) return say(w.followUpFailed(answer.error));
  say(w.followUpSaved(answer.lead, answer.grade ?? "—", answer.why));
  (document.getElementById("follow-note") as HTMLInputElement).value = "";
  (document.getElementById("follow-next") as HTMLInputElement).value = "";
}

/** Learning: what it found, and the suggestion to preview and apply when there is one. */
async function learn(): Promise<void> {
  const answer = await rpc.learnFromSidebar(state.lang);
  const text = learningText(answer.learned, answer.coldStart, state.lang);
  const suggested = answer.suggested === undefined ? undefined : (JSON.parse(answer.suggested) as RuleSet);
  learnedRules = suggested;
  (document.getElementById("learned") as HTMLElement).replaceChildren(
    el("pre", { class: "learned" }, [text]),
    ...(answer.comparison && suggested ? comparisonNodes(answer.comparison, suggested) : []),
    ...(suggested
      ? [
          el("div", { class: "buttons" }, [
            el("button", { id: "apply-learned", type: "button" }, [WORDS[state.lang].learnApply]),
          ]),
        ]
      : []),
  );
}

/** The follow-up form for the selected lead, or how to select one. */
function showFollowUpForm(lead: SelectedLead | null): void {
  const w = WORDS[state.lang];
  const box = document.getElementById("follow-form") as HTMLElement;
  if (!lead) {
    box.replaceChildren(el("p", { class: "empty" }, [w.followUpNone]));
    return;
  }
  const input = (id: string, label: string, attrs: Record<string, string>) =>
    el("label", { class: "field", for: id }, [el("span", {}, [label]), el("input", { id, ...attrs })]);
  box.replaceChildren(
    el("p", {}, [el("strong", {}, [lead.name || lead.lead]), ` ${lead.lead} · ${lead.grade ?? "—"}`]),
    el("input", { id: "follow-row", type: "hidden", value: String(lead.row) }),
    input("follow-when", w.followUpWhen, { type: "datetime-local" }),
    el("label", { class: "field", for: "follow-how" }, [
      el("span", {}, [w.followUpHow]),
      el(
        "select",
        { id: "follow-how" },
        lead.ways.map((way) => el("option", { value: way }, [way])),
      ),
    ]),
    input("follow-note", w.followUpNote, { type: "text" }),
    input("follow-next", w.followUpNext, { type: "date" }),
    el("div", { class: "buttons" }, [el("button", { id: "follow-save", type: "button" }, [w.followUpSave])]),
  );
}

/** What changed this week: each of the core's tables under its title, or that nothing did. */
function showWeek(view: WeekView): void {
  const box = document.getElementById("week") as HTMLElement;
  if (view.tables.length === 0) {
    box.replaceChildren(el("p", { class: "empty" }, [view.empty]));
    return;
  }
  box.replaceChildren(
    el("p", {}, [el("strong", {}, [view.title])]),
    ...view.tables.flatMap((t) => [
      el("p", {}, [t.title]),
      el("table", { class: "distribution week" }, [
        el(
          "tr",
          {},
          t.header.map((h) => el("th", {}, [h])),
        ),
        ...t.rows.map((r) =>
          el(
            "tr",
            {},
            r.map((c) => el("td", {}, [String(c)])),
          ),
        ),
      ]),
    ]),
  );
}

/** The suggestion learning made, until it is applied or learning runs again. */
let learnedRules: RuleSet | undefined;

/** Grade counts now and after, and the leads whose grade changes, with why. */
function comparisonNodes(c: RulesComparison, after: RuleSet): HTMLElement[] {
  const w = WORDS[state.lang];
  const grades = after.grades.map((g) => g.grade);
  return [
    el("table", { class: "distribution" }, [
      el("tr", {}, [el("th", {}, [""]), ...grades.map((g) => el("th", {}, [g]))]),
      el("tr", {}, [el("th", {}, [w.now]), ...grades.map((g) => el("td", {}, [String(c.now[g] ?? 0)]))]),
      el("tr", {}, [el("th", {}, [w.next]), ...grades.map((g) => el("td", {}, [String(c.next[g] ?? 0)]))]),
    ]),
    el("p", {}, [c.changes === 0 ? w.noChanges : w.changes(c.changes)]),
    el(
      "ol",
      { class: "changes" },
      c.changed.map((ch) =>
        el("li", {}, [
          el("b", {}, [`${ch.name || `#${ch.row + 2}`}: ${ch.from} → ${ch.to}`]),
          el("div", { class: "why" }, [ch.why]),
        ]),
      ),
    ),
  ];
}

function showServerIssues(issues: { zh: string; en: string }[]): void {
  (document.getElementById("issues") as HTMLElement).replaceChildren(
    el(
      "ul",
      {},
      issues.map((i) => el("li", {}, [i[state.lang]])),
    ),
  );
}

function onChange(event: Event): void {
  const target = event.target as HTMLSelectElement;
  if (target.id !== "preset" || target.value === "") return;
  state.rules = JSON.parse(
    target.value === "simple" ? state.presets.simple : state.presets.standard,
  ) as RuleSet;
  render();
}

/** The panel the menu asked for (a marker the server appends after the page), once the page is read. */
async function openedPanel(): Promise<"followUp" | "week" | undefined> {
  if (document.readyState === "loading")
    await new Promise((resolve) => document.addEventListener("DOMContentLoaded", resolve, { once: true }));
  const panel = document.getElementById("leadgrade-open")?.dataset.panel;
  return panel === "followUp" || panel === "week" ? panel : undefined;
}

async function start(): Promise<void> {
  const root = document.getElementById("app") as HTMLElement;
  root.addEventListener("input", onInput);
  root.addEventListener("change", (e) => {
    onChange(e);
    if ((e.target as HTMLElement).dataset.kind === "select") onInput(e);
  });
  root.addEventListener("click", (e) => {
    if ((e.target as HTMLElement).tagName === "BUTTON" || (e.target as HTMLElement).id === "hourly")
      void onClick(e);
  });
  // Enter in a "new entry" box adds it, as its button does.
  root.addEventListener("keydown", (e) => {
    const target = e.target as HTMLElement;
    if (e.key !== "Enter" || !target.id.startsWith("add-")) return;
    e.preventDefault();
    (target.nextElementSibling as HTMLElement | null)?.click();
  });
  try {
    const s = await rpc.getSidebarState();
    state.rules = JSON.parse(s.rules) as RuleSet;
    state.lang = s.lang;
    state.headers = s.headers;
    state.detected = s.detected;
    state.notUsed = s.notUsed;
    state.presets = s.presets;
    state.hourly = s.hourly;
    const panel = await openedPanel();
    menuPanel = panel;
    render();
    if (s.unreadable) say(WORDS[state.lang].unreadable, "error");
    // Opened from the menu at a panel: show what it shows at once.
    if (panel === "followUp") showFollowUpForm(await rpc.getSelectedFollowUpLead(state.lang));
    if (panel === "week") showWeek(await rpc.getWeekFromSidebar(state.lang));
  } catch (error) {
    root.replaceChildren(
      el("p", { class: "error" }, [
        `${WORDS[state.lang].failed}${error instanceof Error ? error.message : String(error)}`,
      ]),
    );
  }
}

void start();
