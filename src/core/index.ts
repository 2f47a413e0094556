/**
 * LeadGrade's engine: pure TypeScript with no Apps Script, DOM or Node. Every door (custom
 * functions, the hourly job, the sidebar, the command line) imports from here.
 */

export {
  alertMessage,
  CHANNELS,
  type Channel,
  channelOf,
  signatureInput,
} from "./after/alerts/alertMessage";
export { type Alert, type AlertReason, type AlertState, findAlerts } from "./after/alerts/findAlerts";
export {
  type Delivery,
  type DeliveryLedger,
  type HeldAlert,
  inQuietHours,
  MAX_HELD,
  maskWebhook,
  planDelivery,
  settle,
  withoutWebhooks,
} from "./after/alerts/planDelivery";
export { poolAlerts } from "./after/alerts/poolAlerts";
export { HIDDEN_SECRET, maskRuleSecrets, restoreRuleSecrets } from "./after/alerts/ruleSecrets";
export { buildDigests, type Digest, type DigestLead } from "./after/digest/buildDigests";
export {
  isEmailAddress,
  ownerAddress,
  planReminders,
  type ReminderPlan,
  remindersDue,
} from "./after/digest/planReminders";
export { escapeHtml, type RenderedDigest, renderDigest } from "./after/digest/renderDigest";
export {
  appendHistory,
  HISTORY_HEADER,
  HISTORY_KEEP_DAYS,
  type HistoryEntry,
  historyChanges,
  historyRow,
  pruneHistory,
  readHistory,
  TREND_LABEL,
  type Trend,
  trendColumn,
  type WhatChanged,
  whatChanged,
} from "./after/history/gradeHistory";
export { type WeekTable, type WeekView, weekTables } from "./after/history/weekTables";
export {
  auc,
  type Learned,
  learnFromOutcomes,
  MIN_OUTCOMES,
  type PointSuggestion,
  thresholdsFor,
  withGrades,
} from "./after/learn/learnFromOutcomes";
export { learningText } from "./after/learn/learningText";
export {
  type Contribution,
  type Example,
  predictNaiveBayes,
  trainNaiveBayes,
} from "./after/learn/naiveBayes";
export { DEFAULT_MIX, suggestThresholds } from "./after/learn/suggestThresholds";
export {
  type AuditEntry,
  formatOverrideState,
  type OverrideState,
  parseOverrideState,
  trackOverrides,
} from "./after/overrides/trackOverrides";
export {
  canTake,
  leadsToReclaim,
  POOL_WORDS,
  type Reclaim,
  type ReclaimReason,
  reclaimText,
  sameOwner,
  type TakeAnswer,
  takeRefusalText,
  workingDaysSince,
} from "./after/pool/leadPool";
export {
  buildReport,
  type Conversion,
  type Inversion,
  quantile,
  type Report,
  type ResponseTime,
} from "./after/report/buildReport";
export { type ReportTable, reportTables } from "./after/report/reportTables";
export { type Assignment, type AssignOptions, assignLeads } from "./after/team/assignLeads";
export { describeRowIssue } from "./explain/describeRowIssue";
export { describeWhen } from "./explain/describeWhen";
export { formatTraceItem, formatWhy, localText, signedPoints } from "./explain/formatWhy";
export { followUpStatus, nextFollowUp, workCalendar } from "./grade/followup/nextFollowUp";
export { type LifecycleStage, lifecycleStage } from "./grade/lifecycle/lifecycleStage";
export { type MergedRow, mergeRows } from "./grade/quality/mergeRows";
export { quintileScores } from "./grade/rfm/rfmScores";
export { RFM_SEGMENTS, type RfmSegment, rfmSegment } from "./grade/rfm/rfmSegment";
export { compileScorer, type TraceItem } from "./grade/scoring/compileScorer";
export { gradeFromScore, parseGradeOverride } from "./grade/scoring/gradeFromScore";
export { compileSignalDetector } from "./grade/signals/detectBuyingSignals";
export { FIELDS, type Field } from "./model/fields";
export { WORDS, type Words } from "./model/locales/index";
export { fillText, type Lang, ROW_ISSUE_TEXT, TABLE_ISSUE_TEXT, TOUCH_PROBLEM_TEXT } from "./model/messages";
export { simplePreset, standardPreset } from "./model/presets";
export {
  MAX_RULES_BYTES,
  RULES_SCHEMA_VERSION,
  type RuleSet,
  type RuleSetInput,
  ruleSetSchema,
} from "./model/schema";
export { describeRuleIssue, type RuleIssue, type RulesResult, validateRules } from "./model/validateRules";
export { compareRules, type GradeChange, type RulesComparison } from "./pass/compareRules";
export { fnv1a } from "./pass/fingerprint";
export {
  distinctOutputHeader,
  earlierOutputColumns,
  headerLanguage,
  OUTPUT_COLUMNS,
  OUTPUT_LABELS,
  type OutputColumn,
  type OutputValue,
  outputCells,
  outputHeader,
  outputRow,
  SEGMENT_LABELS,
  STAGE_LABELS,
} from "./pass/outputColumns";
export {
  type LeadResult,
  type PassOptions,
  type PassResult,
  type PassSummary,
  runPass,
  type Table,
  type TableIssue,
  type TouchLogResult,
} from "./pass/runPass";
export { type ColumnMap, findColumns, HEADER_SYNONYMS, normaliseHeader } from "./read/findColumns";
export type { RowIssue } from "./read/readColumns";
export {
  type LoggedTouch,
  readTouchLog,
  TOUCH_LOG_FIELDS,
  TOUCH_LOG_HEADERS,
  type TouchLogField,
  type TouchProblem,
  touchLogColumns,
} from "./read/readTouchLog";
export { columnLetter } from "./text/a1Notation";
export { type CellValue, cellText, filledRowCount, isDate } from "./text/cell";
export {
  type CivilDay,
  civilDayFromIso,
  intlZoneOffset,
  isKnownTimeZone,
  isoFromCivilDay,
  type ZoneOffset,
  ZoneOffsetError,
  zoneClock,
} from "./text/civilDay";
export { DATE_ORDERS, type DateOrder, parseDateCell } from "./text/parseDateCell";
export { utf8Length } from "./text/utf8Length";
export { widestRow } from "./text/widestRow";
