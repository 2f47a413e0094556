/**
 * The one door every rule set comes through: the sidebar's edits, the stored copy, a JSON file on
 * the command line. It never throws; it returns the parsed rule set or issues a person can read.
 */
import type * as z from "zod/mini";
import { type Lang, RULE_ISSUE_TEXT } from "../i18n/messages";
import { type RuleSet, ruleSetSchema } from "./schema";

export interface RuleIssue {
  code: string;
  /** Where in the rule set, e.g. `["grades", 0, "minScore"]`. */
  path: (string | number)[];
}

export type RulesResult = { ok: true; rules: RuleSet } | { ok: false; issues: RuleIssue[] };

/**
 * Validates anything claiming to be a rule set (an object, or JSON text).
 *
 * @example
 * const r = validateRules({ ...standardPreset(), grades: [] });
 * r.ok // false; r.issues[0] = { code: "too_small", path: ["grades"] }
 */
export function validateRules(input: unknown): RulesResult {
  let value = input;
  if (typeof input === "string") {
    try {
      value = JSON.parse(input);
    } catch {
      return { ok: false, issues: [{ code: "not_json", path: [] }] };
    }
  }
  const parsed = ruleSetSchema.safeParse(value);
  if (parsed.success) return { ok: true, rules: parsed.data };
  return { ok: false, issues: parsed.error.issues.map(toRuleIssue) };
}

function toRuleIssue(issue: z.core.$ZodIssue): RuleIssue {
  const path = issue.path.map((p) => (typeof p === "number" ? p : String(p)));
  if (issue.code === "custom" || (issue.code === "invalid_format" && issue.message in RULE_ISSUE_TEXT)) {
    return { code: issue.message in RULE_ISSUE_TEXT ? issue.message : "invalid", path };
  }
  if (issue.code === "invalid_type" && issue.expected === "int") return { code: "not_integer", path };
  // Refinements on a field report as "custom" with our own code as the message.
  if (issue.message in RULE_ISSUE_TEXT && issue.code !== "invalid_type") return { code: issue.message, path };
  return { code: issue.code in RULE_ISSUE_TEXT ? issue.code : "invalid", path };
}

const PATH_WORDS: Record<string, { zh: string; en: string }> = {
  grades: { zh: "等级", en: "Grades" },
  minScore: { zh: "最低分", en: "minimum score" },
  dimensions: { zh: "评分规则", en: "Scoring rules" },
  points: { zh: "分值", en: "points" },
  sources: { zh: "来源价值", en: "Source values" },
  industries: { zh: "行业匹配", en: "Industry fit" },
  signals: { zh: "购买信号", en: "Buying signals" },
  decay: { zh: "不活跃衰减", en: "Inactivity decay" },
  followUp: { zh: "跟进", en: "Follow-up" },
  holidays: { zh: "节假日", en: "holidays" },
  cadence: { zh: "跟进频率", en: "cadence" },
  everyDays: { zh: "间隔天数", en: "every N days" },
  timeZone: { zh: "时区", en: "Time zone" },
  lifecycle: { zh: "生命周期", en: "Lifecycle" },
  color: { zh: "颜色", en: "colour" },
  reminders: { zh: "提醒", en: "Reminders" },
  sendHour: { zh: "发送时间", en: "send hour" },
  cc: { zh: "抄送", en: "copy to" },
  owners: { zh: "接收人", en: "recipients" },
};

/**
 * One line a manager can act on.
 *
 * @example
 * describeRuleIssue({ code: "thresholds_descending", path: ["grades", 1, "minScore"] }, "en")
 * // "Grades › 2 › minimum score: grade thresholds must fall from the first grade to the last"
 */
export function describeRuleIssue(issue: RuleIssue, lang: Lang): string {
  const where = issue.path
    .map((p) => (typeof p === "number" ? String(p + 1) : (PATH_WORDS[p]?.[lang] ?? p)))
    .join(" › ");
  const what = (RULE_ISSUE_TEXT[issue.code] ?? RULE_ISSUE_TEXT.invalid)?.[lang] ?? issue.code;
  return where ? `${where}: ${what}` : what;
}
