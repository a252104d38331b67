import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { RelayService } from '../src/service/types.js';
import { openDatabase } from '../src/store/database.js';
import { startReceiver, type Receiver } from './support/receiver.js';
import { fixtureDriver } from './support/sqlite-drivers.js';
import { configureDefaultHook, openTestService, sleep, tempDir, waitForStatus, waitUntil } from './support/service-fixture.js';

describe('service: restart', () => {
  let dir: ReturnType<typeof tempDir>;
  let receiver: Receiver;
  let service: RelayService | undefined;
  let path: string;
  beforeEach(async () => {
    dir = tempDir();
    path = join(dir.dir, 'relay.db');
    receiver = await startReceiver({ status: 500 });
  });
  afterEach(async () => {
    await service?.close();
    await receiver.close();
    dir.cleanup();
  });

  it('a relay closed in the middle of retrying carries on from the stored schedule and delivers', async () => {
    service = openTestService(path, { timeScale: 10 }); // 1 s → 100 ms, 2 s → 200 ms, 4 s → 400 ms
    configureDefaultHook(service, receiver.url);
    const head = await service.ingestEvent({ resourceName: 'RFIs', eventType: 'update', resourceId: '1' });
    await waitUntil(() => service!.getDelivery(head.deliveries[0]!.id).attemptCount >= 3, 5000, '3 attempts');
    const behind = await service.ingestEvent({ resourceName: 'RFIs', eventType: 'update', resourceId: '2' });
    await service.close();
    service = undefined;

    const db = openDatabase(path, { readonly: true, driver: fixtureDriver() });
    const rows = db.prepare('SELECT id, status, attempt_count, next_attempt_at FROM deliveries ORDER BY id').all() as { id: number; status: string; attempt_count: number; next_attempt_at: number | null }[];
    db.close();
    assert.equal(rows[0]?.status, 'retrying');
    assert.equal(rows[0]?.attempt_count, 3);
    const due = rows[0]?.next_attempt_at;
    assert.ok(typeof due === 'number' && due > Date.now(), 'the next attempt is due in the future');
    assert.equal(rows[1]?.status, 'enqueued');
    const sentBefore = receiver.requests.length;
    assert.equal(sentBefore, 3);

    receiver.respondWith({ status: 200 });
    service = openTestService(path, { timeScale: 10 });
    const delivered = await waitForStatus(service, head.deliveries[0]!.id, 'delivered', 5000);
    const retry = receiver.requests[sentBefore];
    assert.ok(retry);
    assert.ok(retry.receivedAt >= due, `resumed no earlier than its stored next_attempt_at (${retry.receivedAt - due} ms after it)`);
    assert.equal(delivered.attemptCount, 4);
    assert.deepEqual(service.getDelivery(delivered.id).attempts.map((a) => a.number), [1, 2, 3, 4]);
    await waitForStatus(service, behind.deliveries[0]!.id, 'delivered');
    assert.deepEqual(receiver.requests.slice(sentBefore).map((r) => /"resource_id":(\d+)/.exec(r.body.toString())?.[1]), ['1', '2']);
  });

  it('an attempt in flight when the relay stops is simply made again after restart (at least once)', async () => {
    receiver.respondWith({ hang: true });
    service = openTestService(path, { closeGraceMs: 50, sendTimeoutMs: 4000 });
    configureDefaultHook(service, receiver.url);
    const { deliveries } = await service.ingestEvent({ resourceName: 'RFIs', eventType: 'create', resourceId: '1' });
    await receiver.waitForRequests(1);
    await service.close();
    service = undefined;
    receiver.respondWith({ status: 200 });
    service = openTestService(path);
    const delivered = await waitForStatus(service, deliveries[0]!.id, 'delivered');
    assert.equal(receiver.requests.length, 2);
    assert.ok(receiver.requests[0]!.body.equals(receiver.requests[1]!.body));
    assert.equal(delivered.attemptCount, 1, 'the unfinished attempt left no row');
  });

  it('a disabled hook’s deliveries are not resumed', async () => {
    service = openTestService(path, { timeScale: 1 });
    const hookId = configureDefaultHook(service, receiver.url);
    const { deliveries } = await service.ingestEvent({ resourceName: 'RFIs', eventType: 'create', resourceId: '1' });
    await waitForStatus(service, deliveries[0]!.id, 'retrying');
    service.updateHook(hookId, { status: 'disabled' });
    await waitForStatus(service, deliveries[0]!.id, 'failed');
    await service.close();
    receiver.respondWith({ status: 200 });
    service = openTestService(path, { timeScale: 1000 });
    await sleep(100);
    assert.equal(receiver.requests.length, 1);
    assert.equal(service.getDelivery(deliveries[0]!.id).status, 'failed');
  });
});
