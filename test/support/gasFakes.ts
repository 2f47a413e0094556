/**
 * In-process fakes of the Apps Script services LeadGrade calls, faithful where it matters: values
 * come back as 2-D arrays, property values over 9 KB or stores over 500 KB are refused as Apps
 * Script refuses them, and every call is counted so tests can hold a pass to a constant number.
 */
type Grid = unknown[][];

export class CallLog {
  readonly calls: string[] = [];
  record(name: string): void {
    this.calls.push(name);
  }
  count(prefix = ""): number {
    return this.calls.filter((c) => c.startsWith(prefix)).length;
  }
}

const utf8Length = (text: string) => Buffer.byteLength(text, "utf8");

export class FakeProperties {
  readonly store = new Map<string, string>();
  constructor(private readonly log: CallLog) {}
  getProperties(): Record<string, string> {
    this.log.record("Properties.getProperties");
    return Object.fromEntries(this.store);
  }
  getProperty(key: string): string | null {
    this.log.record("Properties.getProperty");
    return this.store.get(key) ?? null;
  }
  setProperty(key: string, value: string): this {
    this.log.record("Properties.setProperty");
    return this.setAll({ [key]: value });
  }
  setProperties(values: Record<string, string>, deleteAllOthers = false): this {
    this.log.record("Properties.setProperties");
    if (deleteAllOthers) this.store.clear();
    return this.setAll(values);
  }
  deleteProperty(key: string): this {
    this.log.record("Properties.deleteProperty");
    this.store.delete(key);
    return this;
  }
  private setAll(values: Record<string, string>): this {
    for (const [key, value] of Object.entries(values)) {
      if (utf8Length(key) + utf8Length(value) > 9 * 1024)
        throw new Error(`Argument too large: value (${key})`);
    }
    const next = new Map(this.store);
    for (const [key, value] of Object.entries(values)) next.set(key, String(value));
    const total = [...next].reduce((n, [k, v]) => n + utf8Length(k) + utf8Length(v), 0);
    if (total > 500 * 1024) throw new Error("You have exceeded the property storage quota.");
    for (const [key, value] of Object.entries(values)) this.store.set(key, String(value));
    return this;
  }
}

