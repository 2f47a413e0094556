/**
 * The offline door: `leadgrade [input.csv|input.xlsx] [options]`. Reads the file, validates the
 * rules, runs the core's pass once and writes what it returns. Everything it decides comes from
 * the pass; this file only reads options, files and prints. Mistakes a person can fix exit with
 * code 2 and one clear line; nothing is left half-written.
 */
import { readFile, realpath, stat } from "node:fs/promises";
import { basename, dirname, extname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Command, CommanderError, Option } from "commander";
import {
  assignLeads,
  buildReport,
  CHANNELS,
  type Channel,
  civilDayFromIso,
  DATE_ORDERS,
  type DateOrder,
  describeRuleIssue,
  earlierOutputColumns,
  headerLanguage,
  isKnownTimeZone,
  type Lang,
  type Learned,
  learnFromOutcomes,
  learningText,
  outputHeader,
  type PassResult,
  POOL_WORDS,
  type RuleSet,
  runPass,
  standardPreset,
  TABLE_ISSUE_TEXT,
  type Table,
  TREND_LABEL,
  thresholdsFor,
  validateRules,
  withGrades,
} from "../core/index";
import { CliError } from "./cliError";
import { type HistoryUpdate, historyLines, readHistoryFile, touchLogLines, updateHistory } from "./followUps";
import { headerRowIndex, withHeaderAt } from "./headerRow";
import { CLI_WORDS } from "./locales/index";
import { notify } from "./notify";
import { formatOf, type InputTable, readTable } from "./readTable";
import { reportHtml } from "./reportHtml";
import { initRulesFile } from "./rulesFile";
import { type OutputFs, StagedFiles } from "./stagedFiles";
import { encodingLines, summaryText } from "./summary";
import { writeOutbox } from "./writeOutbox";
import { type ExtraColumn, writeTable } from "./writeTable";

export const SAMPLE_PATH = resolve(dirname(fileURLToPath(import.meta.url)), "../../sample/leads-sample.xlsx");
/** The day the sample workbook was "exported": it is graded as of then, so it reads the same every year. */
export const SAMPLE_AS_OF = "2026-11-20";

export interface CliIO {
  out: (text: string) => void;
  err: (text: string) => void;
  /** True when stderr is a terminal: show a progress line for large files. */
  tty: boolean;
  /** "Today" when --as-of is not given. */
  now: () => Date;
  /** Where outputs are written; tests pass a failing one. Default: the disk. */
  fs?: OutputFs;
}

interface Options {
  out?: string;
  rules?: string;
  asOf?: string;
  tz?: string;
  dateOrder?: DateOrder;
  sheet?: string;
  outbox?: string;
  report?: string;
  lang?: Lang;
  assign?: boolean;
  suggest?: boolean;
  notify?: string;
  notifySecret?: string;
  channel?: Channel;
  touches?: string;
  history?: string;
}

