/**
 * The web page's endpoint-health banner in Debian's Chromium, against a real relay and receiver: it appears
 * once when the endpoint starts failing (not once per attempt) and clears when it recovers.
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
import { openSignedInPage, startWebRelay } from './support/web-fixture.js';
import type { WebRelay } from './support/web-fixture.js';

const SCREENSHOTS = join(dirname(fileURLToPath(import.meta.url)), '../../../test-results');

describe('web page: endpoint health banner in Chromium', function () {
  this.timeout(60_000);
  let relay: WebRelay;
  let receiver: Receiver;
  let browser: Browser;
  let page: Page;

  before(async function () {
    this.timeout(90_000);
    receiver = await startReceiver({ status: 200 });
    relay = await startWebRelay({ timeScale: 2000, maxInFlight: 1 });
    await relay.api('PUT', '/api/hooks/1/endpoint', { destination_url: `${receiver.url}/in` });
    await relay.api('PUT', '/api/hooks/1/triggers/RFIs', { create: true });
    browser = await launchBrowser();
    page = await openSignedInPage(browser, relay);
  });
  after(async () => {
    await browser?.close();
    await relay?.stop();
    await receiver?.close();
  });

  it('shows one banner per outage, with the error, and clears it on recovery', async () => {
    const banner = page.getByTestId('health-banner');
    assert.equal(await banner.isHidden(), true, 'no banner while healthy');
    // Count every time the banner becomes visible, in the page itself.
    await page.evaluate(() => {
      const element = document.querySelector('[data-testid="health-banner"]')!;
      (window as unknown as { shown: number }).shown = 0;
      new MutationObserver(() => {
        if (!element.hasAttribute('hidden')) (window as unknown as { shown: number }).shown += 1;
      }).observe(element, { attributes: true, attributeFilter: ['hidden'] });
    });

    receiver.respondWith({ status: 503, body: 'maintenance' });
    for (let i = 1; i <= 3; i++) await relay.api('POST', '/api/events', { resource_name: 'RFIs', event_type: 'create', resource_id: i });
    await banner.waitFor({ state: 'visible' });
    await page.getByText(/answers HTTP 503/).waitFor();
    const { body } = await relay.api<{ data: { failure_streak: number } }>('GET', '/api/hooks/1/health');
    const streakAtShow = body.data.failure_streak;
    // Let the relay retry several more times: the banner must not flash again.
    const deadline = Date.now() + 10_000;
    while ((await relay.api<{ data: { failure_streak: number } }>('GET', '/api/hooks/1/health')).body.data.failure_streak < streakAtShow + 3) {
      if (Date.now() > deadline) throw new Error('the relay stopped retrying');
      await new Promise((r) => setTimeout(r, 50));
    }
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOTS, 'web-page-health-failing.png') });

    receiver.respondWith({ status: 200 });
    await banner.waitFor({ state: 'hidden', timeout: 10_000 });
    const shown = await page.evaluate(() => (window as unknown as { shown: number }).shown);
    assert.equal(shown, 1, 'the banner appeared exactly once for the outage');
  });
});
