// Debian's Chromium for the page-level tests (puppeteer-core): where it is, whether a suite runs
// without it, and one launch with the same flags everywhere (headless, no sandbox in containers,
// no background traffic that would make a run depend on the network).
import { existsSync } from 'node:fs';

export const CHROMIUM = process.env.CHROME_PATH ?? '/usr/bin/chromium';

/** `skip` option of the suites: false where Chromium is there (always under CI: no silent skip), else why not. */
export const skipWithoutChromium = (what) => (existsSync(CHROMIUM) || process.env.CI ? false : `${CHROMIUM} not found (set CHROME_PATH): ${what} skipped`);

export const CHROMIUM_ARGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** A puppeteer-core Browser on Debian's Chromium. */
export async function launchChromium() {
  const { default: puppeteer } = await import('puppeteer-core');
  return puppeteer.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}
