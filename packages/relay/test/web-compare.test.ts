/**
 * Comparing two deliveries on the relay's web page, in Debian's Chromium against a real relay and receiver: tick
 * two rows' Compare boxes, see the payloads side by side with the changed lines marked, under the page's CSP
 * (the bundled script and stylesheet, no inline script or style). A screenshot goes to test-results/.
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { launchBrowser, type Browser } from './support/browser.js';
import { startReceiver, type Receiver } from './support/receiver.js';
import { openSignedInPage, startWebRelay, type WebRelay } from './support/web-fixture.js';

const SCREENSHOTS = join(dirname(fileURLToPath(import.meta.url)), '../../../test-results');

describe('web page: compare two deliveries in Chromium', function () {
  this.timeout(60_000);
  let relay: WebRelay;
  let receiver: Receiver;
  let browser: Browser;
  let page: Page;
  const ids: number[] = [];
  const cspViolations: string[] = [];

  before(async function () {
    this.timeout(90_000);
    relay = await startWebRelay();
    receiver = await startReceiver({ status: 200, headers: { 'content-type': 'application/json' }, body: '{"received":true}' });
    await relay.api('PUT', '/api/hooks/1/endpoint', { destination_url: `${receiver.url}/hooks` });
    await relay.api('PUT', '/api/hooks/1/triggers/RFIs', { create: true, update: true });
    for (const [event_type, user_id] of [['create', '111'], ['update', '222']] as const) {
      const { body } = await relay.api<{ deliveries: { id: number }[] }>('POST', '/api/events', { resource_name: 'RFIs', event_type, resource_id: '54321', user_id });
      ids.push(body.deliveries[0]!.id);
    }
    await receiver.waitForRequests(2);
    browser = await launchBrowser();
    page = await openSignedInPage(browser, relay, (p) => {
      p.on('console', (message) => {
        if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
      });
    });
  });
  after(async () => {
    await browser?.close();
    await receiver?.close();
    await relay?.stop();
  });

  it('two ticked rows show side by side, older left, the changed lines marked; a third box is disabled', async () => {
    const [older, newer] = ids as [number, number];
    await page.getByLabel(`Compare delivery ${newer}`).check();
    await page.getByText(`Pick one more delivery to compare with #${newer}.`).waitFor();
    await page.getByLabel(`Compare delivery ${older}`).check();
    const panel = page.locator('.hl-compare');
    await panel.getByRole('heading', { name: `RFIs 54321: #${older} ↔ #${newer}` }).waitFor();
    const changed = await panel.locator('tr.hl-compare__row--changed').evaluateAll((rows) =>
      rows.map((row) => [...row.querySelectorAll('td.hl-compare__text')].map((td) => td.textContent ?? '')),
    );
    assert.ok(changed.some(([l, r]) => l === 'removed:   "user_id": 111,' && r === 'added:   "user_id": 222,'), JSON.stringify(changed));
    assert.ok(changed.some(([l, r]) => l === 'removed:   "event_type": "create",' && r === 'added:   "event_type": "update",'), JSON.stringify(changed));
    assert.ok(!changed.some(([l]) => l!.includes('resource_id')), 'the shared resource id is not marked');
    const looks = await panel.locator('td.hl-compare__text.hl-compare__cell--removed').first().evaluate((td) => getComputedStyle(td).backgroundColor);
    const plain = await panel.locator('td.hl-compare__text.hl-compare__cell--same').first().evaluate((td) => getComputedStyle(td).backgroundColor);
    assert.notEqual(looks, plain, `a removed line has its own background from the bundled stylesheet (${looks})`);
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOTS, 'web-page-compare.png'), fullPage: true });

    const { body } = await relay.api<{ deliveries: { id: number }[] }>('POST', '/api/events', { resource_name: 'RFIs', event_type: 'update', resource_id: '777' });
    const third = page.getByLabel(`Compare delivery ${body.deliveries[0]!.id}`);
    await third.waitFor();
    assert.equal(await third.isDisabled(), true, 'at most two');
    await page.getByRole('button', { name: 'Clear Compare' }).click();
    await panel.waitFor({ state: 'hidden' });
    assert.equal(await third.isDisabled(), false);
    assert.deepEqual(cspViolations, []);
  });
});
