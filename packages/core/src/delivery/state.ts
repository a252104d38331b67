/**
 * The delivery state machine as pure functions. Times are epoch ms in arguments and ISO strings in the model.
 *
 * - Any successful attempt, scheduled or manual: → delivered, failure streak cleared.
 * - Scheduled failure of an enqueued or retrying delivery: → retrying at the retry policy's next time, or
 *   → discarded once it has been failing for 12 hours.
 * - Manual failure (redeliver): delivered → failed; any other status and the queue's schedule stay as they were.
 * - Scheduled failure while the hook is stopped (disabled, or its endpoint cleared, during the attempt): → failed.
 * - failDelivery (hook disabled or without endpoint) → failed; discardDelivery (queue flushed) → discarded.
 * - demote (another delivery became the hook's head): still waiting, failure streak cleared.
 * - recordLateAttempt (a scheduled attempt ends after a manual one settled the delivery): counted, nothing else.
 */
import type { AttemptErrorCode, AttemptTrigger, Delivery, DeliveryOutcome, DeliveryStatus } from '../model.js';
import { DEFAULT_RETRY_POLICY, nextRetry, type RetryPolicy } from '../retry/policy.js';

export const FAILURE_STATUSES = ['failed', 'retrying', 'discarded'] as const satisfies readonly DeliveryStatus[];
export const TERMINAL_STATUSES = ['delivered', 'failed', 'discarded'] as const satisfies readonly DeliveryStatus[];

/** The fields of a delivery the state machine reads and writes. A whole `Delivery` can be passed in. */
export type DeliveryState = Pick<
  Delivery,
  'status' | 'attemptCount' | 'firstFailureAt' | 'nextAttemptAt' | 'lastResponseStatus' | 'lastDurationMs' | 'lastErrorCode'
>;

export interface AttemptResult {
  /** See isSuccessStatus. */
  ok: boolean;
  status: number | null;
  durationMs: number;
  errorCode: AttemptErrorCode | null;
  /** Epoch ms when the attempt ended. */
  finishedAt: number;
  trigger: AttemptTrigger;
}

export function isFailureStatus(status: DeliveryStatus): boolean {
  return (FAILURE_STATUSES as readonly DeliveryStatus[]).includes(status);
}

export function isTerminalStatus(status: DeliveryStatus): boolean {
  return (TERMINAL_STATUSES as readonly DeliveryStatus[]).includes(status);
}

/**
 * Procore's v1.0 `outcome`. v1.0 has no "pending" value: a delivery waiting for its first attempt has not
 * failed, so it reports 'ok'; one waiting after a failed (manual) attempt will be tried again: 'retried'.
 */
export function deliveryOutcome(status: DeliveryStatus, attemptCount: number): DeliveryOutcome {
  switch (status) {
    case 'delivered':
      return 'ok';
    case 'retrying':
      return 'retried';
    case 'failed':
      return 'failed';
    case 'discarded':
      return 'discarded';
    case 'enqueued':
      return attemptCount > 0 ? 'retried' : 'ok';
  }
}

/** A new delivery, waiting for its first attempt. */
export function initialDeliveryState(): DeliveryState {
  return {
    status: 'enqueued',
    attemptCount: 0,
    firstFailureAt: null,
    nextAttemptAt: null,
    lastResponseStatus: null,
    lastDurationMs: null,
    lastErrorCode: null,
  };
}

export interface AttemptContext {
  /** The hook was disabled (or lost its endpoint) while the attempt was in flight: a failure is final. */
  hookStopped?: boolean;
}

/**
 * The delivery after one more attempt. Any success delivers it and clears the failure streak. A scheduled
 * failure continues the streak: the back-off step is the number of attempts made since the streak began
 * (manual attempts made while the delivery waited count too; a waiting delivery has never succeeded, so all
 * its earlier attempts failed), unless the hook stopped meanwhile, which fails it. A manual failure (redeliver)
 * is recorded but leaves the queue's schedule alone.
 */
export function applyAttemptResult(
  delivery: DeliveryState,
  result: AttemptResult,
  policy: RetryPolicy = DEFAULT_RETRY_POLICY,
  context?: AttemptContext,
): DeliveryState {
  if (typeof result.finishedAt !== 'number' || !Number.isFinite(result.finishedAt)) {
    throw new RangeError(`finishedAt must be a finite epoch time in ms; got ${String(result.finishedAt)}.`);
  }
  const recorded = {
    attemptCount: delivery.attemptCount + 1,
    lastResponseStatus: result.status,
    lastDurationMs: result.durationMs,
    lastErrorCode: result.errorCode,
  };
  if (result.ok) {
    return { ...recorded, status: 'delivered', firstFailureAt: null, nextAttemptAt: null };
  }
  if (result.trigger === 'manual') {
    if (delivery.status === 'delivered') return { ...recorded, status: 'failed', firstFailureAt: null, nextAttemptAt: null };
    return { ...recorded, status: delivery.status, firstFailureAt: delivery.firstFailureAt, nextAttemptAt: delivery.nextAttemptAt };
  }

  const inStreak = delivery.firstFailureAt !== null && !isTerminalStatus(delivery.status);
  const firstFailureAt = inStreak && delivery.firstFailureAt !== null ? Date.parse(delivery.firstFailureAt) : result.finishedAt;
  const failedAttempts = inStreak ? delivery.attemptCount + 1 : 1;
  const decision = nextRetry(failedAttempts, firstFailureAt, result.finishedAt, policy);
  const firstFailureIso = new Date(firstFailureAt).toISOString();
  if (context?.hookStopped === true) {
    return { ...recorded, status: 'failed', firstFailureAt: firstFailureIso, nextAttemptAt: null };
  }
  if (decision.kind === 'discard') {
    return { ...recorded, status: 'discarded', firstFailureAt: firstFailureIso, nextAttemptAt: null };
  }
  return { ...recorded, status: 'retrying', firstFailureAt: firstFailureIso, nextAttemptAt: new Date(decision.at).toISOString() };
}

/** The queue was flushed after 12 h of failing. Deliveries already delivered, failed or discarded stay as they are. */
export function discardDelivery(delivery: DeliveryState): DeliveryState {
  return isTerminalStatus(delivery.status) ? { ...pick(delivery) } : { ...pick(delivery), status: 'discarded', nextAttemptAt: null };
}

/** No more retries (the hook was disabled or lost its endpoint). Terminal deliveries stay as they are. */
export function failDelivery(delivery: DeliveryState): DeliveryState {
  return isTerminalStatus(delivery.status) ? { ...pick(delivery) } : { ...pick(delivery), status: 'failed', nextAttemptAt: null };
}

/** Another (older) delivery became the hook's head: this one waits in line again, its failure streak cleared. */
export function demote(delivery: DeliveryState): DeliveryState {
  return { ...pick(delivery), firstFailureAt: null, nextAttemptAt: null };
}

/**
 * A scheduled attempt ended after a manual one had already settled the delivery: the attempt is counted and
 * logged, but the settled status and its figures stay.
 */
export function recordLateAttempt(delivery: DeliveryState): DeliveryState {
  return { ...pick(delivery), attemptCount: delivery.attemptCount + 1 };
}

function pick(d: DeliveryState): DeliveryState {
  return {
    status: d.status,
    attemptCount: d.attemptCount,
    firstFailureAt: d.firstFailureAt,
    nextAttemptAt: d.nextAttemptAt,
    lastResponseStatus: d.lastResponseStatus,
    lastDurationMs: d.lastDurationMs,
    lastErrorCode: d.lastErrorCode,
  };
}
