import assert from 'node:assert/strict';
import { startReceiver } from './support/receiver.js';
import type { Receiver } from './support/receiver.js';
import { startRelayFixture } from './support/relay-fixture.js';
import type { RelayFixture } from './support/relay-fixture.js';

interface AttemptJson {
  started_at: string;
  response_status: number | null;
  error_code: string | null;
}
interface DeliveryJson {
  id: number;
  status: string;
  attempt_count: number;
}

async function waitUntil(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

async function setUp(fx: RelayFixture, url: string): Promise<number> {
  const hookId = fx.relay.service.listHooks()[0]!.id;
  await fx.api(`/api/hooks/${hookId}/endpoint`, { method: 'PUT', json: { destination_url: url } });
  await fx.api(`/api/hooks/${hookId}/triggers/RFIs`, { method: 'PUT', json: { create: true } });
  return hookId;
}

async function postEvents(fx: RelayFixture, count: number): Promise<void> {
  for (let i = 1; i <= count; i++) {
    assert.equal((await fx.api('/api/events', { method: 'POST', json: { resource_name: 'RFIs', event_type: 'create', resource_id: i } })).status, 202);
  }
}

async function deliveries(fx: RelayFixture, hookId: number): Promise<DeliveryJson[]> {
  return ((await (await fx.api(`/api/deliveries?hook_id=${hookId}&limit=100`)).json()) as { data: DeliveryJson[] }).data;
}

describe('reliability: endpoint outages', function () {
  this.timeout(60_000);

  // The back-off's timing is pinned on a fake clock in delivery-engine.test.ts; this checks what happens, in order.
  it('delivers everything after a one-hour outage, retrying only the head meanwhile', async () => {
    const timeScale = 3600; // one hour of policy time = 1 s
    let receiver: Receiver | null = await startReceiver({ status: 200 });
    const port = receiver.port;
    const url = `${receiver.url}/in`;
    await receiver.close(); // the endpoint is down: connections are refused
    receiver = null;
    const fx = await startRelayFixture({ timeScale, maxInFlight: 1 });
    try {
      const hookId = await setUp(fx, url);
      const downAt = Date.now();
      await postEvents(fx, 20);
      const hourMs = 3_600_000 / timeScale;
      await new Promise((r) => setTimeout(r, hourMs - (Date.now() - downAt)));
      receiver = await startReceiver({ status: 200 }, port);
      await receiver.waitForRequests(20, 10_000);
      await waitUntil(async () => (await deliveries(fx, hookId)).every((d) => d.status === 'delivered'), 10_000, 'all delivered');

      const all = await deliveries(fx, hookId);
      const head = all.find((d) => d.attempt_count > 1)!;
      assert.ok(head, 'the first delivery was retried through the outage');
      assert.equal(all.filter((d) => d.attempt_count > 1).length, 1, 'only the head was tried during the outage: the rest waited');
      const detail = (await (await fx.api(`/api/deliveries/${head.id}`)).json()) as { data: { attempts: AttemptJson[] } };
      const attempts = detail.data.attempts;
      assert.ok(attempts.slice(0, -1).every((a) => a.error_code === 'connection'), 'refused connections are connection failures');
      assert.equal(attempts.at(-1)!.response_status, 200);
      assert.ok(attempts.length >= 4, `${attempts.length} attempts: retried through the outage`);
      const starts = attempts.map((a) => Date.parse(a.started_at));
      assert.deepEqual(starts, [...starts].sort((a, b) => a - b), 'one try after another');
    } finally {
      await fx.stop();
      await receiver?.close();
    }
  });

  it('discards the queue after 12 hours of failing, and the next event starts a fresh cycle', async () => {
    const timeScale = 36_000; // 12 hours of policy time = 1.2 s
    const receiver = await startReceiver({ status: 503, body: 'down for maintenance' });
    const fx = await startRelayFixture({ timeScale, maxInFlight: 1 });
    try {
      const hookId = await setUp(fx, `${receiver.url}/in`);
      await postEvents(fx, 10);
      await waitUntil(async () => (await deliveries(fx, hookId)).every((d) => d.status === 'discarded'), 15_000, 'all discarded');
      const discarded = await deliveries(fx, hookId);
      assert.equal(discarded.length, 10);
      assert.equal(discarded.filter((d) => d.attempt_count > 0).length, 1, 'the waiting ones were discarded without being sent');

      receiver.respondWith({ status: 200 });
      const before = receiver.requests.length;
      await postEvents(fx, 1);
      await waitUntil(async () => (await deliveries(fx, hookId))[0]!.status === 'delivered', 5_000, 'fresh delivery');
      const fresh = (await deliveries(fx, hookId))[0]!;
      assert.equal(fresh.attempt_count, 1, 'a fresh cycle: delivered at the first attempt');
      assert.equal(receiver.requests.length, before + 1);
    } finally {
      await fx.stop();
      await receiver.close();
    }
  });
});
