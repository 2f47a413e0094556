/** The sidebar's words by language (one locale file each, in locales/). */
import { en } from "./locales/en";
import { type SidebarWords, zh } from "./locales/zh";

export type Lang = "zh" | "en";

export const WORDS: Readonly<Record<Lang, SidebarWords>> = { zh, en };

/** The language the sidebar's switch goes to. */
export const OTHER_LANG: Readonly<Record<Lang, Lang>> = { zh: "en", en: "zh" };
