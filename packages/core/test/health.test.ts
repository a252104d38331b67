import assert from 'node:assert/strict';
import { HEALTH_WINDOW, describeHealthError, emptyHealthRecord, healthState, hookHealth, quantile, recordAttempt } from '../src/health.js';
import type { AttemptSample, HealthRecord } from '../src/health.js';

const active = { status: 'active' as const, destinationUrl: 'https://example.com/hooks' };
const ok = (at: number, durationMs = 10): AttemptSample => ({ at, ok: true, durationMs, status: 200, errorCode: null, errorMessage: null, trigger: 'scheduled' });
const fail = (at: number, trigger: 'scheduled' | 'manual' = 'scheduled'): AttemptSample => ({
  at, ok: false, durationMs: 5, status: 500, errorCode: 'http', errorMessage: 'The endpoint answered 500.', trigger,
});

function feed(samples: AttemptSample[]): HealthRecord {
  return samples.reduce(recordAttempt, emptyHealthRecord(7));
}

describe('hook health', () => {
  it('is healthy with no attempts, paused without an endpoint, disabled when disabled', () => {
    const record = emptyHealthRecord(7);
    assert.equal(healthState(record, active), 'healthy');
    assert.equal(healthState(record, { status: 'active', destinationUrl: null }), 'paused');
    assert.equal(healthState(feed([fail(1)]), { status: 'disabled', destinationUrl: 'https://x.example' }), 'disabled');
  });

  it('goes failing on a scheduled failure, keeps the streak start, and recovers on a success', () => {
    const failing = feed([ok(1000), fail(2000), fail(3000), fail(5000)]);
    const health = hookHealth(failing, active);
    assert.equal(health.state, 'failing');
    assert.equal(health.failureStreak, 3);
    assert.equal(health.streakStartedAt, new Date(2000).toISOString());
    assert.equal(health.lastSuccessAt, new Date(1000).toISOString());
    assert.equal(health.lastFailureAt, new Date(5000).toISOString());
    assert.deepEqual(health.lastError, { code: 'http', status: 500, message: 'The endpoint answered 500.' });
    const recovered = hookHealth(recordAttempt(failing, ok(6000)), active);
    assert.equal(recovered.state, 'healthy');
    assert.equal(recovered.failureStreak, 0);
    assert.equal(recovered.streakStartedAt, null);
    assert.equal(recovered.lastError?.status, 500, 'the last error is kept for reference');
  });

  it('does not start a streak on a failed manual redelivery', () => {
    const health = hookHealth(feed([ok(1), fail(2, 'manual')]), active);
    assert.equal(health.state, 'healthy');
    assert.equal(health.lastFailureAt, new Date(2).toISOString());
  });

  it('computes success rate and p50/p95 over the last 100 attempts only', () => {
    const samples: AttemptSample[] = [];
    for (let i = 0; i < 50; i++) samples.push(fail(i));
    for (let i = 1; i <= 100; i++) samples.push(ok(100 + i, i));
    const health = hookHealth(feed(samples), active);
    assert.equal(health.window.attempts, HEALTH_WINDOW);
    assert.equal(health.window.successRate, 1);
    assert.equal(health.window.p50Ms, 50);
    assert.equal(health.window.p95Ms, 95);
    const mixed = hookHealth(feed([ok(1, 10), fail(2), ok(3, 30), ok(4, 20)]), active);
    assert.equal(mixed.window.successRate, 0.75);
  });

  it('keeps the window as a ring: after several windows it holds exactly the latest attempts', () => {
    const record = emptyHealthRecord(7);
    for (let i = 1; i <= 3 * HEALTH_WINDOW + 37; i++) recordAttempt(record, i % 2 === 0 ? ok(i, i) : fail(i));
    assert.equal(record.samples.length, HEALTH_WINDOW);
    const latest = [...record.samples].sort((a, b) => a.at - b.at).map((s) => s.at);
    assert.deepEqual(latest, Array.from({ length: HEALTH_WINDOW }, (_, i) => 2 * HEALTH_WINDOW + 38 + i));
    assert.equal(hookHealth(record, active).window.successRate, 0.5);
    assert.equal(recordAttempt(record, ok(1_000)), record, 'updated in place, not copied');
  });

  it('takes nearest-rank quantiles', () => {
    assert.equal(quantile([], 0.5), null);
    assert.equal(quantile([4], 0.95), 4);
    assert.equal(quantile([1, 2, 3, 4], 0.5), 2);
    assert.equal(quantile([1, 2, 3, 4], 0.95), 4);
  });

  it('describes what is wrong with a failing endpoint', () => {
    assert.equal(describeHealthError(null), 'its deliveries fail');
    assert.equal(describeHealthError({ code: 'http', status: 503, message: 'x' }), 'the endpoint answers HTTP 503');
    assert.equal(describeHealthError({ code: 'timeout', status: null, message: null }), 'the endpoint does not answer within 5 s');
    assert.equal(describeHealthError({ code: 'timeout', status: null, message: null }, 2500), 'the endpoint does not answer within 2.5 s');
    assert.equal(describeHealthError({ code: 'timeout', status: null, message: null }, 30_000), 'the endpoint does not answer within 30 s');
    assert.equal(describeHealthError({ code: 'connection', status: null, message: null }), 'the endpoint refuses or drops the connection');
    assert.equal(describeHealthError({ code: 'dns', status: null, message: null }), "the endpoint's host name does not resolve");
  });
});