export class FakeRange {
  constructor(
    private readonly sheet: FakeSheet,
    readonly row: number,
    readonly column: number,
    readonly numRows: number,
    readonly numColumns: number,
  ) {}
  private each<T>(fn: (r: number, c: number) => T): T[][] {
    return Array.from({ length: this.numRows }, (_, i) =>
      Array.from({ length: this.numColumns }, (_, j) => fn(this.row + i, this.column + j)),
    );
  }
  getValues(): Grid {
    this.sheet.log.record("Range.getValues");
    return this.each((r, c) => this.sheet.valueAt(r, c));
  }
  getValue(): unknown {
    this.sheet.log.record("Range.getValue");
    return this.sheet.valueAt(this.row, this.column);
  }
  getFormulas(): string[][] {
    this.sheet.log.record("Range.getFormulas");
    return this.each((r, c) => this.sheet.formulaAt(r, c));
  }
  setValues(values: Grid): this {
    this.sheet.log.record("Range.setValues");
    if (values.length !== this.numRows || values.some((row) => row.length !== this.numColumns)) {
      throw new Error(
        `The number of rows or columns in the data does not match the range (${this.numRows}×${this.numColumns}).`,
      );
    }
    values.forEach((row, i) => {
      row.forEach((v, j) => {
        this.sheet.putAsTyped(this.row + i, this.column + j, v);
      });
    });
    return this;
  }
  setValue(value: unknown): this {
    this.sheet.log.record("Range.setValue");
    this.sheet.putAsTyped(this.row, this.column, value);
    return this;
  }
  setFormulas(formulas: string[][]): this {
    this.sheet.log.record("Range.setFormulas");
    formulas.forEach((row, i) => {
      row.forEach((f, j) => {
        this.sheet.put(this.row + i, this.column + j, "", f);
      });
    });
    return this;
  }
  getA1Notation(): string {
    const letter = (c: number) => {
      let n = c;
      let out = "";
      while (n > 0) {
        out = String.fromCharCode(65 + ((n - 1) % 26)) + out;
        n = Math.floor((n - 1) / 26);
      }
      return out;
    };
    return `${letter(this.column)}${this.row}:${letter(this.column + this.numColumns - 1)}${this.row + this.numRows - 1}`;
  }
  getColumn(): number {
    return this.column;
  }
  getRow(): number {
    return this.row;
  }
  getLastColumn(): number {
    return this.column + this.numColumns - 1;
  }
  getLastRow(): number {
    return this.row + this.numRows - 1;
  }
  getSheet(): FakeSheet {
    return this.sheet;
  }
  setFormula(formula: string): this {
    this.sheet.log.record("Range.setFormula");
    this.sheet.put(this.row, this.column, "", formula);
    return this;
  }
  setBackgrounds(colours: string[][]): this {
    this.sheet.log.record("Range.setBackgrounds");
    colours.forEach((row, i) => {
      row.forEach((c, j) => {
        this.sheet.backgrounds.set(`${this.row + i},${this.column + j}`, c);
      });
    });
    return this;
  }
  setDataValidation(rule: unknown): this {
    this.sheet.log.record("Range.setDataValidation");
    this.sheet.validations.set(`${this.row},${this.column}`, rule);
    return this;
  }
  setNote(note: string): this {
    this.sheet.log.record("Range.setNote");
    this.sheet.notes.set(`${this.row},${this.column}`, note);
    return this;
  }
  addDeveloperMetadata(key: string, value: string): this {
    this.sheet.log.record("Range.addDeveloperMetadata");
    this.sheet.metadata.push({ key, value, column: this.column });
    return this;
  }
  setNumberFormat(format: string): this {
    this.sheet.log.record("Range.setNumberFormat");
    this.each((r, c) => this.sheet.formats.set(`${r},${c}`, format));
    return this;
  }
}

