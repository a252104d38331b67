import assert from 'node:assert/strict';
import { DeliveryListModel } from '../../src/deliveries/delivery-list-model.js';
import { DeliverySync } from '../../src/deliveries/delivery-sync.js';
import { FakeRelay, settle } from './support/fake-relay.js';

function setup(relay = new FakeRelay()) {
  const model = new DeliveryListModel();
  let changes = 0;
  const sync = new DeliverySync({ transport: relay, model, onChange: () => (changes += 1) });
  return { relay, model, sync, changes: () => changes };
}

describe('DeliverySync', () => {
  it('loads the first 25 on hello, then 5 more by cursor', async () => {
    const { relay, model, sync } = setup();
    relay.create(30);
    relay.hello();
    await settle();
    assert.equal(model.visible().length, 25);
    assert.equal(model.visible()[0]?.id, 30);
    await sync.loadMore();
    assert.equal(model.visible().length, 30);
    assert.equal(model.visible()[29]?.id, 1);
    assert.equal(model.hasMore(), false);
    const lists = relay.requests.filter((r) => r.type === 'deliveries.list');
    assert.equal(lists.length, 2);
    assert.equal((lists[1]?.params as { cursor?: string }).cursor !== undefined, true);
  });

  it('merges live pushes and tracks the newest change it saw', async () => {
    const { relay, model, sync, changes } = setup();
    relay.hello();
    await settle();
    const before = changes();
    const [created] = relay.create(1, 'enqueued');
    relay.push({ type: 'delivery.created', deliveries: [created!] });
    relay.push({ type: 'delivery.updated', deliveries: [relay.update(created!.id, 'delivered')] });
    assert.equal(model.visible()[0]?.status, 'delivered');
    assert.equal(sync.lastSeenSeq, relay.seq);
    assert.ok(changes() > before);
  });

  it('after a reconnect, catches up with backlog.get instead of reloading', async () => {
    const { relay, model, sync } = setup();
    relay.create(3);
    relay.hello();
    await settle();
    const seenBefore = sync.lastSeenSeq;
    // While disconnected: two new deliveries and one status change, no pushes.
    relay.create(2);
    relay.update(1, 'failed');
    relay.requests = [];
    relay.hello();
    await settle();
    assert.deepEqual(relay.requests.map((r) => r.type), ['backlog.get']);
    assert.deepEqual(relay.requests[0]?.params, { since: seenBefore, limit: 1000 });
    assert.deepEqual(model.visible().map((d) => d.id), [5, 4, 3, 2, 1]);
    assert.equal(model.get(1)?.status, 'failed');
    assert.equal(sync.lastSeenSeq, relay.seq);
  });

  it('follows a long backlog across several rounds', async () => {
    const relay = new FakeRelay();
    const model = new DeliveryListModel();
    const sync = new DeliverySync({ transport: relay, model, onChange: () => {}, backlogPageSize: 10 });
    relay.hello();
    await settle();
    relay.create(35);
    relay.hello();
    await settle(40);
    assert.equal(relay.requests.filter((r) => r.type === 'backlog.get').length, 4);
    assert.equal(model.size, 35);
    sync.dispose();
  });

  it('reloads when the relay history goes backwards (a new data dir)', async () => {
    const { relay, model } = setup();
    relay.create(5);
    relay.hello();
    await settle();
    const fresh = new FakeRelay();
    fresh.create(1);
    // Same listeners, new history: simulate by moving the fake's state.
    relay.deliveries = fresh.deliveries;
    relay.seq = fresh.seq;
    relay.requests = [];
    relay.hello();
    await settle();
    assert.equal(relay.requests[0]?.type, 'deliveries.list');
    assert.deepEqual(model.visible().map((d) => d.id), [1]);
  });

  it('asks the relay for failures only when the filter is on', async () => {
    const { relay, model, sync } = setup();
    relay.create(2, 'failed');
    relay.create(3, 'delivered');
    relay.hello();
    await settle();
    await sync.setFilter('failures');
    assert.deepEqual((relay.requests.at(-1)?.params as { status?: string }).status, 'failures');
    assert.deepEqual(model.visible().map((d) => d.status), ['failed', 'failed']);
    await sync.setFilter('all');
    assert.equal(model.visible().length, 5);
  });

  it('reports a failed load as an error status instead of throwing', async () => {
    const relay = new FakeRelay();
    relay.request = () => Promise.reject(new Error('relay went away'));
    const { model, sync } = setup(relay);
    relay.hello();
    await settle();
    assert.deepEqual(sync.status, { kind: 'error', message: 'relay went away' });
    assert.equal(model.size, 0);
  });
});
