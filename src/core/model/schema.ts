/**
 * The rule set: every choice a manager can make about grading, as one versioned zod schema. Types
 * are inferred from it; the sidebar, the rules store and the command line all validate with it
 * (see `validateRules`). Rules are data — `field / op / value → points`, combined with
 * `all / any / not` — so they can be stored, previewed and diffed.
 */
import * as z from "zod/mini";
import { civilDayFromIso, isKnownTimeZone } from "../text/civilDay";
import { isEmailAddress } from "../text/isEmailAddress";
import { DATE_ORDERS } from "../text/parseDateCell";
import { utf8Length } from "../text/utf8Length";
import { FIELDS } from "./fields";

/** The most a rule set may take as JSON (UTF-8): the add-on keeps two versions in 500 KB. */
export const MAX_RULES_BYTES = 100 * 1024;

export const RULES_SCHEMA_VERSION = 1;

// zod/mini: the same schemas and types as classic zod at a fraction of the size, which matters in
// the Apps Script bundle that every formula call loads.
const text = (max: number) => z.string().check(z.minLength(1), z.maxLength(max));
const wholeNumber = (min: number, max: number) => z.int().check(z.gte(min), z.lte(max));
const points = wholeNumber(-100, 100);
const isoDate = z
  .string()
  .check(z.refine((s) => civilDayFromIso(s) !== undefined, { message: "date_format" }));

export const fieldSchema = z.enum(FIELDS);

/** Text in the rule author's words, or in both languages for presets. */
export const localTextSchema = z.union([text(80), z.object({ zh: text(80), en: text(80) })]);
export type LocalText = z.infer<typeof localTextSchema>;

export const conditionSchema = z.discriminatedUnion("op", [
  z.object({ field: fieldSchema, op: z.literal("equals"), value: z.union([text(200), z.number()]) }),
  z.object({
    field: fieldSchema,
    op: z.literal("oneOf"),
    values: z.array(z.union([text(200), z.number()])).check(z.minLength(1)),
  }),
  z.object({
    field: fieldSchema,
    op: z.literal("contains"),
    values: z.array(text(200)).check(z.minLength(1)),
  }),
  z
    .object({
      field: fieldSchema,
      op: z.literal("range"),
      min: z.optional(z.number()),
      max: z.optional(z.number()),
    })
    .check(
      z.refine((c) => c.min !== undefined || c.max !== undefined, { message: "range_needs_bound" }),
      z.refine((c) => c.min === undefined || c.max === undefined || c.min <= c.max, {
        message: "range_inverted",
      }),
    ),
  z.object({ field: fieldSchema, op: z.literal("missing") }),
  z.object({ field: fieldSchema, op: z.literal("present") }),
  z.object({ field: fieldSchema, op: z.literal("withinDays"), days: wholeNumber(0, 3650) }),
  z.object({ field: fieldSchema, op: z.literal("olderThanDays"), days: wholeNumber(0, 3650) }),
]);
export type Condition = z.infer<typeof conditionSchema>;

export type When = Condition | { all: When[] } | { any: When[] } | { not: When };
export const whenSchema: z.ZodMiniType<When> = z.lazy(() =>
  z.union([
    conditionSchema,
    z.object({ all: z.array(whenSchema).check(z.minLength(1)) }),
    z.object({ any: z.array(whenSchema).check(z.minLength(1)) }),
    z.object({ not: whenSchema }),
  ]),
);

export const dimensionRuleSchema = z.object({
  id: text(40),
  /** Group for caps and reports: intent, budget, timeline, rfm, engagement, … */
  group: text(30),
  /** Shown in the why text, e.g. `意向` gives `+30 意向=高`. */
  label: localTextSchema,
  when: whenSchema,
  points,
});
export type DimensionRule = z.infer<typeof dimensionRuleSchema>;

