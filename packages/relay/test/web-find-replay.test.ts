/**
 * Finding and replaying on the relay's web page, in Debian's Chromium against a real relay and receiver: the
 * resource-id search box narrows the Deliveries list, "Replay these" asks first (a dry run), then re-sends
 * exactly what the filter matches with the same bytes, and the replays appear on top of the list.
 */
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { launchBrowser, type Browser } from './support/browser.js';
import { startReceiver, type Receiver } from './support/receiver.js';
import { openSignedInPage, startWebRelay, type WebRelay } from './support/web-fixture.js';

describe('web page: find by resource id and replay, in Chromium', function () {
  this.timeout(60_000);
  let relay: WebRelay;
  let receiver: Receiver;
  let browser: Browser;
  let page: Page;
  const wanted: number[] = [];

  before(async function () {
    this.timeout(90_000);
    relay = await startWebRelay();
    receiver = await startReceiver({ status: 200, body: 'ok' });
    await relay.api('PUT', '/api/hooks/1/endpoint', { destination_url: `${receiver.url}/hooks` });
    await relay.api('PUT', '/api/hooks/1/triggers/RFIs', { create: true, update: true });
    for (const [event_type, resource_id] of [['create', '54321'], ['update', '777'], ['update', '54321']] as const) {
      const { body } = await relay.api<{ deliveries: { id: number }[] }>('POST', '/api/events', { resource_name: 'RFIs', event_type, resource_id });
      if (resource_id === '54321') wanted.push(body.deliveries[0]!.id);
    }
    await receiver.waitForRequests(3);
    browser = await launchBrowser();
    page = await openSignedInPage(browser, relay);
  });
  after(async () => {
    await browser?.close();
    await receiver?.close();
    await relay?.stop();
  });

  const rowIds = (): Promise<number[]> => page.locator('li.hl-delivery').evaluateAll((rows) => rows.map((row) => Number(row.getAttribute('data-id'))));

  it('the search box shows one resource id\'s deliveries; Replay these re-sends exactly those, oldest first', async () => {
    await page.waitForFunction(() => document.querySelectorAll('li.hl-delivery').length === 3);
    assert.equal(await page.locator('.hl-replay').isHidden(), true, 'no replay on an unfiltered list');
    await page.getByLabel('Find deliveries by resource id').fill('54321');
    await page.waitForFunction(() => document.querySelectorAll('li.hl-delivery').length === 2);
    assert.deepEqual(await rowIds(), [...wanted].reverse());

    const before = receiver.requests.length;
    await page.getByRole('button', { name: 'Replay these' }).click();
    await page.getByRole('button', { name: 'Replay 2 deliveries' }).click();
    await page.getByText(/^Replayed 2 deliveries, oldest first/).waitFor();
    const received = await receiver.waitForRequests(before + 2);
    const payloads = await Promise.all(wanted.map(async (id) => (await relay.api<{ data: { payload: string } }>('GET', `/api/deliveries/${id}`)).body.data.payload));
    assert.deepEqual(received.slice(before).map((r) => r.body.toString('utf8')), payloads, 'the same bytes, oldest first');
    await page.waitForFunction(() => document.querySelectorAll('li.hl-delivery').length === 4);
    const shown = await rowIds();
    assert.ok(shown.slice(0, 2).every((id) => id > Math.max(...wanted)), `the replays on top: ${shown.join()}`);
  });
});