export class FakeSheet {
  readonly values: Grid = [];
  readonly formulas: string[][] = [];
  readonly formats = new Map<string, string>();
  readonly notes = new Map<string, string>();
  readonly backgrounds = new Map<string, string>();
  readonly validations = new Map<string, unknown>();
  /** Developer metadata on whole columns: it moves with its column. */
  readonly metadata: { key: string; value: string; column: number }[] = [];
  conditionalRules: FakeRule[] = [];
  readonly id = Math.floor(Math.random() * 1e9);
  hidden = false;
  maxColumns: number;
  maxRows: number;
  constructor(
    private name: string,
    readonly log: CallLog,
    grid: Grid = [],
  ) {
    grid.forEach((row, i) => {
      row.forEach((v, j) => {
        this.put(i + 1, j + 1, v, "");
      });
    });
    this.maxRows = Math.max(1000, grid.length);
    this.maxColumns = Math.max(26, ...grid.map((r) => r.length));
  }
  valueAt(row: number, column: number): unknown {
    return this.values[row - 1]?.[column - 1] ?? "";
  }
  formulaAt(row: number, column: number): string {
    return this.formulas[row - 1]?.[column - 1] ?? "";
  }
  put(row: number, column: number, value: unknown, formula: string): void {
    if (column > this.maxColumns || row > this.maxRows)
      throw new Error(`Range out of bounds: ${row},${column}`);
    for (const grid of [this.values, this.formulas] as unknown[][][]) {
      while (grid.length < row) grid.push([]);
    }
    (this.values[row - 1] as unknown[])[column - 1] = value;
    (this.formulas[row - 1] as string[])[column - 1] = formula;
  }
  /**
   * What Sheets does with a value set from a script, as with typing: a leading apostrophe forces
   * text (and is not kept), "=…" is a formula, text that is a number ("0138", "-5") becomes that
   * number, and other text that starts like a formula ("+…", "-…", "@…") fails to parse and
   * shows #ERROR!.
   */
  putAsTyped(row: number, column: number, value: unknown): void {
    if (typeof value !== "string") this.put(row, column, value, "");
    else if (value.startsWith("'")) this.put(row, column, value.slice(1), "");
    else if (value.startsWith("=")) this.put(row, column, "", value);
    else if (/^\s*[+-]?(\d|\.\d)/.test(value) && Number.isFinite(Number(value)))
      this.put(row, column, Number(value), "");
    else if (/^[+\-@]/.test(value)) this.put(row, column, "#ERROR!", "");
    else this.put(row, column, value, "");
  }
  getName(): string {
    return this.name;
  }
  getSheetId(): number {
    return this.id;
  }
  getDataRange(): FakeRange {
    this.log.record("Sheet.getDataRange");
    return new FakeRange(this, 1, 1, Math.max(1, this.getLastRow()), Math.max(1, this.getLastColumn()));
  }
  createDeveloperMetadataFinder() {
    this.log.record("Sheet.createDeveloperMetadataFinder");
    let wanted: string | undefined;
    const finder = {
      withKey: (key: string) => {
        wanted = key;
        return finder;
      },
      find: () =>
        this.metadata
          .filter((m) => wanted === undefined || m.key === wanted)
          .map((m) => ({
            getKey: () => m.key,
            getValue: () => m.value,
            getLocation: () => ({ getColumn: () => new FakeRange(this, 1, m.column, this.maxRows, 1) }),
          })),
    };
    return finder;
  }
  getConditionalFormatRules(): FakeRule[] {
    this.log.record("Sheet.getConditionalFormatRules");
    return [...this.conditionalRules];
  }
  setConditionalFormatRules(rules: FakeRule[]): void {
    this.log.record("Sheet.setConditionalFormatRules");
    this.conditionalRules = [...rules];
  }
  /** What a person does when dragging a column elsewhere: values, formulas and metadata move. */
  moveColumn(from: number, to: number): void {
    for (const grid of [this.values, this.formulas] as unknown[][][]) {
      for (const row of grid) {
        while (row.length < Math.max(from, to)) row.push("");
        const [cell] = row.splice(from - 1, 1);
        row.splice(to - 1, 0, cell);
      }
    }
    for (const m of this.metadata) {
      if (m.column === from) m.column = to;
      else if (from < to && m.column > from && m.column <= to) m.column--;
      else if (from > to && m.column >= to && m.column < from) m.column++;
    }
  }
  getLastColumn(): number {
    let last = 0;
    this.values.forEach((row, i) => {
      row.forEach((v, j) => {
        if ((v !== "" && v !== undefined && v !== null) || this.formulas[i]?.[j])
          last = Math.max(last, j + 1);
      });
    });
    return last;
  }
  getLastRow(): number {
    let last = 0;
    this.values.forEach((row, i) => {
      if (row.some((v, j) => (v !== "" && v !== undefined && v !== null) || this.formulas[i]?.[j]))
        last = i + 1;
    });
    return last;
  }
  getMaxColumns(): number {
    return this.maxColumns;
  }
  getMaxRows(): number {
    return this.maxRows;
  }
  insertColumnsAfter(_after: number, howMany: number): this {
    this.log.record("Sheet.insertColumnsAfter");
    this.maxColumns += howMany;
    return this;
  }
  getRange(row: number, column: number, numRows = 1, numColumns = 1): FakeRange {
    if (row < 1 || column < 1 || numRows < 1 || numColumns < 1)
      throw new Error("The coordinates of the range are outside the dimensions of the sheet.");
    return new FakeRange(this, row, column, numRows, numColumns);
  }
  readonly hiddenColumns = new Set<number>();
  protection: { editors: string[]; domainEdit: boolean; description: string } | undefined;
  hideColumns(column: number): this {
    this.log.record("Sheet.hideColumns");
    this.hiddenColumns.add(column);
    return this;
  }
  protect() {
    this.log.record("Sheet.protect");
    const state = { editors: ["owner@example.com", "editor@example.com"], domainEdit: true, description: "" };
    this.protection = state;
    const protection = {
      setDescription: (d: string) => {
        state.description = d;
        return protection;
      },
      getEditors: () => state.editors.map((e) => ({ getEmail: () => e })),
      removeEditors: (users: { getEmail(): string }[]) => {
        const gone = new Set(users.map((u) => u.getEmail()));
        // As in Sheets, the owner and the person running the script always keep access.
        state.editors = state.editors.filter((e) => !gone.has(e) || e === "owner@example.com");
        return protection;
      },
      canDomainEdit: () => state.domainEdit,
      setDomainEdit: (v: boolean) => {
        state.domainEdit = v;
        return protection;
      },
    };
    return protection;
  }
  charts: { type: string; range: string; options: Record<string, unknown>; row: number; column: number }[] =
    [];
  getCharts() {
    this.log.record("Sheet.getCharts");
    return [...this.charts];
  }
  removeChart(chart: (typeof this.charts)[number]): void {
    this.log.record("Sheet.removeChart");
    this.charts = this.charts.filter((c) => c !== chart);
  }
  newChart() {
    const chart = { type: "", range: "", options: {} as Record<string, unknown>, row: 0, column: 0 };
    const builder = {
      setChartType(type: string) {
        chart.type = type;
        return builder;
      },
      addRange(range: FakeRange) {
        chart.range = range.getA1Notation();
        return builder;
      },
      setOption(key: string, value: unknown) {
        chart.options[key] = value;
        return builder;
      },
      setPosition(row: number, column: number) {
        chart.row = row;
        chart.column = column;
        return builder;
      },
      build: () => chart,
    };
    return builder;
  }
  insertChart(chart: (typeof this.charts)[number]): void {
    this.log.record("Sheet.insertChart");
    this.charts.push(chart);
  }
  clear(): this {
    this.log.record("Sheet.clear");
    this.values.length = 0;
    this.formulas.length = 0;
    return this;
  }
  deleteRow(row: number): this {
    this.log.record("Sheet.deleteRow");
    this.values.splice(row - 1, 1);
    this.formulas.splice(row - 1, 1);
    return this;
  }
  hideSheet(): this {
    this.log.record("Sheet.hideSheet");
    this.hidden = true;
    return this;
  }
  isSheetHidden(): boolean {
    return this.hidden;
  }
}

