/**
 * A hook's activity over a recent window, minute by minute: how many attempts were delivered (ok) and failed
 * (not ok), and the p95 response time of each minute, with totals. Pure: the relay reads the attempts with one
 * aggregating query and hands the groups to `bucketActivity`; the window rules and the percentile rule live here.
 *
 * The window: whole minutes (UTC), the last one being the current minute (still filling). `since` names its first
 * minute: the last N minutes (N from 1 to MAX_ACTIVITY_MINUTES, the current one included), or the minute holding
 * a given time. Without it, the last MAX_ACTIVITY_MINUTES minutes. Every minute of the window has a bucket, zeros
 * included. Every finished attempt counts, manual redeliveries too; p95 is nearest-rank over the durations of the
 * minute's attempts, delivered and failed alike (a timeout is a slow answer), as endpoint health takes it.
 */
import { HooklineError } from '../errors.js';
import { countedQuantile } from '../health.js';

/** The longest window, in minutes, and the window without `since`: the last hour. */
export const MAX_ACTIVITY_MINUTES = 60;
export const ACTIVITY_MINUTE_MS = 60_000;

/**
 * Where a window starts, as the caller said: the last `minutes` minutes, or the minute holding `at` (epoch ms);
 * `given` is the caller's own text, for the error.
 */
export type ActivitySince = ({ minutes: number } | { at: number }) & { given?: string };

/** [from, to) in epoch ms: `from` the start of the first minute, `to` the end of the current one. */
export interface ActivityWindow {
  from: number;
  to: number;
  minutes: number;
}

/** One group of the aggregating query: `count` attempts of the window's `minute` (0-based) with this outcome and duration. */
export interface ActivityGroup {
  minute: number;
  ok: boolean;
  durationMs: number | null;
  count: number;
}

export interface ActivityBucket {
  /** ISO start of the minute. */
  at: string;
  delivered: number;
  failed: number;
  /** Null when the minute has no attempt with a duration. */
  p95Ms: number | null;
}

export interface ActivityTotals {
  delivered: number;
  failed: number;
  p95Ms: number | null;
}

export interface HookActivity {
  hookId: number;
  /** ISO start of the first minute. */
  from: string;
  /** ISO end of the current minute (exclusive). */
  to: string;
  /** Oldest first, one per minute of the window. */
  buckets: ActivityBucket[];
  totals: ActivityTotals;
}

export function startOfMinute(ms: number): number {
  return Math.floor(ms / ACTIVITY_MINUTE_MS) * ACTIVITY_MINUTE_MS;
}

/** The window `since` names at `now`; a coded error (naming `field`) when it starts in the future or over the limit ago. */
export function activityWindow(since: ActivitySince | undefined, now: number, field = 'since'): ActivityWindow {
  const current = startOfMinute(now);
  const earliest = current - (MAX_ACTIVITY_MINUTES - 1) * ACTIVITY_MINUTE_MS;
  const first =
    since === undefined
      ? earliest
      : 'minutes' in since
        ? current - (Math.floor(since.minutes) - 1) * ACTIVITY_MINUTE_MS
        : startOfMinute(since.at);
  if (!(first >= earliest && first <= current)) {
    const described =
      since === undefined ? '' : since.given ?? ('minutes' in since ? `${since.minutes}m` : Number.isFinite(since.at) ? new Date(since.at).toISOString() : String(since.at));
    throw HooklineError.of(
      'HOOKLINE_ERR_ACTIVITY_SINCE_OUT_OF_RANGE',
      { field, since: described, earliest: new Date(earliest).toISOString(), max: MAX_ACTIVITY_MINUTES },
      { field },
    );
  }
  return { from: first, to: current + ACTIVITY_MINUTE_MS, minutes: (current - first) / ACTIVITY_MINUTE_MS + 1 };
}

function p95(groups: readonly ActivityGroup[]): number | null {
  const timed = groups
    .filter((g): g is ActivityGroup & { durationMs: number } => g.durationMs !== null)
    .map((g) => ({ value: g.durationMs, count: g.count }))
    .sort((a, b) => a.value - b.value);
  return countedQuantile(timed, 0.95);
}

/** Every minute of `window` with its counts and p95 (groups outside the window are ignored), and the totals. */
export function bucketActivity(hookId: number, window: ActivityWindow, groups: readonly ActivityGroup[]): HookActivity {
  const byMinute: ActivityGroup[][] = Array.from({ length: window.minutes }, () => []);
  const inWindow: ActivityGroup[] = [];
  for (const group of groups) {
    const slot = Number.isInteger(group.minute) ? byMinute[group.minute] : undefined;
    if (!slot || group.count <= 0) continue;
    slot.push(group);
    inWindow.push(group);
  }
  const counts = (list: readonly ActivityGroup[]): { delivered: number; failed: number } => ({
    delivered: list.reduce((sum, g) => sum + (g.ok ? g.count : 0), 0),
    failed: list.reduce((sum, g) => sum + (g.ok ? 0 : g.count), 0),
  });
  const buckets = byMinute.map((list, minute) => ({
    at: new Date(window.from + minute * ACTIVITY_MINUTE_MS).toISOString(),
    ...counts(list),
    p95Ms: p95(list),
  }));
  return {
    hookId,
    from: new Date(window.from).toISOString(),
    to: new Date(window.to).toISOString(),
    buckets,
    totals: { ...counts(inWindow), p95Ms: p95(inWindow) },
  };
}
