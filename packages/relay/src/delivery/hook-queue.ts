/**
 * One hook's FIFO queue, as plain state. The rules that move deliveries through it live in the engine:
 *
 * - healthy (no head): up to maxInFlight of `waiting` are sent at once, oldest first;
 * - paused (a head): the hook waits behind `head`, its oldest failing delivery, which alone is retried on the
 *   policy's schedule; nothing else is sent until it succeeds or is discarded (then `waiting` is discarded too);
 * - stopped (the hook is disabled): nothing is sent; what was waiting has been marked failed.
 */
import type { Delivery } from '@hookline/core';
import type { HeadTimer } from './head-timer.js';

export class HookQueue {
  /** Deliveries waiting to be sent, in id order (which is event order), from index `first` on. */
  private items: Delivery[] = [];
  private first = 0;
  readonly inFlight = new Map<number, Delivery>();
  head: Delivery | null = null;
  stopped = false;
  deleted = false;

  constructor(
    readonly hookId: number,
    /** The wait for the head's next try. */
    readonly timer: HeadTimer,
  ) {}

  get waitingCount(): number {
    return this.items.length - this.first;
  }

  /** Inserts in id order; new deliveries (the common case) are appended. */
  addWaiting(delivery: Delivery): void {
    const last = this.items[this.items.length - 1];
    if (this.waitingCount === 0 || !last || last.id < delivery.id) {
      this.items.push(delivery);
      return;
    }
    let lo = this.first;
    let hi = this.items.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.items[mid] as Delivery).id < delivery.id) lo = mid + 1;
      else hi = mid;
    }
    if (this.items[lo]?.id !== delivery.id) this.items.splice(lo, 0, delivery);
  }

  /** The queue's copy of a delivery it holds: the head, one in flight or one waiting. */
  find(id: number): Delivery | undefined {
    if (this.head?.id === id) return this.head;
    return this.inFlight.get(id) ?? this.findWaiting(id);
  }

  findWaiting(id: number): Delivery | undefined {
    for (let i = this.first; i < this.items.length; i++) if (this.items[i]?.id === id) return this.items[i];
    return undefined;
  }

  removeWaiting(id: number): boolean {
    const index = this.items.findIndex((d, i) => i >= this.first && d.id === id);
    if (index < 0) return false;
    this.items.splice(index, 1);
    return true;
  }

  /** The oldest waiting delivery, removed. O(1): the array is compacted only now and then. */
  takeWaiting(): Delivery | undefined {
    if (this.first >= this.items.length) return undefined;
    const delivery = this.items[this.first];
    this.items[this.first] = undefined as unknown as Delivery;
    this.first += 1;
    if (this.first === this.items.length) {
      this.items = [];
      this.first = 0;
    } else if (this.first >= 1024 && this.first * 2 >= this.items.length) {
      this.items = this.items.slice(this.first);
      this.first = 0;
    }
    return delivery;
  }

  drainWaiting(): Delivery[] {
    const drained = this.items.slice(this.first);
    this.items = [];
    this.first = 0;
    return drained;
  }

  get isIdle(): boolean {
    return this.head === null && this.waitingCount === 0 && this.inFlight.size === 0;
  }
}

export interface QueueStats {
  hookId: number;
  /** Deliveries waiting, a failing head included. */
  waiting: number;
  inFlight: number;
}

/** For metrics: per hook, what waits and what is in flight now. */
export function queueStats(queues: Iterable<HookQueue>): QueueStats[] {
  return [...queues]
    .filter((queue) => !queue.deleted)
    .map((queue) => ({ hookId: queue.hookId, waiting: queue.waitingCount + (queue.head !== null && !queue.inFlight.has(queue.head.id) ? 1 : 0), inFlight: queue.inFlight.size }));
}
