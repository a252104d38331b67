import assert from 'node:assert/strict';
import { parsePayload, renderPayload } from '@hookline/core';
import type { RelayService } from '../src/service/types.js';
import { startReceiver, type Receiver, type ReceivedRequest } from './support/receiver.js';
import { configureDefaultHook, openTestService, recordChanges, useServiceWithReceiver, waitForStatus, waitUntil } from './support/service-fixture.js';

/** The resource_id in a received v2.0 body. */
function resourceIdOf(request: ReceivedRequest): string | undefined {
  return /"resource_id":(\d+)/.exec(request.body.toString())?.[1];
}

describe('service: delivering', () => {
  const ctx = useServiceWithReceiver();

  it('delivers the exact rendered bytes with the Authorization header verbatim and Hookline’s User-Agent', async () => {
    const authorization = 'Bearer 0123456789abcdef-SECRET';
    const hookId = configureDefaultHook(ctx.service, `${ctx.receiver.url}/procore`, authorization);
    const feed = recordChanges(ctx.service);
    const { event, deliveries } = await ctx.service.ingestEvent({ resourceName: 'RFIs', eventType: 'update', resourceId: '9007199254740993' });
    assert.equal(deliveries.length, 1);
    assert.equal(deliveries[0]?.hookId, hookId);
    const [request] = await ctx.receiver.waitForRequests(1);
    assert.ok(request);
    assert.equal(request.headers.authorization, authorization);
    assert.equal(request.headers['user-agent'], 'Hookline/0.0.0-test');
    assert.equal(request.headers['content-type'], 'application/json');
    assert.ok(request.body.equals(Buffer.from(renderPayload(event, 'v2.0'), 'utf8')), 'body bytes are the rendered payload');
    assert.ok(request.body.toString().includes(`"id":${event.id},`), '64-bit id is a bare exact number');
    assert.ok(request.body.toString().includes('"resource_id":9007199254740993'));

    const delivered = await waitForStatus(ctx.service, deliveries[0]!.id, 'delivered');
    const detail = ctx.service.getDelivery(delivered.id);
    assert.equal(detail.payload, request.body.toString('utf8'));
    assert.equal(detail.attempts.length, 1);
    const [attempt] = detail.attempts;
    assert.equal(attempt?.trigger, 'scheduled');
    assert.equal(attempt?.responseStatus, 200);
    assert.equal(attempt?.requestBody, detail.payload);
    assert.equal(attempt?.requestHeaders.Authorization, '••••••••ECRET');
    assert.ok(!JSON.stringify(detail).includes('0123456789abcdef'), 'the secret is stored but never shown');
    await waitUntil(() => feed.changes.some((c) => c.kind === 'attempt.finished'));
    const kinds = feed.changes.map((c) => c.kind);
    assert.deepEqual(kinds.filter((k) => k !== 'delivery.updated'), ['delivery.created', 'attempt.started', 'attempt.finished']);
    assert.ok(kinds.includes('delivery.updated'));
    const finished = feed.changes.find((c) => c.kind === 'attempt.finished');
    assert.ok(finished && finished.kind === 'attempt.finished' && finished.status === 200 && finished.ok && finished.url === `${ctx.receiver.url}/procore`);
    assert.deepEqual([attempt?.url, attempt?.ok], [`${ctx.receiver.url}/procore`, true]);
    feed.stop();
  });

  it('renders each hook’s payload version and skips hooks without a matching trigger', async () => {
    configureDefaultHook(ctx.service, ctx.receiver.url);
    const { hook: v4 } = ctx.service.createHook({ namespace: 'v4-hook', destinationUrl: `${ctx.receiver.url}/v4`, payloadVersion: 'v4.0' });
    ctx.service.setTriggers(v4.id, 'RFIs', { create: true });
    ctx.service.createHook({ namespace: 'no-endpoint', payloadVersion: 'v3.0' });

    const update = await ctx.service.ingestEvent({ resourceName: 'RFIs', eventType: 'update', resourceId: '7' });
    assert.equal(update.deliveries.length, 1, 'only the default hook has RFIs.update');
    const create = await ctx.service.ingestEvent({ resourceName: 'RFIs', eventType: 'create', resourceId: '8' });
    assert.deepEqual(create.deliveries.map((d) => d.payloadVersion).sort(), ['v2.0', 'v4.0']);
    const none = await ctx.service.ingestEvent({ resourceName: 'Projects', eventType: 'create', resourceId: '9' });
    assert.deepEqual(none.deliveries, []);

    await ctx.receiver.waitForRequests(3);
    const v4Body = ctx.receiver.requests.find((r) => r.path === '/v4')?.body.toString();
    assert.equal(v4Body, renderPayload(create.event, 'v4.0'));
    assert.equal((parsePayload(v4Body ?? '{}') as { reason: string }).reason, 'create');
  });

  it('a 500 pauses the hook behind the failing delivery, and the queue resumes in order after a success', async function () {
    this.timeout(15000);
    await ctx.service.close();
    ctx.service = openTestService(ctx.path, { timeScale: 200 }); // 1 s → 5 ms, doubling
    configureDefaultHook(ctx.service, ctx.receiver.url);
    let fail = true;
    ctx.receiver.respondWith(() => (fail ? { status: 500, body: 'down' } : { status: 200 }));
    const first = await ctx.service.ingestEvent({ resourceName: 'RFIs', eventType: 'update', resourceId: '1' });
    await ctx.receiver.waitForRequests(2);
    const second = await ctx.service.ingestEvent({ resourceName: 'RFIs', eventType: 'update', resourceId: '2' });
    const third = await ctx.service.ingestEvent({ resourceName: 'RFIs', eventType: 'update', resourceId: '3' });
    await ctx.receiver.waitForRequests(9, 8000);
    // While the first fails, nothing else is sent.
    assert.ok(ctx.receiver.requests.every((r) => resourceIdOf(r) === '1'), 'the hook is paused behind the failing delivery');
    assert.equal(ctx.service.getDelivery(first.deliveries[0]!.id).status, 'retrying');
    assert.equal(ctx.service.getDelivery(second.deliveries[0]!.id).status, 'enqueued');

    // Only the order is checked here; the schedule itself is pinned on a fake clock in delivery-engine.test.ts.
    const attempts = await waitUntil(() => {
      const list = ctx.service.getDelivery(first.deliveries[0]!.id).attempts;
      return list.length >= 9 ? list : undefined;
    });
    assert.deepEqual(attempts.slice(0, 9).map((a) => a.number), [1, 2, 3, 4, 5, 6, 7, 8, 9]);
    assert.ok(attempts.every((a) => a.responseStatus === 500 && a.errorCode === 'http'));

    fail = false;
    await waitForStatus(ctx.service, third.deliveries[0]!.id, 'delivered', 8000);
    const order = ctx.receiver.requests.map(resourceIdOf).filter((id) => id !== '1');
    assert.deepEqual(order, ['2', '3']);
    const head = ctx.service.getDelivery(first.deliveries[0]!.id);
    assert.equal(head.status, 'delivered');
    assert.equal(head.firstFailureAt, null, 'a success resets the counters');
  });

  it('stores next_attempt_at from core’s schedule', async () => {
    configureDefaultHook(ctx.service, ctx.receiver.url);
    ctx.receiver.respondWith({ status: 503 });
    const { deliveries } = await ctx.service.ingestEvent({ resourceName: 'RFIs', eventType: 'create', resourceId: '1' });
    await ctx.receiver.waitForRequests(1);
    await waitForStatus(ctx.service, deliveries[0]!.id, 'retrying');
    const retrying = ctx.service.getDelivery(deliveries[0]!.id); // one consistent snapshot
    const first = retrying.attempts[0];
    const last = retrying.attempts.at(-1);
    assert.ok(first?.completedAt && last?.completedAt && retrying.nextAttemptAt && retrying.firstFailureAt);
    assert.equal(retrying.attemptCount, retrying.attempts.length);
    const expected = Math.min(1000 * 2 ** (retrying.attemptCount - 1), 3_600_000) / 1000; // core's schedule, scaled by 1000
    assert.equal(Date.parse(retrying.nextAttemptAt) - Date.parse(last.completedAt), expected);
    assert.equal(retrying.firstFailureAt, first.completedAt);
  });

  it('discards the failing delivery and every waiting one after 12 h (scaled) of failure; the next event starts afresh', async function () {
    this.timeout(15000);
    await ctx.service.close();
    ctx.service = openTestService(ctx.path, { timeScale: 20000 }); // 12 h → 2.16 s
    configureDefaultHook(ctx.service, ctx.receiver.url);
    ctx.receiver.respondWith({ status: 500 });
    const head = await ctx.service.ingestEvent({ resourceName: 'RFIs', eventType: 'update', resourceId: '1' });
    await waitForStatus(ctx.service, head.deliveries[0]!.id, 'retrying'); // paused from here on
    const waiting = await Promise.all([2, 3, 4].map((n) => ctx.service.ingestEvent({ resourceName: 'RFIs', eventType: 'update', resourceId: String(n) })));
    // When the discard comes (exactly 12 h of policy time) is pinned on a fake clock in delivery-engine.test.ts.
    const discarded = await waitForStatus(ctx.service, head.deliveries[0]!.id, 'discarded', 6000);
    await waitUntil(() => waiting.every((w) => ctx.service.getDelivery(w.deliveries[0]!.id).status === 'discarded'));
    const detail = ctx.service.getDelivery(discarded.id);
    assert.ok(detail.attempts.length > 1, `${detail.attempts.length} attempts`);
    assert.deepEqual(detail.attempts.map((a) => a.number), detail.attempts.map((_, i) => i + 1));
    assert.ok(detail.attempts.every((a) => !a.ok && a.url === ctx.receiver.url));
    for (const w of waiting) {
      const d = ctx.service.getDelivery(w.deliveries[0]!.id);
      assert.equal(d.status, 'discarded');
      assert.equal(d.attempts.length, 0, 'waiting deliveries are discarded unsent');
    }
    assert.ok(ctx.receiver.requests.every((r) => resourceIdOf(r) === '1'));

    ctx.receiver.respondWith({ status: 200 });
    const fresh = await ctx.service.ingestEvent({ resourceName: 'RFIs', eventType: 'update', resourceId: '5' });
    const delivered = await waitForStatus(ctx.service, fresh.deliveries[0]!.id, 'delivered');
    assert.equal(delivered.attemptCount, 1);
  });

  it('keeps strict order with maxInFlight 1 (100 events, uneven response times)', async function () {
    this.timeout(15000);
    await ctx.service.close();
    ctx.service = openTestService(ctx.path, { maxInFlight: 1 });
    configureDefaultHook(ctx.service, ctx.receiver.url);
    ctx.receiver.respondWith((r) => ({ status: 200, delayMs: r.index % 7 === 0 ? 6 : 0 }));
    const results = await Promise.all(Array.from({ length: 100 }, (_, i) => ctx.service.ingestEvent({ resourceName: 'RFIs', eventType: 'create', resourceId: String(i + 1) })));
    await ctx.receiver.waitForRequests(100, 10000);
    const order = ctx.receiver.requests.map((r) => Number(resourceIdOf(r)));
    assert.deepEqual(order, Array.from({ length: 100 }, (_, i) => i + 1));
    assert.equal(ctx.receiver.maxActive, 1);
    await waitForStatus(ctx.service, results[99]!.deliveries[0]!.id, 'delivered');
  });

  it('sends up to maxInFlight deliveries to a healthy hook at once', async () => {
    configureDefaultHook(ctx.service, ctx.receiver.url);
    ctx.receiver.respondWith({ status: 200, delayMs: 40 });
    await Promise.all(Array.from({ length: 20 }, (_, i) => ctx.service.ingestEvent({ resourceName: 'RFIs', eventType: 'create', resourceId: String(i + 1) })));
    await ctx.receiver.waitForRequests(20);
    assert.equal(ctx.receiver.maxActive, 8);
  });

  it('redeliver makes an immediate manual attempt and leaves the queue rules alone', async () => {
    configureDefaultHook(ctx.service, ctx.receiver.url);
    const { deliveries } = await ctx.service.ingestEvent({ resourceName: 'RFIs', eventType: 'delete', resourceId: '11' });
    await waitForStatus(ctx.service, deliveries[0]!.id, 'delivered');
    ctx.receiver.respondWith({ status: 500 });
    const failed = await ctx.service.redeliver(deliveries[0]!.id);
    assert.equal(failed.status, 'failed', 'a failed manual attempt on a delivered delivery marks it failed');
    ctx.receiver.respondWith({ status: 200 });
    const again = await ctx.service.redeliver(deliveries[0]!.id);
    assert.equal(again.status, 'delivered');
    assert.equal(again.attemptCount, 3);
    const detail = ctx.service.getDelivery(deliveries[0]!.id);
    assert.deepEqual(detail.attempts.map((a) => a.trigger), ['scheduled', 'manual', 'manual']);
    assert.equal(ctx.receiver.requests.length, 3);
    assert.ok(ctx.receiver.requests.every((r) => r.body.equals(ctx.receiver.requests[0]!.body)), 'the same bytes each time');
  });

  it('a manual success on the failing head resumes the hook', async () => {
    configureDefaultHook(ctx.service, ctx.receiver.url);
    await ctx.service.close();
    ctx.service = openTestService(ctx.path, { timeScale: 1 }); // retries 1 s apart: only the manual one runs
    ctx.receiver.respondWith({ status: 500 });
    const head = await ctx.service.ingestEvent({ resourceName: 'RFIs', eventType: 'update', resourceId: '1' });
    await waitForStatus(ctx.service, head.deliveries[0]!.id, 'retrying');
    const next = await ctx.service.ingestEvent({ resourceName: 'RFIs', eventType: 'update', resourceId: '2' });
    ctx.receiver.respondWith({ status: 200 });
    const redelivered = await ctx.service.redeliver(head.deliveries[0]!.id);
    assert.equal(redelivered.status, 'delivered');
    await waitForStatus(ctx.service, next.deliveries[0]!.id, 'delivered');
    assert.deepEqual(ctx.service.getDelivery(head.deliveries[0]!.id).attempts.map((a) => a.trigger), ['scheduled', 'manual']);
  });

  it('records a 3xx as a failed attempt without following it, and a large response truncated at 64 KiB', async () => {
    configureDefaultHook(ctx.service, `${ctx.receiver.url}/start`);
    ctx.receiver.respondWith((r) => (r.path === '/start' ? { status: 301, headers: { location: '/elsewhere' } } : { status: 200 }));
    const moved = await ctx.service.ingestEvent({ resourceName: 'RFIs', eventType: 'update', resourceId: '1' });
    const retrying = await waitForStatus(ctx.service, moved.deliveries[0]!.id, 'retrying');
    assert.equal(retrying.lastResponseStatus, 301);
    assert.equal(retrying.lastErrorCode, 'http');
    assert.ok(ctx.receiver.requests.every((r) => r.path === '/start'));

    ctx.receiver.respondWith({ status: 200, body: Buffer.alloc(100 * 1024, 'z') });
    const delivered = await waitForStatus(ctx.service, moved.deliveries[0]!.id, 'delivered');
    const last = ctx.service.getDelivery(delivered.id).attempts.at(-1);
    assert.equal(last?.responseBody?.length, 64 * 1024);
    assert.equal(last?.responseBodyTruncated, true);
  });
});
