// What the console's browser scripts share: headless Chromium, a log line per check, and on a
// failed check a screenshot of the page as it was and its text. Exits the process: 0 when
// `steps` returned and the page threw no uncaught error, 1 otherwise.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * Runs `steps(page, { log, check })` on a new 1280x900 page; then takes `screenshot` (full page).
 * On failure the screenshot goes to `failureName` beside it.
 */
export async function runInChromium(tag, screenshot, failureName, steps) {
  const log = (what) => console.log(`${tag}: ${what}`);
  const check = (condition, what) => {
    if (!condition) throw new Error(`check failed: ${what}`);
    log(`ok: ${what}`);
  };
  mkdirSync(dirname(screenshot), { recursive: true });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-dev-shm-usage'],
  });
  let page;
  try {
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const pageErrors = [];
    page.on('pageerror', (e) => {
      pageErrors.push(e.message);
      log(`page error: ${e.message}`);
    });
    await steps(page, { log, check });
    check(pageErrors.length === 0, 'the page threw no uncaught error');
    await page.screenshot({ path: screenshot, fullPage: true });
    log(`screenshot ${screenshot}`);
    await browser.close();
    process.exit(0);
  } catch (e) {
    console.error(`${tag}: FAILED: ${e.message}`);
    if (page) {
      const failure = join(dirname(screenshot), failureName);
      await page.screenshot({ path: failure, fullPage: true }).catch(() => {});
      console.error(`${tag}: page text:\n${await page.locator('body').innerText().catch(() => '(unreadable)')}`);
      console.error(`${tag}: screenshot of the failure: ${failure}`);
    }
    await browser.close();
    process.exit(1);
  }
}
