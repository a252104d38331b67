import assert from 'node:assert/strict';
import { startReceiver } from './support/receiver.js';
import type { Receiver } from './support/receiver.js';
import { startRelayFixture } from './support/relay-fixture.js';
import type { RelayFixture } from './support/relay-fixture.js';

interface Page {
  data: { id: number; status: string; resource_name: string; event_type: string }[];
  next_cursor: string | null;
}

describe('deliveries through the relay API, against a real receiver', () => {
  let fx: RelayFixture;
  let receiver: Receiver;
  let hookId: number;

  before(async () => {
    receiver = await startReceiver();
    // Strict order, so exactly the events we choose fail (the receiver answers 500 for odd resource ids).
    fx = await startRelayFixture({ maxInFlight: 1, timeScale: 1000 });
    hookId = fx.relay.service.listHooks()[0]!.id;
    await fx.api(`/api/hooks/${hookId}/endpoint`, { method: 'PUT', json: { destination_url: `${receiver.url}/in`, authorization: 'Token abc-def-ghi-12345' } });
    await fx.api(`/api/hooks/${hookId}/triggers/RFIs`, { method: 'PUT', json: { create: true, update: true, delete: true } });
  });
  after(async () => {
    await fx.stop();
    await receiver.close();
  });

  it('sends the exact Authorization header and body bytes, and logs one line per attempt', async () => {
    const res = await fx.api('/api/events', { method: 'POST', json: { resource_name: 'RFIs', event_type: 'update', resource_id: '5982324300946918154' } });
    assert.equal(res.status, 202);
    const accepted = (await res.json()) as { event: { id: string; ulid: string } };
    const [request] = await receiver.waitForRequests(1);
    assert.equal(request!.headers.authorization, 'Token abc-def-ghi-12345');
    assert.equal(request!.headers['content-type'], 'application/json');
    assert.match(String(request!.headers['user-agent']), /^Hookline\/\d+\.\d+\.\d+$/);
    const body = request!.body.toString('utf8');
    assert.ok(body.includes('"resource_id":5982324300946918154'), body);
    assert.ok(body.startsWith(`{"id":${accepted.event.id},"ulid":"${accepted.event.ulid}"`), body);
    const { data } = (await (await fx.api(`/api/deliveries?hook_id=${hookId}&limit=1`)).json()) as Page;
    const detail = (await (await fx.api(`/api/deliveries/${data[0]!.id}`)).json()) as { data: { payload: string; attempts: { request_headers: Record<string, string> }[] } };
    assert.equal(detail.data.payload, body, 'the log stores the exact bytes sent');
    const logged = detail.data.attempts[0]!.request_headers;
    const authorization = logged.authorization ?? logged.Authorization ?? '';
    assert.ok(authorization.endsWith('12345') && !authorization.includes('abc-def'), `masked: ${authorization}`);
    await waitUntil(() => fx.lines.some((l) => l.startsWith('<-- 200 POST')));
    assert.ok(fx.lines.some((l) => new RegExp(`^--> RFIs\\.update ${accepted.event.ulid} POST ${receiver.url}/in$`).test(l)));
    assert.ok(!fx.lines.join('\n').includes('abc-def-ghi'), 'no secret in the log');
  });

  it('pages 60 deliveries as 25 + 25 + 10, with and without the failures filter', async () => {
    receiver.respondWith((req) => (JSON.parse(req.body.toString()).resource_id % 2 === 1 ? { status: 500, body: 'nope' } : { status: 200 }));
    // 60 successes first, then failing ones: the first failure pauses the hook, so the rest queue behind it.
    for (let i = 0; i < 60; i++) {
      await fx.api('/api/events', { method: 'POST', json: { resource_name: 'RFIs', event_type: 'create', resource_id: 2 * (i + 1) } });
    }
    await receiver.waitForRequests(61, 15_000);
    const ids: number[] = [];
    const sizes: number[] = [];
    let cursor: string | null = null;
    do {
      const page = (await (await fx.api(`/api/deliveries?hook_id=${hookId}&limit=25${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)).json()) as Page;
      sizes.push(page.data.length);
      ids.push(...page.data.map((d) => d.id));
      cursor = page.next_cursor;
    } while (cursor);
    assert.deepEqual(sizes, [25, 25, 11]);
    assert.deepEqual(ids, [...ids].sort((a, b) => b - a), 'newest first');

    for (let i = 0; i < 60; i++) {
      await fx.api('/api/events', { method: 'POST', json: { resource_name: 'RFIs', event_type: 'delete', resource_id: 2 * i + 1 } });
    }
    const failureSizes: number[] = [];
    cursor = null;
    await waitUntil(async () => {
      const page = (await (await fx.api(`/api/deliveries?hook_id=${hookId}&status=failures&limit=100`)).json()) as Page;
      return page.data.length >= 1;
    });
    // One delivery is failing (retrying); the other 59 wait behind it: enqueued is not a failure.
    const failing = (await (await fx.api(`/api/deliveries?hook_id=${hookId}&status=failures`)).json()) as Page;
    assert.equal(failing.data.length, 1);
    assert.equal(failing.data[0]!.status, 'retrying');
    // Disabling the hook fails everything waiting: now 60 failures page as 25 + 25 + 10.
    await fx.api(`/api/hooks/${hookId}`, { method: 'PATCH', json: { status: 'disabled' } });
    do {
      const page = (await (await fx.api(`/api/deliveries?hook_id=${hookId}&status=failures&limit=25${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)).json()) as Page;
      failureSizes.push(page.data.length);
      for (const d of page.data) assert.ok(['failed', 'retrying', 'discarded'].includes(d.status), d.status);
      cursor = page.next_cursor;
    } while (cursor);
    assert.deepEqual(failureSizes, [25, 25, 10]);
  });
});

async function waitUntil(check: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}
