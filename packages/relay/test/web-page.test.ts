/**
 * The relay's web page in Debian's Chromium, against a real relay and a real receiver on 127.0.0.1: getting in
 * with `hookline open`, Save Endpoint, the Resource Grid, test events, live deliveries and their details,
 * "Only Show Failures", Download, and paging. Screenshots (light and dark) go to test-results/ at the repository root.
 */
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { launchBrowser } from './support/browser.js';
import type { Browser } from './support/browser.js';
import { harSchemaErrors } from './support/har-validator.js';
import { startReceiver } from './support/receiver.js';
import type { Receiver } from './support/receiver.js';
import { startWebRelay } from './support/web-fixture.js';
import type { WebRelay } from './support/web-fixture.js';

const SCREENSHOTS = join(dirname(fileURLToPath(import.meta.url)), '../../../test-results');

interface HookJson {
  id: number;
  destination_url: string | null;
  authorization: string | null;
}

async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.screenshot({ path: join(SCREENSHOTS, `${name}-${scheme}.png`), fullPage: true });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

/** Polls the relay's API until `check` holds (the page's changes are effective at once, but asynchronous). */
async function eventually<T>(read: () => Promise<T>, check: (value: T) => boolean, what: string, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (check(value)) return value;
    if (Date.now() > deadline) assert.fail(`${what}: still ${JSON.stringify(value).slice(0, 300)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('web page in Chromium', function () {
  this.timeout(60_000);
  let relay: WebRelay;
  let receiver: Receiver;
  let browser: Browser;
  let page: Page;

  const triggers = async (): Promise<Record<string, string[]>> => {
    const { body } = await relay.api<{ data: { grid: Record<string, string[]> } }>('GET', '/api/hooks/1/triggers');
    return body.data.grid;
  };
  const search = async (text: string): Promise<void> => {
    await page.getByLabel('Search resources').fill(text);
  };

  before(async function () {
    this.timeout(90_000);
    relay = await startWebRelay();
    receiver = await startReceiver((request) =>
      request.path.startsWith('/fail')
        ? { status: 500, headers: { 'content-type': 'application/json' }, body: '{"error":"receiver says no"}' }
        : { status: 200, headers: { 'content-type': 'application/json' }, body: '{"received":true}' },
    );
    browser = await launchBrowser();
    page = browser.context.pages()[0] ?? (await browser.context.newPage());
  });

  after(async () => {
    await browser?.close();
    await receiver?.close();
    await relay?.stop();
  });

  it('without a session shows only how to get in, and the API and WebSocket refuse', async () => {
    await page.goto(relay.url);
    await page.getByText('hookline open', { exact: true }).waitFor();
    assert.equal(await page.locator('.hl-grid, .hl-deliveries, form').count(), 0, 'nothing but the instructions');
    const refused = await page.evaluate(async () => {
      const api = await fetch('/api/hooks');
      const ws = await new Promise<string>((resolve) => {
        const socket = new WebSocket(`ws://${location.host}/ws`);
        socket.onopen = () => resolve('open');
        socket.onclose = () => resolve('refused');
      });
      return { api: api.status, ws };
    });
    assert.deepEqual(refused, { api: 401, ws: 'refused' });
    await screenshot(page, 'web-page-signed-out');
  });

  it('signs in through the one-time link: HttpOnly SameSite=Strict cookie, code gone from the address bar', async () => {
    const link = await relay.loginLink();
    assert.doesNotMatch(link, new RegExp(relay.relay.token), 'the link does not carry the token');
    await page.goto(link);
    await page.getByRole('heading', { name: 'Resource Grid' }).waitFor();
    await page.getByText('Connected', { exact: true }).waitFor();
    assert.equal(page.url(), `${relay.url}/`);
    const [cookie] = await browser.context.cookies(relay.url);
    assert.ok(cookie, 'a session cookie is set');
    assert.equal(cookie.httpOnly, true);
    assert.equal(cookie.sameSite, 'Strict');
    assert.equal(await page.evaluate(async () => (await fetch('/api/hooks')).status), 200, 'the page may call the API');

    const second = await browser.context.newPage();
    await browser.context.clearCookies();
    await second.goto(link);
    await second.getByText(/expired or was already used/).waitFor();
    await second.close();
    await page.goto(await relay.loginLink());
    await page.getByRole('heading', { name: 'Resource Grid' }).waitFor();
  });

  it('saves an endpoint with a green banner, and shows a warning for a bad one', async () => {
    await page.getByLabel('Notification Endpoint').fill(`${receiver.url}/hooks`);
    const auth = page.getByLabel('Authorization Header', { exact: true });
    assert.equal(await auth.getAttribute('type'), 'password', 'hidden by default');
    await auth.fill('Bearer e2e-secret-12345');
    await page.getByRole('button', { name: 'Show the Authorization Header' }).click();
    assert.equal(await auth.getAttribute('type'), 'text');
    await page.getByRole('button', { name: 'Save Endpoint' }).click();
    const banner = page.locator('.hl-banner--success');
    await banner.getByText('Endpoint saved.').waitFor();
    assert.equal(await auth.inputValue(), '', 'the secret leaves the field once saved');
    assert.match((await auth.getAttribute('placeholder')) ?? '', /•+12345$/);
    const { body } = await relay.api<{ data: HookJson }>('GET', '/api/hooks/1');
    assert.equal(body.data.destination_url, `${receiver.url}/hooks`);

    await page.getByLabel('Notification Endpoint').fill('localhost:3000/hooks');
    await page.getByRole('button', { name: 'Save Endpoint' }).click();
    await page.locator('.hl-banner--warning').getByText(/is not a full URL: start it with https:\/\/ or http:\/\//).waitFor();
    assert.equal(await page.getByLabel('Notification Endpoint').getAttribute('aria-invalid'), 'true');
    const after = await relay.api<{ data: HookJson }>('GET', '/api/hooks/1');
    assert.equal(after.body.data.destination_url, `${receiver.url}/hooks`, 'the bad endpoint was not saved');
    await page.getByLabel('Notification Endpoint').fill(`${receiver.url}/hooks`);
  });

  it('toggles grid boxes (mouse and keyboard) and the relay confirms each at once', async () => {
    assert.equal(await page.locator('tbody tr[data-resource]').count(), 121);
    assert.equal(await page.getByLabel('Create Bids').isDisabled(), true, 'Bids offers update only');
    await search('RFIs');
    await page.getByLabel('Update RFIs').check();
    await page.getByText('RFIs: update only. Saved.').waitFor();
    const create = page.getByLabel('Create RFIs');
    await create.focus();
    await page.keyboard.press('Space');
    await page.getByText('RFIs: create and update. Saved.').waitFor();
    await eventually(triggers, (g) => g.RFIs?.sort().join() === 'create,update', 'RFIs create+update');

    await search('change order');
    const rows = page.locator('tbody tr[data-resource]:visible');
    const names = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-resource') ?? ''));
    assert.ok(names.length >= 3 && names.every((n) => /change order/i.test(n)), names.join());
    await page.getByLabel('Select all Update boxes in view').check();
    await page.getByText(`update switched on for ${names.length} resources. Saved.`).waitFor();
    const grid = await eventually(triggers, (g) => names.every((n) => g[n]?.includes('update')), 'select all update');
    assert.equal(Object.keys(grid).filter((n) => !names.includes(n) && n !== 'RFIs').length, 0, 'nothing outside the filter changed');
    await page.getByLabel('Select all Update boxes in view').uncheck();
    await eventually(triggers, (g) => names.every((n) => !g[n]), 'clear all update');

    await relay.api('PUT', '/api/hooks/1/triggers/Submittals', { create: true });
    await search('Submittals');
    await page.waitForFunction(() => (document.querySelector('input[aria-label="Create Submittals"]') as HTMLInputElement | null)?.checked === true);
    await relay.api('PUT', '/api/hooks/1/triggers/Submittals', { create: false });
    await page.waitForFunction(() => (document.querySelector('input[aria-label="Create Submittals"]') as HTMLInputElement | null)?.checked === false);
  });

  it('test events arrive at the receiver and appear live; a delivery expands to its exact payload', async () => {
    await search('RFIs');
    const before = receiver.requests.length;
    await page.getByRole('button', { name: 'Send a test create event for RFIs' }).click();
    await page.getByText(/Test RFIs create event sent: 1 delivery\./).waitFor();
    const [received] = (await receiver.waitForRequests(before + 1, 5000)).slice(before);
    assert.ok(received);
    assert.equal(received.headers.authorization, 'Bearer e2e-secret-12345');
    const idDigits = /"id":(\d+)/.exec(received.body.toString('utf8'))?.[1];
    assert.ok(idDigits && idDigits.length >= 17, 'a 64-bit id');

    const row = page.locator('li.hl-delivery').first();
    await row.locator('.hl-status--delivered').waitFor();
    assert.match(await row.innerText(), /RFIs\s+create\s+200/);
    await row.getByRole('button').first().click();
    const detail = row.locator('.hl-delivery__detail');
    await detail.getByText('Request Payload').waitFor();
    const payloadText = await detail.locator('pre').first().innerText();
    assert.ok(payloadText.includes(`"id": ${idDigits}`), `the exact id ${idDigits} in ${payloadText}`);
    await detail.getByText('Response Body').first().waitFor();
    assert.match(await detail.innerText(), /"received": true/);
    assert.match(await detail.innerText(), /Attempt 1 \(scheduled\) · HTTP 200/);

    await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: relay.url });
    await detail.getByRole('button', { name: 'Copy Request Payload' }).click();
    await detail.getByText('Copied').waitFor();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), payloadText);

    // A second event from elsewhere (the API) appears at the top without a reload.
    await relay.api('POST', '/api/events', { resource_name: 'RFIs', event_type: 'update', resource_id: '777' });
    await page.locator('li.hl-delivery').first().getByText('update', { exact: true }).waitFor();
    assert.equal(await page.locator('li.hl-delivery').count(), 2);
    await screenshot(page, 'web-page-delivery');
  });

  it('Only Show Failures shows only the failing deliveries', async () => {
    await relay.api('PUT', '/api/hooks/1/endpoint', { destination_url: `${receiver.url}/fail` });
    await relay.api('POST', '/api/events', { resource_name: 'RFIs', event_type: 'create', resource_id: '999' });
    await page.locator('li.hl-delivery[data-status="retrying"], li.hl-delivery[data-status="failed"]').first().waitFor();
    assert.equal(await page.locator('li.hl-delivery').count(), 3);
    await page.getByLabel('Only Show Failures').check();
    await page.waitForFunction(() => document.querySelectorAll('li.hl-delivery').length === 1);
    const statuses = await page.locator('li.hl-delivery').evaluateAll((lis) => lis.map((li) => li.getAttribute('data-status')));
    assert.ok(statuses.every((s) => s === 'retrying' || s === 'failed'), statuses.join());
    // The failed answer says why Procore would not take it and what Procore does (core's verdict rules).
    const failing = page.locator('li.hl-delivery').first();
    await failing.getByRole('button').first().click();
    const verdict = failing.locator('.hl-verdict--fail').first();
    await verdict.waitFor();
    assert.match(await verdict.innerText(), /Procore would not accept this answer: Answered 500: \{"error":"receiver says no"\}; only a 2xx counts as delivered\.\s+Procore pauses every delivery to this endpoint and retries this one for up to 12 hours; then it discards the queue\./);
    await screenshot(page, 'web-page-failures');
    await page.getByLabel('Only Show Failures').uncheck();
    await page.waitForFunction(() => document.querySelectorAll('li.hl-delivery').length === 3);
  });

  it('Download HAR downloads the current filter\'s export with the page\'s session', async () => {
    // A fresh sign-in: a login link on the page already open changes only its #hash, which loads nothing.
    await page.goto('about:blank');
    await page.goto(await relay.loginLink());
    await page.getByText('Connected', { exact: true }).waitFor();
    assert.equal((await browser.context.cookies(relay.url)).length, 1, 'signed in with a session cookie');
    await page.getByLabel('Only Show Failures').check();
    await page.waitForFunction(() => document.querySelectorAll('li.hl-delivery').length === 1);
    const failingId = Number(await page.locator('li.hl-delivery').first().getAttribute('data-id'));
    const link = page.getByRole('link', { name: 'Download HAR' });
    assert.equal(await link.getAttribute('href'), '/api/deliveries/export?format=har&hook_id=1&status=failures');
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    assert.match(download.suggestedFilename(), /^hookline-deliveries-\d{8}T\d{6}Z\.har$/);
    const text = readFileSync((await download.path())!, 'utf8');
    assert.equal(text.includes('e2e-secret'), false, 'the Authorization stays masked');
    const har = JSON.parse(text) as { log: { version: string; entries: { _deliveryId: number; response: { status: number } }[] } };
    assert.deepEqual(harSchemaErrors(har), []);
    assert.ok(har.log.entries.length >= 1);
    assert.ok(har.log.entries.every((e) => e._deliveryId === failingId && e.response.status === 500), JSON.stringify(har.log.entries.map((e) => e._deliveryId)));
    await page.getByLabel('Only Show Failures').uncheck();
    await page.waitForFunction(() => document.querySelectorAll('li.hl-delivery').length === 3);
    assert.equal(await page.getByRole('link', { name: 'Download NDJSON' }).getAttribute('href'), '/api/deliveries/export?format=ndjson&hook_id=1');
  });
});

