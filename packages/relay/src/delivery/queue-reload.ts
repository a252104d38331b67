/**
 * Memory follows disk. When a write of a delivery's state fails (other than for want of space: the writer keeps
 * and retries those), the engine's queue may hold a state the database does not. The hook's queue is then
 * reloaded from the store on the next turn, once the writes queued behind the failed one have landed: what
 * waits and the head come back as stored, attempts in flight take their stored state and are recorded onto it.
 * A hook reloaded more than MAX_RELOADS times within RELOAD_WINDOW_MS (its writes keep failing) is stopped.
 */
import type { Delivery } from '@hookline/core';
import type { Clock } from './clock.js';
import type { HookQueue } from './hook-queue.js';

/** The store's deliveries, read when memory must follow disk again. */
export interface StoredDeliveries {
  /** The hook's enqueued and retrying deliveries, in id order. */
  pendingForHook(hookId: number): Delivery[];
  get(deliveryId: number): Delivery | undefined;
}

export const MAX_RELOADS = 3;
export const RELOAD_WINDOW_MS = 10_000;

export class QueueReloads {
  private readonly scheduled = new Set<number>();
  private readonly history = new Map<number, number[]>();

  constructor(
    private readonly clock: Clock,
    /** Reloads the hook's queue, or stops it when `giveUp`. */
    private readonly reload: (hookId: number, giveUp: boolean) => void,
    private readonly report: (error: Error) => void,
  ) {}

  writeFailed(delivery: Delivery, error: unknown): void {
    const hookId = delivery.hookId;
    const why = error instanceof Error ? error.message : String(error);
    this.report(new Error(`Saving delivery ${delivery.id}'s state failed (${why}); hook ${hookId}'s queue is reloaded from the database.`));
    if (this.scheduled.has(hookId)) return;
    this.scheduled.add(hookId);
    setImmediate(() => {
      this.scheduled.delete(hookId);
      const now = this.clock.now();
      const recent = (this.history.get(hookId) ?? []).filter((at) => now - at < RELOAD_WINDOW_MS);
      recent.push(now);
      this.history.set(hookId, recent);
      const stop = recent.length > MAX_RELOADS;
      if (stop) this.report(new Error(`Hook ${hookId}'s delivery state cannot be saved; its queue is stopped. Check the database (hookline doctor), then restart the relay.`));
      this.reload(hookId, stop);
    });
  }
}

/** Puts the queue back as the store has it; `place` takes over each stored delivery not in flight. `stop` stops it too. */
export function reloadQueue(queue: HookQueue, stored: StoredDeliveries, place: (delivery: Delivery) => void, stop: boolean): void {
  queue.timer.cancel();
  queue.head = null;
  queue.drainWaiting();
  for (const [id, flying] of queue.inFlight) {
    const row = stored.get(id);
    if (row) Object.assign(flying, row);
  }
  for (const delivery of stored.pendingForHook(queue.hookId)) {
    if (!queue.inFlight.has(delivery.id)) place(delivery);
  }
  if (stop) queue.stopped = true;
}