function program(io: CliIO): Command {
  return new Command("leadgrade")
    .description(
      "Grade sales leads in a CSV or XLSX export, schedule their follow-ups and explain every score.",
    )
    .argument(
      "[input]",
      "a .csv or .xlsx file of leads; without it, the sample workbook shipped with LeadGrade",
    )
    .option(
      "--out <file>",
      "where to write the graded table (.csv or .xlsx); default: next to the input in leadgrade-out/",
    )
    .option(
      "--rules <file>",
      "a rule set as JSON (exported from the sidebar); default: the standard A/B/C/D preset",
    )
    .option("--as-of <date>", "grade as of this day, YYYY-MM-DD; default: today")
    .option(
      "--tz <zone>",
      "IANA time zone for dates and follow-ups, e.g. Asia/Shanghai; default: the rule set's",
    )
    .addOption(
      new Option(
        "--date-order <order>",
        "how to read text dates with the year last: mdy 11/20/2026, dmy 20/11/2026; default: the rule set's (ymd: only dates that start with the year)",
      ).choices([...DATE_ORDERS]),
    )
    .option("--sheet <name>", "which sheet of an .xlsx to read; default: the first")
    .option("--outbox <dir>", "write one .eml follow-up digest per owner into this folder")
    .option("--report <file>", "write a self-contained HTML summary")
    .addOption(
      new Option("--lang <lang>", "language of LeadGrade's columns and messages").choices(["zh", "en"]),
    )
    .option("--suggest", "learn from won/lost leads and suggest new source points (shown, never applied)")
    .option(
      "--notify <url>",
      "send alerts for what changed since the previous run (a lead reached the top grade, a new buying signal, a grade awaiting approval) to a chat webhook: Google Chat, Slack, 企业微信, 钉钉, 飞书 or plain JSON",
    )
    .option("--notify-secret <secret>", "the signing secret of a 钉钉 or 飞书 robot")
    .addOption(
      new Option("--channel <channel>", "the webhook's format; default: from the address's host").choices([
        ...CHANNELS,
      ]),
    )
    .option(
      "--touches <file>",
      "a follow-up log (.csv/.xlsx; headers Lead, When, How, Note, Next or 线索, 时间, 方式, 备注, 下次)",
    )
    .option(
      "--history <file>",
      "a grade history (.csv) to read and append with what changed since the previous run; created when missing",
    )
    .option(
      "--assign",
      "assign leads without an owner to the reps in the rules' directory (adds a column; owners are kept)",
    )
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err, outputError: () => {} })
    .showHelpAfterError(false);
}

/** Runs the command and returns its exit code: 0 done, 2 a mistake to fix, 1 a fault of LeadGrade. */
export async function runCli(argv: readonly string[], io: CliIO): Promise<number> {
  if (argv[0] === "rules") return runRulesCommand(argv.slice(1), io);
  const command = program(io);
  try {
    command.parse([...argv], { from: "user" });
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.exitCode === 0) return 0; // --help, --version
      io.err(`leadgrade: ${error.message.replace(/^error: /, "")}\n`);
      return 2;
    }
    throw error;
  }
  try {
    await run(command.args[0], command.opts<Options>(), io);
    return 0;
  } catch (error) {
    return refusal(error, io);
  }
}

/** A refusal or a file system failure as one line and its exit code; anything else is a bug. */
function refusal(error: unknown, io: CliIO): number {
  if (error instanceof CliError) {
    io.err(`leadgrade: ${error.message}\n`);
    return 2;
  }
  const failed = fileSystemFailure(error);
  if (failed) {
    io.err(`leadgrade: ${failed.line}\n`);
    return failed.exitCode;
  }
  throw error;
}

/** `leadgrade rules --init [file]`: a starting rules file and its JSON Schema. */
async function runRulesCommand(argv: readonly string[], io: CliIO): Promise<number> {
  const command = new Command("leadgrade rules")
    .description(
      "Write a starting rules file (partial, extending the standard preset) and rules.schema.json beside it.",
    )
    .option("--init [file]", "the rules file to write", "leadgrade-rules.json")
    .exitOverride()
    .configureOutput({ writeOut: (t) => io.out(t), writeErr: (t) => io.err(t) });
  try {
    command.parse([...argv], { from: "user" });
    const { init } = command.opts<{ init?: string | true }>();
    if (init === undefined) {
      io.err("leadgrade rules: say --init [file] to write a starting rules file\n");
      return 2;
    }
    const written = await initRulesFile(init === true ? "leadgrade-rules.json" : init);
    io.out(
      `Wrote:\n${written.map((p) => `  ${p}`).join("\n")}\nUse it with: leadgrade <export> --rules ${written[0]}\n`,
    );
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    return refusal(error, io);
  }
}

/** The machine's time zone: what an export is graded in when neither --tz nor the rules name one. */
function machineTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
}

