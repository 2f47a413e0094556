/**
 * The "why" of a score as one short line a sales rep reads in a cell:
 * `+30 意向=高 · +20 来源=老客户推荐 · +15 信号: 询问报价 · −8 60天未联系`.
 */

import type { TraceItem } from "../grade/scoring/compileScorer";
import { WORDS } from "../model/locales/index";
import type { Lang } from "../model/messages";
import type { LocalText } from "../model/schema";

const SEPARATOR = " · ";

/** Picks the text for a language from a rule's label. */
export function localText(text: LocalText, lang: Lang): string {
  return typeof text === "string" ? text : text[lang];
}

/** `+30`, `−8` (a true minus sign, as in print), `0`. */
export function signedPoints(points: number): string {
  return points > 0 ? `+${points}` : points < 0 ? `\u2212${-points}` : "0";
}

/**
 * @example
 * formatTraceItem({ kind: "decay", days: 60, points: -8, … }, "zh") // "−8 60天未联系"
 */
export function formatTraceItem(item: TraceItem, lang: Lang): string {
  // The scorer shares one frozen item among all rows where a rule saw the same value: its text
  // is made once per language. Items that may still change are described each time. Measured
  // (npm run bench, 2026-12-03): every row's output cells take 601-625 ms with this, 697-713 without.
  const cache = ITEM_TEXT[lang];
  let text = cache.get(item);
  if (text === undefined) {
    text = `${signedPoints(item.points)} ${describeItem(item, lang)}`;
    if (Object.isFrozen(item)) cache.set(item, text);
  }
  return text;
}

const ITEM_TEXT: Record<Lang, WeakMap<TraceItem, string>> = { zh: new WeakMap(), en: new WeakMap() };

function describeItem(item: TraceItem, lang: Lang): string {
  const label = localText(item.label, lang);
  switch (item.kind) {
    case "signal":
      return WORDS[lang].why.signal(label);
    case "decay":
      return WORDS[lang].why.idle(item.days);
    case "cap":
      if (item.id === "total") return WORDS[lang].why.totalCap;
      return WORDS[lang].why.groupCap(WORDS[lang].why.groups[item.group] ?? item.group);
    default:
      return item.value === undefined || item.value === "" ? label : `${label}=${clip(item.value)}`;
  }
}

function clip(text: string): string {
  const oneLine = text.replace(/\s+/g, " ");
  return oneLine.length > 24 ? `${oneLine.slice(0, 23)}…` : oneLine;
}

/**
 * The whole why line; an override is said first because it decided the grade.
 *
 * @example
 * formatWhy(result.trace, "en") // "+30 Intent=high · +20 Source=referral · −8 no contact for 60 days"
 */
export function formatWhy(
  trace: readonly TraceItem[],
  lang: Lang,
  override?: { from: string; to: string },
  pendingOverride?: string,
): string {
  const parts = trace.map((item) => formatTraceItem(item, lang));
  if (pendingOverride !== undefined) parts.unshift(WORDS[lang].why.pendingOverride(pendingOverride));
  if (override) parts.unshift(WORDS[lang].why.override(override.to, override.from));
  return parts.join(SEPARATOR);
}
