/**
 * The activity chart on the relay's web page in Debian's Chromium, with data from a real relay delivering to a
 * real receiver that fails every third request: the chart follows the deliveries live (no reload), its summary
 * matches GET /api/hooks/:id/activity, it draws non-zero bars, and the page's CSP refuses nothing. Screenshots
 * (light and dark) go to test-results/ at the repository root.
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { launchBrowser } from './support/browser.js';
import type { Browser } from './support/browser.js';
import { startReceiver } from './support/receiver.js';
import type { Receiver } from './support/receiver.js';
import { startWebRelay } from './support/web-fixture.js';
import type { WebRelay } from './support/web-fixture.js';

const SCREENSHOTS = join(dirname(fileURLToPath(import.meta.url)), '../../../test-results');
const EVENTS = 18;

interface ActivityJson {
  buckets: { delivered: number; failed: number }[];
  totals: { delivered: number; failed: number; p95_ms: number | null };
}

async function until(check: () => Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) assert.fail(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('activity chart on the web page in Chromium', function () {
  this.timeout(90_000);
  let relay: WebRelay;
  let receiver: Receiver;
  let browser: Browser;
  let page: Page;
  const refused: string[] = [];

  before(async function () {
    this.timeout(90_000);
    relay = await startWebRelay({ timeScale: 1000 });
    let answered = 0;
    receiver = await startReceiver(() => {
      answered += 1;
      const delayMs = 10 + (answered % 4) * 20;
      return answered % 3 === 0 ? { status: 500, body: 'no', delayMs } : { status: 200, body: 'ok', delayMs };
    });
    await relay.api('PUT', '/api/hooks/1/endpoint', { destination_url: `${receiver.url}/hooks` });
    await relay.api('PUT', '/api/hooks/1/triggers/RFIs', { create: true });
    browser = await launchBrowser();
    page = browser.context.pages()[0] ?? (await browser.context.newPage());
    page.on('console', (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) refused.push(message.text());
    });
  });

  after(async () => {
    await browser?.close();
    await receiver?.close();
    await relay?.stop();
  });

  it('draws the selected hook’s last hour live from the relay, with the summary the API gives', async () => {
    await page.goto(await relay.loginLink());
    await page.getByRole('heading', { name: 'Activity' }).waitFor();
    const chart = page.locator('.hl-activity svg[role="img"]');
    await chart.waitFor();
    assert.match((await chart.getAttribute('aria-label')) ?? '', /^last hour: 0 delivered, 0 failed, no p95/);

    for (let i = 0; i < EVENTS; i++) await relay.api('POST', '/api/events', { resource_name: 'RFIs', event_type: 'create', resource_id: i + 1 });
    await until(async () => {
      const { body } = await relay.api<{ data: { status: string }[] }>('GET', '/api/deliveries?hook_id=1&limit=100');
      return body.data.length === EVENTS && body.data.every((d) => d.status === 'delivered');
    }, 'every delivery delivered');
    const { body } = await relay.api<{ data: ActivityJson }>('GET', '/api/hooks/1/activity');
    const { delivered, failed, p95_ms } = body.data.totals;
    assert.ok(failed > 0 && delivered >= EVENTS, `the receiver failed some tries (${delivered} delivered, ${failed} failed)`);
    const expected = `last hour: ${delivered} delivered, ${failed} failed, p95 ${p95_ms} ms`;
    // No reload: the page follows the delivery pushes (throttled to one request a second).
    await until(async () => (await chart.getAttribute('aria-label')) === expected, `the chart says "${expected}"`, 10_000);
    assert.equal(await page.locator('.hl-activity__summary').textContent(), expected.replace(/^l/, 'L'));

    const heights = await page.locator('.hl-activity svg rect').evaluateAll((rects) => rects.map((r) => Number(r.getAttribute('height'))));
    assert.ok(heights.length >= 1 && heights.every((h) => h > 0), `non-zero bars: ${heights.join(', ')}`);
    assert.equal(await page.locator('.hl-activity svg rect.hl-activity__failed').count() > 0, true, 'failed tries are drawn');
    const busyMinutes = body.data.buckets.filter((b) => b.delivered + b.failed > 0).length;
    assert.equal(await page.locator('.hl-activity svg .hl-activity__bar').count(), busyMinutes);
    assert.ok((await page.locator('.hl-activity__label--time').count()) >= 4, 'time axis labels');
    const box = await chart.boundingBox();
    assert.ok(box && box.width > 300 && box.height > 100, `the chart is laid out (${JSON.stringify(box)})`);
    const fills = await page.locator('.hl-activity svg rect.hl-activity__delivered').first().evaluate((r) => getComputedStyle(r).fill);
    assert.notEqual(fills, 'rgb(0, 0, 0)', 'coloured by the stylesheet');
    assert.deepEqual(refused, [], 'the CSP refused nothing');

    mkdirSync(SCREENSHOTS, { recursive: true });
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.locator('.hl-activity').screenshot({ path: join(SCREENSHOTS, `web-page-activity-${scheme}.png`) });
    }
    await page.emulateMedia({ colorScheme: 'light' });
    await page.screenshot({ path: join(SCREENSHOTS, 'web-page-activity-page-light.png'), fullPage: false });
  });
});
