/** Turns a sender outcome into the attempt row the log keeps, what `attempt.finished` says, and the result the state machine reads. */
import type { AttemptResult, AttemptTrigger, Delivery } from '@hookline/core';
import type { NewAttemptRow } from '../store/attempts-repo.js';
import type { AttemptAnnouncement } from './changes.js';
import type { SendOutcome } from './sender.js';

export function toAttemptResult(outcome: SendOutcome, trigger: AttemptTrigger): AttemptResult {
  return {
    ok: outcome.ok,
    status: outcome.status,
    durationMs: outcome.durationMs,
    errorCode: outcome.errorCode,
    finishedAt: outcome.finishedAt,
    trigger,
  };
}

export function toAttemptRow(deliveryId: number, number: number, trigger: AttemptTrigger, outcome: SendOutcome, url: string | null): NewAttemptRow {
  return {
    deliveryId,
    number,
    trigger,
    url,
    ok: outcome.ok,
    startedAt: outcome.startedAt,
    completedAt: outcome.finishedAt,
    durationMs: outcome.durationMs,
    requestHeaders: outcome.requestHeaders,
    responseStatus: outcome.status,
    responseHeaders: outcome.responseHeaders,
    responseBody: outcome.responseBody,
    responseBodyTruncated: outcome.responseBodyTruncated,
    errorCode: outcome.errorCode,
    errorMessage: outcome.errorMessage,
  };
}

/** The attempt that brought `delivery` to its current state (its number is the delivery's attempt count), to write and announce. */
export function toAttemptWrite(
  delivery: Delivery,
  trigger: AttemptTrigger,
  outcome: SendOutcome,
  url: string | null,
): { row: NewAttemptRow; info: AttemptAnnouncement } {
  return {
    row: toAttemptRow(delivery.id, delivery.attemptCount, trigger, outcome, url),
    info: {
      url,
      ok: outcome.ok,
      status: outcome.status,
      durationMs: outcome.durationMs,
      errorCode: outcome.errorCode,
      errorMessage: outcome.errorMessage,
      trigger,
      finishedAt: outcome.finishedAt,
    },
  };
}
