import assert from 'node:assert/strict';
import {
  ACTIVITY_MINUTE_MS,
  MAX_ACTIVITY_MINUTES,
  activityWindow,
  bucketActivity,
  type ActivityGroup,
} from '../src/activity/activity.js';
import { HooklineError } from '../src/errors.js';
import { countedQuantile, quantile } from '../src/health.js';

const NOW = Date.parse('2026-03-04T10:20:30.500Z');
const CURRENT = Date.parse('2026-03-04T10:20:00.000Z');

function expectOutOfRange(run: () => unknown): HooklineError {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof HooklineError);
    assert.equal(error.code, 'HOOKLINE_ERR_ACTIVITY_SINCE_OUT_OF_RANGE');
    assert.equal(error.status, 400);
    return error;
  }
  assert.fail('expected a coded error');
}

describe('activity window', () => {
  it('is the last hour of whole minutes without since, ending with the current minute', () => {
    const window = activityWindow(undefined, NOW);
    assert.equal(window.minutes, MAX_ACTIVITY_MINUTES);
    assert.equal(window.to, CURRENT + ACTIVITY_MINUTE_MS);
    assert.equal(window.from, CURRENT - (MAX_ACTIVITY_MINUTES - 1) * ACTIVITY_MINUTE_MS);
  });

  it('takes the last N minutes, or the minute holding a time', () => {
    assert.deepEqual(activityWindow({ minutes: 1 }, NOW), { from: CURRENT, to: CURRENT + ACTIVITY_MINUTE_MS, minutes: 1 });
    assert.equal(activityWindow({ minutes: 15 }, NOW).minutes, 15);
    const at = activityWindow({ at: Date.parse('2026-03-04T10:05:59.999Z') }, NOW);
    assert.equal(new Date(at.from).toISOString(), '2026-03-04T10:05:00.000Z');
    assert.equal(at.minutes, 16);
    assert.equal(activityWindow({ at: NOW }, NOW).minutes, 1);
  });

  it('refuses a start in a later minute or more than the limit ago, naming the earliest time', () => {
    const old = expectOutOfRange(() => activityWindow({ at: CURRENT - MAX_ACTIVITY_MINUTES * ACTIVITY_MINUTE_MS }, NOW, 'since'));
    assert.equal(old.field, 'since');
    assert.match(old.message, /2026-03-04T09:21:00\.000Z to now/);
    expectOutOfRange(() => activityWindow({ at: CURRENT + ACTIVITY_MINUTE_MS }, NOW));
    expectOutOfRange(() => activityWindow({ minutes: MAX_ACTIVITY_MINUTES + 1 }, NOW));
    expectOutOfRange(() => activityWindow({ minutes: 0 }, NOW));
    expectOutOfRange(() => activityWindow({ at: Number.NaN }, NOW));
  });
});

describe('activity buckets', () => {
  const window = activityWindow({ minutes: 5 }, NOW);

  it('has every minute of the window, zeros included, oldest first', () => {
    const activity = bucketActivity(7, window, []);
    assert.equal(activity.hookId, 7);
    assert.equal(activity.buckets.length, 5);
    assert.equal(activity.from, '2026-03-04T10:16:00.000Z');
    assert.equal(activity.to, '2026-03-04T10:21:00.000Z');
    assert.deepEqual(
      activity.buckets.map((b) => b.at),
      ['10:16', '10:17', '10:18', '10:19', '10:20'].map((t) => `2026-03-04T${t}:00.000Z`),
    );
    for (const bucket of activity.buckets) assert.deepEqual({ ...bucket, at: '' }, { at: '', delivered: 0, failed: 0, p95Ms: null });
    assert.deepEqual(activity.totals, { delivered: 0, failed: 0, p95Ms: null });
  });

  it('counts delivered and failed and takes the nearest-rank p95 of each minute and of the window', () => {
    // Minute 1: durations 1..20 ms (ok), plus two failures at 500 ms; minute 4: one ok at 9 ms.
    const groups: ActivityGroup[] = [
      ...Array.from({ length: 20 }, (_, i) => ({ minute: 1, ok: true, durationMs: i + 1, count: 1 })),
      { minute: 1, ok: false, durationMs: 500, count: 2 },
      { minute: 4, ok: true, durationMs: 9, count: 1 },
    ];
    const activity = bucketActivity(1, window, groups);
    const minute1Durations = [...Array.from({ length: 20 }, (_, i) => i + 1), 500, 500];
    assert.deepEqual(activity.buckets[1], { at: '2026-03-04T10:17:00.000Z', delivered: 20, failed: 2, p95Ms: quantile(minute1Durations, 0.95) });
    assert.equal(activity.buckets[1]?.p95Ms, 500); // rank ceil(0.95 × 22) = 21: the first 500
    assert.deepEqual(activity.buckets[4], { at: '2026-03-04T10:20:00.000Z', delivered: 1, failed: 0, p95Ms: 9 });
    assert.equal(activity.buckets[0]?.delivered, 0);
    assert.equal(activity.totals.delivered, 21);
    assert.equal(activity.totals.failed, 2);
    assert.equal(activity.totals.p95Ms, quantile([...minute1Durations, 9].sort((a, b) => a - b), 0.95));
  });

  it('weighs grouped durations by their count, in any order, and leaves out attempts without a duration', () => {
    const groups: ActivityGroup[] = [
      { minute: 2, ok: true, durationMs: 40, count: 1 },
      { minute: 2, ok: true, durationMs: 10, count: 99 },
      { minute: 2, ok: false, durationMs: null, count: 3 },
    ];
    const bucket = bucketActivity(1, window, groups).buckets[2]!;
    assert.deepEqual([bucket.delivered, bucket.failed, bucket.p95Ms], [100, 3, 10]);
    const heavyTail = bucketActivity(1, window, [
      { minute: 2, ok: true, durationMs: 10, count: 94 },
      { minute: 2, ok: true, durationMs: 40, count: 6 },
    ]).buckets[2]!;
    assert.equal(heavyTail.p95Ms, 40);
  });

  it('ignores groups outside the window', () => {
    const activity = bucketActivity(1, window, [
      { minute: -1, ok: true, durationMs: 5, count: 1 },
      { minute: 5, ok: true, durationMs: 5, count: 1 },
      { minute: 0.5, ok: true, durationMs: 5, count: 1 },
    ]);
    assert.deepEqual(activity.totals, { delivered: 0, failed: 0, p95Ms: null });
  });

  it('countedQuantile agrees with quantile over the expanded values', () => {
    const counted = [
      { value: 3, count: 4 },
      { value: 8, count: 1 },
      { value: 20, count: 2 },
    ];
    const expanded = counted.flatMap((e) => Array.from({ length: e.count }, () => e.value));
    for (const q of [0, 0.1, 0.5, 0.7, 0.95, 1]) assert.equal(countedQuantile(counted, q), quantile(expanded, q), `q=${q}`);
    assert.equal(countedQuantile([], 0.95), null);
  });
});