async function run(inputArg: string | undefined, options: Options, io: CliIO): Promise<void> {
  const input = inputArg ?? SAMPLE_PATH;
  const out = options.out ?? defaultOut(input);
  await checkDistinctOutputs(input, {
    "--out": out,
    "--report": options.report,
    "--outbox": options.outbox,
    "rules-suggested.json": options.suggest ? join(dirname(out), "rules-suggested.json") : undefined,
    "--notify": options.notify === undefined ? undefined : ledgerPath(out),
    "--history": options.history,
  });
  if (options.history !== undefined && formatOf(options.history) !== "csv")
    throw new CliError(`--history: name a .csv file (${options.history})`);
  const { rules, asOf } = await settleRules(inputArg, options);
  const progress = progressLine(io);
  progress("reading", 0, 1);
  const { table, earlier, touchLog } = await readInput(input, options, rules);
  const history = options.history === undefined ? undefined : await readHistoryFile(options.history);
  progress("grading", 0, 1);
  const result = runPass(table, rules, { asOf: asOf ?? io.now(), ...(touchLog ? { touchLog } : {}) });
  const lang = options.lang ?? headerLanguage(table.header);
  checkHeader(result, table, input, lang, io);
  if (options.assign && rules.reps.length === 0)
    throw new CliError(`--assign: the rules have no rep directory ("reps"); give one with --rules`);
  const made: Made = {
    assigned: options.assign ? assignmentColumn(table.rows, result, rules, lang) : undefined,
    historyUpdate: history ? updateHistory(history, result, rules, lang) : undefined,
    ...learning(options.suggest === true, table, rules, result),
    suggestedPath: join(dirname(out), "rules-suggested.json"),
  };
  const { written, notified } = await writeOutputs(
    out,
    options,
    io,
    { table, result, rules, lang },
    made,
    progress,
  );
  io.out(`${summaryText(result, rules, lang, 2 + (table.preamble?.length ?? 0))}\n`);
  for (const line of encodingLines(table, lang)) io.out(`  ${line}\n`);
  if (earlier.length > 0) io.out(`${CLI_WORDS[lang].program.earlierReplaced}\n`);
  if (made.assigned) io.out(`  ${made.assigned.summary}\n`);
  if (result.touchLog && options.touches)
    for (const line of touchLogLines(result.touchLog, options.touches, lang)) io.out(`  ${line}\n`);
  if (made.historyUpdate && options.history)
    for (const line of historyLines(made.historyUpdate, options.history, rules.grades[0]?.grade ?? "", lang))
      io.out(`  ${line}\n`);
  if (rules.pool.enabled && options.history === undefined)
    io.out(`  ${CLI_WORDS[lang].history.poolWithoutHistory}\n`);
  if (notified) io.out(`  ${notified}\n`);
  if (made.learned) io.out(`${learningText(made.learned, made.coldStart, lang)}\n`);
  if (made.suggested) io.out(`${CLI_WORDS[lang].program.suggestedWritten(made.suggestedPath)}\n`);
  io.out(`${CLI_WORDS[lang].program.wrote}:\n${written.map((p) => `  ${p}`).join("\n")}\n`);
}

/** What a run makes besides the graded rows. */
interface Made {
  assigned: { column: ExtraColumn; summary: string } | undefined;
  historyUpdate: HistoryUpdate | undefined;
  learned: Learned | undefined;
  coldStart: ReturnType<typeof thresholdsFor> | undefined;
  suggested: RuleSet | undefined;
  suggestedPath: string;
}

/**
 * The rules to grade with: the file given (or the standard preset), with --tz and --date-order
 * applied; and the as-of day, checked.
 */
async function settleRules(
  inputArg: string | undefined,
  options: Options,
): Promise<{ rules: RuleSet; asOf: string | undefined }> {
  // The sample is a Chinese team's sheet, graded in its own zone; a user's export in the machine's.
  const zone = inputArg === undefined ? undefined : machineTimeZone();
  let rules = options.rules === undefined ? standardPreset(zone) : await loadRules(options.rules, zone);
  if (options.tz !== undefined) {
    if (!isKnownTimeZone(options.tz))
      throw new CliError(`--tz: "${options.tz}" is not a time zone (e.g. Asia/Shanghai)`);
    rules = { ...rules, timeZone: options.tz };
  }
  if (options.dateOrder !== undefined) rules = { ...rules, dateOrder: options.dateOrder };
  const asOf = options.asOf ?? (inputArg === undefined ? SAMPLE_AS_OF : undefined);
  if (asOf !== undefined && civilDayFromIso(asOf) === undefined)
    throw new CliError(`--as-of: "${asOf}" is not a date as YYYY-MM-DD`);
  return { rules, asOf };
}

