/**
 * The delivery engine: the queue rules. One FIFO queue per hook (see hook-queue.ts), attempts through the sender,
 * every status change from core's state machine, every change written through the writer. Timing lives in the
 * database (`next_attempt_at`), so `resume` after a restart carries on where the last process stopped; the wait
 * for a head's next try is the queue's HeadTimer on the engine's Clock.
 *
 * When several deliveries to one hook are in flight and more than one fails, the OLDEST failing delivery (lowest
 * id) becomes the head the hook waits behind; the others go back to waiting in id order, still 'retrying' but
 * with their failure streak reset (core's `demote`): they are sent again, in order, once the head is delivered,
 * or discarded with it. A head that is mid-attempt is not displaced.
 */
import { applyAttemptResult, canDeliver, demote, discardDelivery, failDelivery, isTerminalStatus, recordLateAttempt } from '@hookline/core';
import { summarizeDelivery } from '@hookline/core';
import type { AttemptContext, AttemptTrigger, Delivery, DeliveryState } from '@hookline/core';
import { toAttemptResult, toAttemptWrite } from './attempt-row.js';
import { AttemptTracker } from './attempt-tracker.js';
import { HeadTimer } from './head-timer.js';
import { HookQueue, queueStats, type QueueStats } from './hook-queue.js';
import { QueueReloads, reloadQueue } from './queue-reload.js';
import type { EngineOptions, HookSource } from './engine-options.js';
import type { SendOutcome } from './sender.js';

export type { EngineOptions, HookSource } from './engine-options.js';

interface AttemptOutput {
  outcome: SendOutcome;
  url: string | null;
}

const HOOK_STOPPED: AttemptContext = { hookStopped: true };

export class DeliveryEngine {
  private readonly queues = new Map<number, HookQueue>();
  private readonly hooks: HookSource;
  private readonly attempts: AttemptTracker;
  /** Settled deliveries with a manual attempt in flight, so two redelivers share one copy. */
  private readonly manual = new Map<number, Delivery>();
  private closing = false;
  private closed = false;
  private readonly reloads: QueueReloads;

  constructor(private readonly options: EngineOptions) {
    if (!Number.isInteger(options.maxInFlight) || options.maxInFlight < 1) {
      throw new RangeError(`maxInFlight must be an integer >= 1; got ${String(options.maxInFlight)}.`);
    }
    this.hooks = options.hooks;
    this.attempts = new AttemptTracker(options.clock);
    this.reloads = new QueueReloads(options.clock, (hookId, stop) => this.reload(hookId, stop), options.onError);
  }

  /** Takes over the enqueued/retrying deliveries found at start (by hook, in id order) and starts what is due. */
  resume(pending: Delivery[]): void {
    for (const delivery of pending) this.place(this.queueFor(delivery.hookId), delivery);
    for (const queue of this.queues.values()) this.pump(queue);
  }

  /** A stored delivery taken over: the oldest retrying one becomes the head, the rest wait in id order. */
  private place(queue: HookQueue, delivery: Delivery): void {
    if (queue.stopped) {
      this.finish(delivery, failDelivery(delivery));
    } else if (delivery.status === 'retrying' && delivery.nextAttemptAt !== null) {
      if (queue.head === null) queue.head = delivery;
      else this.requeue(queue, delivery);
    } else {
      queue.addWaiting(delivery);
    }
  }

  /** After a failed state write (queue-reload.ts): the hook's queue as stored, or stopped when its writes keep failing. */
  private reload(hookId: number, stop: boolean): void {
    const queue = this.queues.get(hookId);
    if (!queue || queue.deleted || this.closed) return;
    this.options.writer.flushNow();
    reloadQueue(queue, this.options.stored, (delivery) => this.place(queue, delivery), stop);
    this.pump(queue);
  }

  /** New deliveries, committed: append each to its hook's queue (none for a hook deleted since, with them). */
  enqueue(deliveries: Delivery[]): void {
    const touched = new Set<HookQueue>();
    for (const delivery of deliveries) {
      if (!this.hooks.get(delivery.hookId)) continue;
      const queue = this.queueFor(delivery.hookId);
      if (queue.stopped) {
        this.finish(delivery, failDelivery(delivery));
        continue;
      }
      queue.addWaiting(delivery);
      touched.add(queue);
    }
    for (const queue of touched) this.pump(queue);
  }

