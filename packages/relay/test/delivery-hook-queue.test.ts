import assert from 'node:assert/strict';
import type { Delivery } from '@hookline/core';
import { HookQueue, canDeliver } from '../src/delivery/hook-queue.js';

const d = (id: number): Delivery => ({ id }) as Delivery;

describe('delivery: hook queue', () => {
  it('keeps waiting deliveries in id order, whatever order they come back in', () => {
    const queue = new HookQueue(1);
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
    const queue = new HookQueue(1);
    for (let id = 1; id <= 5000; id++) queue.addWaiting(d(id * 2));
    for (let i = 1; i <= 3000; i++) assert.equal(queue.takeWaiting()?.id, i * 2);
    queue.addWaiting(d(6003)); // between 6002 and 6004, both waiting
    assert.deepEqual([queue.takeWaiting()?.id, queue.takeWaiting()?.id, queue.takeWaiting()?.id], [6002, 6003, 6004]);
    assert.equal(queue.drainWaiting().length, 1998);
    assert.equal(queue.waitingCount, 0);
  });

  it('runs only for an active hook with an endpoint', () => {
    const hook = { id: 1, status: 'active', destinationUrl: 'http://127.0.0.1/x' } as Parameters<typeof canDeliver>[0];
    assert.equal(canDeliver(hook), true);
    assert.equal(canDeliver({ ...hook!, status: 'disabled' }), false);
    assert.equal(canDeliver({ ...hook!, destinationUrl: null }), false);
    assert.equal(canDeliver(undefined), false);
  });
});
