/** The command line's words by language: `CLI_WORDS[lang].summary.leads`. */
import type { Lang } from "../../core/index";
import { en } from "./en";
import { type CliWords, zh } from "./zh";

export type { CliWords };
export const CLI_WORDS: Readonly<Record<Lang, CliWords>> = { zh, en };
