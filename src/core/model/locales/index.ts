/** The core's words by language: `WORDS[lang].why.signal(label)`. */
import type { Lang } from "../messages";
import { en } from "./en";
import { type Words, zh } from "./zh";

export type { Words };
export const WORDS: Readonly<Record<Lang, Words>> = { zh, en };
