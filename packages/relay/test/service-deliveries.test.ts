import assert from 'node:assert/strict';
import { join } from 'node:path';
import { HooklineError, type DeliveryQuery, type DeliverySummary } from '@hookline/core';
import type { RelayService } from '../src/service/types.js';
import { startReceiver, type Receiver } from './support/receiver.js';
import { configureDefaultHook, openTestService, tempDir, waitUntil } from './support/service-fixture.js';

function pages(service: RelayService, query: DeliveryQuery): DeliverySummary[][] {
  const result: DeliverySummary[][] = [];
  let cursor: string | undefined;
  for (let i = 0; i < 20; i++) {
    const page = service.listDeliveries({ ...query, cursor });
    result.push(page.data);
    if (page.nextCursor === null) return result;
    cursor = page.nextCursor;
  }
  throw new Error('Too many pages.');
}

function isCoded(code: string, field?: string) {
  return (error: unknown) => error instanceof HooklineError && error.code === code && (field === undefined || error.field === field);
}

describe('service: the delivery log', function () {
  this.timeout(15000);
  let dir: ReturnType<typeof tempDir>;
  let healthy: Receiver;
  let failing: Receiver;
  let service: RelayService;
  let goodHook: number;
  let badHook: number;

  // 60 events to two hooks: 60 delivered to one, 60 failed (its queue stopped while failing) to the other.
  before(async () => {
    dir = tempDir();
    healthy = await startReceiver({ status: 200 });
    failing = await startReceiver({ status: 500 });
    service = openTestService(join(dir.dir, 'relay.db'));
    goodHook = configureDefaultHook(service, healthy.url);
    badHook = service.createHook({ namespace: 'failing', destinationUrl: failing.url }).hook.id;
    service.setTriggers(badHook, 'RFIs', { create: true, update: true });
    for (let i = 1; i <= 60; i++) {
      await service.ingestEvent({ resourceName: 'RFIs', eventType: i % 2 === 0 ? 'update' : 'create', resourceId: String(i) });
    }
    await waitUntil(() => service.listDeliveries({ hookId: goodHook, status: 'delivered', limit: 100 }).data.length === 60, 8000, '60 delivered');
    service.updateHook(badHook, { status: 'disabled' });
    await waitUntil(() => service.listDeliveries({ hookId: badHook, status: 'failed', limit: 100 }).data.length === 60, 8000, '60 failed');
  });
  after(async () => {
    await service.close();
    await healthy.close();
    await failing.close();
    dir.cleanup();
  });

  it('pages 60 deliveries as 25 + 25 + 10, newest first, by keyset', () => {
    const result = pages(service, { hookId: goodHook });
    assert.deepEqual(result.map((p) => p.length), [25, 25, 10]);
    const ids = result.flat().map((d) => d.id);
    assert.equal(new Set(ids).size, 60);
    assert.deepEqual(ids, [...ids].sort((a, b) => b - a));
    assert.ok(result.flat().every((d) => d.hookId === goodHook && d.status === 'delivered'));
    assert.ok(!('payload' in (result[0]![0] as object)), 'list entries carry no payload');
  });

  it('pages the failures filter as 25 + 25 + 10 too', () => {
    const result = pages(service, { status: 'failures' });
    assert.deepEqual(result.map((p) => p.length), [25, 25, 10]);
    assert.ok(result.flat().every((d) => d.hookId === badHook && d.status === 'failed'));
    assert.deepEqual(pages(service, { status: 'failures', hookId: goodHook }).map((p) => p.length), [0]);
    assert.deepEqual(pages(service, { status: 'failures', hookId: badHook, limit: 50 }).map((p) => p.length), [50, 10]);
  });

  it('pages everything and filters by resource name and event type', () => {
    assert.deepEqual(pages(service, {}).map((p) => p.length), [25, 25, 25, 25, 20]);
    assert.deepEqual(pages(service, { eventType: 'update', hookId: goodHook }).map((p) => p.length), [25, 5]);
    assert.ok(pages(service, { eventType: 'create' }).flat().every((d) => d.eventType === 'create'));
    assert.deepEqual(pages(service, { resourceName: 'Projects' }).map((p) => p.length), [0]);
    assert.equal(service.listDeliveries({ limit: 100 }).data.length, 100);
  });

  it('refuses a cursor it did not issue with a coded error (the request readers check the rest: input-requests.test.ts)', () => {
    assert.throws(() => service.listDeliveries({ cursor: 'not-a-cursor' }), isCoded('HOOKLINE_ERR_INVALID_CURSOR', 'cursor'));
  });

  it('gives one delivery with its payload and every attempt', () => {
    const [latest] = service.listDeliveries({ hookId: goodHook, limit: 1 }).data;
    const detail = service.getDelivery(latest!.id);
    assert.equal(detail.attempts.length, 1);
    assert.equal(detail.attempts[0]?.requestBody, detail.payload);
    assert.throws(() => service.getDelivery(999999), isCoded('HOOKLINE_ERR_DELIVERY_NOT_FOUND'));
  });

  it('gives the backlog since a change cursor, oldest change first, each delivery once at its latest state', () => {
    const all = service.backlog(0);
    assert.equal(all.deliveries.length, 120);
    assert.equal(all.more, false);
    assert.equal(all.lastSeq, service.lastSeq());
    const seqs = all.deliveries.map((d) => d.changeSeq);
    assert.deepEqual(seqs, [...seqs].sort((a, b) => a - b));
    assert.equal(all.lastSeq, seqs.at(-1));

    const first = service.backlog(0, 50);
    assert.equal(first.deliveries.length, 50);
    assert.equal(first.more, true);
    assert.equal(first.lastSeq, first.deliveries.at(-1)?.changeSeq);
    const rest = service.backlog(first.lastSeq, 500);
    assert.equal(rest.deliveries.length, 70);
    assert.deepEqual(service.backlog(service.lastSeq()).deliveries, []);
  });
});
