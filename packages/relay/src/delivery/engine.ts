/**
 * The delivery engine: one FIFO queue per hook (see hook-queue.ts), attempts through the sender, status changes
 * through core's state machine, every change written through the ChangeWriter. Timing lives in the database
 * (`next_attempt_at`), so `resume` after a restart carries on where the last process stopped.
 *
 * When several deliveries to one hook are in flight and more than one fails, the OLDEST failing delivery (lowest
 * id) becomes the head the hook waits behind; the others go back to waiting in id order, still 'retrying' but
 * with their failure streak reset (any success of the hook resets the counters): they are sent again, in order,
 * once the head is delivered, or discarded with it. A head that is mid-attempt is not displaced.
 */
import {
  applyAttemptResult,
  discardDelivery,
  failDelivery,
  isTerminalStatus,
  type AttemptTrigger,
  type Delivery,
  type DeliveryState,
  type Hook,
  type RetryPolicy,
} from '@hookline/core';
import { summarize } from '../store/deliveries-repo.js';
import type { RelayChange } from '../service/types.js';
import { statusFields, toAttemptResult, toAttemptRow } from './attempt-row.js';
import type { ChangeWriter } from './change-writer.js';
import type { Clock } from './clock.js';
import { canDeliver, HookQueue } from './hook-queue.js';
import type { SendOutcome, Sender } from './sender.js';

export interface EngineOptions {
  writer: ChangeWriter;
  sender: Sender;
  clock: Clock;
  /** Already scaled by the relay's time scale. */
  policy: RetryPolicy;
  maxInFlight: number;
  /** The hook as stored now (endpoint and Authorization are read at each attempt). */
  lookupHook: (hookId: number) => Hook | undefined;
  emit: (change: RelayChange) => void;
  onError: (error: unknown) => void;
}

interface AttemptOutput {
  outcome: SendOutcome;
  url: string;
}

export class DeliveryEngine {
  private readonly queues = new Map<number, HookQueue>();
  /** Hooks as last stored; kept current by hookChanged/hookDeleted so an attempt costs no query. */
  private readonly hooks = new Map<number, Hook>();
  private readonly running = new Set<Promise<unknown>>();
  /** Settled deliveries with a manual attempt in flight, so two redelivers share one copy. */
  private readonly manual = new Map<number, Delivery>();
  private closing = false;
  private closed = false;

  constructor(private readonly options: EngineOptions) {
    if (!Number.isInteger(options.maxInFlight) || options.maxInFlight < 1) {
      throw new RangeError(`maxInFlight must be an integer >= 1; got ${String(options.maxInFlight)}.`);
    }
  }

  /** Takes over the enqueued/retrying deliveries found at start (by hook, in id order) and starts what is due. */
  resume(pending: Delivery[]): void {
    for (const delivery of pending) {
      const queue = this.queueFor(delivery.hookId);
      if (queue.stopped) {
        this.finish(delivery, failDelivery(delivery));
      } else if (delivery.status === 'retrying' && delivery.nextAttemptAt !== null) {
        if (queue.head === null) queue.head = delivery;
        else this.demote(queue, delivery);
      } else {
        queue.addWaiting(delivery);
      }
    }
    for (const queue of this.queues.values()) this.pump(queue);
  }

