import assert from 'node:assert/strict';
import type { DeliverySummary, DeliveryWithAttempts } from '@hookline/core';
import { mountDeliveries } from '../src/deliveries/deliveries-section.js';
import { useDomRoot, tick } from './support/dom.js';
import { FakeTransport } from './support/fake-transport.js';

function summary(id: number, status: DeliverySummary['status'] = 'delivered'): DeliverySummary {
  return {
    id, hookId: 1, eventId: `598232430094691${String(8000 + id)}`, eventUlid: '01JF3Q4XG7M2N8P5R6S9T0V1W2', resourceName: 'RFIs', eventType: 'update',
    resourceId: '54321', projectId: '2', status, payloadVersion: 'v2.0', attemptCount: 1, firstFailureAt: null, nextAttemptAt: null,
    lastResponseStatus: status === 'delivered' ? 200 : 500, lastDurationMs: 12, lastErrorCode: null, changeSeq: id,
    createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z', replayOf: null,
  };
}

describe('mountDeliveries (DOM)', () => {
  const fixture = useDomRoot();

  const rowIds = (): string[] => [...fixture.root.querySelectorAll('li.hl-delivery')].map((li) => li.getAttribute('data-id') ?? '');

  it('pages 25 at a time, puts live ones on top, filters failures and expands a payload exactly', async () => {
    const all = Array.from({ length: 30 }, (_, i) => summary(30 - i, i % 7 === 0 ? 'retrying' : 'delivered'));
    const transport = new FakeTransport()
      .handle('deliveries.list', (q) => {
        const pool = q.status === 'failures' ? all.filter((d) => d.status === 'retrying') : all;
        const start = q.cursor ? Number(q.cursor) : 0;
        const data = pool.slice(start, start + (q.limit ?? 25));
        return { data, nextCursor: start + data.length < pool.length ? String(start + data.length) : null };
      })
      .handle('delivery.get', ({ deliveryId }) => {
        const payload = `{"id":5982324300946918154,"resource_name":"RFIs","delivery":${deliveryId}}`;
        const delivery: DeliveryWithAttempts = {
          ...summary(deliveryId), payload,
          attempts: [{ id: 1, deliveryId, number: 1, trigger: 'scheduled', url: 'http://127.0.0.1:3000/hooks', ok: true, startedAt: '2026-01-01T00:00:00Z', completedAt: '2026-01-01T00:00:00Z', durationMs: 12,
            requestHeaders: { authorization: '••••••••cret1' }, requestBody: payload, responseStatus: 200, responseHeaders: { 'content-type': 'application/json' },
            responseBody: '{"ok":true}', responseBodyTruncated: false, errorCode: null, errorMessage: null }],
        };
        return { delivery };
      });
    mountDeliveries(fixture.root, transport, { hookId: 1 });
    assert.equal(rowIds().length, 0, 'nothing is asked before the relay says hello');
    transport.hello();
    await tick(5);
    assert.equal(rowIds().length, 25);
    assert.equal(rowIds()[0], '30');
    const more = fixture.root.querySelector('.hl-deliveries__more') as HTMLButtonElement;
    assert.equal(more.hidden, false);
    more.click();
    await tick(5);
    assert.equal(rowIds().length, 30);
    assert.equal(more.hidden, true);

    transport.push({ type: 'delivery.created', deliveries: [summary(31)] });
    assert.equal(rowIds()[0], '31');

    const first = fixture.root.querySelector('li.hl-delivery button') as HTMLButtonElement;
    first.click();
    await tick(5);
    assert.equal(first.getAttribute('aria-expanded'), 'true');
    const detail = fixture.root.querySelector('li.hl-delivery .hl-delivery__detail') as HTMLElement;
    assert.match(detail.textContent ?? '', /"id": 5982324300946918154/);
    assert.match(detail.textContent ?? '', /Response Body/);
    assert.deepEqual(transport.requests('delivery.get'), [{ deliveryId: 31 }]);

    const failures = fixture.root.querySelector('.hl-deliveries__toolbar input[type="checkbox"]') as HTMLInputElement;
    failures.click();
    await tick(5);
    assert.deepEqual(rowIds(), ['30', '23', '16', '9', '2']);
    assert.equal((transport.requests('deliveries.list').at(-1) as { status?: string }).status, 'failures');
  });

  it('renders the shared log\'s decisions: a recovered failure leaves the failures list, live rows past a page go under More, a new history reloads', async () => {
    let pool = [summary(3, 'retrying'), summary(2, 'retrying'), summary(1)];
    const transport = new FakeTransport().handle('deliveries.list', (q) => {
      const data = pool.filter((d) => q.status !== 'failures' || d.status !== 'delivered').slice(0, q.limit ?? 25);
      return { data, nextCursor: null };
    });
    mountDeliveries(fixture.root, transport);
    transport.hello(3);
    await tick(5);
    (fixture.root.querySelector('.hl-deliveries__toolbar input[type="checkbox"]') as HTMLInputElement).click();
    await tick(5);
    assert.deepEqual(rowIds(), ['3', '2']);
    transport.push({ type: 'delivery.updated', deliveries: [{ ...summary(2), changeSeq: 10 }] });
    assert.deepEqual(rowIds(), ['3'], 'the page used to keep a recovered row here; it goes, as in the tree');

    (fixture.root.querySelector('.hl-deliveries__toolbar input[type="checkbox"]') as HTMLInputElement).click();
    await tick(5);
    const live = Array.from({ length: 25 }, (_, i) => ({ ...summary(100 + i), changeSeq: 100 + i }));
    transport.push({ type: 'delivery.created', deliveries: live });
    assert.equal(rowIds().length, 25, 'at most a page more than asked for: older rows wait under More Deliveries');
    assert.equal(rowIds()[0], '124');
    assert.equal((fixture.root.querySelector('.hl-deliveries__more') as HTMLButtonElement).hidden, false);

    pool = [summary(1)];
    transport.hello(1);
    await tick(5);
    assert.deepEqual(rowIds(), ['1'], 'a relay whose history went backwards is loaded afresh');
  });
});
