import assert from 'node:assert/strict';
import type { DeliveryStatus, DeliverySummary } from '@hookline/core';
import { DeliveriesModel, isFailure } from '../src/deliveries/deliveries-model.js';

function delivery(id: number, status: DeliveryStatus = 'delivered', changeSeq = id, hookId = 1): DeliverySummary {
  return {
    id, hookId, eventId: String(5982324300946918000n + BigInt(id)), eventUlid: `01J${id}`, resourceName: 'RFIs', eventType: 'update',
    resourceId: '1', projectId: '2', status, payloadVersion: 'v2.0', attemptCount: 1, firstFailureAt: null, nextAttemptAt: null,
    lastResponseStatus: 200, lastDurationMs: 3, lastErrorCode: null, changeSeq, createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z',
  };
}

const ids = (model: DeliveriesModel): number[] => model.deliveries.map((d) => d.id);

describe('DeliveriesModel', () => {
  it('counts failed, retrying and discarded as failures', () => {
    assert.deepEqual((['enqueued', 'retrying', 'delivered', 'failed', 'discarded'] as const).filter(isFailure), ['retrying', 'failed', 'discarded']);
  });

  it('appends pages newest first and knows when there is more', () => {
    const model = new DeliveriesModel({ failuresOnly: false, hookId: null });
    assert.equal(model.hasMore, false);
    model.addPage({ data: [delivery(30), delivery(29)], nextCursor: 'c1' });
    assert.equal(model.hasMore, true);
    model.addPage({ data: [delivery(28)], nextCursor: null });
    assert.deepEqual(ids(model), [30, 29, 28]);
    assert.equal(model.hasMore, false);
  });

  it('puts live deliveries at the top once, in their latest state', () => {
    const model = new DeliveriesModel({ failuresOnly: false, hookId: null });
    model.addPage({ data: [delivery(5), delivery(4)], nextCursor: 'c' });
    assert.deepEqual(model.upsert([delivery(6, 'enqueued', 10), delivery(7, 'enqueued', 11)]), { added: [6, 7], changed: [] });
    assert.deepEqual(ids(model), [7, 6, 5, 4]);
    assert.deepEqual(model.upsert([delivery(6, 'delivered', 12), delivery(6, 'enqueued', 10)]), { added: [], changed: [6] });
    assert.equal(model.get(6)?.status, 'delivered', 'an older state never overwrites a newer one');
    assert.equal(model.lastSeq, 12);
  });

  it('does not double a live delivery that a page also returns', () => {
    const model = new DeliveriesModel({ failuresOnly: false, hookId: null });
    model.addPage({ data: [delivery(2)], nextCursor: null });
    model.upsert([delivery(3)]);
    model.addPage({ data: [delivery(3), delivery(2)], nextCursor: null });
    assert.deepEqual(ids(model), [3, 2]);
  });

  it('leaves older unseen deliveries to "More Deliveries" while a cursor remains', () => {
    const model = new DeliveriesModel({ failuresOnly: false, hookId: null });
    model.addPage({ data: [delivery(10), delivery(9)], nextCursor: 'c' });
    assert.deepEqual(model.upsert([delivery(3, 'failed', 40)]).added, []);
    model.reset({ failuresOnly: false, hookId: null });
    model.addPage({ data: [delivery(10)], nextCursor: null });
    assert.deepEqual(model.upsert([delivery(3, 'failed', 41)]).added, [3], 'with everything loaded, any delivery fits');
  });

  it('with Only Show Failures, shows a delivery once it fails and keeps it when it recovers', () => {
    const model = new DeliveriesModel({ failuresOnly: true, hookId: null });
    model.addPage({ data: [], nextCursor: null });
    assert.deepEqual(model.upsert([delivery(1, 'enqueued', 1)]).added, []);
    assert.deepEqual(model.upsert([delivery(1, 'retrying', 2)]).added, [1]);
    assert.deepEqual(model.upsert([delivery(1, 'delivered', 3)]).changed, [1]);
    assert.deepEqual(ids(model), [1]);
  });

  it('filters by hook and ignores pushes before the first page', () => {
    const model = new DeliveriesModel({ failuresOnly: false, hookId: 2 });
    assert.deepEqual(model.upsert([delivery(1, 'delivered', 1, 2)]).added, []);
    model.addPage({ data: [], nextCursor: null });
    assert.deepEqual(model.upsert([delivery(2, 'delivered', 2, 1), delivery(3, 'delivered', 3, 2)]).added, [3]);
  });
});
