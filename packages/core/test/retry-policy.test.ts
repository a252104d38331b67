import assert from 'node:assert/strict';
import { DEFAULT_RETRY_POLICY, nextRetry, retrySchedule, scaleRetryPolicy, type RetryPolicy } from '../src/retry/policy.js';

const HOUR = 3_600_000;
const T0 = Date.parse('2025-02-25T16:00:00.000Z');

describe('retry policy', () => {
  it('defaults to Procore\'s rules: 1 s doubling, at most 1 h apart, discard after 12 h', () => {
    assert.deepEqual({ ...DEFAULT_RETRY_POLICY }, { initialDelayMs: 1000, multiplier: 2, maxDelayMs: 3_600_000, discardAfterMs: 43_200_000 });
    assert.ok(Object.isFrozen(DEFAULT_RETRY_POLICY));
  });

  it('pins the whole default schedule (seconds after the first failure)', () => {
    const delays = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, ...Array<number>(10).fill(3600), 3105];
    const offsets = delays.map((_, i) => delays.slice(0, i + 1).reduce((a, b) => a + b, 0));
    assert.deepEqual(offsets, [
      1, 3, 7, 15, 31, 63, 127, 255, 511, 1023, 2047, 4095, 7695, 11295, 14895, 18495, 22095, 25695, 29295, 32895, 36495, 40095, 43200,
    ]);
    assert.deepEqual(retrySchedule().map((ms) => ms / 1000), offsets);
    assert.deepEqual(retrySchedule(DEFAULT_RETRY_POLICY), retrySchedule());
  });

  it('delays min(1 s × 2^(n-1), 1 h) after the n-th consecutive failure', () => {
    assert.deepEqual(nextRetry(1, T0, T0), { kind: 'retry', delayMs: 1000, at: T0 + 1000 });
    assert.deepEqual(nextRetry(2, T0, T0 + 1000), { kind: 'retry', delayMs: 2000, at: T0 + 3000 });
    assert.deepEqual(nextRetry(12, T0, T0 + 5000), { kind: 'retry', delayMs: 2_048_000, at: T0 + 2_053_000 });
    assert.deepEqual(nextRetry(13, T0, T0 + 5000), { kind: 'retry', delayMs: HOUR, at: T0 + 5000 + HOUR });
    assert.deepEqual(nextRetry(5000, T0, T0 + 5000), { kind: 'retry', delayMs: HOUR, at: T0 + 5000 + HOUR });
  });

  it('schedules the last attempt exactly at the 12-hour deadline, then discards', () => {
    const deadline = T0 + 12 * HOUR;
    assert.deepEqual(nextRetry(22, T0, T0 + 40_095_000), { kind: 'retry', delayMs: 3_105_000, at: deadline });
    assert.deepEqual(nextRetry(3, T0, deadline - 1), { kind: 'retry', delayMs: 1, at: deadline });
    assert.deepEqual(nextRetry(23, T0, deadline), { kind: 'discard' });
    assert.deepEqual(nextRetry(1, T0, deadline + 1), { kind: 'discard' });
  });

  it('has no jitter: the same inputs give the same decision', () => {
    assert.deepEqual(nextRetry(7, T0, T0 + 100_000), nextRetry(7, T0, T0 + 100_000));
  });

  it('validates its arguments with clear RangeErrors', () => {
    assert.throws(() => nextRetry(0, T0, T0), { name: 'RangeError', message: 'failedAttempts must be an integer >= 1 (1 after the first failure); got 0.' });
    assert.throws(() => nextRetry(1.5, T0, T0), { name: 'RangeError', message: 'failedAttempts must be an integer >= 1 (1 after the first failure); got 1.5.' });
    assert.throws(() => nextRetry(1, Number.NaN, T0), { name: 'RangeError', message: 'firstFailureAt must be a finite epoch time in ms; got NaN.' });
    assert.throws(() => nextRetry(1, T0, Number.POSITIVE_INFINITY), { name: 'RangeError', message: 'now must be a finite epoch time in ms; got Infinity.' });
    const bad = (policy: Partial<RetryPolicy>, message: string) =>
      assert.throws(() => nextRetry(1, T0, T0, { ...DEFAULT_RETRY_POLICY, ...policy }), { name: 'RangeError', message });
    bad({ initialDelayMs: 0 }, 'RetryPolicy.initialDelayMs must be a finite number > 0; got 0.');
    bad({ maxDelayMs: -1 }, 'RetryPolicy.maxDelayMs must be a finite number > 0; got -1.');
    bad({ discardAfterMs: Number.NaN }, 'RetryPolicy.discardAfterMs must be a finite number > 0; got NaN.');
    bad({ multiplier: 0.5 }, 'RetryPolicy.multiplier must be a finite number >= 1; got 0.5.');
  });

  it('refuses a policy with an absurd number of attempts', () => {
    assert.throws(() => retrySchedule({ initialDelayMs: 1, multiplier: 1, maxDelayMs: 1, discardAfterMs: 1e9 }), {
      name: 'RangeError',
      message: 'The retry policy allows more than 10000 attempts; check initialDelayMs and discardAfterMs.',
    });
  });

  describe('scaleRetryPolicy', () => {
    it('divides every duration by the time scale', () => {
      assert.deepEqual(scaleRetryPolicy(DEFAULT_RETRY_POLICY, 1000), { initialDelayMs: 1, multiplier: 2, maxDelayMs: 3600, discardAfterMs: 43_200 });
      assert.deepEqual(scaleRetryPolicy(DEFAULT_RETRY_POLICY, 1), { ...DEFAULT_RETRY_POLICY });
      assert.deepEqual(retrySchedule(scaleRetryPolicy(DEFAULT_RETRY_POLICY, 1000)), retrySchedule().map((ms) => ms / 1000));
    });

    it('keeps the shape of the schedule at any scale, ending at the scaled deadline', () => {
      const scaled = retrySchedule(scaleRetryPolicy(DEFAULT_RETRY_POLICY, 3600));
      assert.equal(scaled.length, 23);
      assert.equal(scaled[scaled.length - 1], 12_000);
      const odd = retrySchedule(scaleRetryPolicy(DEFAULT_RETRY_POLICY, 7));
      assert.equal(odd.length, 23);
      assert.equal(odd[odd.length - 1], 43_200_000 / 7);
    });

    it('requires a finite time scale of at least 1', () => {
      for (const scale of [0, 0.5, -2, Number.NaN, Number.POSITIVE_INFINITY]) {
        assert.throws(() => scaleRetryPolicy(DEFAULT_RETRY_POLICY, scale), { name: 'RangeError', message: `timeScale must be a finite number >= 1; got ${scale}.` });
      }
    });
  });
});
