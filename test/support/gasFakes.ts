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
        this.sheet.put(this.row + i, this.column + j, v, "");
      });
    });
    return this;
  }
  setValue(value: unknown): this {
    this.sheet.log.record("Range.setValue");
    this.sheet.put(this.row, this.column, value, "");
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
  getName(): string {
    return this.name;
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
  hideSheet(): this {
    this.log.record("Sheet.hideSheet");
    this.hidden = true;
    return this;
  }
  isSheetHidden(): boolean {
    return this.hidden;
  }
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
  /** The globals to install: SpreadsheetApp, PropertiesService, Session. */
  globals: Record<string, unknown>;
}

export interface FakeOptions {
  timeZone?: string;
  /** The user's locale; `null` makes Session refuse, as in AuthMode.NONE. */
  locale?: string | null;
  sheets?: Record<string, Grid>;
}

export function makeGasFakes(options: FakeOptions = {}): GasFakes {
  const log = new CallLog();
  const spreadsheet = new FakeSpreadsheet(log, options.timeZone ?? "Asia/Shanghai");
  for (const [name, grid] of Object.entries(options.sheets ?? { 线索: [] })) spreadsheet.addSheet(name, grid);
  const documentProperties = new FakeProperties(log);
  const menus: FakeMenu[] = [];
  const locale = options.locale === undefined ? "zh_CN" : options.locale;
  const globals = {
    SpreadsheetApp: {
      getActiveSpreadsheet: () => spreadsheet,
      getActive: () => spreadsheet,
      getUi: () => ({
        createAddonMenu: () => {
          const menu = new FakeMenu();
          menus.push(menu);
          return menu;
        },
      }),
    },
    PropertiesService: { getDocumentProperties: () => documentProperties },
    Session: {
      getActiveUserLocale: () => {
        if (locale === null)
          throw new Error("You do not have permission to call Session.getActiveUserLocale");
        return locale;
      },
    },
  };
  return { log, spreadsheet, documentProperties, menus, globals };
}

/** Installs fakes as globals for code imported into the test (not the vm bundle). */
export function installGasFakes(options: FakeOptions = {}): GasFakes {
  const fakes = makeGasFakes(options);
  Object.assign(globalThis, fakes.globals);
  return fakes;
}
