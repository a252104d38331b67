/** Turns a sender outcome into the attempt row the log keeps and the result the state machine reads. */
import type { AttemptResult, AttemptTrigger, DeliveryState } from '@hookline/core';
import type { NewAttemptRow } from '../store/attempts-repo.js';
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

export function toAttemptRow(deliveryId: number, number: number, trigger: AttemptTrigger, outcome: SendOutcome): NewAttemptRow {
  return {
    deliveryId,
    number,
    trigger,
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

/** Just the state-machine fields of a delivery (or of core's result), to copy onto the live delivery. */
export function statusFields(state: DeliveryState): DeliveryState {
  return {
    status: state.status,
    attemptCount: state.attemptCount,
    firstFailureAt: state.firstFailureAt,
    nextAttemptAt: state.nextAttemptAt,
    lastResponseStatus: state.lastResponseStatus,
    lastDurationMs: state.lastDurationMs,
    lastErrorCode: state.lastErrorCode,
  };
}
