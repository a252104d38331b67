import assert from 'node:assert/strict';
import { DeliveryListModel } from '../../src/deliveries/delivery-list-model.js';
import { summary } from './support/fake-relay.js';

const cursor = (id: number): string => Buffer.from(`d:${id}`).toString('base64url');
/** ids from `from` down to `to`, newest first, as a relay page returns them. */
const page = (from: number, to: number, status: 'delivered' | 'failed' = 'delivered') =>
  Array.from({ length: from - to + 1 }, (_, i) => summary(from - i, from - i, status));

describe('DeliveryListModel', () => {
  it('pages 30 deliveries as 25, then 5 more, by cursor', () => {
    const model = new DeliveryListModel();
    model.applyPage({ data: page(30, 6), nextCursor: cursor(6) });
    assert.equal(model.visible().length, 25);
    assert.equal(model.visible()[0]?.id, 30);
    assert.equal(model.hasMore(), true);
    assert.deepEqual(model.planMore(), { kind: 'fetch', cursor: cursor(6) });
    model.applyPage({ data: page(5, 1), nextCursor: null });
    model.showMore();
    assert.deepEqual(model.visible().map((d) => d.id), Array.from({ length: 30 }, (_, i) => 30 - i));
    assert.equal(model.hasMore(), false);
    assert.deepEqual(model.planMore(), { kind: 'none' });
  });

  it('puts new deliveries on top and pushes older ones under "More Deliveries" without fetching', () => {
    const model = new DeliveryListModel();
    model.applyPage({ data: [], nextCursor: null });
    assert.equal(model.merge(Array.from({ length: 30 }, (_, i) => summary(i + 1, i + 1))), true);
    assert.equal(model.visible().length, 25);
    assert.equal(model.visible()[0]?.id, 30);
    assert.deepEqual(model.planMore(), { kind: 'reveal' });
    model.showMore();
    assert.equal(model.visible().length, 30);
    assert.equal(model.hasMore(), false);
  });

  it('applies an update in place and ignores one older than what it holds', () => {
    const model = new DeliveryListModel();
    model.applyPage({ data: [summary(2, 5, 'retrying'), summary(1, 4)], nextCursor: null });
    assert.equal(model.merge([summary(2, 7, 'delivered')]), true);
    assert.equal(model.get(2)?.status, 'delivered');
    assert.equal(model.merge([summary(2, 6, 'failed')]), false, 'a stale change must not win');
    assert.equal(model.get(2)?.status, 'delivered');
    assert.equal(model.merge([summary(2, 7, 'delivered')]), false, 'a repeated change is not a change');
  });

  it('ignores live changes below the paged boundary: they arrive with the next page', () => {
    const model = new DeliveryListModel();
    model.applyPage({ data: page(30, 6), nextCursor: cursor(6) });
    assert.equal(model.merge([summary(3, 99, 'failed')]), false);
    assert.equal(model.get(3), undefined);
    assert.equal(model.merge([summary(31, 100)]), true);
    assert.equal(model.visible()[0]?.id, 31);
  });

  it('with Only Show Failures, keeps failures only: adds a delivery that starts failing, drops one that recovers', () => {
    const model = new DeliveryListModel();
    model.reset('failures');
    model.applyPage({ data: [summary(4, 4, 'failed'), summary(2, 2, 'retrying')], nextCursor: null });
    assert.equal(model.merge([summary(5, 5, 'delivered')]), false, 'a success is not shown');
    assert.equal(model.merge([summary(6, 6, 'retrying')]), true);
    assert.equal(model.merge([summary(2, 7, 'delivered')]), true);
    assert.deepEqual(model.visible().map((d) => [d.id, d.status]), [[6, 'retrying'], [4, 'failed']]);
  });

  it('caps memory: past maxItems the oldest go and the next "More" reloads from the top', () => {
    const model = new DeliveryListModel({ pageSize: 25, maxItems: 100 });
    model.applyPage({ data: [], nextCursor: null });
    for (let id = 1; id <= 1000; id += 1) model.merge([summary(id, id)]);
    assert.equal(model.size, 100);
    assert.equal(model.visible()[0]?.id, 1000);
    model.showMore();
    model.showMore();
    model.showMore();
    assert.deepEqual(model.planMore(), { kind: 'reload', count: 125 });
    assert.equal(model.hasMore(), true);
  });

  it('reset bumps the generation and empties the list', () => {
    const model = new DeliveryListModel();
    model.applyPage({ data: page(3, 1), nextCursor: null });
    const before = model.generation;
    model.reset('failures', 50);
    assert.equal(model.generation, before + 1);
    assert.equal(model.size, 0);
    assert.equal(model.filter, 'failures');
    assert.equal(model.visibleLimit, 50);
    assert.equal(model.isLoaded, false);
  });
});
