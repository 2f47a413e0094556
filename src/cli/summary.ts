/**
 * What the command prints after a run: grade distribution, overdue per owner, data issues,
 * completeness and duplicate groups.
 */
import type { Lang, PassResult, RuleSet } from "../core/index";
import {
  WORDS as CORE_WORDS,
  describeRowIssue,
  type Field,
  fillText,
  localText,
  TABLE_ISSUE_TEXT,
} from "../core/index";
import { CLI_WORDS } from "./locales/index";
import { withoutControls } from "./withoutControls";

const WORDS = { zh: CLI_WORDS.zh.summary, en: CLI_WORDS.en.summary };

interface SummaryLines {
  title: string;
  lines: [string, string][];
}

/** "2、5 · 9、12", in sheet row numbers (the first lead's is `firstRow`), at most ten groups. */
function duplicateGroups(result: PassResult, lang: Lang, firstRow: number): string {
  const groups = new Map<number, number[]>();
  result.rows.forEach((row, i) => {
    if (row.duplicateOf === null) return;
    const group = groups.get(row.duplicateOf) ?? [row.duplicateOf];
    group.push(i);
    groups.set(row.duplicateOf, group);
  });
  const listed = [...groups.values()]
    .slice(0, 10)
    .map((g) => g.map((r) => r + firstRow).join(CLI_WORDS[lang].lists.separator));
  const more = groups.size > 10 ? CLI_WORDS[lang].lists.moreGroups(groups.size) : "";
  return listed.join(" · ") + more;
}

function summaryLines(result: PassResult, rules: RuleSet, lang: Lang, firstRow: number): SummaryLines {
  const w = WORDS[lang];
  const s = result.summary;
  const columnNotes = result.issues
    .filter(
      (i) =>
        i.code === "column_not_used" ||
        i.code === "column_by_values" ||
        i.code === "date_order_inferred" ||
        i.code === "two_digit_years" ||
        i.code === "phone_region",
    )
    .map((i) =>
      fillText(TABLE_ISSUE_TEXT[i.code]?.[lang] ?? "", {
        header: i.header ?? "",
        field: i.field ? CORE_WORDS[lang].fields[i.field] : "",
        examples: (i.examples ?? []).join("/"),
        region: i.region ?? "",
        how: i.inferred ? CLI_WORDS[lang].phoneInferred : "",
        order: i.order === "mdy" ? CLI_WORDS[lang].monthFirst : CLI_WORDS[lang].dayFirst,
      }),
    );
  const grades = rules.grades
    .map((g) => `${g.grade} ${localText(g.label, lang)}: ${s.byGrade[g.grade] ?? 0}`)
    .join(" · ");
  const overdue = Object.entries(s.overdueByOwner)
    .sort((a, b) => b[1] - a[1])
    .map(([owner, n]) => `${owner === "—" ? w.unassigned : owner} ${n}`)
    .join(" · ");
  const issueExamples = new Map<string, string>();
  result.rows.forEach((row) => {
    for (const issue of row.issues) {
      const key = `${issue.code}:${issue.field}`;
      // A duplicate (or 撞单) names its own row; the summary speaks of all of them.
      const text =
        issue.code === "duplicate"
          ? w.duplicates
          : issue.code === "owner_conflict"
            ? w.ownerConflicts
            : describeRowIssue(issue, result.headers, lang);
      if (!issueExamples.has(key)) issueExamples.set(key, text);
    }
  });
  const issues = [...issueExamples.entries()]
    .map(([key, text]) => {
      const [code = "", field = ""] = key.split(":");
      const count = result.rows.filter((r) =>
        r.issues.some((i) => i.code === code && i.field === field),
      ).length;
      return `${text} (${w.rows(count)})`;
    })
    .join("; ");
  return {
    title: `${w.title} — ${w.asOf} ${result.asOf} (${result.timeZone})`,
    lines: [
      [`${s.leads} ${w.leads}`, s.blank > 0 ? `${s.blank} ${w.blank}` : ""],
      [w.columns, columnMapping(result, lang)],
      ...columnNotes.map((note): [string, string] => [w.columnNote, note]),
      [w.grades, grades],
      [w.overdue, overdue || w.none],
      [w.due, String(s.dueToday)],
      [w.issues, issues || w.none],
      [w.completeness, `${s.completeness}%`],
      [w.groups, duplicateGroups(result, lang, firstRow) || w.none],
    ],
  };
}

/** "Name ← Last Name · Source ← Lead Source …": which column became which field. */
function columnMapping(result: PassResult, lang: Lang): string {
  return (Object.entries(result.headers) as [Field, string][])
    .map(([field, header]) => `${CORE_WORDS[lang].fields[field]} ← ${header}`)
    .join(" · ");
}

/** `firstRow`: the sheet row of the first lead (2 below a header in row 1). */
export function summaryText(result: PassResult, rules: RuleSet, lang: Lang, firstRow = 2): string {
  const { title, lines } = summaryLines(result, rules, lang, firstRow);
  const [[count, blank], ...rest] = lines as [[string, string], ...[string, string][]];
  const text = [title, `  ${blank ? `${count} · ${blank}` : count}`, ...rest.map(([k, v]) => `  ${k}: ${v}`)];
  // Owners and headers are the sheet's text: no escape sequence of theirs reaches the terminal.
  return text.map(withoutControls).join("\n");
}

const ENCODING_NAMES: Record<string, string> = {
  "utf-8": "UTF-8",
  "utf-16le": "UTF-16 LE",
  "utf-16be": "UTF-16 BE",
  gb18030: "GB18030 (GBK)",
  unknown: "UTF-8?",
};

/** "lines 3, 7, 9 and 12 more" */
function lineList(lines: readonly number[], lang: Lang): string {
  const shown = lines.slice(0, 10).join(CLI_WORDS[lang].lists.separator);
  const more = lines.length > 10 ? CLI_WORDS[lang].lists.moreLines(lines.length) : "";
  return `${shown}${more}`;
}

/**
 * What the summary says of a CSV's encoding: the one it was read in, and the lines that did not
 * fit it (broken bytes shown as �, or text in a second encoding), so nothing is rewritten silently.
 */
export function encodingLines(
  table: { encoding?: string; badLines?: number[]; otherEncodingLines?: number[] },
  lang: Lang,
): string[] {
  if (table.encoding === undefined) return [];
  const w = CLI_WORDS[lang];
  const name = ENCODING_NAMES[table.encoding] ?? table.encoding;
  const lines = [w.encoding(name)];
  const other = new Set(table.otherEncodingLines ?? []);
  const broken = (table.badLines ?? []).filter((n) => !other.has(n));
  const second = table.encoding === "gb18030" ? "UTF-8" : "GB18030";
  if (broken.length > 0) lines.push(w.encodingBroken(lineList(broken, lang), name));
  if (other.size > 0)
    lines.push(w.encodingMixed(lineList([...other], lang), second, table.encoding === "gb18030"));
  return lines;
}
