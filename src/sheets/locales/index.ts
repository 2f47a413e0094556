/** The add-on's own words by language (the core's are in the core's locale files). */
import type { Lang } from "../../core/index";
import { en } from "./en";
import { type AddonWords, zh } from "./zh";

export type { AddonWords };
export const ADDON_WORDS: Readonly<Record<Lang, AddonWords>> = { zh, en };
