import assert from 'node:assert/strict';
import type { DeliverySummary } from '@hookline/core';
import { ArrivalHighlight } from '../src/deliveries/arrival-highlight.js';
import { RenderPacer } from '../src/deliveries/render-pacer.js';
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
    assert.equal(rowButtons()[1]?.firstElementChild, second, 'a changed delivery is redrawn in place: the same nodes');
    assert.match(rowButtons()[1]?.textContent ?? '', /Retrying/);
    assert.equal(second?.className, 'hl-status hl-status--retrying');
    assert.match(rowButtons()[1]?.textContent ?? '', /500/);
  });

  it('with a redraw interval, draws the first change at once and those right after it together, at the end', async () => {
    const transport = new FakeTransport().handle('deliveries.list', () => ({ data: [summary(1)], nextCursor: null }));
    const section = mountDeliveries(fixture.root, transport, { redrawIntervalMs: 60 });
    transport.hello(1);
    await tick(5);
    await new Promise((resolve) => setTimeout(resolve, 150));
    transport.push({ type: 'delivery.created', deliveries: [summary(2)] });
    assert.equal(rowButtons().length, 2, 'after a quiet spell: drawn at once');
    transport.push({ type: 'delivery.created', deliveries: [summary(3)] });
    transport.push({ type: 'delivery.created', deliveries: [summary(4)] });
    assert.equal(rowButtons().length, 2, 'right after a redraw: waits for the interval');
    await new Promise((resolve) => setTimeout(resolve, 80));
    assert.deepEqual([...fixture.root.querySelectorAll('li.hl-delivery')].map((li) => li.getAttribute('data-id')), ['4', '3', '2', '1']);
    section.dispose();
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

describe('RenderPacer', () => {
  function paced() {
    let now = 1000;
    const timers: { run: () => void; at: number }[] = [];
    const draws: number[][] = [];
    const pacer = new RenderPacer((added) => draws.push([...added]), {
      intervalMs: 100,
      now: () => now,
      setTimer: (run, ms) => {
        const timer = { run, at: now + ms };
        timers.push(timer);
        return timer;
      },
      clearTimer: (timer) => void timers.splice(timers.indexOf(timer as (typeof timers)[number]), 1),
    });
    const advance = (ms: number): void => {
      now += ms;
      for (const timer of [...timers]) if (timer.at <= now) {
        timers.splice(timers.indexOf(timer), 1);
        timer.run();
      }
    };
    return { pacer, draws, advance, pending: () => timers.length };
  }

  it('draws a change after a quiet spell at once, and what follows within the interval once at its end', () => {
    const { pacer, draws, advance, pending } = paced();
    pacer.changed([1]);
    assert.deepEqual(draws, [[1]], 'drawn at once');
    advance(10);
    pacer.changed([2]);
    advance(10);
    pacer.changed([3, 4]);
    pacer.changed([]);
    assert.equal(draws.length, 1, 'nothing more drawn within the interval');
    assert.equal(pending(), 1, 'one draw waits, however many changes came');
    advance(80);
    assert.deepEqual(draws, [[1], [2, 3, 4]], 'one draw at the end of the interval, with every id that arrived');
    advance(500);
    pacer.changed([5]);
    assert.deepEqual(draws.at(-1), [5], 'quiet again: drawn at once');
  });

  it('flush draws now; dispose drops the draw that waits', () => {
    const { pacer, draws, advance, pending } = paced();
    pacer.changed([1]);
    pacer.changed([2]);
    pacer.flush();
    assert.deepEqual(draws, [[1], [2]]);
    assert.equal(pending(), 0);
    advance(1);
    pacer.changed([3]);
    pacer.dispose();
    advance(1000);
    assert.deepEqual(draws, [[1], [2]]);
  });
});
