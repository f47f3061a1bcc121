// Approves a migration's open gate through the operator console in headless Chromium, as a person
// would, waits until the page shows the migration's next step, then the live lag of the drain
// that follows; then it writes <drain signal file>, on which ConsoleIT starts a consumer, and
// watches the drain's progress bar, ETA and lag chart move. Run by ConsoleIT:
//
//   node approve-gate.mjs <console URL> <migration id> <gate> <next step> <lag> <screenshot.png> <drain signal file>
//
// Checks on the way: requests carry no Authorization header until a token is entered, and
// "Bearer <token>" after; a decision the API refuses shows the API's message; the comment (with
// markup in it) is shown as text. Exits 0 when all held, 1 otherwise (with a screenshot of the
// page as it was beside the requested one, console-failure.png).
import { writeFileSync } from 'node:fs';
import { runInChromium } from './e2e.mjs';

const [url, migration, gate, nextStep, lag, screenshot, drainSignal] = process.argv.slice(2);
if (!drainSignal) {
  console.error('usage: node approve-gate.mjs <console URL> <migration id> <gate> <next step> <lag> <screenshot.png> <drain signal file>');
  process.exit(2);
}
const TOKEN = 'console-e2e-token';
const BY = 'console-e2e';
const COMMENT = 'change CHG-42 <img src=x onerror="window.__injected = true"> looks good';

await runInChromium('console-e2e', screenshot, 'console-failure.png', async (page, { log, check }) => {
  /** Each API call in the order it started, with a promise of its Authorization header (null: none). */
  const apiCalls = [];
  page.on('request', (request) => {
    if (request.url().includes('/api/v1/')) {
      apiCalls.push(request.allHeaders().then((h) => h.authorization ?? null));
    }
  });

  await page.goto(url);
  const card = page.locator(`[data-migration="${migration}"]`);
  const gateBox = card.locator(`.gate[data-gate="${gate}"]`);
  await gateBox.waitFor({ timeout: 30_000 });
  log(`gate ${gate} of ${migration} shown`);
  const withoutToken = await Promise.all(apiCalls);
  check(withoutToken.length > 0 && withoutToken.every((a) => a === null), 'without a token, no Authorization header is sent');

  // A token entered: every call from now on carries it (this API may be open and ignore it).
  await page.fill('#token', TOKEN);
  await page.click('#token-save');
  // Calls that started after the click: those of the polls after the next answer.
  await page.waitForResponse((r) => r.url().includes('/api/v1/migrations'), { timeout: 10_000 });
  const before = apiCalls.length;
  await page.waitForResponse((r) => r.url().includes('/api/v1/migrations'), { timeout: 10_000 });
  const withToken = await Promise.all(apiCalls.slice(before));
  check(withToken.length > 0 && withToken.every((a) => a === `Bearer ${TOKEN}`), `with a token, calls send "Bearer ${TOKEN}"`);
  check(await page.evaluate(() => sessionStorage.getItem('kmigrate.console.token')) === TOKEN, 'the token is kept in sessionStorage');

  // Refused by the API (no name for "by"): its message is shown, and the gate stays open.
  await gateBox.locator('button.approve').click();
  const refusal = gateBox.locator('.gate-error');
  await refusal.waitFor({ state: 'visible', timeout: 10_000 });
  const refusalText = await refusal.textContent();
  check(/^400: by:/.test(refusalText), `the API's refusal is shown: "${refusalText}"`);

  // The decision, as a person makes it.
  await page.fill('#by', BY);
  await gateBox.locator('textarea.comment').fill(COMMENT);
  // The comment survives the polls that happen while it is typed (the gate's form is not rebuilt).
  await page.waitForTimeout(2_000);
  check(await gateBox.locator('textarea.comment').inputValue() === COMMENT, 'a typed comment survives the page refreshing');
  await gateBox.locator('button.approve').click();

  await card.locator(`.step[data-name="${nextStep}"]`).waitFor({ timeout: 30_000 });
  log(`step ${nextStep} shown`);
  const decision = card.locator(`.decision[data-gate="${gate}"][data-action="approved"]`);
  await decision.waitFor({ timeout: 10_000 });
  check((await decision.textContent()).includes(`by ${BY}`), `the decision names ${BY}`);
  check(await decision.locator('q.comment').textContent() === COMMENT, 'the comment is shown as the text typed');
  check(await page.locator('main img').count() === 0 && !(await page.evaluate(() => window.__injected)), 'markup in API data is not interpreted');
  check(await gateBox.count() === 0 || !(await gateBox.isVisible()), `gate ${gate} is no longer shown as open`);

  // The drain after it waits for a group that reads nothing: the page shows its lag live.
  const total = card.locator('.lag .total');
  await total.filter({ hasText: `${lag} record(s)` }).waitFor({ timeout: 30_000 });
  const lagLine = await card.locator('.lag').innerText();
  check(/Waiting in drain-source, live consumer lag/.test(lagLine), `the live lag is shown: "${lagLine.replace(/\s+/g, ' ')}"`);
  check(await card.locator('.timeline rect[data-name="drain-source"][data-status="running"]').count() === 1,
    'the timeline shows drain-source running');

  // Now a consumer drains the group (ConsoleIT starts it on this signal): the bar, ETA and chart move.
  writeFileSync(drainSignal, 'drain shown\n');
  const etaText = card.locator('.eta-text');
  await etaText.filter({ hasText: /drained in about/ }).waitFor({ timeout: 30_000 });
  const series = card.locator('.chart polyline.series').first();
  const firstEta = await etaText.innerText();
  const firstPoints = Number(await series.getAttribute('data-points'));
  log(`ETA shown: "${firstEta}", chart has ${firstPoints} point(s)`);
  await page.waitForFunction(([id, text, points]) => {
    const c = document.querySelector(`[data-migration="${id}"]`);
    const e = c && c.querySelector('.eta-text');
    const line = c && c.querySelector('.chart polyline.series');
    return e && line && e.textContent !== text && /drained in about/.test(e.textContent) && Number(line.dataset.points) >= points + 3;
  }, [migration, firstEta, firstPoints], { timeout: 30_000 });
  const laterEta = await etaText.innerText();
  check(laterEta !== firstEta, `the ETA updates while the drain runs: "${firstEta}" then "${laterEta}"`);
  const width = await card.locator('.eta .fill').evaluate((f) => parseFloat(f.style.width));
  check(width > 0 && width <= 100, `the progress bar shows part of the lag drained (${width}%)`);
  check(await card.locator('.chart .legend .key').count() >= 1, 'the chart names its group');
});