/**
 * The export as graded: its header found below a title, an earlier run's LeadGrade columns left
 * out (never read as input: "阶段 流失" would mark the lead lost; replaced rather than repeated),
 * and the follow-up log.
 */
async function readInput(input: string, options: Options, rules: RuleSet) {
  const asRead = await readTable(input, options.sheet);
  // A title or a blank line above the header is kept above it (see headerRow.ts).
  const top = [asRead.header, ...asRead.rows.slice(0, 9)];
  const read = withHeaderAt(asRead, headerRowIndex(top, rules.columns));
  const earlier = earlierColumns(read.header);
  const table = earlier.length > 0 ? withoutColumns(read, earlier) : read;
  const touchLog = options.touches === undefined ? undefined : await readTable(options.touches);
  return { table, earlier, touchLog };
}

/** Refuses an export with no header LeadGrade knows, saying what it tried; warns of rules' columns missing. */
function checkHeader(result: PassResult, table: InputTable, input: string, lang: Lang, io: CliIO): void {
  if (result.issues.some((i) => i.code === "no_header")) {
    // A header in an encoding LeadGrade did not recognise reads as gibberish: say what it tried.
    const tried =
      table.encoding === "unknown"
        ? " (the file's text is neither UTF-8 nor GB18030)"
        : table.encoding && table.encoding !== "utf-8"
          ? ` (read as ${table.encoding.toUpperCase()})`
          : "";
    // The header was looked for below a title too (headerRow.ts).
    const below = CLI_WORDS[lang].program.noHeaderBelow;
    throw new CliError(`${input}: ${TABLE_ISSUE_TEXT.no_header?.[lang]}${below}${tried}`);
  }
  for (const issue of result.issues) {
    if (issue.code === "manual_column_missing")
      io.err(
        `leadgrade: ${(TABLE_ISSUE_TEXT.manual_column_missing?.[lang] ?? "").replace("{header}", issue.header ?? "")}\n`,
      );
  }
}

/** --suggest: what learning found, and the rules to write (with too little history, thresholds alone). */
function learning(suggest: boolean, table: Table, rules: RuleSet, result: PassResult) {
  const learned = suggest ? learnFromOutcomes(table, rules, result) : undefined;
  // With too little history, only grade thresholds for the target mix — where they stay apart.
  const coldStart = learned && !learned.enough ? thresholdsFor(result, rules) : undefined;
  const suggested = learned?.enough
    ? learned.suggested
    : coldStart && coldStart.thresholds.length > 0
      ? withGrades(rules, coldStart.thresholds)
      : undefined;
  return { learned, coldStart, suggested };
}

/**
 * Every file, staged and put in place together (when one fails, none is left: stagedFiles.ts);
 * then the alerts, whose ledger is put in place after them.
 */
async function writeOutputs(
  out: string,
  options: Options,
  io: CliIO,
  graded: { table: InputTable; result: PassResult; rules: RuleSet; lang: Lang },
  made: Made,
  progress: ReturnType<typeof progressLine>,
): Promise<{ written: string[]; notified: string | undefined }> {
  const { table, result, rules, lang } = graded;
  const extras = [
    ...(made.assigned ? [made.assigned.column] : []),
    ...(made.historyUpdate ? [made.historyUpdate.trend] : []),
    ...(made.historyUpdate?.pool ? [made.historyUpdate.pool.column] : []),
  ];
  const files = new StagedFiles(io.fs);
  try {
    await files.write(out, (sink) =>
      writeTable(
        sink,
        formatOf(out),
        table,
        result,
        rules,
        lang,
        (done, total) => progress("writing", done, total),
        extras,
      ),
    );
    progress("", 1, 1);
    if (options.outbox !== undefined) await writeOutbox(files, options.outbox, result, lang);
    if (options.report !== undefined)
      await files.writeText(
        options.report,
        reportHtml(buildReport(table, rules, result), rules, lang, made.historyUpdate?.week),
      );
    if (options.history !== undefined && made.historyUpdate)
      await files.writeText(options.history, made.historyUpdate.text);
    if (made.suggested)
      await files.writeText(made.suggestedPath, `${JSON.stringify(made.suggested, null, 2)}\n`);
    const written = await files.commit();
    if (options.notify === undefined) return { written, notified: undefined };
    const notified = await notify(
      table,
      result,
      rules,
      lang,
      {
        url: options.notify,
        ledger: ledgerPath(out),
        ...(options.channel ? { channel: options.channel } : {}),
        ...(options.notifySecret ? { secret: options.notifySecret } : {}),
      },
      files,
    );
    await files.commit();
    return { written, notified };
  } catch (error) {
    await files.discard();
    throw error;
  }
}

