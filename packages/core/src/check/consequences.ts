/**
 * What Procore does about an answer, in words, derived from core's own rules (the state machine and the retry
 * policy), so the sentences change when the rules do.
 */
import { applyAttemptResult, initialDeliveryState } from '../delivery/state.js';
import { DEFAULT_SEND_TIMEOUT_MS } from '../delivery/attempt.js';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from '../retry/policy.js';

/** 1000 → "1 second", 43_200_000 → "12 hours", 250 → "250 ms". */
export function formatDuration(ms: number): string {
  const units: [number, string][] = [
    [3_600_000, 'hour'],
    [60_000, 'minute'],
    [1000, 'second'],
  ];
  for (const [size, name] of units) {
    if (ms >= size && ms % size === 0) {
      const count = ms / size;
      return `${count} ${name}${count === 1 ? '' : 's'}`;
    }
  }
  return `${ms} ms`;
}

/** What follows a failed first attempt: core's state machine says whether the delivery is retried or discarded. */
export function failureConsequence(policy: RetryPolicy = DEFAULT_RETRY_POLICY): string {
  const next = applyAttemptResult(
    initialDeliveryState(),
    { ok: false, status: null, durationMs: 0, errorCode: 'http', finishedAt: 0, trigger: 'scheduled' },
    policy,
  );
  if (next.status !== 'retrying' || next.nextAttemptAt === null) {
    return 'Procore discards this delivery and every delivery waiting behind it.';
  }
  const firstRetryMs = Date.parse(next.nextAttemptAt);
  return (
    `Procore pauses every delivery to this endpoint and retries this one for up to ${formatDuration(policy.discardAfterMs)}; ` +
    `then it discards the queue. Retries start after ${formatDuration(firstRetryMs)} and are at most ${formatDuration(policy.maxDelayMs)} apart.`
  );
}

/** A delivery that never went out because an earlier one to the same endpoint failed. */
export function heldBackConsequence(policy: RetryPolicy = DEFAULT_RETRY_POLICY): string {
  return (
    'Procore holds it until the failing delivery ahead of it succeeds; ' +
    `if that does not happen within ${formatDuration(policy.discardAfterMs)}, it discards this one with the queue.`
  );
}

/** A slow but successful answer: fine today, a failure once it crosses Procore's timeout. */
export function slowConsequence(policy: RetryPolicy = DEFAULT_RETRY_POLICY): string {
  return `None yet: Procore accepts it. Above ${formatDuration(DEFAULT_SEND_TIMEOUT_MS)} it would count as a failure. ${failureConsequence(policy)}`;
}

/** The scenario's own expectation failed on an answer Procore accepts. */
export const EXPECTATION_CONSEQUENCE = 'None from Procore: it counts any 2xx answered in time as delivered. The scenario expected otherwise.';
