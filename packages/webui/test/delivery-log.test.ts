import assert from 'node:assert/strict';
import type { DeliveryPage } from '@hookline/core';
import { DeliveryLog } from '../src/client/index.js';
import { tick } from './support/dom.js';
import { page, summary } from './support/deliveries.js';
import { FakeTransport } from './support/fake-transport.js';

/** The log's edges the contract suite (vscode/test/unit/delivery-log-contract.test.ts) does not reach. */
describe('DeliveryLog', () => {
  const pages = (all = page(30, 1)) => (q: { cursor?: string; limit?: number }): DeliveryPage => {
    const start = q.cursor ? Number(q.cursor) : 0;
    const data = all.slice(start, start + (q.limit ?? 25));
    return { data, nextCursor: start + data.length < all.length ? String(start + data.length) : null };
  };

  it('reports a failed load as an error status instead of throwing, and tries again on the next hello', async () => {
    let fail = true;
    const transport = new FakeTransport().handle('deliveries.list', (q) => {
      if (fail) throw new Error('relay went away');
      return pages()(q);
    });
    const log = new DeliveryLog({ transport });
    transport.hello();
    await tick();
    assert.deepEqual(log.status, { kind: 'error', message: 'relay went away' });
    assert.equal(log.size, 0);
    fail = false;
    transport.hello();
    await tick();
    assert.equal(log.status.kind, 'ready');
    assert.equal(log.visible().length, 25);
  });

  it('a filter chosen before hello waits for it; one chosen again is not reloaded', async () => {
    const transport = new FakeTransport().handle('deliveries.list', (q) => pages(q.status === 'failures' ? page(4, 1, 'failed') : page(30, 1))(q));
    const log = new DeliveryLog({ transport });
    await log.setFilter({ failuresOnly: true });
    assert.deepEqual(transport.sent, []);
    transport.hello();
    await tick();
    assert.deepEqual(transport.requests('deliveries.list'), [{ limit: 25, status: 'failures' }]);
    await log.setFilter({ failuresOnly: true });
    assert.equal(transport.requests('deliveries.list').length, 1);
  });

  it('a reply\'s newer state shows at once but does not move lastSeenSeq (pushes before it may still be on their way)', async () => {
    const transport = new FakeTransport().handle('deliveries.list', pages(page(3, 1)));
    const log = new DeliveryLog({ transport });
    transport.hello(3);
    await tick();
    log.merge([summary(2, 40, 'enqueued')]);
    assert.equal(log.get(2)?.status, 'enqueued');
    assert.equal(log.lastSeenSeq, 3);
    transport.push({ type: 'delivery.updated', deliveries: [summary(2, 41, 'delivered')] });
    assert.equal(log.lastSeenSeq, 41);
  });

  it('a live push during a catch-up does not move the backlog cursor past rounds still to read; afterwards it counts', async () => {
    // Deliveries 1-3 changed at seqs 11-13 while away; delivery 9 changes live (seq 20) between the two rounds.
    const missed = [summary(1, 11), summary(2, 12), summary(3, 13)];
    const transport = new FakeTransport()
      .handle('deliveries.list', pages([]))
      .handle('backlog.get', (q) => {
        const rest = missed.filter((d) => d.changeSeq > q.since);
        const round = rest.slice(0, q.limit ?? 2);
        if (q.since === 10) transport.push({ type: 'delivery.created', deliveries: [summary(9, 20)] });
        const more = rest.length > round.length;
        return { deliveries: round, lastSeq: more ? (round.at(-1)?.changeSeq ?? q.since) : 20, more };
      });
    const log = new DeliveryLog({ transport, backlogLimit: 2 });
    transport.hello(10);
    await tick();
    transport.hello(20);
    await tick();
    assert.deepEqual(transport.requests('backlog.get'), [{ since: 10, limit: 2 }, { since: 12, limit: 2 }]);
    assert.deepEqual(log.visible().map((d) => d.id), [9, 3, 2, 1]);
    assert.equal(log.lastSeenSeq, 20);
  });

  it('"More Deliveries" clicked twice fetches once', async () => {
    const transport = new FakeTransport().handle('deliveries.list', pages());
    const log = new DeliveryLog({ transport });
    transport.hello();
    await tick();
    await Promise.all([log.loadMore(), log.loadMore()]);
    assert.equal(transport.requests('deliveries.list').length, 2);
    assert.equal(log.visible().length, 30);
  });

  it('"More" past the cap shows the page it fetched (the cap keeps what is shown)', async () => {
    const transport = new FakeTransport().handle('deliveries.list', pages(page(200, 1)));
    const log = new DeliveryLog({ transport, pageSize: 25, maxItems: 50 });
    transport.hello();
    await tick();
    for (let shown = 50; shown <= 125; shown += 25) {
      await log.loadMore();
      assert.equal(log.visible().length, shown, `after "More": ${shown} shown`);
      assert.equal(log.visible()[shown - 1]?.id, 200 - shown + 1, 'the oldest shown is the last of the page just fetched');
    }
  });

  it('forget() (another relay) empties the list; the next hello loads from scratch', async () => {
    const transport = new FakeTransport().handle('deliveries.list', pages(page(3, 1))).handle('backlog.get', () => ({ deliveries: [], lastSeq: 3, more: false }));
    const log = new DeliveryLog({ transport });
    transport.hello(3);
    await tick();
    log.forget();
    assert.equal(log.size, 0);
    assert.equal(log.lastSeenSeq, null);
    transport.hello(3);
    await tick();
    assert.deepEqual(transport.sent.map((s) => s.type), ['deliveries.list', 'deliveries.list']);
    assert.equal(log.size, 3);
  });

  it('a load overtaken by a newer one leaves both the list and the status to the newer', async () => {
    let release: (() => void) | undefined;
    const transport = new FakeTransport().handle('deliveries.list', async (q) => {
      if (q.status !== 'failures') await new Promise<void>((resolve) => (release = resolve));
      return pages(q.status === 'failures' ? [] : page(3, 1))(q);
    });
    const log = new DeliveryLog({ transport });
    transport.hello();
    await tick();
    await log.setFilter({ failuresOnly: true });
    release?.();
    await tick();
    assert.deepEqual(log.visible(), []);
    assert.equal(log.status.kind, 'ready');
    assert.deepEqual(log.filter, { failuresOnly: true, hookId: null, resourceId: null });
  });
});
