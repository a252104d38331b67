import assert from 'node:assert/strict';
import { join } from 'node:path';
import { canDeliver, type ResourceEvent } from '@hookline/core';
import type { NewDeliveryRow } from '../src/store/deliveries-repo.js';
import { openStore, type Store } from '../src/store/store.js';
import { WriteBatcher } from '../src/store/write-batcher.js';
import { tempDir } from './support/service-fixture.js';
import { storeTestDrivers } from './support/sqlite-drivers.js';

const BIG_ID = '9223372036854775001'; // far beyond Number.MAX_SAFE_INTEGER

function event(id: string): ResourceEvent {
  return {
    id,
    ulid: '01JMYXMZRBVKK0PC6XS8SA4QRE',
    timestamp: '2025-02-25T16:04:43.619085Z',
    resourceName: 'RFIs',
    resourceId: '9007199254740993',
    eventType: 'update',
    companyId: '1357908642',
    projectId: '2468013579',
    userId: '987654321',
    metadata: { sourceUserId: '987654321', sourceProjectId: '2468013579', sourceOperationId: null, sourceCompanyId: '1357908642', sourceApplicationId: null },
    relatedResources: [],
  };
}

function deliveryRow(hookId: number, e: ResourceEvent, payload = `{"id":${e.id}}`): NewDeliveryRow {
  return { hookId, eventId: e.id, eventUlid: e.ulid, resourceName: e.resourceName, eventType: e.eventType, resourceId: e.resourceId, projectId: e.projectId, payload, payloadVersion: 'v2.0' };
}

