/**
 * What the Procore API needs below the routes: the service's delivery search (several statuses, a creation-time
 * range, keyset or offset paging, totals) with coded errors for bad input, event look-ups, and indexes that fit
 * those queries.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { HooklineError } from '@hookline/core';
import type { RelayService } from '../src/service/types.js';
import { openStore } from '../src/store/store.js';
import { startReceiver, type Receiver } from './support/receiver.js';
import { configureDefaultHook, openTestService, recordChanges, tempDir, waitUntil } from './support/service-fixture.js';

function isCoded(code: string, field?: string) {
  return (error: unknown) => error instanceof HooklineError && error.code === code && (field === undefined || error.field === field);
}

describe('Procore API support: delivery search, event look-up, indexes', function () {
  this.timeout(15000);
  let dir: ReturnType<typeof tempDir>;
  let receiver: Receiver;
  let service: RelayService;
  let hookId: number;
  const eventIds: string[] = [];

  before(async () => {
    dir = tempDir();
    receiver = await startReceiver({ status: 200 });
    service = openTestService(join(dir.dir, 'relay.db'));
    hookId = configureDefaultHook(service, receiver.url);
    for (let i = 0; i < 6; i++) {
      const { event } = await service.ingestEvent({ resourceName: 'RFIs', eventType: i % 3 === 0 ? 'update' : 'create', resourceId: String(100 + i) });
      eventIds.push(event.id);
    }
    await waitUntil(() => service.searchDeliveries({ hookId, statuses: ['delivered'], limit: 10, withTotal: true }).total === 6, 8000, '6 delivered');
  });
  after(async () => {
    await service.close();
    await receiver.close();
    dir.cleanup();
  });

  it('searches one hook newest first, with attempts, any of several statuses, and a total', () => {
    const result = service.searchDeliveries({ hookId, statuses: ['failed', 'delivered'], limit: 4, withTotal: true });
    assert.equal(result.total, 6);
    assert.equal(result.data.length, 4);
    assert.deepEqual(result.data.map((d) => d.eventId), eventIds.slice(2).reverse());
    assert.ok(result.data.every((d) => d.attempts.length === 1 && d.attempts[0]?.responseStatus === 200 && d.payload.startsWith('{')));
    assert.equal(service.searchDeliveries({ hookId, statuses: ['retrying', 'failed'], limit: 4, withTotal: true }).total, 0);
    assert.equal(service.searchDeliveries({ hookId, statuses: [], limit: 4 }).data.length, 0);
    assert.equal(service.searchDeliveries({ hookId, limit: 4 }).total, null, 'no count unless asked');
  });

  it('pages by keyset (beforeId) or by offset, filters by event type and creation time', () => {
    const newest = service.searchDeliveries({ hookId, limit: 2 }).data;
    const below = service.searchDeliveries({ hookId, limit: 10, beforeId: newest[1]?.id }).data;
    assert.deepEqual(below.map((d) => d.eventId), eventIds.slice(0, 4).reverse());
    assert.deepEqual(service.searchDeliveries({ hookId, limit: 2, offset: 4 }).data.map((d) => d.eventId), eventIds.slice(0, 2).reverse());
    assert.equal(service.searchDeliveries({ hookId, limit: 10, eventType: 'update', withTotal: true }).total, 2);
    assert.equal(service.searchDeliveries({ hookId, limit: 10, resourceName: 'Submittals', withTotal: true }).total, 0);
    const created = Date.parse(newest[0]?.createdAt ?? '');
    assert.equal(service.searchDeliveries({ hookId, limit: 10, createdFrom: new Date(created + 1).toISOString(), withTotal: true }).total, 0);
    assert.equal(service.searchDeliveries({ hookId, limit: 10, createdBefore: new Date(created + 1).toISOString(), withTotal: true }).total, 6);
  });

  it('refuses bad searches with coded errors', () => {
    assert.throws(() => service.searchDeliveries({ hookId: 99999, limit: 1 }), isCoded('HOOKLINE_ERR_HOOK_NOT_FOUND'));
    assert.throws(() => service.searchDeliveries({ hookId, limit: 1, createdFrom: 'soon' }), isCoded('HOOKLINE_ERR_INVALID_QUERY', 'start'));
  });

  it('finds a stored event by its 64-bit id, and answers null for anything else', () => {
    const event = service.findEvent(eventIds[0] ?? '');
    assert.equal(event?.id, eventIds[0]);
    assert.equal(event?.resourceId, '100');
    assert.equal(service.findEvent('123'), null);
    assert.equal(service.findEvent('not-an-id'), null);
  });

  it('applies bulk trigger changes entry by entry, in one transaction and one announcement', () => {
    const { changes, stop } = recordChanges(service);
    const added = service.addTriggers(hookId, [
      { resourceName: 'Submittals', eventType: 'create' },
      { resourceName: 'Bids', eventType: 'create' },
      { resourceName: 'Submittals', eventType: 'update' },
    ]);
    assert.deepEqual(added.map((r) => (r.ok ? r.value.resourceName : r.error.code)), ['Submittals', 'HOOKLINE_ERR_EVENT_TYPE_NOT_OFFERED', 'Submittals']);
    const ids = added.flatMap((r) => (r.ok ? [r.value.id] : []));
    const removed = service.deleteTriggers(hookId, [...ids, 424242]);
    stop();
    assert.deepEqual(removed.map((r) => (r.ok ? r.value : r.error.code)), [...ids, 'HOOKLINE_ERR_TRIGGER_NOT_FOUND']);
    assert.equal(changes.filter((c) => c.kind === 'triggers.updated').length, 2, 'one announcement per bulk change');
    assert.deepEqual(service.getTriggerGrid(hookId), { RFIs: ['create', 'update', 'delete'] });
    assert.throws(() => service.addTriggers(99999, []), isCoded('HOOKLINE_ERR_HOOK_NOT_FOUND'));
  });
});
