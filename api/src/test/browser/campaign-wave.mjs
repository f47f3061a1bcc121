// Steers a campaign's wave gates through the operator console in headless Chromium, as a person
// would: wave 1 approved with its first unit ticked to skip, then, once wave 2 waits, the campaign
// stopped there. Run by ConsoleIT:
//
//   node campaign-wave.mjs <console URL> <campaign id> <skipped unit> <approved unit> <wave 2 unit> <screenshot.png>
//
// Checks on the way: a row per unit with its wave and status, the skipped unit shown SKIPPED, the
// approved one RUNNING or COMPLETED, the wave decisions listed, the campaign STOPPED with the last
// unit NOT_STARTED and no abort offered. Exits 0 when all held, 1 otherwise (with a screenshot of
// the page as it was, campaign-failure.png).
import { runInChromium } from './e2e.mjs';

const [url, campaign, skipped, approved, last, screenshot] = process.argv.slice(2);
if (!screenshot) {
  console.error('usage: node campaign-wave.mjs <console URL> <campaign id> <skipped unit> <approved unit> <wave 2 unit> <screenshot.png>');
  process.exit(2);
}
const BY = 'console-e2e';

await runInChromium('campaign-e2e', screenshot, 'campaign-failure.png', async (page, { log, check }) => {
  await page.goto(url);
  const card = page.locator(`[data-campaign="${campaign}"]`);
  const row = (unit) => card.locator(`tr[data-unit="${unit}"]`);
  const wave1 = card.locator('.wave-gate[data-wave="1"]');
  await wave1.waitFor({ timeout: 30_000 });
  log(`wave 1 of ${campaign} shown waiting`);
  check(await card.locator('tbody tr').count() === 3, 'a row per unit');
  for (const unit of [skipped, approved, last]) {
    check(await row(unit).getAttribute('data-status') === 'PENDING', `${unit} is PENDING`);
  }
  check((await row(last).locator('td').first().textContent()) === '2', `${last} is in wave 2`);

  await page.fill('#by', BY);
  await wave1.locator(`input.skip[value="${skipped}"]`).check();
  await wave1.locator('textarea.comment').fill('canary: ' + approved + ' only');
  await wave1.locator('button.approve').click();
  await card.locator(`tr[data-unit="${skipped}"][data-status="SKIPPED"]`).waitFor({ timeout: 15_000 });
  check(true, `${skipped} is shown SKIPPED`);
  await card.locator(`tr[data-unit="${approved}"][data-status="RUNNING"], tr[data-unit="${approved}"][data-status="COMPLETED"]`)
    .first().waitFor({ timeout: 15_000 });
  check(true, `${approved} is shown running (or done)`);
  check(await wave1.count() === 0, 'wave 1 is no longer shown waiting');

  // Wave 2 opens once wave 1's unit completed (a real migration of a topic without traffic).
  const wave2 = card.locator('.wave-gate[data-wave="2"]');
  await wave2.waitFor({ timeout: 90_000 });
  check(await row(approved).getAttribute('data-status') === 'COMPLETED', `${approved} COMPLETED before wave 2 opened`);
  await wave2.locator('textarea.comment').fill('enough for today');
  await wave2.locator('button.reject').click();
  await card.locator('.badge.status[data-status="STOPPED"]').waitFor({ timeout: 15_000 });
  check(true, 'the campaign is shown STOPPED');
  await card.locator(`tr[data-unit="${last}"][data-status="NOT_STARTED"]`).waitFor({ timeout: 10_000 });
  check(true, `${last} is shown NOT_STARTED`);
  const decisions = await card.locator('.decisions').innerText();
  check(/wave-1 approved by console-e2e/i.test(decisions) && /wave-2 rejected by console-e2e/i.test(decisions),
    `the wave decisions are listed: "${decisions.replace(/\s+/g, ' ')}"`);
  check(await card.locator('button.abort').count() === 0, 'an ended campaign offers no abort');
});
