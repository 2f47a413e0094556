/**
 * In-process fakes of the Apps Script services LeadGrade calls, as strict as the platform's
 * documented rules, so a test fails where Google would:
 * - scopes: a method whose OAuth scope is not in appsscript.json throws the platform's message;
 * - contexts: in a custom function every write, MailApp and ScriptApp throw "You do not have
 *   permission…" and document properties may be null; in a simple trigger services that need
 *   authorization throw and the user's e-mail is "" (consumer accounts); in a clock run the active
 *   spreadsheet, the document lock and document properties may be null;
 * - triggers: an add-on holds one clock trigger per user per document, at most hourly;
 *   getUserTriggers(ss) returns the triggers of that spreadsheet only (clock triggers are found
 *   with getProjectTriggers());
 * - protections: only the owner and the user who protected a sheet can edit it (neither can be
 *   removed), and a write by anyone else throws;
 * - developer metadata only on whole columns (`getRange("F:F")`); insertSheet activates the new
 *   sheet; MailApp's quota counts recipients (To + Cc), at most 50 a message; a property value
 *   may hold 9 KB and a store 500 KB;
 * - values come back as 2-D arrays, and every call is counted so tests can hold a pass to a
 *   constant number.
 */
import { createHash, createHmac } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";

type Grid = unknown[][];

/** The spreadsheet's owner, and the people it is shared with for editing. */
export const OWNER = "owner@example.com";
const DOCUMENT_EDITORS = [OWNER, "editor@example.com"];

export type FakeContext = "menu" | "customFunction" | "simpleTrigger" | "installableTrigger" | "clock";

const MANIFEST_SCOPES: string[] = JSON.parse(
  readFileSync(join(import.meta.dirname, "../../appsscript.json"), "utf8"),
).oauthScopes;

export const SCOPES = {
  external: "https://www.googleapis.com/auth/script.external_request",
  sheets: "https://www.googleapis.com/auth/spreadsheets.currentonly",
  ui: "https://www.googleapis.com/auth/script.container.ui",
  triggers: "https://www.googleapis.com/auth/script.scriptapp",
  mail: "https://www.googleapis.com/auth/script.send_mail",
  email: "https://www.googleapis.com/auth/userinfo.email",
} as const;

/** Where and as whom the fakes run, and what the platform withholds there. */
export class Platform {
  context: FakeContext = "menu";
  scopes: string[] = [...MANIFEST_SCOPES];
  /** The person running the script ("" where the platform hides it). */
  user = "";
  /** The account the script runs as (the menu user, or a trigger's owner): protections go by it. */
  effectiveUser = OWNER;
  /** A consumer (gmail.com) account: no e-mail in simple triggers. */
  consumer = true;
  unavailable: { documentProperties?: boolean; activeSpreadsheet?: boolean; documentLock?: boolean } = {};

  /** A call that needs a scope from the manifest. */
  need(method: string, scope: string): void {
    const granted =
      this.scopes.includes(scope) ||
      (scope === SCOPES.sheets && this.scopes.includes("https://www.googleapis.com/auth/spreadsheets"));
    if (!granted)
      throw new Error(`You do not have permission to call ${method}. Required permissions: ${scope}`);
  }

  /** A call that needs the user's authorization: refused in custom functions and simple triggers. */
  authorized(method: string, scope: string): void {
    if (this.context === "customFunction" || this.context === "simpleTrigger")
      throw new Error(`You do not have permission to call ${method}`);
    this.need(method, scope);
  }

  /** A write to the document: refused in a custom function. */
  write(method: string): void {
    if (this.context === "customFunction") throw new Error(`You do not have permission to call ${method}`);
  }

  /** The e-mail Session gives: "" in custom functions, and in simple triggers on consumer accounts. */
  activeEmail(): string {
    if (this.context === "customFunction") return "";
    if (this.context === "simpleTrigger" && this.consumer) return "";
    return this.user;
  }
}