  /** New deliveries, committed: append each to its hook's queue. */
  enqueue(deliveries: Delivery[]): void {
    const touched = new Set<HookQueue>();
    for (const delivery of deliveries) {
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

  /** The engine's live copy of a pending delivery, if it holds one. */
  private live(deliveryId: number, hookId: number): Delivery | undefined {
    const queue = this.queues.get(hookId);
    if (!queue) return undefined;
    if (queue.head?.id === deliveryId) return queue.head;
    return queue.inFlight.get(deliveryId) ?? queue.findWaiting(deliveryId);
  }

  /**
   * A manual attempt now, outside the queue's rules: the queue neither waits for it nor schedules around it.
   * Its status effect is core's (ok delivers; a failure leaves the status, except delivered → failed); a delivery
   * it delivers leaves the queue, and if it was the head the hook resumes.
   */
  async redeliver(stored: Delivery): Promise<Delivery> {
    const delivery = this.live(stored.id, stored.hookId) ?? this.manual.get(stored.id) ?? stored;
    this.manual.set(delivery.id, delivery);
    let output: AttemptOutput;
    try {
      output = await this.track(this.attempt(delivery, 'manual'));
    } finally {
      this.manual.delete(delivery.id);
    }
    const { outcome, url } = output;
    if (this.closed || !this.hook(delivery.hookId)) return delivery; // closed, or the hook was deleted meanwhile
    const queue = this.queues.get(delivery.hookId);
    const next = applyAttemptResult(delivery, toAttemptResult(outcome, 'manual'), this.options.policy);
    this.record(delivery, next, 'manual', outcome, url);
    if (queue && isTerminalStatus(delivery.status) && !queue.inFlight.has(delivery.id)) {
      if (queue.head === delivery) {
        queue.head = null;
        this.cancelTimer(queue);
      } else {
        queue.removeWaiting(delivery.id);
      }
      this.pump(queue);
    }
    return delivery;
  }

  /**
   * The hook changed: disabling it (or clearing its endpoint) stops its queue, and what waits becomes 'failed';
   * enabling it again starts a fresh queue for new events.
   */
  hookChanged(hook: Hook): void {
    this.hooks.set(hook.id, hook);
    const queue = this.queueFor(hook.id);
    const stop = !canDeliver(hook);
    if (stop && !queue.stopped) {
      queue.stopped = true;
      this.cancelTimer(queue);
      const waiting = queue.drainWaiting();
      if (queue.head && !queue.inFlight.has(queue.head.id)) waiting.unshift(queue.head);
      queue.head = null;
      for (const delivery of waiting) this.finish(delivery, failDelivery(delivery));
    } else if (!stop && queue.stopped) {
      queue.stopped = false;
      this.pump(queue);
    }
  }

  /** The hook as the engine knows it: kept current by hookChanged/hookDeleted, read from the store on a miss. */
  currentHook(hookId: number): Hook | undefined {
    return this.hook(hookId);
  }

  /** The hook and its deliveries are gone: forget its queue; attempts still in flight are not recorded. */
  hookDeleted(hookId: number): void {
    this.hooks.delete(hookId);
    const queue = this.queues.get(hookId);
    if (!queue) return;
    queue.deleted = true;
    this.cancelTimer(queue);
    this.queues.delete(hookId);
  }

  /** Stops starting attempts, waits up to `graceMs` for those in flight (recording their results), then stops. */
  /** Per hook: deliveries waiting (including a failing head) and in flight now. For metrics. */
  queueStats(): { hookId: number; waiting: number; inFlight: number }[] {
    return [...this.queues.values()]
      .filter((queue) => !queue.deleted)
      .map((queue) => ({ hookId: queue.hookId, waiting: queue.waitingCount + (queue.head !== null && !queue.inFlight.has(queue.head.id) ? 1 : 0), inFlight: queue.inFlight.size }));
  }

  async close(graceMs: number): Promise<void> {
    this.closing = true;
    for (const queue of this.queues.values()) this.cancelTimer(queue);
    if (this.running.size > 0) {
      let timer: NodeJS.Timeout | undefined;
      const grace = new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)));
      await Promise.race([Promise.allSettled([...this.running]), grace]);
      clearTimeout(timer);
    }
    this.closed = true;
  }

  private queueFor(hookId: number): HookQueue {
    let queue = this.queues.get(hookId);
    if (!queue) {
      queue = new HookQueue(hookId);
      const hook = this.hook(hookId);
      queue.stopped = !canDeliver(hook);
      this.queues.set(hookId, queue);
    }
    return queue;
  }

  private hook(hookId: number): Hook | undefined {
    let hook = this.hooks.get(hookId);
    if (!hook) {
      hook = this.options.lookupHook(hookId);
      if (hook) this.hooks.set(hookId, hook);
    }
    return hook;
  }

  private pump(queue: HookQueue): void {
    if (this.closing || queue.stopped || queue.deleted) return;
    if (queue.head) {
      if (queue.timer === null && !queue.inFlight.has(queue.head.id)) this.schedule(queue);
      return;
    }
    while (queue.inFlight.size < this.options.maxInFlight) {
      const delivery = queue.takeWaiting();
      if (!delivery) break;
      this.start(queue, delivery);
    }
  }

  private schedule(queue: HookQueue): void {
    this.cancelTimer(queue);
    const head = queue.head;
    if (!head || this.closing) return;
    const at = head.nextAttemptAt === null ? 0 : Date.parse(head.nextAttemptAt);
    const delay = Math.max(0, at - this.options.clock.now());
    queue.timer = this.options.clock.setTimer(() => {
      queue.timer = null;
      if (this.closing || queue.stopped || queue.deleted || queue.head !== head || queue.inFlight.has(head.id)) return;
      // A timer may fire early (a capped delay, or a clock that is not the system's): check again.
      if (this.options.clock.now() < at) this.schedule(queue);
      else this.start(queue, head);
    }, delay);
  }

  private cancelTimer(queue: HookQueue): void {
    if (queue.timer !== null) this.options.clock.clearTimer(queue.timer);
    queue.timer = null;
  }

  private start(queue: HookQueue, delivery: Delivery): void {
    queue.inFlight.set(delivery.id, delivery);
    void this.track(this.attempt(delivery, 'scheduled'))
      .then(({ outcome, url }) => this.onScheduledResult(queue, delivery, outcome, url))
      .catch((error: unknown) => this.options.onError(error));
  }

  private async attempt(delivery: Delivery, trigger: AttemptTrigger): Promise<AttemptOutput> {
    const hook = this.hook(delivery.hookId);
    const url = hook?.destinationUrl ?? '';
    this.options.emit({ kind: 'attempt.started', delivery: summarize(delivery), method: 'POST', url });
    const outcome = await this.options.sender.send({
      url: hook?.destinationUrl ?? null,
      authorization: hook?.authorization ?? null,
      body: delivery.payload,
    });
    return { outcome, url };
  }

  private onScheduledResult(queue: HookQueue, delivery: Delivery, outcome: SendOutcome, url: string): void {
    queue.inFlight.delete(delivery.id);
    if (this.closed || queue.deleted) return;
    if (isTerminalStatus(delivery.status)) {
      // A manual redeliver settled it while this attempt was in flight: log the attempt, keep the status.
      this.record(delivery, { ...delivery, attemptCount: delivery.attemptCount + 1 }, 'scheduled', outcome, url);
      if (queue.head === delivery) {
        queue.head = null;
        this.cancelTimer(queue);
      }
      this.pump(queue);
      return;
    }
    let next = applyAttemptResult(delivery, toAttemptResult(outcome, 'scheduled'), this.options.policy);
    // The hook was disabled meanwhile: no more retries.
    if (!outcome.ok && queue.stopped) next = { ...next, status: 'failed', nextAttemptAt: null };
    this.record(delivery, next, 'scheduled', outcome, url);

    if (delivery.status === 'delivered') {
      if (queue.head === delivery) {
        queue.head = null;
        this.cancelTimer(queue);
      }
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
      this.schedule(queue);
    } else if (delivery.id < head.id && !queue.inFlight.has(head.id)) {
      queue.head = delivery;
      this.demote(queue, head);
      this.schedule(queue);
    } else {
      this.demote(queue, delivery);
    }
  }

  private demote(queue: HookQueue, delivery: Delivery): void {
    this.finish(delivery, { ...delivery, firstFailureAt: null, nextAttemptAt: null });
    queue.addWaiting(delivery);
  }

  /** The head failed for 12 h (scaled): it is discarded, and every delivery waiting behind it with it. */
  private discardQueue(queue: HookQueue, head: Delivery): void {
    if (queue.head !== head && queue.head !== null) return; // not the one the hook waits behind
    queue.head = null;
    this.cancelTimer(queue);
    for (const delivery of queue.drainWaiting()) this.finish(delivery, discardDelivery(delivery));
  }

  /** Applies a state change (no attempt) and persists it. */
  private finish(delivery: Delivery, next: DeliveryState): void {
    Object.assign(delivery, statusFields(next), { updatedAt: new Date(this.options.clock.now()).toISOString() });
    this.options.writer.updateDelivery(delivery);
  }

  private record(delivery: Delivery, next: DeliveryState, trigger: AttemptTrigger, outcome: SendOutcome, url: string): void {
    Object.assign(delivery, statusFields(next), { updatedAt: new Date(outcome.finishedAt).toISOString() });
    this.options.writer.updateDelivery(delivery, {
      row: toAttemptRow(delivery.id, delivery.attemptCount, trigger, outcome),
      info: { url, status: outcome.status, durationMs: outcome.durationMs, errorCode: outcome.errorCode, errorMessage: outcome.errorMessage, trigger, finishedAt: outcome.finishedAt },
    });
  }

  private track<T>(promise: Promise<T>): Promise<T> {
    this.running.add(promise);
    const forget = (): void => void this.running.delete(promise);
    promise.then(forget, forget);
    return promise;
  }
}
