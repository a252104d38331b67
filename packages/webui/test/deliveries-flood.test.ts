import assert from 'node:assert/strict';
import type { DeliverySummary } from '@hookline/core';
import { ArrivalHighlight } from '../src/deliveries/arrival-highlight.js';
import { mountDeliveries } from '../src/deliveries/deliveries-section.js';
import { useDomRoot, tick } from './support/dom.js';
import { FakeTransport } from './support/fake-transport.js';

function summary(id: number): DeliverySummary {
  return {
    id, hookId: 1, eventId: `598232430094691${String(8000 + id)}`, eventUlid: '01JF3Q4XG7M2N8P5R6S9T0V1W2', resourceName: 'RFIs', eventType: 'update',
    resourceId: '54321', projectId: '2', status: 'delivered', payloadVersion: 'v2.0', attemptCount: 1, firstFailureAt: null, nextAttemptAt: null,
    lastResponseStatus: 200, lastDurationMs: 12, lastErrorCode: null, changeSeq: id,
    createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z', replayOf: null,
  };
}

describe('ArrivalHighlight', () => {
  it('highlights arrivals while they are few, none under a flood, and again once the window has passed', () => {
    let now = 0;
    const highlight = new ArrivalHighlight({ windowMs: 2000, maxPerWindow: 10, now: () => now });
    assert.equal(highlight.arrived(0), false, 'nothing arrived, nothing to highlight');
    for (let i = 0; i < 10; i++) assert.equal(highlight.arrived(1), true, `arrival ${i + 1} of 10 in the window`);
    assert.equal(highlight.arrived(1), false, 'the 11th within 2 s is a flood');
    now = 1999;
    assert.equal(highlight.arrived(1), false);
    now = 4000;
    assert.equal(highlight.arrived(1), true, 'quiet for a window: highlights again');
    assert.equal(highlight.arrived(30), false, 'one batch of 30 is a flood by itself');
  });
});

describe('mountDeliveries under a flood (DOM)', () => {
  const fixture = useDomRoot();
  const rowButtons = (): Element[] => [...fixture.root.querySelectorAll('li.hl-delivery > button')];

  async function mounted(): Promise<FakeTransport> {
    const transport = new FakeTransport().handle('deliveries.list', () => ({ data: [summary(2), summary(1)], nextCursor: null }));
    mountDeliveries(fixture.root, transport);
    transport.hello(2);
    await tick(5);
    return transport;
  }

  it('leaves the rows of unchanged deliveries alone when new ones arrive on top', async () => {
    const transport = await mounted();
    const [second, first] = rowButtons().map((button) => button.firstElementChild);
    transport.push({ type: 'delivery.created', deliveries: [summary(3)] });
    const buttons = rowButtons();
    assert.equal(buttons.length, 3);
    assert.equal(buttons[1]?.firstElementChild, second, 'row 2 kept its content nodes');
    assert.equal(buttons[2]?.firstElementChild, first, 'row 1 kept its content nodes');
    transport.push({ type: 'delivery.updated', deliveries: [{ ...summary(2), status: 'retrying', changeSeq: 10, lastResponseStatus: 500 }] });
    assert.notEqual(rowButtons()[1]?.firstElementChild, second, 'a changed delivery is drawn again');
    assert.match(rowButtons()[1]?.textContent ?? '', /Retrying/);
  });

  it('highlights a few new deliveries, but not a flood of them', async () => {
    const transport = await mounted();
    transport.push({ type: 'delivery.created', deliveries: [summary(3)] });
    assert.equal(fixture.root.querySelectorAll('.hl-delivery--new').length, 1, 'one arrival is highlighted');
    transport.push({ type: 'delivery.created', deliveries: Array.from({ length: 40 }, (_, i) => summary(100 + i)) });
    const highlighted = [...fixture.root.querySelectorAll('.hl-delivery--new')].map((li) => li.getAttribute('data-id'));
    assert.equal(fixture.root.querySelectorAll('li.hl-delivery').length, 25);
    assert.deepEqual(highlighted, [], 'none of the flood is highlighted');
  });
});
