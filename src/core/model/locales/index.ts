/** The core's words by language: `WORDS[lang].why.signal(label)`. */
import { en } from "./en";
import { type Words, zh } from "./zh";

export type Lang = "zh" | "en";
export type { Words };
export const WORDS: Readonly<Record<Lang, Words>> = { zh, en };