const ASSIGNED_HEADER: Record<Lang, string> = {
  zh: CLI_WORDS.zh.program.assignedHeader,
  en: CLI_WORDS.en.program.assignedHeader,
};

/** The columns this command writes after LeadGrade's own: assignment, trend, then the pool's. */
const EXTRA_HEADERS = new Set([
  ASSIGNED_HEADER.zh,
  ASSIGNED_HEADER.en,
  TREND_LABEL.zh,
  TREND_LABEL.en,
  POOL_WORDS.zh.column,
  POOL_WORDS.en.column,
]);

/**
 * LeadGrade's columns from an earlier run, with the assignment and trend columns this command
 * writes right after them (a "分配给" or "趋势" anywhere else is the user's own).
 */
function earlierColumns(header: readonly unknown[]): number[] {
  const found = earlierOutputColumns(header);
  const last = (["zh", "en"] as const).map((lang) => outputHeader(lang).at(-1));
  const extras: number[] = [];
  for (const i of found) {
    if (!last.includes(String(header[i]).trim())) continue;
    for (let k = i + 1; !found.includes(k) && EXTRA_HEADERS.has(String(header[k] ?? "")); k++) extras.push(k);
  }
  return [...found, ...extras];
}

/** The table without the given columns (header, rows and, for XLSX, the original values). */
function withoutColumns(table: InputTable, columns: readonly number[]): InputTable {
  const drop = new Set(columns);
  const keep = <T>(row: readonly T[]) => row.filter((_, i) => !drop.has(i));
  return {
    ...table,
    header: keep(table.header),
    rows: table.rows.map(keep),
    ...(table.original ? { original: table.original.map(keep) } : {}),
    ...(table.preamble ? { preamble: table.preamble.map(keep) } : {}),
  };
}

/** What the file system said, in words; `exitCode` 1 where the user cannot fix it (a failing disk). */
const FILE_SYSTEM_WORDS: Record<string, string> = {
  ENOSPC: "no space left on the device",
  EDQUOT: "the disk quota is used up",
  EACCES: "permission denied",
  EPERM: "permission denied",
  EROFS: "the file system is read-only",
  EISDIR: "is a folder, not a file",
  ENOTDIR: "a part of the path is a file, not a folder",
  EEXIST: "already exists",
  ENAMETOOLONG: "the name is too long",
  EIO: "input/output error",
  ENOENT: "no such file or folder, and it cannot be made there",
};

/** A file system error as one line naming the file and the cause, or undefined for anything else. */
function fileSystemFailure(error: unknown): { line: string; exitCode: number } | undefined {
  const e = error as NodeJS.ErrnoException;
  const words = typeof e?.code === "string" ? FILE_SYSTEM_WORDS[e.code] : undefined;
  if (!words) return undefined;
  return { line: `${e.path ?? "a file"}: ${words}`, exitCode: e.code === "EIO" ? 1 : 2 };
}

/**
 * Every path the command would write, checked before anything is written: none is the input and
 * no two are the same (a report over the graded file would replace it with HTML).
 */
