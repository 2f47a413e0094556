/**
 * Reads a purchase-intention cell: 高/中/低, 高意向, 意向强, 意向强烈, 有意向/无意向, 较高, 强/弱,
 * high/medium/low, very high, hot/warm/cold, H/M/L, a 1–5 / 1–10 rating, or a word the rules add
 * (`intentWords`). "意向不明" and "unknown" say nothing yet: an empty cell.
 */
import { type CellValue, INVALID, matchForm, type Parsed } from "./cell";

export type Intent = "high" | "medium" | "low";

const WORDS: Record<string, Intent> = {
  高: "high",
  强: "high",
  很高: "high",
  非常高: "high",
  极高: "high",
  较高: "high",
  较强: "high",
  很强: "high",
  强烈: "high",
  明确: "high",
  有: "medium",
  没有: "low",
  不强: "low",
  veryhigh: "high",
  veryhot: "high",
  high: "high",
  hot: "high",
  h: "high",
  strong: "high",
  中: "medium",
  一般: "medium",
  中等: "medium",
  medium: "medium",
  mid: "medium",
  med: "medium",
  warm: "medium",
  m: "medium",
  低: "low",
  弱: "low",
  很低: "low",
  较低: "low",
  较弱: "low",
  verylow: "low",
  无: "low",
  low: "low",
  cold: "low",
  l: "low",
  weak: "low",
};

/** Words that say the intent is not known yet: read as an empty cell, not as a bad one. */
const UNKNOWN = new Set(["不明", "未知", "不确定", "待定", "待确认", "unknown", "tbd", "n/a", "na"]);

/** Intents compared by rank: high > medium > low. */
export const INTENT_RANK: Record<Intent, number> = { high: 3, medium: 2, low: 1 };

/**
 * @example
 * parseIntent("高意向") // "high"
 * parseIntent("Warm") // "medium"
 * parseIntent("意向强烈") // "high"
 * parseIntent("意向不明") // undefined (not known yet, like an empty cell)
 * parseIntent("maybe") // INVALID
 * parseIntent("A类", new Map([["a类", "high"]])) // "high" (the rules' own words)
 */
export function parseIntent(cell: CellValue, extra?: ReadonlyMap<string, Intent>): Parsed<Intent> {
  if (cell === null || cell === undefined || cell === "") return undefined;
  if (typeof cell === "number") return intentFromRating(cell);
  if (typeof cell !== "string") return INVALID;
  // Width-folded too: "ＨＩＧＨ" typed with a Chinese input method is "high".
  const text = matchForm(cell.trim())
    .replace(/[!！。.]+$/u, "")
    .replace(/^(购买意向|意向|意愿)|(意向|意愿|intent(ion)?|priority)$/gu, "")
    .replace(/[\s-_]/g, "");
  if (text === "" && cell.trim() === "") return undefined;
  const word = extra?.get(text) ?? extra?.get(matchForm(cell.trim())) ?? WORDS[text];
  if (word) return word;
  if (UNKNOWN.has(text)) return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) return intentFromRating(Number(text));
  return INVALID;
}

function intentFromRating(n: number): Parsed<Intent> {
  if (!Number.isFinite(n) || n < 0) return INVALID;
  // Ratings: 1–5 stars or 1–10 scores, as sales teams commonly keep them.
  const scale = n > 5 ? 10 : 5;
  if (n > 10) return INVALID;
  const share = n / scale;
  return share >= 0.8 ? "high" : share >= 0.5 ? "medium" : "low";
}