export class FakeRule {
  constructor(
    readonly formula: string,
    readonly background: string | null,
    readonly fontColor: string | null,
    readonly bold: boolean,
    readonly ranges: FakeRange[],
  ) {}
  getBooleanCondition() {
    return {
      getCriteriaType: () => "CUSTOM_FORMULA",
      getCriteriaValues: () => [this.formula],
      getBackground: () => this.background,
      getFontColor: () => this.fontColor,
      getBold: () => this.bold,
    };
  }
  getRanges(): FakeRange[] {
    return this.ranges;
  }
}

function newConditionalFormatRule() {
  let formula = "";
  let background: string | null = null;
  let fontColor: string | null = null;
  let bold = false;
  let ranges: FakeRange[] = [];
  const builder = {
    whenFormulaSatisfied(f: string) {
      formula = f;
      return builder;
    },
    setBackground(c: string) {
      background = c;
      return builder;
    },
    setFontColor(c: string) {
      fontColor = c;
      return builder;
    },
    setBold(b: boolean) {
      bold = b;
      return builder;
    },
    setRanges(r: FakeRange[]) {
      ranges = r;
      return builder;
    },
    build: () => new FakeRule(formula, background, fontColor, bold, ranges),
  };
  return builder;
}

export class FakeMenu {
  readonly items: ({ label: string; functionName: string } | "separator")[] = [];
  added = false;
  addItem(label: string, functionName: string): this {
    this.items.push({ label, functionName });
    return this;
  }
  addSeparator(): this {
    this.items.push("separator");
    return this;
  }
  addToUi(): void {
    this.added = true;
  }
}

