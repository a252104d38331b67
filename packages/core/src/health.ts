/**
 * Endpoint health, computed from a hook's attempts as they happen (pure: the relay feeds it attempts).
 * States: healthy; failing (its queue is retrying a failed delivery); paused (active but without a notification
 * endpoint, so nothing can be sent); disabled. Any successful attempt ends a failure streak; manual attempts
 * (redeliveries) count in the figures but do not start or end a streak, since they are outside the queue.
 */
import { DEFAULT_SEND_TIMEOUT_MS } from './delivery/attempt.js';
import { canDeliver } from './hooks.js';
import type { AttemptErrorCode, AttemptTrigger, HookStatus } from './model.js';

export const HEALTH_STATES = ['healthy', 'failing', 'paused', 'disabled'] as const;
export type HealthState = (typeof HEALTH_STATES)[number];

/** How many recent attempts the success rate and response times are taken over. */
export const HEALTH_WINDOW = 100;

export interface AttemptSample {
  /** Epoch ms when the attempt ended. */
  at: number;
  ok: boolean;
  durationMs: number;
  status: number | null;
  errorCode: AttemptErrorCode | null;
  errorMessage: string | null;
  trigger: AttemptTrigger;
}

export interface HealthError {
  code: AttemptErrorCode;
  status: number | null;
  message: string | null;
}

export interface HookHealth {
  hookId: number;
  state: HealthState;
  failureStreak: number;
  /** ISO time of the first failure of the current streak. */
  streakStartedAt: string | null;
  lastSuccessAt: string | null;
  lastFailureAt: string | null;
  lastError: HealthError | null;
  window: { attempts: number; successRate: number | null; p50Ms: number | null; p95Ms: number | null };
}

/** What the tracker keeps per hook between attempts. */
export interface HealthRecord {
  hookId: number;
  /** The latest HEALTH_WINDOW attempts, as a ring: once full, `next` is the oldest, overwritten by the next one. */
  samples: AttemptSample[];
  next: number;
  failureStreak: number;
  streakStartedAt: number | null;
  lastSuccessAt: number | null;
  lastFailureAt: number | null;
  lastError: HealthError | null;
}

export function emptyHealthRecord(hookId: number): HealthRecord {
  return { hookId, samples: [], next: 0, failureStreak: 0, streakStartedAt: null, lastSuccessAt: null, lastFailureAt: null, lastError: null };
}

/**
 * Counts one more attempt into the record, in place, and returns it (so `samples.reduce(recordAttempt, empty)`
 * works): it runs after every attempt, so it costs the same whatever the window holds, with no copy of it.
 */
export function recordAttempt(record: HealthRecord, sample: AttemptSample): HealthRecord {
  if (record.samples.length < HEALTH_WINDOW) record.samples.push(sample);
  else record.samples[record.next] = sample;
  record.next = (record.next + 1) % HEALTH_WINDOW;
  if (sample.ok) {
    record.failureStreak = 0;
    record.streakStartedAt = null;
    record.lastSuccessAt = sample.at;
    return record;
  }
  record.lastFailureAt = sample.at;
  record.lastError = { code: sample.errorCode ?? 'http', status: sample.status, message: sample.errorMessage };
  if (sample.trigger === 'manual') return record;
  record.failureStreak += 1;
  record.streakStartedAt ??= sample.at;
  return record;
}

/** The nearest rank (1-based) of quantile q (0..1) among n sorted values: the one rule of every quantile here. */
export function nearestRank(n: number, q: number): number {
  return Math.min(n, Math.max(1, Math.ceil(q * n)));
}

/** The value at quantile q (0..1) of the sorted values, nearest-rank. */
export function quantile(sorted: readonly number[], q: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[nearestRank(sorted.length, q) - 1] ?? null;
}

/** `quantile` of values given as (value, how many times), sorted by value: the same nearest rank, without the copies. */
export function countedQuantile(sorted: readonly { value: number; count: number }[], q: number): number | null {
  const n = sorted.reduce((sum, entry) => sum + entry.count, 0);
  if (n === 0) return null;
  const rank = nearestRank(n, q);
  let seen = 0;
  for (const entry of sorted) {
    seen += entry.count;
    if (seen >= rank) return entry.value;
  }
  return null;
}

export function healthState(record: HealthRecord, hook: { status: HookStatus; destinationUrl: string | null }): HealthState {
  if (hook.status === 'disabled') return 'disabled';
  if (!canDeliver(hook)) return 'paused';
  return record.failureStreak > 0 ? 'failing' : 'healthy';
}

export function hookHealth(record: HealthRecord, hook: { status: HookStatus; destinationUrl: string | null }): HookHealth {
  const durations = record.samples.map((s) => s.durationMs).sort((a, b) => a - b);
  const successes = record.samples.filter((s) => s.ok).length;
  const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());
  return {
    hookId: record.hookId,
    state: healthState(record, hook),
    failureStreak: record.failureStreak,
    streakStartedAt: iso(record.streakStartedAt),
    lastSuccessAt: iso(record.lastSuccessAt),
    lastFailureAt: iso(record.lastFailureAt),
    lastError: record.lastError,
    window: {
      attempts: record.samples.length,
      successRate: record.samples.length === 0 ? null : successes / record.samples.length,
      p50Ms: quantile(durations, 0.5),
      p95Ms: quantile(durations, 0.95),
    },
  };
}

/**
 * What is wrong with a failing endpoint, in words a person can act on: "the endpoint answers HTTP 503".
 * `sendTimeoutMs` is the relay's deadline for one try, named in the words for a timeout.
 */
export function describeHealthError(error: HealthError | null, sendTimeoutMs: number = DEFAULT_SEND_TIMEOUT_MS): string {
  if (error === null) return 'its deliveries fail';
  if (error.status !== null) return `the endpoint answers HTTP ${error.status}`;
  switch (error.code) {
    case 'timeout':
      return `the endpoint does not answer within ${Number((sendTimeoutMs / 1000).toFixed(2))} s`;
    case 'connection':
      return 'the endpoint refuses or drops the connection';
    case 'dns':
      return "the endpoint's host name does not resolve";
    case 'invalid_target':
      return 'the endpoint URL cannot be sent to';
    default:
      return error.message ?? 'its deliveries fail';
  }
}