export class CallLog {
  readonly calls: string[] = [];
  /** Cells read and written through ranges' getValues / setValues. */
  cellsRead = 0;
  cellsWritten = 0;
  readonly platform = new Platform();
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
    this.log.platform.write("Properties.setProperty");
    return this.setAll({ [key]: value });
  }
  setProperties(values: Record<string, string>, deleteAllOthers = false): this {
    this.log.record("Properties.setProperties");
    this.log.platform.write("Properties.setProperties");
    if (deleteAllOthers) this.store.clear();
    return this.setAll(values);
  }
  deleteProperty(key: string): this {
    this.log.record("Properties.deleteProperty");
    this.log.platform.write("Properties.deleteProperty");
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

/** The most cells a spreadsheet holds, over all its sheets (Google Sheets' limit). */
const WORKBOOK_CELLS = 10_000_000;

/** Sheets refuses rows, columns or sheets that would take the whole spreadsheet past its cells. */
function guardWorkbookCells(sheets: readonly { maxRows: number; maxColumns: number }[], added: number): void {
  const cells = sheets.reduce((n, s) => n + s.maxRows * s.maxColumns, 0);
  if (cells + added > WORKBOOK_CELLS)
    throw new Error(
      `This action would increase the number of cells in the workbook above the limit of ${WORKBOOK_CELLS} cells.`,
    );
}

export class FakeRange {
  constructor(
    private readonly sheet: FakeSheet,
    readonly row: number,
    readonly column: number,
    readonly numRows: number,
    readonly numColumns: number,
    /** "column": made from A1 notation naming whole columns ("F:F"), as metadata needs. */
    readonly kind: "grid" | "column" = "grid",
  ) {}
  private each<T>(fn: (r: number, c: number) => T): T[][] {
    return Array.from({ length: this.numRows }, (_, i) =>
      Array.from({ length: this.numColumns }, (_, j) => fn(this.row + i, this.column + j)),
    );
  }
  getValues(): Grid {
    this.sheet.log.record("Range.getValues");
    this.sheet.log.cellsRead += this.numRows * this.numColumns;
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
    this.sheet.guardWrite("Range.setValues");
    if (values.length !== this.numRows || values.some((row) => row.length !== this.numColumns)) {
      throw new Error(
        `The number of rows or columns in the data does not match the range (${this.numRows}×${this.numColumns}).`,
      );
    }
    this.sheet.log.cellsWritten += this.numRows * this.numColumns;
    values.forEach((row, i) => {
      row.forEach((v, j) => {
        this.sheet.putAsTyped(this.row + i, this.column + j, v);
      });
    });
    return this;
  }
  /** Range.clearContent: the values and formulas go; formats and validation stay. */
  clearContent(): this {
    this.sheet.log.record("Range.clearContent");
    this.sheet.guardWrite("Range.clearContent");
    for (let i = 0; i < this.numRows; i++)
      for (let j = 0; j < this.numColumns; j++) this.sheet.put(this.row + i, this.column + j, "", "");
    return this;
  }
  setValue(value: unknown): this {
    this.sheet.log.record("Range.setValue");
    this.sheet.guardWrite("Range.setValue");
    this.sheet.putAsTyped(this.row, this.column, value);
    return this;
  }
  setFormulas(formulas: string[][]): this {
    this.sheet.log.record("Range.setFormulas");
    this.sheet.guardWrite("Range.setFormulas");
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
    this.sheet.guardWrite("Range.setFormula");
    this.sheet.put(this.row, this.column, "", formula);
    return this;
  }
  setBackgrounds(colours: string[][]): this {
    this.sheet.log.record("Range.setBackgrounds");
    this.sheet.guardWrite("Range.setBackgrounds");
    colours.forEach((row, i) => {
      row.forEach((c, j) => {
        this.sheet.backgrounds.set(`${this.row + i},${this.column + j}`, c);
      });
    });
    return this;
  }
  setDataValidation(rule: unknown): this {
    this.sheet.log.record("Range.setDataValidation");
    this.sheet.guardWrite("Range.setDataValidation");
    this.sheet.validations.set(`${this.row},${this.column}`, rule);
    return this;
  }
  setNote(note: string): this {
    this.sheet.log.record("Range.setNote");
    this.sheet.guardWrite("Range.setNote");
    this.sheet.notes.set(`${this.row},${this.column}`, note);
    return this;
  }
  addDeveloperMetadata(key: string, value: string): this {
    this.sheet.log.record("Range.addDeveloperMetadata");
    this.sheet.guardWrite("Range.addDeveloperMetadata");
    if (this.kind !== "column")
      throw new Error(
        "Adding developer metadata to arbitrary ranges is not currently supported. Developer metadata may only be added to the top-level spreadsheet, an individual sheet, or an entire row or column.",
      );
    this.sheet.metadata.push({ key, value, column: this.column });
    return this;
  }
  setNumberFormat(format: string): this {
    this.sheet.log.record("Range.setNumberFormat");
    this.sheet.guardWrite("Range.setNumberFormat");
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
    this.maxColumns = grid.reduce((widest, r) => Math.max(widest, r.length), 26);
  }
  /** A write to this sheet: refused in a custom function, and on a protection the user is not in. */
  guardWrite(method: string): void {
    this.log.platform.write(method);
    if (this.protection && !this.protection.editors.includes(this.log.platform.effectiveUser))
      throw new Error(
        "You are trying to edit a protected cell or object. Please contact the spreadsheet owner to remove protection if you need to edit.",
      );
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
    // Sheets refuses a cell of more than 50,000 characters.
    if (typeof value === "string" && value.length > 50_000)
      throw new Error("Your input contains more than the maximum of 50000 characters in a single cell.");
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
    this.guardWrite("Sheet.setConditionalFormatRules");
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
  /** The spreadsheet's other sheets, for its 10,000,000-cell limit (set by the spreadsheet). */
  workbook: () => readonly FakeSheet[] = () => [this];
  private guardCells(added: number): void {
    guardWorkbookCells(this.workbook(), added);
  }
  insertRowsAfter(_after: number, howMany: number): this {
    this.log.record("Sheet.insertRowsAfter");
    this.guardWrite("Sheet.insertRowsAfter");
    this.guardCells(howMany * this.maxColumns);
    this.maxRows += howMany;
    return this;
  }
  insertColumnsAfter(_after: number, howMany: number): this {
    this.log.record("Sheet.insertColumnsAfter");
    this.guardWrite("Sheet.insertColumnsAfter");
    this.guardCells(howMany * this.maxRows);
    this.maxColumns += howMany;
    return this;
  }
  getRange(row: number | string, column = 1, numRows = 1, numColumns = 1): FakeRange {
    if (typeof row === "string") return this.rangeFromA1(row);
    if (row < 1 || column < 1 || numRows < 1 || numColumns < 1)
      throw new Error("The coordinates of the range are outside the dimensions of the sheet.");
    return new FakeRange(this, row, column, numRows, numColumns);
  }
  /** "F:F" or "B:D" (whole columns), "A1" or "A1:C3". */
  private rangeFromA1(a1: string): FakeRange {
    const number = (letters: string) => [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
    const columns = /^([A-Z]+):([A-Z]+)$/.exec(a1);
    if (columns) {
      const [from, to] = [number(columns[1] as string), number(columns[2] as string)];
      return new FakeRange(this, 1, from, this.maxRows, to - from + 1, "column");
    }
    const cells = /^([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?$/.exec(a1);
    if (!cells) throw new Error(`Range not found: ${a1}`);
    const [c1, r1] = [number(cells[1] as string), Number(cells[2])];
    const [c2, r2] = cells[3] ? [number(cells[3]), Number(cells[4])] : [c1, r1];
    return new FakeRange(this, r1, c1, r2 - r1 + 1, c2 - c1 + 1);
  }
  readonly hiddenColumns = new Set<number>();
  protection: { editors: string[]; domainEdit: boolean; description: string } | undefined;
  private protectionApi: ReturnType<FakeSheet["makeProtection"]> | undefined;
  hideColumns(column: number): this {
    this.log.record("Sheet.hideColumns");
    this.guardWrite("Sheet.hideColumns");
    this.hiddenColumns.add(column);
    return this;
  }
  /**
   * As in Sheets: the new protection's editors are the document's editors and the user who
   * protects it; neither the owner nor that user can be removed.
   */
  protect() {
    this.log.record("Sheet.protect");
    this.guardWrite("Sheet.protect");
    const platform = this.log.platform;
    const editors = [...new Set([...DOCUMENT_EDITORS, platform.effectiveUser])];
    this.protection = { editors, domainEdit: true, description: "" };
    this.protectionApi = this.makeProtection(platform.effectiveUser);
    return this.protectionApi;
  }
  getProtections(_type: string) {
    this.log.record("Sheet.getProtections");
    return this.protectionApi ? [this.protectionApi] : [];
  }
  private makeProtection(protector: string) {
    const state = this.protection as NonNullable<FakeSheet["protection"]>;
    const protection = {
      setDescription: (d: string) => {
        state.description = d;
        return protection;
      },
      getEditors: () => state.editors.map((e) => ({ getEmail: () => e })),
      removeEditors: (users: { getEmail(): string }[]) => {
        const gone = new Set(users.map((u) => u.getEmail()));
        state.editors = state.editors.filter((e) => !gone.has(e) || e === OWNER || e === protector);
        return protection;
      },
      canEdit: () => state.editors.includes(this.log.platform.effectiveUser),
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
    this.guardWrite("Sheet.removeChart");
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
    this.guardWrite("Sheet.insertChart");
    this.charts.push(chart);
  }
  clear(): this {
    this.log.record("Sheet.clear");
    this.guardWrite("Sheet.clear");
    this.values.length = 0;
    this.formulas.length = 0;
    return this;
  }
  deleteRow(row: number): this {
    this.log.record("Sheet.deleteRow");
    this.guardWrite("Sheet.deleteRow");
    this.values.splice(row - 1, 1);
    this.formulas.splice(row - 1, 1);
    return this;
  }
  hideSheet(): this {
    this.log.record("Sheet.hideSheet");
    this.guardWrite("Sheet.hideSheet");
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
    sheet.workbook = () => this.sheets;
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
  /** As in Sheets, the new sheet becomes the active one. */
  insertSheet(name: string): FakeSheet {
    this.log.record("Spreadsheet.insertSheet");
    this.log.platform.write("Spreadsheet.insertSheet");
    if (this.sheets.some((s) => s.getName() === name))
      throw new Error(`A sheet with the name "${name}" already exists.`);
    // A new sheet is 1,000 rows by 26 columns: it too counts against the spreadsheet's cells.
    guardWorkbookCells(this.sheets, 1000 * 26);
    const sheet = this.addSheet(name);
    this.active = this.sheets.length - 1;
    return sheet;
  }
  /** The selected cell (1-based) on the active sheet; null: none (as getCurrentCell may answer). */
  current: { row: number; column: number } | null = { row: 2, column: 1 };
  getCurrentCell(): FakeRange | null {
    this.log.record("Spreadsheet.getCurrentCell");
    const sheet = this.sheets[this.active];
    return this.current && sheet ? sheet.getRange(this.current.row, this.current.column) : null;
  }
  setActiveSheet(sheet: FakeSheet): FakeSheet {
    this.log.record("Spreadsheet.setActiveSheet");
    this.active = Math.max(0, this.sheets.indexOf(sheet));
    return sheet;
  }
  getId(): string {
    return this.id;
  }
  getName(): string {
    return "Leads 线索";
  }
  readonly id = `ss-${Math.floor(Math.random() * 1e9)}`;
  getSpreadsheetTimeZone(): string {
    this.log.record("Spreadsheet.getSpreadsheetTimeZone");
    return this.timeZone;
  }
  setNamedRange(name: string, range: FakeRange): void {
    this.log.record("Spreadsheet.setNamedRange");
    this.log.platform.write("Spreadsheet.setNamedRange");
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

/** A clock trigger as the fakes keep it: whose, for which document, how often. */
export interface FakeTrigger {
  handler: string;
  /** Hours between runs of a clock trigger; 0 for an edit trigger. */
  everyHours: number;
  type?: "CLOCK" | "ON_EDIT";
}

/** A request UrlFetchApp was asked to make, and how the fake "server" answers one. */
export interface FakeRequest {
  url: string;
  method: string;
  contentType: string;
  payload: string;
  muteHttpExceptions: boolean;
}
export type FakeServer = (request: FakeRequest) => number;

export interface GasFakes {
  log: CallLog;
  /** Context, scopes, user and what the platform withholds: change it between calls. */
  platform: Platform;
  spreadsheet: FakeSpreadsheet;
  documentProperties: FakeProperties;
  menus: FakeMenu[];
  /** Messages MailApp "sent". */
  outbox: { to: string; cc?: string; subject: string; body: string; htmlBody: string }[];
  /** Recipients MailApp may still reach today. */
  mail: { quota: number };
  lock: { heldElsewhere: boolean };
  /** This user's clock triggers for this document. */
  triggers: FakeTrigger[];
  /** Every clock trigger of the project, any user or document (what getProjectTriggers filters). */
  allTriggers: (FakeTrigger & { id: string; user: string; document: string })[];
  /** Texts of alerts shown, and the button the "user" presses. */
  alerts: string[];
  ui: { answer: "YES" | "NO" };
  /** Sidebars and dialogs shown: the HTML file's name (or the dialog's content) and the title. */
  sidebars: { file: string; title: string; appended?: string | undefined }[];
  dialogs: { html: string; title: string }[];
  /** Requests UrlFetchApp made, and the server that answers them (status code, or throws). */
  requests: FakeRequest[];
  http: { server: FakeServer; quota: number };
  /** The globals to install: SpreadsheetApp, PropertiesService, Session, … */
  globals: Record<string, unknown>;
}

export interface FakeOptions {
  timeZone?: string;
  /** The user's locale; `null` makes Session refuse, as in AuthMode.NONE. */
  locale?: string | null;
  /** The signed-in user's address, as Session.getActiveUser() gives it where it may. */
  user?: string;
  /** The account the script runs as; default the user, or the owner when there is none. */
  effectiveUser?: string;
  sheets?: Record<string, Grid>;
  /** Recipients left in today's MailApp quota. */
  mailQuota?: number;
  context?: FakeContext;
  /** OAuth scopes granted; default: those in appsscript.json. */
  scopes?: string[];
  unavailable?: Platform["unavailable"];
}

const formats = new Map<string, Intl.DateTimeFormat>();

/** `Utilities.formatDate` for the patterns LeadGrade uses: "Z" (+0800) and yyyy-MM-dd HH:mm. */
function formatDate(date: Date, timeZone: string, pattern: string): string {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formats.set(timeZone, format);
  }
  const parts: Record<string, string> = Object.fromEntries(
    format.formatToParts(date).map((p) => [p.type, p.value]),
  );
  const local = Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
    Number(parts.second),
  );
  const minutes = Math.round((local - Math.floor(date.getTime() / 1000) * 1000) / 60_000);
  const sign = minutes < 0 ? "-" : "+";
  const abs = Math.abs(minutes);
  const zone = `${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}${String(abs % 60).padStart(2, "0")}`;
  const part = (name: string) => parts[name] ?? "";
  return pattern
    .replace("yyyy", part("year"))
    .replace("MM", part("month"))
    .replace("dd", part("day"))
    .replace("HH", part("hour"))
    .replace("mm", part("minute"))
    .replace("Z", zone);
}

export function makeGasFakes(options: FakeOptions = {}): GasFakes {
  const log = new CallLog();
  const platform = log.platform;
  platform.context = options.context ?? "menu";
  if (options.scopes) platform.scopes = [...options.scopes];
  platform.user = options.user ?? "";
  platform.effectiveUser = options.effectiveUser ?? (options.user || OWNER);
  platform.unavailable = { ...options.unavailable };
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
  const allTriggers: GasFakes["allTriggers"] = [];
  const requests: FakeRequest[] = [];
  const http: GasFakes["http"] = { server: () => 200, quota: 20_000 };
  /** This user's triggers for this document, as plain {handler, everyHours} records. */
  const triggers: FakeTrigger[] = [];
  const sync = () => {
    triggers.length = 0;
    for (const t of allTriggers)
      if (t.user === platform.effectiveUser && t.document === spreadsheet.getId())
        triggers.push({ handler: t.handler, everyHours: t.everyHours, ...(t.type ? { type: t.type } : {}) });
  };
  const sidebars: GasFakes["sidebars"] = [];
  const dialogs: GasFakes["dialogs"] = [];
  const triggerApi = (t: GasFakes["allTriggers"][number]) => ({
    getHandlerFunction: () => t.handler,
    getEventType: () => t.type ?? "CLOCK",
    getUniqueId: () => t.id,
    getTriggerSource: () => (t.type === "ON_EDIT" ? "SPREADSHEETS" : "CLOCK"),
    getTriggerSourceId: () => (t.type === "ON_EDIT" ? t.document : null),
    ref: t,
  });
  let nextTrigger = 1;
  /** A trigger made for the running user, as ScriptApp hands it back. */
  const addTrigger = (made: FakeTrigger & { document: string }) => {
    const trigger = { ...made, id: `t${nextTrigger++}`, user: platform.effectiveUser };
    allTriggers.push(trigger);
    sync();
    return triggerApi(trigger);
  };
  const htmlOutput = (file: string, content = "") => {
    const output = {
      file,
      content,
      title: "",
      width: 0,
      height: 0,
      setTitle(title: string) {
        output.title = title;
        return output;
      },
      setWidth(w: number) {
        output.width = w;
        return output;
      },
      setHeight(h: number) {
        output.height = h;
        return output;
      },
      getContent: () => output.content,
      /** Trusted content added after the file's (HtmlOutput.append). */
      appended: "",
      append(added: string) {
        output.appended += added;
        output.content += added;
        return output;
      },
    };
    return output;
  };
  const globals = {
    HtmlService: {
      createHtmlOutputFromFile: (file: string) => {
        log.record("HtmlService.createHtmlOutputFromFile");
        return htmlOutput(file);
      },
      createHtmlOutput: (html: string) => {
        log.record("HtmlService.createHtmlOutput");
        return htmlOutput("", html);
      },
    },
    Charts: { ChartType: { BAR: "BAR", COLUMN: "COLUMN", PIE: "PIE" } },
    LockService: {
      getDocumentLock: () => {
        if (platform.unavailable.documentLock) return null;
        return {
          tryLock: () => {
            log.record("Lock.tryLock");
            return !lock.heldElsewhere;
          },
          releaseLock: () => log.record("Lock.releaseLock"),
        };
      },
    },
    MailApp: {
      getRemainingDailyQuota: () => {
        log.record("MailApp.getRemainingDailyQuota");
        platform.authorized("MailApp.getRemainingDailyQuota", SCOPES.mail);
        return mail.quota;
      },
      sendEmail: (message: GasFakes["outbox"][number]) => {
        log.record("MailApp.sendEmail");
        platform.authorized("MailApp.sendEmail", SCOPES.mail);
        const recipients = [message.to, message.cc ?? ""]
          .flatMap((list) => list.split(","))
          .filter((a) => a.trim() !== "").length;
        if (recipients > 50) throw new Error("Invalid argument: too many recipients (at most 50 a message)");
        if (mail.quota < recipients) throw new Error("Service invoked too many times for one day: email.");
        mail.quota -= recipients;
        outbox.push(message);
      },
    },
    ScriptApp: {
      EventType: { CLOCK: "CLOCK", ON_EDIT: "ON_EDIT" },
      /** Triggers of this user that belong to the given spreadsheet: its edit triggers (clock triggers belong to none). */
      getUserTriggers: (ss: FakeSpreadsheet) => {
        log.record("ScriptApp.getUserTriggers");
        platform.authorized("ScriptApp.getUserTriggers", SCOPES.triggers);
        return allTriggers
          .filter(
            (t) => t.type === "ON_EDIT" && t.user === platform.effectiveUser && t.document === ss.getId(),
          )
          .map(triggerApi);
      },
      getProjectTriggers: () => {
        log.record("ScriptApp.getProjectTriggers");
        platform.authorized("ScriptApp.getProjectTriggers", SCOPES.triggers);
        return allTriggers.filter((t) => t.user === platform.effectiveUser).map(triggerApi);
      },
      newTrigger: (handler: string) => ({
        timeBased: () => ({
          everyHours: (n: number) => ({
            create: () => {
              log.record("ScriptApp.createTrigger");
              platform.authorized("ScriptApp.newTrigger", SCOPES.triggers);
              if (!Number.isInteger(n) || n < 1)
                throw new Error("Add-ons may not run a clock trigger more often than hourly.");
              const document = spreadsheet.getId();
              if (
                allTriggers.some(
                  (t) =>
                    t.user === platform.effectiveUser &&
                    t.document === document &&
                    (t.type ?? "CLOCK") === "CLOCK",
                )
              )
                throw new Error(
                  "This add-on has created too many time-based triggers in this document for this Google user account.",
                );
              return addTrigger({ handler, everyHours: n, document });
            },
          }),
        }),
        /** An installable edit trigger: an add-on may hold one of each type per user and document. */
        forSpreadsheet: (ss: FakeSpreadsheet) => ({
          onEdit: () => ({
            create: () => {
              log.record("ScriptApp.createTrigger");
              platform.authorized("ScriptApp.newTrigger", SCOPES.triggers);
              const document = ss.getId();
              if (
                allTriggers.some(
                  (t) => t.user === platform.effectiveUser && t.document === document && t.type === "ON_EDIT",
                )
              )
                throw new Error(
                  "This add-on has created too many edit triggers in this document for this Google user account.",
                );
              return addTrigger({ handler, everyHours: 0, type: "ON_EDIT", document });
            },
          }),
        }),
      }),
      deleteTrigger: (trigger: { ref: GasFakes["allTriggers"][number] }) => {
        log.record("ScriptApp.deleteTrigger");
        platform.authorized("ScriptApp.deleteTrigger", SCOPES.triggers);
        const at = allTriggers.indexOf(trigger.ref);
        if (at >= 0) allTriggers.splice(at, 1);
        sync();
      },
    },
    SpreadsheetApp: {
      ProtectionType: { SHEET: "SHEET", RANGE: "RANGE" },
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
      getActiveSpreadsheet: () => {
        platform.need("SpreadsheetApp.getActiveSpreadsheet", SCOPES.sheets);
        return platform.unavailable.activeSpreadsheet ? null : spreadsheet;
      },
      getActive: () => {
        platform.need("SpreadsheetApp.getActive", SCOPES.sheets);
        return platform.unavailable.activeSpreadsheet ? null : spreadsheet;
      },
      getUi: () => {
        platform.need("SpreadsheetApp.getUi", SCOPES.ui);
        if (platform.context === "customFunction" || platform.context === "clock")
          throw new Error("Cannot call SpreadsheetApp.getUi() from this context.");
        return {
          ButtonSet: { YES_NO: "YES_NO" },
          Button: { YES: "YES", NO: "NO" },
          alert: (...args: string[]) => {
            alerts.push(args.join(" "));
            return ui.answer;
          },
          showSidebar: (output: { file: string; title: string; appended: string }) => {
            log.record("Ui.showSidebar");
            sidebars.push({ file: output.file, title: output.title, appended: output.appended || undefined });
          },
          showModalDialog: (output: { content: string }, title: string) => {
            log.record("Ui.showModalDialog");
            dialogs.push({ html: output.content, title });
          },
          createAddonMenu: () => {
            const menu = new FakeMenu();
            menus.push(menu);
            return menu;
          },
        };
      },
    },
    PropertiesService: {
      getDocumentProperties: () => (platform.unavailable.documentProperties ? null : documentProperties),
    },
    Session: {
      getActiveUser: () => {
        platform.need("Session.getActiveUser", SCOPES.email);
        return { getEmail: () => platform.activeEmail() };
      },
      getEffectiveUser: () => {
        platform.need("Session.getEffectiveUser", SCOPES.email);
        return { getEmail: () => platform.effectiveUser };
      },
      getScriptTimeZone: () => "Asia/Shanghai",
      getActiveUserLocale: () => {
        if (locale === null)
          throw new Error("You do not have permission to call Session.getActiveUserLocale");
        return locale;
      },
    },
    UrlFetchApp: {
      /** The request without sending it: still needs the scope. */
      getRequest: (url: string) => {
        platform.authorized("UrlFetchApp.getRequest", SCOPES.external);
        return { url };
      },
      fetch: (url: string, params: Partial<FakeRequest> = {}) => {
        log.record("UrlFetchApp.fetch");
        platform.authorized("UrlFetchApp.fetch", SCOPES.external);
        if (http.quota <= 0) throw new Error("Service invoked too many times for one day: urlfetch.");
        http.quota--;
        const request: FakeRequest = {
          url,
          method: String(params.method ?? "get").toUpperCase(),
          contentType: params.contentType ?? "",
          payload: String(params.payload ?? ""),
          muteHttpExceptions: params.muteHttpExceptions === true,
        };
        requests.push(request);
        // A network failure throws whatever muteHttpExceptions says, naming the address as Apps Script does.
        const code = http.server(request);
        if (code >= 400 && !request.muteHttpExceptions)
          throw new Error(
            `Request failed for ${url} returned code ${code}. Truncated server response: error`,
          );
        return { getResponseCode: () => code, getContentText: () => "" };
      },
    },
    Utilities: {
      DigestAlgorithm: { MD5: "md5", SHA_256: "sha256" },
      /** As in Apps Script: signed bytes. */
      computeHmacSha256Signature: (value: string, key: string) =>
        [...createHmac("sha256", key).update(value, "utf8").digest()].map((b) => (b > 127 ? b - 256 : b)),
      base64Encode: (bytes: number[]) => Buffer.from(bytes.map((b) => (b + 256) % 256)).toString("base64"),
      Charset: { UTF_8: "utf8" },
      formatDate: (date: Date, timeZone: string, pattern: string) => {
        log.record("Utilities.formatDate");
        return formatDate(date, timeZone, pattern);
      },
      /** As in Apps Script: signed bytes (−128…127). */
      computeDigest: (algorithm: string, text: string) => {
        log.record("Utilities.computeDigest");
        return [...createHash(algorithm).update(text, "utf8").digest()].map((b) => (b > 127 ? b - 256 : b));
      },
    },
  };
  return {
    log,
    platform,
    spreadsheet,
    documentProperties,
    menus,
    outbox,
    mail,
    lock,
    triggers,
    allTriggers,
    alerts,
    ui,
    sidebars,
    dialogs,
    requests,
    http,
    globals,
  };
}

/** Installs fakes as globals for code imported into the test (not the vm bundle). */
export function installGasFakes(options: FakeOptions = {}): GasFakes {
  const fakes = makeGasFakes(options);
  Object.assign(globalThis, fakes.globals);
  return fakes;
}