export class FakeSpreadsheet {
  readonly sheets: FakeSheet[] = [];
  readonly namedRanges = new Map<string, FakeRange>();
  readonly toasts: string[] = [];
  active = 0;
  constructor(
    readonly log: CallLog,
    private readonly timeZone: string,
  ) {}
  addSheet(name: string, grid: Grid = []): FakeSheet {
    const sheet = new FakeSheet(name, this.log, grid);
    this.sheets.push(sheet);
    return sheet;
  }
  getSheets(): FakeSheet[] {
    this.log.record("Spreadsheet.getSheets");
    return [...this.sheets];
  }
  getActiveSheet(): FakeSheet {
    this.log.record("Spreadsheet.getActiveSheet");
    return this.sheets[this.active] as FakeSheet;
  }
  getSheetByName(name: string): FakeSheet | null {
    this.log.record("Spreadsheet.getSheetByName");
    return this.sheets.find((s) => s.getName() === name) ?? null;
  }
  insertSheet(name: string): FakeSheet {
    this.log.record("Spreadsheet.insertSheet");
    if (this.sheets.some((s) => s.getName() === name))
      throw new Error(`A sheet with the name "${name}" already exists.`);
    return this.addSheet(name);
  }
  getSpreadsheetTimeZone(): string {
    this.log.record("Spreadsheet.getSpreadsheetTimeZone");
    return this.timeZone;
  }
  setNamedRange(name: string, range: FakeRange): void {
    this.log.record("Spreadsheet.setNamedRange");
    this.namedRanges.set(name, range);
  }
  getRangeByName(name: string): FakeRange | null {
    this.log.record("Spreadsheet.getRangeByName");
    return this.namedRanges.get(name) ?? null;
  }
  toast(message: string): void {
    this.toasts.push(message);
  }
}

export interface GasFakes {
  log: CallLog;
  spreadsheet: FakeSpreadsheet;
  documentProperties: FakeProperties;
  menus: FakeMenu[];
  /** Messages MailApp "sent". */
  outbox: { to: string; cc?: string; subject: string; body: string; htmlBody: string }[];
  mail: { quota: number };
  lock: { heldElsewhere: boolean };
  triggers: { handler: string; everyHours: number }[];
  /** Texts of alerts shown, and the button the "user" presses. */
  alerts: string[];
  ui: { answer: "YES" | "NO" };
  /** Sidebars shown: the HTML file's name and the title. */
  sidebars: { file: string; title: string }[];
  /** The globals to install: SpreadsheetApp, PropertiesService, Session. */
  globals: Record<string, unknown>;
}

export interface FakeOptions {
  timeZone?: string;
  /** The user's locale; `null` makes Session refuse, as in AuthMode.NONE. */
  locale?: string | null;
  /** The signed-in user's address, as Session.getActiveUser() gives it ("" when hidden). */
  user?: string;
  sheets?: Record<string, Grid>;
  mailQuota?: number;
}

