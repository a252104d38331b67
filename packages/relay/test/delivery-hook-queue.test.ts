import assert from 'node:assert/strict';
import type { Delivery } from '@hookline/core';
import { systemClock } from '../src/delivery/clock.js';
import { HeadTimer } from '../src/delivery/head-timer.js';
import { HookQueue } from '../src/delivery/hook-queue.js';

const d = (id: number): Delivery => ({ id }) as Delivery;

describe('delivery: hook queue', () => {
  it('keeps waiting deliveries in id order, whatever order they come back in', () => {
    const queue = new HookQueue(1, new HeadTimer(systemClock()));
    for (const id of [3, 4, 7]) queue.addWaiting(d(id));
    queue.addWaiting(d(5));
    queue.addWaiting(d(1));
    queue.addWaiting(d(5)); // already there
    assert.equal(queue.waitingCount, 5);
    assert.equal(queue.findWaiting(4)?.id, 4);
    assert.equal(queue.removeWaiting(4), true);
    assert.equal(queue.removeWaiting(4), false);
    const order: number[] = [];
    for (let next = queue.takeWaiting(); next; next = queue.takeWaiting()) order.push(next.id);
    assert.deepEqual(order, [1, 3, 5, 7]);
    assert.equal(queue.isIdle, true);
  });

  it('takes from the front in constant time over long queues and still inserts in order after compaction', () => {
    const queue = new HookQueue(1, new HeadTimer(systemClock()));
    for (let id = 1; id <= 5000; id++) queue.addWaiting(d(id * 2));
    for (let i = 1; i <= 3000; i++) assert.equal(queue.takeWaiting()?.id, i * 2);
    queue.addWaiting(d(6003)); // between 6002 and 6004, both waiting
    assert.deepEqual([queue.takeWaiting()?.id, queue.takeWaiting()?.id, queue.takeWaiting()?.id], [6002, 6003, 6004]);
    assert.equal(queue.drainWaiting().length, 1998);
    assert.equal(queue.waitingCount, 0);
  });

  it('finds the copy of a delivery it holds: the head, one in flight or one waiting', () => {
    const queue = new HookQueue(1, new HeadTimer(systemClock()));
    const head = d(1);
    const flying = d(2);
    const waiting = d(3);
    queue.head = head;
    queue.inFlight.set(flying.id, flying);
    queue.addWaiting(waiting);
    assert.equal(queue.find(1), head);
    assert.equal(queue.find(2), flying);
    assert.equal(queue.find(3), waiting);
    assert.equal(queue.find(4), undefined);
  });
});