  /**
   * A manual attempt now, outside the queue's rules: the queue neither waits for it nor schedules around it.
   * Its status effect is core's (ok delivers; a failure leaves the status, except delivered → failed); a delivery
   * it delivers leaves the queue, and if it was the head the hook resumes.
   */
  async redeliver(stored: Delivery): Promise<Delivery> {
    const delivery = this.queues.get(stored.hookId)?.find(stored.id) ?? this.manual.get(stored.id) ?? stored;
    this.manual.set(delivery.id, delivery);
    let output: AttemptOutput;
    try {
      output = await this.attempts.track(this.attempt(delivery));
    } finally {
      this.manual.delete(delivery.id);
    }
    const { outcome, url } = output;
    if (this.closed || !this.hooks.get(delivery.hookId)) return delivery; // closed, or the hook was deleted meanwhile
    const queue = this.queues.get(delivery.hookId);
    this.record(delivery, applyAttemptResult(delivery, toAttemptResult(outcome, 'manual'), this.options.policy), 'manual', outcome, url);
    if (queue && isTerminalStatus(delivery.status) && !queue.inFlight.has(delivery.id)) {
      if (queue.head === delivery) this.clearHead(queue);
      else queue.removeWaiting(delivery.id);
      this.pump(queue);
    }
    return delivery;
  }

  /**
   * The hook changed (read again from the hook source): disabling it (or clearing its endpoint) stops its queue,
   * and what waits becomes 'failed'; enabling it again starts a fresh queue for new events.
   */
  /** A settled delivery with a manual attempt still running (retention leaves it for the next round). */
  hasManualAttempt(deliveryId: number): boolean {
    return this.manual.has(deliveryId);
  }

  hookChanged(hookId: number): void {
    const hook = this.hooks.get(hookId);
    if (!hook) return;
    const queue = this.queueFor(hook.id);
    const stop = !canDeliver(hook);
    if (stop && !queue.stopped) {
      queue.stopped = true;
      queue.timer.cancel();
      const waiting = queue.drainWaiting();
      if (queue.head && !queue.inFlight.has(queue.head.id)) waiting.unshift(queue.head);
      queue.head = null;
      for (const delivery of waiting) this.finish(delivery, failDelivery(delivery));
    } else if (!stop && queue.stopped) {
      queue.stopped = false;
      this.pump(queue);
    }
  }

  /** The hook and its deliveries are gone: forget its queue; attempts still in flight are not recorded. */
  hookDeleted(hookId: number): void {
    const queue = this.queues.get(hookId);
    if (!queue) return;
    queue.deleted = true;
    queue.timer.cancel();
    this.queues.delete(hookId);
  }

  /** Per hook: deliveries waiting (including a failing head) and in flight now. For metrics. */
  queueStats(): QueueStats[] {
    return queueStats(this.queues.values());
  }

  /** Stops starting attempts, waits up to `graceMs` on the clock for those in flight (recording their results), then stops. */
  async close(graceMs: number): Promise<void> {
    this.closing = true;
    for (const queue of this.queues.values()) queue.timer.cancel();
    await this.attempts.settle(graceMs);
    this.closed = true;
  }

  private queueFor(hookId: number): HookQueue {
    let queue = this.queues.get(hookId);
    if (!queue) {
      queue = new HookQueue(hookId, new HeadTimer(this.options.clock));
      queue.stopped = !canDeliver(this.hooks.get(hookId));
      this.queues.set(hookId, queue);
    }
    return queue;
  }

  private pump(queue: HookQueue): void {
    if (this.closing || queue.stopped || queue.deleted) return;
    if (queue.head) {
      if (!queue.timer.pending && !queue.inFlight.has(queue.head.id)) this.scheduleHead(queue);
      return;
    }
    while (queue.inFlight.size < this.options.maxInFlight) {
      const delivery = queue.takeWaiting();
      if (!delivery) break;
      this.start(queue, delivery);
    }
  }

