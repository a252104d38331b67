/**
 * Procore's retry rules as a pure function: exponential back-off from 1 s, at most 1 h between attempts,
 * discard after 12 h of failing. Procore publishes no multiplier or jitter; Hookline doubles and adds no jitter,
 * so a schedule is reproducible and a test can pin it.
 */

export interface RetryPolicy {
  /** Delay after the first failed attempt. */
  initialDelayMs: number;
  multiplier: number;
  /** Cap on the delay between two attempts. */
  maxDelayMs: number;
  /** How long a delivery may keep failing, from its first failure, before it is discarded. */
  discardAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: Readonly<RetryPolicy> = Object.freeze({
  initialDelayMs: 1_000,
  multiplier: 2,
  maxDelayMs: 3_600_000,
  discardAfterMs: 43_200_000,
});

export type RetryDecision = { kind: 'retry'; delayMs: number; at: number } | { kind: 'discard' };

/** `--time-scale 3600` turns 12 hours into 12 seconds: every duration is divided by `timeScale`. */
export function scaleRetryPolicy(policy: RetryPolicy, timeScale: number): RetryPolicy {
  assertPolicy(policy);
  if (typeof timeScale !== 'number' || !Number.isFinite(timeScale) || timeScale < 1) {
    throw new RangeError(`timeScale must be a finite number >= 1; got ${String(timeScale)}.`);
  }
  return {
    initialDelayMs: policy.initialDelayMs / timeScale,
    multiplier: policy.multiplier,
    maxDelayMs: policy.maxDelayMs / timeScale,
    discardAfterMs: policy.discardAfterMs / timeScale,
  };
}

/**
 * What to do after the `failedAttempts`-th consecutive failed attempt (1 = the first failure), given when the
 * streak began and the current time. The delay is min(initial × multiplier^(n-1), max).
 *
 * The deadline rule: a delivery is discarded once it has been failing for `discardAfterMs`. When the next
 * back-off step would land past that deadline, the last attempt is moved to the deadline itself rather than
 * dropped, so the endpoint is tried until the full 12 hours are up (Procore: "after 12 hours of failing").
 */
export function nextRetry(
  failedAttempts: number,
  firstFailureAt: number,
  now: number,
  policy: RetryPolicy = DEFAULT_RETRY_POLICY,
): RetryDecision {
  if (!Number.isInteger(failedAttempts) || failedAttempts < 1) {
    throw new RangeError(`failedAttempts must be an integer >= 1 (1 after the first failure); got ${String(failedAttempts)}.`);
  }
  assertTime('firstFailureAt', firstFailureAt);
  assertTime('now', now);
  assertPolicy(policy);
  const deadline = firstFailureAt + policy.discardAfterMs;
  if (now >= deadline) return { kind: 'discard' };
  const backoff = Math.min(policy.initialDelayMs * policy.multiplier ** (failedAttempts - 1), policy.maxDelayMs);
  if (now + backoff >= deadline) return { kind: 'retry', delayMs: deadline - now, at: deadline };
  return { kind: 'retry', delayMs: backoff, at: now + backoff };
}

/**
 * The offsets (ms after the first failure) of every retry a delivery gets if each attempt fails instantly,
 * ending with the attempt at the deadline. DEFAULT_RETRY_POLICY: 1 s, 3 s, 7 s, … (delays 1 s, 2 s, 4 s, …
 * 2048 s, then 3600 s), and the last at exactly 12 h.
 */
export function retrySchedule(policy: RetryPolicy = DEFAULT_RETRY_POLICY): number[] {
  assertPolicy(policy);
  const offsets: number[] = [];
  let now = 0;
  for (let failed = 1; ; failed++) {
    const decision = nextRetry(failed, 0, now, policy);
    if (decision.kind === 'discard') return offsets;
    if (offsets.length >= 10_000) {
      throw new RangeError('The retry policy allows more than 10000 attempts; check initialDelayMs and discardAfterMs.');
    }
    offsets.push(decision.at);
    now = decision.at;
  }
}

function assertTime(name: string, value: number): void {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new RangeError(`${name} must be a finite epoch time in ms; got ${String(value)}.`);
  }
}

function assertPolicy(policy: RetryPolicy): void {
  const positive = (name: keyof RetryPolicy): void => {
    const value = policy?.[name];
    if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
      throw new RangeError(`RetryPolicy.${name} must be a finite number > 0; got ${String(value)}.`);
    }
  };
  positive('initialDelayMs');
  positive('maxDelayMs');
  positive('discardAfterMs');
  if (typeof policy.multiplier !== 'number' || !Number.isFinite(policy.multiplier) || policy.multiplier < 1) {
    throw new RangeError(`RetryPolicy.multiplier must be a finite number >= 1; got ${String(policy.multiplier)}.`);
  }
}