export function makeGasFakes(options: FakeOptions = {}): GasFakes {
  const log = new CallLog();
  const spreadsheet = new FakeSpreadsheet(log, options.timeZone ?? "Asia/Shanghai");
  for (const [name, grid] of Object.entries(options.sheets ?? { 线索: [] })) spreadsheet.addSheet(name, grid);
  const documentProperties = new FakeProperties(log);
  const menus: FakeMenu[] = [];
  const locale = options.locale === undefined ? "zh_CN" : options.locale;
  const outbox: GasFakes["outbox"] = [];
  const alerts: string[] = [];
  const ui: GasFakes["ui"] = { answer: "YES" };
  const mail = { quota: options.mailQuota ?? 100 };
  const lock = { heldElsewhere: false };
  const triggers: GasFakes["triggers"] = [];
  const sidebars: GasFakes["sidebars"] = [];
  const globals = {
    HtmlService: {
      createHtmlOutputFromFile: (file: string) => {
        log.record("HtmlService.createHtmlOutputFromFile");
        const output = {
          file,
          title: "",
          setTitle(title: string) {
            output.title = title;
            return output;
          },
        };
        return output;
      },
    },
    Charts: { ChartType: { BAR: "BAR", COLUMN: "COLUMN", PIE: "PIE" } },
    LockService: {
      getDocumentLock: () => ({
        tryLock: () => {
          log.record("Lock.tryLock");
          return !lock.heldElsewhere;
        },
        releaseLock: () => log.record("Lock.releaseLock"),
      }),
    },
    MailApp: {
      getRemainingDailyQuota: () => {
        log.record("MailApp.getRemainingDailyQuota");
        return mail.quota;
      },
      sendEmail: (message: GasFakes["outbox"][number]) => {
        log.record("MailApp.sendEmail");
        if (mail.quota <= 0) throw new Error("Service invoked too many times for one day: email.");
        mail.quota--;
        outbox.push(message);
      },
    },
    ScriptApp: {
      getUserTriggers: () => {
        log.record("ScriptApp.getUserTriggers");
        return triggers.map((t) => ({ getHandlerFunction: () => t.handler, ref: t }));
      },
      newTrigger: (handler: string) => ({
        timeBased: () => ({
          everyHours: (n: number) => ({
            create: () => {
              log.record("ScriptApp.createTrigger");
              if (triggers.length >= 20)
                throw new Error("This add-on has created too many time-based triggers");
              triggers.push({ handler, everyHours: n });
            },
          }),
        }),
      }),
      deleteTrigger: (trigger: { ref: GasFakes["triggers"][number] }) => {
        log.record("ScriptApp.deleteTrigger");
        triggers.splice(triggers.indexOf(trigger.ref), 1);
      },
    },
    SpreadsheetApp: {
      newConditionalFormatRule,
      newDataValidation: () => {
        const rule: { range?: FakeRange; allowInvalid?: boolean } = {};
        const builder = {
          requireValueInRange(range: FakeRange) {
            rule.range = range;
            return builder;
          },
          setAllowInvalid(allow: boolean) {
            rule.allowInvalid = allow;
            return builder;
          },
          build: () => rule,
        };
        return builder;
      },
      getActiveSpreadsheet: () => spreadsheet,
      getActive: () => spreadsheet,
      getUi: () => ({
        ButtonSet: { YES_NO: "YES_NO" },
        Button: { YES: "YES", NO: "NO" },
        alert: (...args: string[]) => {
          alerts.push(args.join(" "));
          return ui.answer;
        },
        showSidebar: (output: { file: string; title: string }) => {
          log.record("Ui.showSidebar");
          sidebars.push({ file: output.file, title: output.title });
        },
        createAddonMenu: () => {
          const menu = new FakeMenu();
          menus.push(menu);
          return menu;
        },
      }),
    },
    PropertiesService: { getDocumentProperties: () => documentProperties },
    Session: {
      getActiveUser: () => ({ getEmail: () => options.user ?? "" }),
      getActiveUserLocale: () => {
        if (locale === null)
          throw new Error("You do not have permission to call Session.getActiveUserLocale");
        return locale;
      },
    },
  };
  return {
    log,
    spreadsheet,
    documentProperties,
    menus,
    outbox,
    mail,
    lock,
    triggers,
    alerts,
    ui,
    sidebars,
    globals,
  };
}

/** Installs fakes as globals for code imported into the test (not the vm bundle). */
export function installGasFakes(options: FakeOptions = {}): GasFakes {
  const fakes = makeGasFakes(options);
  Object.assign(globalThis, fakes.globals);
  return fakes;
}
