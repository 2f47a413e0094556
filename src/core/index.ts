/**
 * LeadGrade's engine: pure TypeScript with no Apps Script, DOM or Node. Every door (custom
 * functions, the hourly job, the sidebar, the command line) imports from here.
 */
export { columnLetter } from "./a1Notation";
export { type ColumnMap, findColumns, HEADER_SYNONYMS, normaliseHeader } from "./columns/findColumns";
export {
  type CivilDay,
  civilDayFromIso,
  intlZoneOffset,
  isKnownTimeZone,
  isoFromCivilDay,
  type ZoneOffset,
  ZoneOffsetError,
  zoneClock,
} from "./dates/civilDay";
export { buildDigests, type Digest, type DigestLead } from "./digest/buildDigests";
export {
  isEmailAddress,
  ownerAddress,
  planReminders,
  type ReminderPlan,
  remindersDue,
} from "./digest/planReminders";
export { escapeHtml, type RenderedDigest, renderDigest } from "./digest/renderDigest";
export { describeRowIssue } from "./explain/describeRowIssue";
export { describeWhen, FIELD_WORDS } from "./explain/describeWhen";
export { formatTraceItem, formatWhy, localText, signedPoints } from "./explain/formatWhy";
export { FIELDS, type Field } from "./fields";
export { followUpStatus, nextFollowUp, workCalendar } from "./followup/nextFollowUp";
export { fillText, type Lang, ROW_ISSUE_TEXT, TABLE_ISSUE_TEXT } from "./i18n/messages";
export {
  auc,
  type Learned,
  learnFromOutcomes,
  MIN_OUTCOMES,
  type PointSuggestion,
  thresholdsFor,
  withGrades,
} from "./learn/learnFromOutcomes";
export { learningText } from "./learn/learningText";
export { type Contribution, type Example, predictNaiveBayes, trainNaiveBayes } from "./learn/naiveBayes";
export { DEFAULT_MIX, suggestThresholds } from "./learn/suggestThresholds";
export { type LifecycleStage, lifecycleStage } from "./lifecycle/lifecycleStage";
export { type CellValue, cellText, filledRowCount, isDate } from "./normalise/cell";
export { DATE_ORDERS, type DateOrder } from "./normalise/parseDateCell";
export type { RowIssue } from "./normalise/readColumns";
export { utf8Length } from "./normalise/utf8Length";
export {
  type AuditEntry,
  formatOverrideState,
  type OverrideState,
  parseOverrideState,
  trackOverrides,
} from "./overrides/trackOverrides";
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
  type PassResult,
  type PassSummary,
  runPass,
  type Table,
  type TableIssue,
} from "./pass/runPass";
export { type MergedRow, mergeRows } from "./quality/mergeRows";
export {
  buildReport,
  type Conversion,
  type Inversion,
  quantile,
  type Report,
  type ResponseTime,
} from "./report/buildReport";
export { quintileScores } from "./rfm/rfmScores";
export { RFM_SEGMENTS, type RfmSegment, rfmSegment } from "./rfm/rfmSegment";
export { simplePreset, standardPreset } from "./rules/presets";
export {
  MAX_RULES_BYTES,
  RULES_SCHEMA_VERSION,
  type RuleSet,
  type RuleSetInput,
  ruleSetSchema,
} from "./rules/schema";
export { describeRuleIssue, type RuleIssue, type RulesResult, validateRules } from "./rules/validateRules";
export { compileScorer, type TraceItem } from "./scoring/compileScorer";
export { gradeFromScore, parseGradeOverride } from "./scoring/gradeFromScore";
export { compileSignalDetector } from "./signals/detectBuyingSignals";
export { type Assignment, type AssignOptions, assignLeads } from "./team/assignLeads";
export { widestRow } from "./widestRow";