describe('web page paging in Chromium', function () {
  this.timeout(60_000);
  let relay: WebRelay;
  let receiver: Receiver;
  let browser: Browser;

  before(async function () {
    this.timeout(90_000);
    relay = await startWebRelay();
    receiver = await startReceiver({ status: 204 });
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await receiver?.close();
    await relay?.stop();
  });

  it('pages through 30 deliveries as 25 + 5 with "More Deliveries"', async () => {
    await relay.api('PUT', '/api/hooks/1/endpoint', { destination_url: `${receiver.url}/hooks` });
    await relay.api('PUT', '/api/hooks/1/triggers/Projects', { create: true });
    for (let i = 0; i < 30; i++) await relay.api('POST', '/api/events', { resource_name: 'Projects', event_type: 'create', resource_id: String(1000 + i) });
    await receiver.waitForRequests(30, 15_000);

    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    await page.goto(await relay.loginLink());
    const rows = page.locator('li.hl-delivery');
    await page.waitForFunction(() => document.querySelectorAll('li.hl-delivery').length === 25);
    const more = page.getByRole('button', { name: 'More Deliveries' });
    await more.focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelectorAll('li.hl-delivery').length === 30);
    assert.equal(await more.isHidden(), true, 'no more pages');
    const ids = (await rows.evaluateAll((lis) => lis.map((li) => Number(li.getAttribute('data-id'))))) as number[];
    assert.deepEqual(ids, [...ids].sort((a, b) => b - a), 'newest first');
    assert.equal(new Set(ids).size, 30);
    await screenshot(page, 'web-page-paging');
  });
});
