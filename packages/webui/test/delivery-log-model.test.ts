import assert from 'node:assert/strict';
import { FAILURE_STATUSES, isFailureStatus } from '@hookline/core';
import { DeliveryLogModel, matchesFilter } from '../src/client/index.js';
import { page, summary } from './support/deliveries.js';

const cursor = (id: number): string => `c:${id}`;
const ids = (model: DeliveryLogModel): number[] => model.visible().map((d) => d.id);

describe('DeliveryLogModel', () => {
  it('counts core\'s failure statuses as failures, and filters by hook', () => {
    assert.deepEqual((['enqueued', 'retrying', 'delivered', 'failed', 'discarded'] as const).filter(isFailureStatus), ['retrying', 'failed', 'discarded']);
    for (const status of FAILURE_STATUSES) assert.ok(matchesFilter(summary(1, 1, status), { failuresOnly: true, hookId: null, resourceId: null }));
    assert.ok(!matchesFilter(summary(1, 1, 'delivered'), { failuresOnly: true, hookId: null, resourceId: null }));
    assert.ok(!matchesFilter(summary(1, 1, 'failed', { hookId: 2 }), { failuresOnly: true, hookId: 1, resourceId: null }));
    assert.ok(matchesFilter(summary(1, 1, 'delivered', { resourceId: '54321' }), { failuresOnly: false, hookId: null, resourceId: '54321' }));
    assert.ok(!matchesFilter(summary(1, 1, 'delivered', { resourceId: '777' }), { failuresOnly: false, hookId: null, resourceId: '54321' }));
  });

  it('pages 30 deliveries as 25, then 5 more, by cursor', () => {
    const model = new DeliveryLogModel();
    model.applyPage({ data: page(30, 6), nextCursor: cursor(6) });
    assert.equal(model.visible().length, 25);
    assert.equal(model.visible()[0]?.id, 30);
    assert.equal(model.hasMore(), true);
    assert.deepEqual(model.planMore(), { kind: 'fetch', cursor: cursor(6) });
    model.applyPage({ data: page(5, 1), nextCursor: null });
    model.showMore();
    assert.deepEqual(ids(model), Array.from({ length: 30 }, (_, i) => 30 - i));
    assert.equal(model.hasMore(), false);
    assert.deepEqual(model.planMore(), { kind: 'none' });
  });

  it('puts new deliveries on top and pushes older ones under "More Deliveries" without fetching', () => {
    const model = new DeliveryLogModel();
    model.applyPage({ data: [], nextCursor: null });
    const result = model.merge(Array.from({ length: 30 }, (_, i) => summary(i + 1, i + 1)));
    assert.equal(result.changed, true);
    assert.equal(result.added.length, 30);
    assert.equal(model.visible().length, 25);
    assert.equal(model.visible()[0]?.id, 30);
    assert.deepEqual(model.planMore(), { kind: 'reveal' });
    model.showMore();
    assert.equal(model.visible().length, 30);
    assert.equal(model.hasMore(), false);
  });

  it('applies an update in place, once, and never lets an older state win', () => {
    const model = new DeliveryLogModel();
    model.applyPage({ data: [summary(2, 5, 'retrying'), summary(1, 4)], nextCursor: null });
    assert.deepEqual(model.merge([summary(2, 7, 'delivered')]), { changed: true, added: [] });
    assert.equal(model.get(2)?.status, 'delivered');
    assert.equal(model.merge([summary(2, 6, 'failed')]).changed, false, 'a stale change must not win');
    assert.equal(model.get(2)?.status, 'delivered');
    assert.equal(model.merge([summary(2, 7, 'delivered')]).changed, false, 'a repeated change is not a change');
  });

  it('does not double a live delivery that a page also returns', () => {
    const model = new DeliveryLogModel();
    model.applyPage({ data: [summary(2)], nextCursor: null });
    model.merge([summary(3)]);
    model.applyPage({ data: [summary(3), summary(2)], nextCursor: null });
    assert.deepEqual(ids(model), [3, 2]);
  });

  it('ignores live changes below the paged boundary: they arrive with the next page', () => {
    const model = new DeliveryLogModel();
    model.applyPage({ data: page(30, 6), nextCursor: cursor(6) });
    assert.equal(model.merge([summary(3, 99, 'failed')]).changed, false);
    assert.equal(model.get(3), undefined);
    assert.deepEqual(model.merge([summary(31, 100)]).added, [31]);
    assert.equal(model.visible()[0]?.id, 31);
    model.reset();
    model.applyPage({ data: [summary(10)], nextCursor: null });
    assert.deepEqual(model.merge([summary(3, 101, 'failed')]).added, [3], 'with everything loaded, any delivery fits');
  });

  it('Only Show Failures shows failures only: a delivery joins when it starts failing and leaves when it recovers', () => {
    const model = new DeliveryLogModel({ filter: { failuresOnly: true, hookId: null, resourceId: null } });
    model.applyPage({ data: [summary(4, 4, 'failed'), summary(2, 2, 'retrying')], nextCursor: null });
    assert.equal(model.merge([summary(5, 5, 'delivered')]).changed, false, 'a success is not shown');
    assert.deepEqual(model.merge([summary(6, 6, 'enqueued')]).added, []);
    assert.deepEqual(model.merge([summary(6, 7, 'retrying')]).added, [6]);
    assert.deepEqual(model.merge([summary(2, 8, 'delivered')]), { changed: true, added: [] }, 'the page used to keep it; now it goes');
    assert.deepEqual(model.visible().map((d) => [d.id, d.status]), [[6, 'retrying'], [4, 'failed']]);
  });

  it('with a hook chosen, shows that hook\'s deliveries only', () => {
    const model = new DeliveryLogModel({ filter: { failuresOnly: false, hookId: 2 } });
    model.applyPage({ data: [], nextCursor: null });
    assert.deepEqual(model.merge([summary(2, 2, 'delivered', { hookId: 1 }), summary(3, 3, 'delivered', { hookId: 2 })]).added, [3]);
  });

  it('caps memory: past maxItems the oldest go and the next "More" reloads from the top', () => {
    const model = new DeliveryLogModel({ pageSize: 25, maxItems: 100 });
    model.applyPage({ data: [], nextCursor: null });
    for (let id = 1; id <= 1000; id += 1) model.merge([summary(id, id)]);
    assert.equal(model.size, 100);
    assert.equal(model.visible()[0]?.id, 1000);
    model.showMore();
    model.showMore();
    model.showMore();
    assert.deepEqual(model.planMore(), { kind: 'reload', count: 125 });
    assert.equal(model.hasMore(), true);
    assert.equal(new DeliveryLogModel().maxItems, 2000, 'the one cap, for the page and the tree');
  });

  it('keeps newest first through any mix of live changes: the same list a fresh sort of what it holds gives', () => {
    // A fixed pseudo-random sequence (LCG), so a failure reproduces: creations out of order, updates, failures
    // that recover under "Only Show Failures" (they leave the list), and the cap dropping the oldest.
    let seed = 42;
    const next = (n: number): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
    const model = new DeliveryLogModel({ pageSize: 25, maxItems: 100, filter: { failuresOnly: true } });
    model.applyPage({ data: [], nextCursor: null });
    let changeSeq = 0;
    for (let round = 0; round < 2000; round += 1) {
      const batch = Array.from({ length: 1 + next(4) }, () => {
        const id = round + next(60); // mostly new ones on top, some older ones changing
        changeSeq += 1;
        return summary(id, changeSeq, next(3) === 0 ? 'delivered' : 'retrying');
      });
      model.merge(batch);
      const held = model.items().map((d) => d.id);
      assert.deepEqual(held, [...held].sort((a, b) => b - a), `round ${round}: newest first`);
      assert.equal(new Set(held).size, held.length, `round ${round}: each delivery once`);
      assert.equal(held.length, model.size);
      assert.ok(model.items().every((d) => d.status === 'retrying' && model.get(d.id) === d), `round ${round}: only matching, current states`);
    }
    assert.equal(model.size, 100, 'the run filled the model to its cap');
    for (let i = 0; i < 3; i += 1) model.showMore();
    assert.equal(model.planMore().kind, 'reload', 'and the cap dropped the oldest');
  });

  it('reset bumps the generation and empties the list', () => {
    const model = new DeliveryLogModel();
    model.applyPage({ data: page(3, 1), nextCursor: null });
    const before = model.generation;
    model.reset({ failuresOnly: true, hookId: null, resourceId: null }, 50);
    assert.equal(model.generation, before + 1);
    assert.equal(model.size, 0);
    assert.deepEqual(model.filter, { failuresOnly: true, hookId: null, resourceId: null });
    assert.equal(model.visibleLimit, 50);
    assert.equal(model.isLoaded, false);
  });
});