async function checkDistinctOutputs(
  input: string,
  outputs: Record<string, string | undefined>,
): Promise<void> {
  const named = Object.entries(outputs).filter((o): o is [string, string] => o[1] !== undefined);
  for (const [flag, path] of named) {
    // Only regular files (and the outbox's folder) are written: a device or a pipe would block.
    const info = await stat(path).catch(() => undefined);
    const wanted = flag === "--outbox" ? info?.isDirectory() : info?.isFile();
    if (info && !wanted)
      throw new CliError(
        `${flag}: ${path} is ${info.isDirectory() ? "a folder" : "not a regular file"}; name ${flag === "--outbox" ? "a folder" : "a file"} to write`,
      );
    if (await sameFile(input, path))
      throw new CliError(
        `${flag}: ${path} is the input file; LeadGrade never writes over your export — choose another name`,
      );
  }
  for (let i = 0; i < named.length; i++)
    for (let j = i + 1; j < named.length; j++) {
      const [a, pa] = named[i] as [string, string];
      const [b, pb] = named[j] as [string, string];
      if (await sameFile(pa, pb)) throw new CliError(`${a} and ${b} both name ${pa}; give each its own file`);
    }
}

/** Whether two paths name the same file (through links too); false when either does not exist. */
async function sameFile(a: string, b: string): Promise<boolean> {
  if (resolve(a) === resolve(b)) return true;
  try {
    return (await realpath(a)) === (await realpath(b));
  } catch {
    return false;
  }
}

/** The "Assigned to" column and a one-line summary of who got how many. */
function assignmentColumn(rows: InputTable["rows"], result: PassResult, rules: RuleSet, lang: Lang) {
  const assignments = assignLeads(rows, result, rules);
  const values = rows.map(() => "");
  const counts = new Map<string, number>();
  for (const a of assignments) {
    const key = a.rep ?? CLI_WORDS[lang].program.noRepFree;
    counts.set(key, (counts.get(key) ?? 0) + 1);
    if (a.rep) values[a.row] = a.rep;
  }
  const tally = [...counts].map(([rep, n]) => `${rep} ${n}`).join(" · ") || CLI_WORDS[lang].program.none;
  return {
    column: { header: ASSIGNED_HEADER[lang], values },
    summary: `${CLI_WORDS[lang].program.assigned}: ${tally}`,
  };
}

/** The alerts' ledger: beside the graded file, one per output. */
function ledgerPath(out: string): string {
  return join(dirname(out), `.${basename(out)}.leadgrade-alerts.json`);
}

function defaultOut(input: string): string {
  const ext = extname(input);
  return join(
    dirname(input),
    "leadgrade-out",
    `${basename(input, ext)}-graded${ext.toLowerCase() === ".xlsx" ? ".xlsx" : ".csv"}`,
  );
}

/**
 * A rules file, validated. A partial file (`"extends"`) that names no time zone gets `zone` (the
 * machine's). A file missing most keys without `"extends"` is told how to be partial.
 */
async function loadRules(path: string, zone?: string): Promise<RuleSet> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch {
    throw new CliError(`${path}: cannot read the rules file`);
  }
  let input: unknown = text.replace(/^\uFEFF/, "");
  try {
    const value = JSON.parse(input as string) as unknown;
    if (zone && value && typeof value === "object" && "extends" in value && !("timeZone" in value))
      input = { ...value, timeZone: zone };
  } catch {
    // validateRules says what is wrong with text that is not JSON.
  }
  const result = validateRules(input);
  if (!result.ok) {
    const lines = result.issues.slice(0, 5).map((issue) => describeRuleIssue(issue, "en"));
    const more = result.issues.length > 5 ? ` (and ${result.issues.length - 5} more)` : "";
    const missing = result.issues.filter((i) => i.path.length === 1 && i.code === "invalid_type").length;
    const hint =
      missing >= 3
        ? '. To change only some settings, start the file with "extends": "standard" (leadgrade rules --init writes an example)'
        : "";
    throw new CliError(`${path}: invalid rules — ${lines.join("; ")}${more}${hint}`);
  }
  return result.rules;
}

/** A one-line progress display on a terminal; silent otherwise. */
function progressLine(io: CliIO): (phase: string, done: number, total: number) => void {
  if (!io.tty) return () => {};
  return (phase, done, total) => {
    const width = 24;
    const filled = Math.round((done / Math.max(1, total)) * width);
    io.err(
      phase === "" ? "\r\x1b[K" : `\r\x1b[K${phase} [${"#".repeat(filled)}${".".repeat(width - filled)}]`,
    );
  };
}