/** A table of values for one text field (sources, industries): first entry whose words match. */
export const valueTableSchema = z.object({
  label: localTextSchema,
  entries: z
    .array(z.object({ name: localTextSchema, match: z.array(text(60)).check(z.minLength(1)), points }))
    .check(z.maxLength(100)),
  /** Points for a value that matches no entry (a present but unlisted value). */
  otherPoints: z._default(points, 0),
});
export type ValueTable = z.infer<typeof valueTableSchema>;

export const signalSchema = z.object({
  id: text(40),
  label: localTextSchema,
  /** Words or phrases found in notes; Latin ones match whole words only. */
  phrases: z.array(text(60)).check(z.minLength(1)),
  points,
});
export type Signal = z.infer<typeof signalSchema>;

/**
 * Points for the values of a column of the sheet that no field names (what learning found in
 * `Lead Origin` or `TotalVisits`): the first value or range that matches gives its points. The
 * column is found by its header; a sheet without it scores nothing here.
 */
export const columnPointsSchema = z.object({
  header: text(120),
  /** Values matched whole, whatever their case or width. */
  values: z._default(z.array(z.object({ value: text(200), points })).check(z.maxLength(100)), []),
  /** Numbers from `min` (inclusive) up to `max` (exclusive). */
  ranges: z._default(
    z
      .array(z.object({ min: z.optional(z.number()), max: z.optional(z.number()), points }))
      .check(z.maxLength(20)),
    [],
  ),
  /** Points for a cell that matches no value or range, an empty one included. */
  otherPoints: z._default(points, 0),
  /** The column holds dates: the ranges are days since the date, as of the day graded. */
  daysSince: z.optional(z.boolean()),
});
export type ColumnPoints = z.infer<typeof columnPointsSchema>;

/**
 * Follow-ups logged as events (跟进记录): the ways a rep makes contact and what one touch of each
 * way is worth within a span of days (windowDays). A touch whose note says nobody answered is worth
 * `noAnswer.points` whatever its way.
 */
export const touchRulesSchema = z.object({
  ways: z
    .array(z.object({ name: localTextSchema, match: z.array(text(60)).check(z.minLength(1)), points }))
    .check(z.minLength(1), z.maxLength(20)),
  /** A touch whose way matches no entry. */
  otherPoints: z._default(points, 0),
  windowDays: wholeNumber(1, 365),
  /** The most points all touches within windowDays give. */
  maxPoints: wholeNumber(0, 100),
  noAnswer: z.object({ match: z.array(text(40)).check(z.maxLength(50)), points }),
  /** A logged touch newer than the sheet's Last contact cell counts as the last contact. */
  asLastContact: z._default(z.boolean(), true),
});
export type TouchRules = z.infer<typeof touchRulesSchema>;

/** What a logged touch is worth where the rules say nothing: both presets use it. */
export const DEFAULT_TOUCH_RULES: TouchRules = {
  ways: [
    { name: { zh: "拜访", en: "visit" }, match: ["拜访", "上门", "面谈", "visit", "on-site"], points: 10 },
    {
      name: { zh: "会议", en: "meeting" },
      match: ["会议", "演示", "meeting", "demo", "video call"],
      points: 10,
    },
    { name: { zh: "电话", en: "call" }, match: ["电话", "致电", "call", "phone"], points: 5 },
    { name: { zh: "微信", en: "WeChat" }, match: ["微信", "wechat", "weixin"], points: 4 },
    { name: { zh: "邮件", en: "e-mail" }, match: ["邮件", "email", "e-mail", "mail"], points: 3 },
    { name: { zh: "其他", en: "other" }, match: ["其他", "other"], points: 2 },
  ],
  otherPoints: 2,
  windowDays: 14,
  maxPoints: 20,
  noAnswer: {
    match: [
      "未接",
      "没接",
      "无人接听",
      "未回复",
      "不回复",
      "no answer",
      "no reply",
      "voicemail",
      "not answered",
    ],
    points: 1,
  },
  asLastContact: true,
};

/** Chat webhooks alerts go to, by the format each takes (see after/alerts/alertMessage). */
export const ALERT_CHANNELS = ["googleChat", "slack", "wecom", "dingtalk", "feishu", "json"] as const;