for (const driver of storeTestDrivers()) {
  describe(`store: repositories (${driver})`, () => {
    let dir: ReturnType<typeof tempDir>;
    let store: Store;
    let hookId: number;
    beforeEach(() => {
      dir = tempDir();
      store = openStore(join(dir.dir, 'relay.db'), { driver });
      hookId = store.hooks.insert({ namespace: 'ns', destinationUrl: 'http://127.0.0.1:1/x', authorization: 'Bearer secret-12345', payloadVersion: 'v2.0', status: 'active', companyId: '1', projectId: null }, Date.now()).id;
    });
    afterEach(() => {
      store.close();
      dir.cleanup();
    });

    it('keeps 64-bit event ids and payload bytes exact', () => {
      const e = event(BIG_ID);
      const payload = `{"id":${BIG_ID},"resource_id":9007199254740993,"note":"é ✓"}`;
      store.events.insert(e, Date.now());
      const d = store.deliveries.insert(deliveryRow(hookId, e, payload), 1, Date.now());
      assert.equal(store.events.get(BIG_ID)?.id, BIG_ID);
      assert.equal(store.events.get(BIG_ID)?.resourceId, '9007199254740993');
      assert.equal(store.events.lastId(), BIG_ID);
      const stored = store.deliveries.get(d.id);
      assert.equal(stored?.eventId, BIG_ID);
      assert.equal(stored?.payload, payload);
      assert.equal(store.db.prepare<[], { t: string }>('SELECT typeof(id) AS t FROM events').get()?.t, 'text');
      assert.equal(store.db.prepare<[], { t: string }>('SELECT typeof(event_id) AS t FROM deliveries').get()?.t, 'text');
    });

    it('pages newest first by keyset and filters failures through the generated flag', () => {
      const e = event('100');
      store.events.insert(e, Date.now());
      const ids: number[] = [];
      for (let i = 0; i < 30; i++) {
        const d = store.deliveries.insert(deliveryRow(hookId, e), i + 1, Date.now());
        ids.push(d.id);
        if (i % 3 === 0) store.deliveries.updateState({ ...d, status: i % 2 === 0 ? 'failed' : 'discarded', changeSeq: 100 + i });
      }
      const first = store.deliveries.page({ hookId }, 10);
      assert.deepEqual(first.map((d) => d.id), ids.slice(-10).reverse());
      const next = store.deliveries.page({ hookId, beforeId: first[first.length - 1]?.id }, 10);
      assert.deepEqual(next.map((d) => d.id), ids.slice(-20, -10).reverse());
      const failures = store.deliveries.page({ status: 'failures' }, 100);
      assert.equal(failures.length, 10);
      assert.ok(failures.every((d) => d.status === 'failed' || d.status === 'discarded'));
      assert.equal(store.deliveries.page({ status: 'enqueued', hookId }, 100).length, 20);
      assert.equal(store.deliveries.page({ resourceName: 'RFIs', eventType: 'update' }, 100).length, 30);
      assert.equal(store.deliveries.page({ eventType: 'create' }, 100).length, 0);
      const since = store.deliveries.changedSince(100, 100);
      assert.deepEqual(since.map((d) => d.changeSeq), [103, 106, 109, 112, 115, 118, 121, 124, 127]);
    });

    it('keeps where each attempt went and its stored outcome, which endpoint health reads as it is', () => {
      const e = event('150');
      store.events.insert(e, Date.now());
      const d = store.deliveries.insert(deliveryRow(hookId, e), 1, Date.now());
      const base = { deliveryId: d.id, trigger: 'scheduled' as const, durationMs: 3, requestHeaders: {}, responseHeaders: {}, responseBody: null, responseBodyTruncated: false, errorMessage: null };
      store.attempts.insert({ ...base, number: 1, url: 'http://127.0.0.1:1/old', ok: false, startedAt: 10, completedAt: 13, responseStatus: 503, errorCode: 'http' });
      // A 2xx whose body could not be read is no success: the stored ok says so, not the status.
      store.attempts.insert({ ...base, number: 2, url: 'http://127.0.0.1:1/x', ok: false, startedAt: 20, completedAt: 23, responseStatus: 200, errorCode: 'connection' });
      store.attempts.insert({ ...base, number: 3, url: null, ok: true, startedAt: 30, completedAt: 33, responseStatus: 204, errorCode: null });
      const attempts = store.attempts.listForDelivery(d.id, '{}');
      assert.deepEqual(attempts.map((a) => [a.url, a.ok]), [['http://127.0.0.1:1/old', false], ['http://127.0.0.1:1/x', false], [null, true]]);
      assert.deepEqual(store.attempts.recentForHook(hookId, 10).map((s) => [s.at, s.ok]), [[13, false], [23, false], [33, true]]);
    });

    it('matches events to exactly the hooks core\'s canDeliver delivers to (the SQL twin)', () => {
      const urls = ['https://example.com/hooks', null, ''];
      let n = 0;
      for (const status of ['active', 'disabled'] as const) {
        for (const destinationUrl of urls) {
          const hook = store.hooks.insert({ namespace: `table-${(n += 1)}`, destinationUrl, authorization: null, payloadVersion: 'v2.0', status, companyId: '1', projectId: null }, 1);
          store.triggers.add(hook.id, 'Submittals', 'create', 1);
        }
      }
      const hooks = store.hooks.list().filter((h) => h.namespace.startsWith('table-'));
      assert.equal(hooks.length, 6);
      const matched = store.hooks.matching('Submittals', 'create').map((h) => h.id);
      assert.deepEqual(matched, hooks.filter((h) => canDeliver(h)).map((h) => h.id));
      assert.equal(matched.length, 2, 'active with a URL (the empty string included, as both rules read it)');
    });

    it('cascades a hook delete to its triggers, deliveries and attempts, and keeps the events', () => {
      const e = event('200');
      store.events.insert(e, Date.now());
      store.triggers.add(hookId, 'RFIs', 'update', Date.now());
      const d = store.deliveries.insert(deliveryRow(hookId, e), 1, Date.now());
      assert.ok(store.attempts.insert({ deliveryId: d.id, number: 1, trigger: 'scheduled', url: 'http://127.0.0.1:1/x', ok: true, startedAt: 1, completedAt: 2, durationMs: 1, requestHeaders: {}, responseStatus: 200, responseHeaders: {}, responseBody: Buffer.from('ok'), responseBodyTruncated: false, errorCode: null, errorMessage: null }));
      store.hooks.delete(hookId);
      assert.equal(store.triggers.listForHook(hookId).length, 0);
      assert.equal(store.deliveries.get(d.id), undefined);
      assert.equal(store.attempts.countForDelivery(d.id), 0);
      assert.ok(store.events.get('200'));
      // An attempt that ends after its delivery was deleted is dropped, not a foreign-key failure.
      assert.equal(store.attempts.insert({ deliveryId: d.id, number: 2, trigger: 'scheduled', url: 'http://127.0.0.1:1/x', ok: true, startedAt: 1, completedAt: 2, durationMs: 1, requestHeaders: {}, responseStatus: 200, responseHeaders: {}, responseBody: null, responseBodyTruncated: false, errorCode: null, errorMessage: null }), false);
    });

    it('write batcher: group-commits ~100 rows per transaction, numbers changes in commit order, isolates a bad op', async () => {
      const flushes: number[] = [];
      const batcher = new WriteBatcher(store.db, store.meta, { maxRows: 100, maxDelayMs: 2, onFlushed: () => flushes.push(batcher.lastSeq) });
      const e = event('300');
      store.events.insert(e, Date.now());
      const committed: number[] = [];
      const failed: unknown[] = [];
      for (let i = 0; i < 250; i++) {
        batcher.enqueue({
          apply: (tx) => {
            store.deliveries.insert(deliveryRow(hookId, e), tx.nextSeq(), Date.now());
          },
          committed: () => committed.push(i),
        });
      }
      batcher.enqueue({ apply: () => store.db.prepare('INSERT INTO nowhere VALUES (1)').run(), failed: (error) => failed.push(error) });
      assert.equal(batcher.lastSeq, 0, 'nothing is committed synchronously');
      await new Promise((resolve) => setTimeout(resolve, 50));
      assert.equal(committed.length, 250);
      assert.equal(failed.length, 1);
      assert.equal(batcher.lastSeq, 250);
      assert.equal(store.meta.changeSeq(), 250);
      assert.ok(flushes.length >= 3 && flushes.length <= 5, `flushes: ${flushes.join(',')}`);
      const seqs = store.db.prepare<[], { change_seq: number }>('SELECT change_seq FROM deliveries ORDER BY id').all().map((r) => r.change_seq);
      assert.deepEqual(seqs, Array.from({ length: 250 }, (_, i) => i + 1));
      batcher.close();
      assert.equal(new WriteBatcher(store.db, store.meta).lastSeq, 250, 'the sequence survives a reopen');
    });
  });
}
