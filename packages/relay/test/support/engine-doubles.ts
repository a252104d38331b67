/** Test doubles for the delivery engine: a clock that moves only when told, a sender answered by the test, a writer that records. */
import assert from 'node:assert/strict';
import { isSuccessStatus, type AttemptErrorCode, type AttemptTrigger, type Delivery, type DeliveryStatus } from '@hookline/core';
import type { DeliveryWriter } from '../../src/delivery/change-writer.js';
import type { Clock, TimerHandle } from '../../src/delivery/clock.js';
import type { SendOutcome, SendRequest, Sender } from '../../src/delivery/sender.js';

/** Time moves only when told to; `advance` fires each timer that falls due, at its own time, in due order. */
export class FakeClock implements Clock {
  private time: number;
  private nextId = 1;
  private readonly timers = new Map<number, { at: number; fn: () => void }>();

  constructor(start: number) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  setTimer(fn: () => void, delayMs: number): TimerHandle {
    const id = this.nextId++;
    this.timers.set(id, { at: this.time + Math.max(0, delayMs), fn });
    return id;
  }

  clearTimer(handle: TimerHandle): void {
    this.timers.delete(handle as number);
  }

  get pendingTimers(): number {
    return this.timers.size;
  }

  /** Milliseconds until the next timer is due, or null when none is set. */
  nextDueIn(): number | null {
    let at: number | null = null;
    for (const timer of this.timers.values()) if (at === null || timer.at < at) at = timer.at;
    return at === null ? null : at - this.time;
  }

  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      let due: [number, { at: number; fn: () => void }] | undefined;
      for (const entry of this.timers) if (entry[1].at <= end && (!due || entry[1].at < due[1].at)) due = entry;
      if (!due) break;
      this.timers.delete(due[0]);
      this.time = due[1].at;
      due[1].fn();
    }
    this.time = end;
  }
}

export interface Call {
  deliveryId: number;
  request: SendRequest;
  at: number;
  answer(status: number | null, errorCode?: AttemptErrorCode): void;
}

/** Holds every try until the test answers it. */
export class ScriptedSender implements Sender {
  readonly calls: Call[] = [];
  constructor(private readonly clock: FakeClock) {}

  send(request: SendRequest): Promise<SendOutcome> {
    return new Promise((resolve) => {
      const at = this.clock.now();
      const deliveryId = Number(/"delivery":(\d+)/.exec(request.body)?.[1]);
      this.calls.push({
        deliveryId,
        request,
        at,
        answer: (status, errorCode) => {
          const ok = errorCode === undefined && isSuccessStatus(status);
          const finishedAt = this.clock.now();
          resolve({
            ok,
            status,
            errorCode: ok ? null : (errorCode ?? 'http'),
            errorMessage: ok ? null : 'scripted failure',
            startedAt: at,
            finishedAt,
            durationMs: finishedAt - at,
            requestHeaders: {},
            responseHeaders: {},
            responseBody: null,
            responseBodyTruncated: false,
          });
        },
      });
    });
  }

  async close(): Promise<void> {}

  /** The ids of the deliveries tried, in the order the tries started. */
  get order(): number[] {
    return this.calls.map((c) => c.deliveryId);
  }

  last(deliveryId: number): Call {
    const call = [...this.calls].reverse().find((c) => c.deliveryId === deliveryId);
    assert.ok(call, `delivery ${deliveryId} was never tried`);
    return call;
  }
}

export interface Write {
  id: number;
  from: DeliveryStatus;
  status: DeliveryStatus;
  attemptCount: number;
  attempt: { trigger: AttemptTrigger; number: number; ok: boolean; url: string | null } | null;
}

export class RecordingWriter implements DeliveryWriter {
  readonly writes: Write[] = [];
  updateDelivery(delivery: Delivery, from: DeliveryStatus, attempt?: Parameters<DeliveryWriter['updateDelivery']>[2]): void {
    this.writes.push({
      id: delivery.id,
      from,
      status: delivery.status,
      attemptCount: delivery.attemptCount,
      attempt: attempt ? { trigger: attempt.row.trigger, number: attempt.row.number, ok: attempt.row.ok, url: attempt.row.url } : null,
    });
  }

  flushNow(): void {}

  attemptsOf(id: number): Write['attempt'][] {
    return this.writes.filter((w) => w.id === id && w.attempt !== null).map((w) => w.attempt);
  }
}
