/**
 * Debian's Chromium, driven by playwright-core. Nothing is downloaded: `.ci/run` installs the
 * `chromium` package, and a machine without it fails these tests with a message saying so.
 */
import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";

export const CHROMIUM = process.env.LEADGRADE_CHROMIUM ?? "/usr/bin/chromium";
export const ARTIFACTS = join(import.meta.dirname, "../../test-artifacts");

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `Chromium is not installed at ${CHROMIUM}. Run .ci/run (it installs Debian's chromium package) ` +
        "or `sudo apt-get install chromium`.",
    );
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--disable-dev-shm-usage",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-default-apps",
      "--no-first-run",
      "--no-default-browser-check",
      "--disable-extensions",
    ],
  });
}

/** A 300-pixel page (the sidebar's width) that may reach the harness and nothing else. */
export async function sidebarPage(browser: Browser, harnessUrl: string, locale = "zh-CN"): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 300, height: 900 }, locale });
  await context.route("**/*", (route) =>
    route.request().url().startsWith(harnessUrl) ? route.continue() : route.abort(),
  );
  return context.newPage();
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await mkdir(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}