  /** The head's next try, at its stored `next_attempt_at`. */
  private scheduleHead(queue: HookQueue): void {
    const head = queue.head;
    if (!head || this.closing) {
      queue.timer.cancel();
      return;
    }
    queue.timer.set(head.nextAttemptAt === null ? 0 : Date.parse(head.nextAttemptAt), () => {
      if (this.closing || queue.stopped || queue.deleted || queue.head !== head || queue.inFlight.has(head.id)) return;
      this.start(queue, head);
    });
  }

  private clearHead(queue: HookQueue): void {
    queue.head = null;
    queue.timer.cancel();
  }

  private start(queue: HookQueue, delivery: Delivery): void {
    queue.inFlight.set(delivery.id, delivery);
    void this.attempts.track(this.attempt(delivery))
      .then((output) => this.onScheduledResult(queue, delivery, output))
      .catch((error: unknown) => this.options.onError(error));
  }

  private async attempt(delivery: Delivery): Promise<AttemptOutput> {
    const hook = this.hooks.get(delivery.hookId);
    const url = hook?.destinationUrl ?? null;
    this.options.emit({ kind: 'attempt.started', delivery: summarizeDelivery(delivery), method: 'POST', url: url ?? '' });
    const outcome = await this.options.sender.send({ url, authorization: hook?.authorization ?? null, body: delivery.payload });
    return { outcome, url };
  }

  private onScheduledResult(queue: HookQueue, delivery: Delivery, { outcome, url }: AttemptOutput): void {
    queue.inFlight.delete(delivery.id);
    if (this.closed || queue.deleted) return;
    if (isTerminalStatus(delivery.status)) {
      // A manual redeliver settled it while this attempt was in flight.
      this.record(delivery, recordLateAttempt(delivery), 'scheduled', outcome, url);
      if (queue.head === delivery) this.clearHead(queue);
      this.pump(queue);
      return;
    }
    const result = toAttemptResult(outcome, 'scheduled');
    this.record(delivery, applyAttemptResult(delivery, result, this.options.policy, queue.stopped ? HOOK_STOPPED : undefined), 'scheduled', outcome, url);

    if (delivery.status === 'delivered') {
      if (queue.head === delivery) this.clearHead(queue);
    } else if (delivery.status === 'discarded') {
      this.discardQueue(queue, delivery);
    } else if (delivery.status === 'retrying') {
      this.placeFailure(queue, delivery);
    }
    this.pump(queue);
  }

  /** A failed delivery either becomes the head (the oldest failing one wins) or goes back to waiting. */
  private placeFailure(queue: HookQueue, delivery: Delivery): void {
    const head = queue.head;
    if (head === null || head === delivery) {
      queue.head = delivery;
      this.scheduleHead(queue);
    } else if (delivery.id < head.id && !queue.inFlight.has(head.id)) {
      queue.head = delivery;
      this.requeue(queue, head);
      this.scheduleHead(queue);
    } else {
      this.requeue(queue, delivery);
    }
  }

  /** Back to waiting behind the head, in id order. */
  private requeue(queue: HookQueue, delivery: Delivery): void {
    this.finish(delivery, demote(delivery));
    queue.addWaiting(delivery);
  }

  /** The head failed for 12 h (scaled): it is discarded, and every delivery waiting behind it with it. */
  private discardQueue(queue: HookQueue, head: Delivery): void {
    if (queue.head !== head && queue.head !== null) return; // not the one the hook waits behind
    this.clearHead(queue);
    for (const delivery of queue.drainWaiting()) this.finish(delivery, discardDelivery(delivery));
  }

  // Core's transitions return just the seven state fields, so they are copied onto the live delivery as they are.

  /** Applies a state change (no attempt) and persists it. */
  private finish(delivery: Delivery, next: DeliveryState): void {
    const from = delivery.status;
    Object.assign(delivery, next);
    delivery.updatedAt = new Date(this.options.clock.now()).toISOString();
    this.options.writer.updateDelivery(delivery, from, undefined, (error) => this.reloads.writeFailed(delivery, error));
  }

  private record(delivery: Delivery, next: DeliveryState, trigger: AttemptTrigger, outcome: SendOutcome, url: string | null): void {
    const from = delivery.status;
    Object.assign(delivery, next);
    delivery.updatedAt = new Date(outcome.finishedAt).toISOString();
    this.options.writer.updateDelivery(delivery, from, toAttemptWrite(delivery, trigger, outcome, url), (error) => this.reloads.writeFailed(delivery, error));
  }
}