export const DEFAULT_ALERTS = {
  enabled: false,
  email: true,
  manager: "",
  webhooks: [],
  quietHours: { from: 21, to: 8 },
  dailyCap: 10,
};

export const DEFAULT_POOL = {
  enabled: false,
  owner: "公海",
  limits: {},
  graceDays: 1,
  protectionDays: 2,
  maxPerRep: 200,
  cooldownDays: 7,
  writeOwner: false,
};

const cadenceSchema = z.object({
  /** A lead never contacted is due this many days after it was created (A: within 24 hours). */
  firstContactWithinDays: wholeNumber(0, 365),
  /** Then every this many days after the last contact. */
  everyDays: wholeNumber(1, 365),
});

export const gradeSchema = z.object({
  grade: text(8),
  label: localTextSchema,
  /** Lowest score that earns this grade; the last grade takes everything below. */
  minScore: z.number().check(z.gte(0), z.lte(100)),
  cadence: cadenceSchema,
  color: z.string().check(z.regex(/^#[0-9a-fA-F]{6}$/, { message: "color_format" })),
});
export type GradeDef = z.infer<typeof gradeSchema>;

/** A sales rep: where reminders go, and what assignment needs to know. */
export const repSchema = z.object({
  name: text(60),
  email: z.optional(z.string().check(z.maxLength(120))),
  /** Expertise: leads in these industries, regions or languages go to this rep first. */
  industries: z.optional(z.array(text(40)).check(z.maxLength(50))),
  regions: z.optional(z.array(text(40)).check(z.maxLength(50))),
  languages: z.optional(z.array(z.enum(["zh", "en"]))),
  /** Share of new leads relative to other reps (2 = twice as many); default 1. */
  capacity: z.optional(z.number().check(z.gt(0), z.lte(100))),
  /** At most this many new leads a day. */
  dailyCap: z.optional(wholeNumber(0, 10_000)),
  /** On leave: gets no new leads. */
  away: z.optional(z.boolean()),
});
export type Rep = z.infer<typeof repSchema>;

export const ruleSetSchema = z
  .object({
    schemaVersion: z.literal(RULES_SCHEMA_VERSION),
    name: text(80),
    preset: z.enum(["standard", "simple", "custom"]),
    /** IANA time zone for dates, follow-ups and "today"; the sheet's own zone by default. */
    timeZone: z.string().check(z.refine(isKnownTimeZone, { message: "time_zone" })),
    /**
     * How text dates with the year last are read: "mdy" 11/20/2026 (a US export), "dmy"
     * 20/11/2026 or 20.11.2026; "ymd" (the default) reads only dates that start with the year.
     */
    dateOrder: z._default(z.enum(DATE_ORDERS), "ymd"),
    /** Field → header text (or column letter); wins over header detection. */
    columns: z._default(z.partialRecord(fieldSchema, text(100)), {}),
    /** Words this team writes for intent, beyond the built-in ones (高/中/低, hot/warm/cold…). */
    intentWords: z._default(
      z.object({
        high: z.array(text(40)).check(z.maxLength(100)),
        medium: z.array(text(40)).check(z.maxLength(100)),
        low: z.array(text(40)).check(z.maxLength(100)),
      }),
      { high: [], medium: [], low: [] },
    ),
    /** Headers of columns LeadGrade must not read at all ("Do Not Email"), whatever they look like. */
    ignore: z._default(z.array(text(100)).check(z.maxLength(200)), []),
    dimensions: z.array(dimensionRuleSchema).check(z.maxLength(200)),
    sources: valueTableSchema,
    industries: valueTableSchema,
    /** Points per value of other columns of the sheet (learned from won/lost history, or set by hand). */
    columnPoints: z._default(z.array(columnPointsSchema).check(z.maxLength(40)), []),
    signals: z.object({
      items: z.array(signalSchema).check(z.maxLength(50)),
      /** Words that, before a signal in the same clause, cancel it: 不需要报价, not interested in pricing. */
      negations: z.array(text(30)).check(z.maxLength(100)),
    }),
    decay: z.object({
      enabled: z.boolean(),
      /** Days without contact before the score starts to fade. */
      graceDays: wholeNumber(0, 365),
      /** After the grace, the positive score halves every this many days. */
      halfLifeDays: wholeNumber(1, 3650),
      /** Never take more than this many points. */
      maxPenalty: wholeNumber(0, 100),
    }),
    /** Upper (and lower) bounds per rule group; the total is always 0–100. */
    caps: z._default(
      z.record(z.string(), z.object({ min: z.optional(z.number()), max: z.optional(z.number()) })),
      {},
    ),
    grades: z.array(gradeSchema).check(z.minLength(2), z.maxLength(8)),
    followUp: z.object({
      /** 0 = Sunday … 6 = Saturday. */
      workingDays: z.array(wholeNumber(0, 6)).check(z.minLength(1), z.maxLength(7)),
      holidays: z.array(isoDate).check(z.maxLength(400)),
      /** Weekend days that are working days (调休). */
      extraWorkingDays: z._default(z.array(isoDate).check(z.maxLength(100)), []),
    }),
    lifecycle: z
      .object({
        newWithinDays: wholeNumber(1, 3650),
        activeWithinDays: wholeNumber(1, 3650),
        lostAfterDays: wholeNumber(1, 3650),
      })
      .check(
        z.refine((l) => l.newWithinDays <= l.activeWithinDays && l.activeWithinDays < l.lostAfterDays, {
          message: "lifecycle_order",
        }),
      ),
    /** The sales team: who owns leads and where their reminders go (an Owner cell names a rep or is an address). */
    reps: z._default(z.array(repSchema).check(z.maxLength(500)), []),
    /**
     * Hand-set grades (seed 004: recorded; important ones confirmed by a supervisor). With approvers
     * listed, a hand-set grade into or out of one of `approvalFor` waits for one of them.
     */
    overrides: z._default(
      z.object({
        approvers: z.array(z.string().check(z.maxLength(120))).check(z.maxLength(50)),
        approvalFor: z.array(text(8)).check(z.maxLength(8)),
      }),
      { approvers: [], approvalFor: ["A"] },
    ),
    /** Who gets the daily follow-up digest, and when. */
    reminders: z._default(
      z.object({
        enabled: z.boolean(),
        /** Digests go out from the first hourly run at or after this hour, in the rules' time zone. */
        sendHour: wholeNumber(0, 23),
        /** Only these owners receive a digest; empty means every owner with leads due. */
        owners: z.array(text(60)).check(z.maxLength(200)),
        /** Addresses copied on every digest, e.g. the sales manager. */
        cc: z
          .array(z.string().check(z.refine(isEmailAddress, { message: "email_format" })))
          .check(z.maxLength(20)),
      }),
      { enabled: true, sendHour: 8, owners: [], cc: [] },
    ),
    /**
     * Alerts at once (seed 004: an A lead is contacted within 24 hours): a lead reaching the top
     * grade, a new buying signal, a hand-set grade awaiting approval, a lead to reclaim for the
     * pool. To the owner by e-mail and to chat webhooks, outside quiet hours, within a day's cap.
     */
    alerts: z._default(
      z.object({
        enabled: z.boolean(),
        /** E-mail each owner their alerts (an Owner cell that is an address, or a rep's email). */
        email: z.boolean(),
        /** An address copied on every alert e-mail (the sales manager); "" for none. */
        manager: z.union([
          z.literal(""),
          z.string().check(z.refine(isEmailAddress, { message: "email_format" })),
        ]),
        /** Chat robots' addresses (with their signing secret for 钉钉 and 飞书); secrets: never shown once saved. */
        webhooks: z
          .array(
            z.object({
              url: z
                .string()
                .check(z.regex(/^https:\/\/[^\s]+$/, { message: "webhook_url" }), z.maxLength(500)),
              secret: z.optional(z.string().check(z.maxLength(200))),
              channel: z.optional(z.enum(ALERT_CHANNELS)),
            }),
          )
          .check(z.maxLength(5)),
        /** No alert goes out from `from` o'clock to `to` o'clock in the rules' zone (held until then); equal: none. */
        quietHours: z.object({ from: wholeNumber(0, 23), to: wholeNumber(0, 23) }),
        /** Messages a day per recipient (an address, a webhook); past it, alerts wait for the next day. */
        dailyCap: wholeNumber(1, 1000),
      }),
      () => ({ ...DEFAULT_ALERTS, webhooks: [], quietHours: { ...DEFAULT_ALERTS.quietHours } }),
    ),
    /**
     * The lead pool (公海): a lead its owner neglects goes back to the pool. Days are working days
     * (the followUp calendar). A grade's limits default to its cadence plus `graceDays`.
     */
    pool: z._default(
      z.object({
        enabled: z.boolean(),
        /** The pool's owner name, written in the Owner cell of a lead in the pool. */
        owner: text(60),
        /** Per grade: working days after taking a lead to contact it first, then between contacts. */
        limits: z._default(
          z.record(
            z.string(),
            z.object({ firstContactDays: wholeNumber(0, 365), followUpDays: wholeNumber(1, 365) }),
          ),
          {},
        ),
        graceDays: z._default(wholeNumber(0, 365), 1),
        /** Working days after a lead is taken during which it is never reclaimed. */
        protectionDays: wholeNumber(0, 365),
        /** The most open leads one rep may hold when taking from the pool. */
        maxPerRep: wholeNumber(1, 100_000),
        /** Working days before a rep may take back a lead they lost to the pool. */
        cooldownDays: wholeNumber(0, 365),
        /** Write the pool's name in the Owner cell at once; off: the lead is flagged and a manager confirms. */
        writeOwner: z.boolean(),
      }),
      () => ({ ...DEFAULT_POOL, limits: {} }),
    ),
    /**
     * The country (ISO 3166 code, e.g. "US", "CN") whose numbering plan phone numbers written
     * without "+country" are checked in; when unset, the plan most of the column's numbers fit.
     */
    phoneRegion: z.optional(z.string().check(z.regex(/^[A-Za-z]{2}$/))),
    /** Follow-ups logged as events: what they are worth, and whether they count as last contact. */
    /** Days of grade history kept (the add-on's hidden history sheet, the command's --history file). */
    historyKeepDays: z._default(wholeNumber(7, 3650), 180),
    touches: z._default(
      touchRulesSchema,
      () => JSON.parse(JSON.stringify(DEFAULT_TOUCH_RULES)) as TouchRules,
    ),
    /** Status/stage words that mean the lead is closed: won leads are customers, lost ones need no follow-up. */
    outcomes: z.object({
      won: z.array(text(40)).check(z.maxLength(50)),
      lost: z.array(text(40)).check(z.maxLength(50)),
    }),
  })
  .check(
    z.superRefine((rules, ctx) => {
      // Two versions (current and previous) must fit a document's 500 KB of properties.
      if (utf8Length(JSON.stringify(rules)) > MAX_RULES_BYTES)
        ctx.addIssue({ code: "custom", path: [], message: "rules_too_large" });
      const seen = new Set<string>();
      rules.grades.forEach((g, i) => {
        if (seen.has(g.grade))
          ctx.addIssue({ code: "custom", path: ["grades", i, "grade"], message: "duplicate_grade" });
        seen.add(g.grade);
        const prev = rules.grades[i - 1];
        if (prev && g.minScore >= prev.minScore && i < rules.grades.length - 1) {
          ctx.addIssue({ code: "custom", path: ["grades", i, "minScore"], message: "thresholds_descending" });
        }
      });
      const ids = new Set<string>();
      rules.dimensions.forEach((d, i) => {
        if (ids.has(d.id))
          ctx.addIssue({ code: "custom", path: ["dimensions", i, "id"], message: "duplicate_id" });
        ids.add(d.id);
      });
    }),
  );

export type RuleSet = z.infer<typeof ruleSetSchema>;
/** What a person or a file may hand in before defaults are filled. */
export type RuleSetInput = z.input<typeof ruleSetSchema>;
