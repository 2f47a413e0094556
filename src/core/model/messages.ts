/**
 * Words for codes. The core reports problems as `{ code, path }` data; a door that shows them to a
 * person (a cell, the sidebar, the command line) turns them into words here, in Chinese or English.
 */

export type Lang = "zh" | "en";

type Catalog = Record<string, { zh: string; en: string }>;

/** Problems with a lead's cells. `{field}` is filled with the column's header. */
export const ROW_ISSUE_TEXT: Catalog = {
  bad_date: {
    zh: "{field}不是可识别的日期：写成 YYYY-MM-DD，或在规则 columns 里改用别的列",
    en: "{field} is not a date LeadGrade can read: write it as YYYY-MM-DD, or map another column in the rules' columns",
  },
  bad_number: { zh: "{field}不是数字：请填数字", en: "{field} is not a number: write a number" },
  bad_money: {
    zh: "{field}不是可识别的金额：写成 200000 或 20万",
    en: "{field} is not an amount LeadGrade can read: write it as 200000 or 200k",
  },
  bad_intent: {
    zh: "{field}应为 高/中/低：或把这个词加进规则的 intentWords",
    en: "{field} should be high/medium/low: or add the word to intentWords in the rules",
  },
  bad_override: { zh: "{field}不是有效等级,已忽略", en: "{field} is not a valid grade and was ignored" },
  future_date: { zh: "{field}晚于今天", en: "{field} is in the future" },
  negative_number: { zh: "{field}为负数", en: "{field} is negative" },
  missing_contact: { zh: "没有邮箱也没有电话", en: "no email and no phone" },
  bad_email: { zh: "{field}不是有效的邮箱", en: "{field} is not a valid email address" },
  bad_phone: {
    zh: "{field}不是有效的电话号码：境外号码加国家代码（+44 …），或在规则 phoneRegion 中指定地区",
    en: "{field} is not a valid phone number: add the country code (+44 …), or set phoneRegion in the rules",
  },
  missing_intent: { zh: "未填{field}", en: "{field} is missing" },
  missing_source: { zh: "未填{field}", en: "{field} is missing" },
  before_created: { zh: "{field}早于创建时间", en: "{field} is before the lead was created" },
  duplicate: { zh: "可能与第 {row} 行重复({field})", en: "may duplicate row {row} ({field})" },
  date_order: {
    zh: "{field}的年份在后(如 11/20/2026):请把日期顺序(规则的 dateOrder,命令行 --date-order)设为 mdy 或 dmy",
    en: "{field} has the year last (like 11/20/2026): set the date order (dateOrder in the rules, --date-order) to mdy or dmy",
  },
  formula_error: {
    zh: "{field}是公式错误值(如 #N/A),按空白处理",
    en: "{field} shows a formula error (such as #N/A) and was read as empty",
  },
};

/** Problems with a rule set, by code. */
export const RULE_ISSUE_TEXT: Catalog = {
  invalid_type: { zh: "类型不对", en: "has the wrong type" },
  too_small: { zh: "太小或太短", en: "is too small or too short" },
  too_big: { zh: "太大或太长", en: "is too large or too long" },
  invalid_value: { zh: "不是允许的取值", en: "is not one of the allowed values" },
  invalid_union: { zh: "格式不对", en: "is not in a recognised form" },
  unrecognized_keys: { zh: "含有未知的设置项", en: "has settings LeadGrade does not know" },
  not_integer: { zh: "必须是整数", en: "must be a whole number" },
  date_format: { zh: "日期须为 YYYY-MM-DD", en: "must be a date as YYYY-MM-DD" },
  time_zone: { zh: "不是有效的时区(如 Asia/Shanghai)", en: "is not a time zone (e.g. Asia/Shanghai)" },
  color_format: { zh: "颜色须为 #RRGGBB", en: "must be a colour as #RRGGBB" },
  email_format: { zh: "不是有效的邮箱地址", en: "is not an email address" },
  range_needs_bound: { zh: "范围至少要有最小值或最大值", en: "needs a minimum or a maximum" },
  range_inverted: { zh: "最小值大于最大值", en: "has a minimum above its maximum" },
  duplicate_grade: { zh: "等级名称重复", en: "repeats a grade name" },
  duplicate_id: { zh: "规则编号重复", en: "repeats a rule id" },
  thresholds_descending: {
    zh: "等级分数线须从高到低递减",
    en: "grade thresholds must fall from the first grade to the last",
  },
  lifecycle_order: {
    zh: "须满足 新客天数 ≤ 活跃天数 < 流失天数",
    en: "must satisfy new ≤ active < lost days",
  },
  not_json: { zh: "不是有效的 JSON", en: "is not valid JSON" },
  no_previous: { zh: "没有可恢复的上一版规则", en: "there are no previous rules to restore" },
  rules_too_large: {
    zh: "规则超过 100 KB:请缩短匹配词列表",
    en: "the rules are larger than 100 KB: shorten their word lists",
  },
  storage_full: {
    zh: "文档属性存储已满,规则未保存:请缩短匹配词列表后再保存",
    en: "the document's property storage is full and the rules were not saved: shorten their word lists and save again",
  },
  invalid: { zh: "无效", en: "is invalid" },
};

/** Problems with a whole table. */
/** Problems with a line of a follow-up log (see readTouchLog), by code. */
export const TOUCH_PROBLEM_TEXT: Catalog = {
  touch_no_lead: { zh: "没有写线索", en: "names no lead" },
  touch_bad_when: { zh: "时间读不出", en: "its When is not a date" },
  touch_bad_next: {
    zh: "下次日期读不出(这条跟进仍计入)",
    en: "its Next is not a date (the touch still counts)",
  },
  touch_unknown_lead: {
    zh: "表里没有这条线索(按邮箱、电话或“姓名 / 公司”匹配)",
    en: "no lead of the sheet has this key (matched by e-mail, phone or “name / company”)",
  },
  touch_after_as_of: { zh: "时间在评分日之后,未计入", en: "is dated after the grading day, not counted" },
};

export const TABLE_ISSUE_TEXT: Catalog = {
  no_header: {
    zh: "第一行没有可识别的表头(如 客户名称、来源、意向)",
    en: "The first row has no recognisable headers (e.g. Name, Source, Intent)",
  },
  manual_column_missing: {
    zh: "规则指定的列“{header}”不存在",
    en: 'The column "{header}" named in the rules is not in the sheet',
  },
  column_not_used: {
    zh: "“{header}”按表头像是{field},但其中的值是 {examples}:未使用(如确是,在规则 columns 里指定)",
    en: '"{header}" looks like {field} by name, but its values are {examples}: not used (map it in the rules\' columns if it is)',
  },
  date_order_inferred: {
    zh: "{field}的日期年份在后,按其中的值读作 {order}",
    en: "{field} has dates with the year last, read as {order} from its own values",
  },
  two_digit_years: {
    zh: "{field}的年份只有两位,按年份在前读(20-10-16 即 2020-10-16);如年份在后,把规则的 dateOrder(命令行 --date-order)设为 dmy 或 mdy",
    en: "{field} has two-digit years, read with the year first (20-10-16 is 2020-10-16); if the year is last, set dateOrder in the rules (--date-order) to dmy or mdy",
  },
  phone_region: {
    zh: "没有国家代码的电话按 {region} 的号码规则检查{how}",
    en: "phone numbers without a country code are checked as {region} numbers{how}",
  },
  column_by_values: {
    zh: "“{header}”按其中的值作为{field}使用",
    en: '"{header}" is used as {field}, from its values',
  },
};

/** Fills `{name}` placeholders. */
export function fillText(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => values[key] ?? "");
}
