import assert from 'node:assert/strict';
import type { HealthState, HookHealth } from '@hookline/core';
import { HealthAlarmModel, HealthAlarms, failingSummary, failureMessage, recoveryMessage } from '../../src/health/health-alarms.js';
import type { HealthAlarm, HealthAlarmSink } from '../../src/health/health-alarms.js';
import { FakeRelay, settle } from './support/fake-relay.js';

const OUTAGE_1 = '2026-01-01T10:02:11.000Z';
const OUTAGE_2 = '2026-01-01T11:30:00.000Z';

function health(hookId: number, state: HealthState, extra: Partial<HookHealth> = {}): HookHealth {
  const failing = state === 'failing';
  return {
    hookId,
    state,
    failureStreak: failing ? 1 : 0,
    streakStartedAt: failing ? OUTAGE_1 : null,
    lastSuccessAt: '2026-01-01T10:00:00.000Z',
    lastFailureAt: failing ? OUTAGE_1 : null,
    lastError: failing ? { code: 'http', status: 503, message: 'HTTP 503' } : null,
    window: { attempts: 10, successRate: failing ? 0.5 : 1, p50Ms: 12, p95Ms: 30 },
    ...extra,
  };
}

const failing = (hookId: number, streak: number, since = OUTAGE_1): HookHealth =>
  health(hookId, 'failing', { failureStreak: streak, streakStartedAt: since, lastFailureAt: since });
const kinds = (alarms: HealthAlarm[]): string[] => alarms.map((a) => `${a.kind}:${a.health.hookId}`);
const utc = (iso: string): string => iso.slice(11, 19);

describe('HealthAlarmModel', () => {
  it('alarms once when a hook goes from healthy to failing, not once per failed attempt', () => {
    const model = new HealthAlarmModel();
    assert.deepEqual(model.update(health(1, 'healthy')), []);
    assert.deepEqual(kinds(model.update(failing(1, 1))), ['failing:1']);
    // The relay pushes on changes of state only, but a repeated or refreshed failing state must stay quiet too.
    for (let attempt = 2; attempt <= 8; attempt += 1) assert.deepEqual(model.update(failing(1, attempt)), []);
    assert.deepEqual(model.failing().map((h) => h.failureStreak), [8]);
  });

  it('announces the recovery once, then nothing more while healthy', () => {
    const model = new HealthAlarmModel();
    model.update(failing(1, 1));
    const recovered = model.update(health(1, 'healthy'));
    assert.deepEqual(kinds(recovered), ['recovered:1']);
    assert.equal(recovered[0]?.kind === 'recovered' && recovered[0].failingSince, OUTAGE_1);
    assert.deepEqual(model.update(health(1, 'healthy')), []);
    assert.deepEqual(model.failing(), []);
  });

  it('a hook that was never announced as failing gets no recovery message', () => {
    const model = new HealthAlarmModel();
    assert.deepEqual(model.update(health(1, 'healthy')), []);
    assert.deepEqual(model.update(health(1, 'paused')), []);
    assert.deepEqual(model.update(health(1, 'healthy')), []);
  });

  it('a reconnect during the same outage does not alarm again (same streakStartedAt)', () => {
    const model = new HealthAlarmModel();
    assert.deepEqual(kinds(model.reset([health(1, 'healthy'), failing(2, 3)])), ['failing:2']);
    assert.deepEqual(model.reset([health(1, 'healthy'), failing(2, 9)]), []);
    assert.deepEqual(model.reset([health(1, 'healthy'), failing(2, 12)]), []);
    assert.deepEqual(model.failing().map((h) => h.hookId), [2]);
  });

  it('a new outage alarms again, whether seen through a recovery or only in the snapshot after a reconnect', () => {
    const model = new HealthAlarmModel();
    assert.deepEqual(kinds(model.update(failing(1, 1, OUTAGE_1))), ['failing:1']);
    assert.deepEqual(kinds(model.update(health(1, 'healthy'))), ['recovered:1']);
    assert.deepEqual(kinds(model.update(failing(1, 1, OUTAGE_2))), ['failing:1']);
    // Recovered and failed again while disconnected: the snapshot shows a different outage.
    assert.deepEqual(kinds(model.reset([failing(1, 2, '2026-01-01T12:00:00.000Z')])), ['failing:1']);
  });

  it('the snapshot after a reconnect announces a recovery that happened while away', () => {
    const model = new HealthAlarmModel();
    model.reset([failing(1, 2)]);
    assert.deepEqual(kinds(model.reset([health(1, 'healthy')])), ['recovered:1']);
  });

  it('the extension starting while a hook already fails: one alarm from the first snapshot', () => {
    const model = new HealthAlarmModel();
    assert.deepEqual(kinds(model.reset([failing(2, 40), failing(1, 5)])), ['failing:1', 'failing:2']);
    assert.deepEqual(model.reset([failing(2, 41), failing(1, 6)]), []);
  });

  it('paused or disabled in the middle of an outage does not end it; deleting the hook does', () => {
    const model = new HealthAlarmModel();
    model.update(failing(1, 2));
    assert.deepEqual(model.update(health(1, 'disabled', { failureStreak: 2, streakStartedAt: OUTAGE_1 })), []);
    assert.deepEqual(model.failing(), [], 'a disabled hook is not failing');
    assert.deepEqual(model.update(failing(1, 2)), [], 're-enabled, still the same outage');
    model.remove(1);
    assert.deepEqual(kinds(model.update(failing(1, 2))), ['failing:1']);
    // A hook missing from the snapshot is gone: forgotten, no recovery message.
    assert.deepEqual(model.reset([]), []);
    assert.deepEqual(model.failing(), []);
  });
});

describe('health alarm texts', () => {
  it('says which hook, what is wrong and since when', () => {
    assert.equal(
      failureMessage(failing(1, 3), 'hook 1 (hookline)', utc),
      'Hookline: hook 1 (hookline) is failing: the endpoint answers HTTP 503 (since 10:02:11). Deliveries wait behind it.',
    );
    const refused = failing(2, 1);
    refused.lastError = { code: 'connection', status: null, message: 'connect ECONNREFUSED' };
    assert.match(failureMessage(refused, 'hook 2', utc), /^Hookline: hook 2 is failing: the endpoint refuses or drops the connection \(since 10:02:11\)\./);
    assert.equal(recoveryMessage({ kind: 'recovered', health: health(1, 'healthy'), failingSince: OUTAGE_1 }, 'hook 1 (hookline)', utc), 'Hookline: hook 1 (hookline) recovered (failing since 10:02:11); deliveries flow again.');
    assert.deepEqual(failingSummary([failing(1, 4)], (id) => `hook ${id}`, utc), ['hook 1 is failing since 10:02:11: the endpoint answers HTTP 503 (4 failed attempts).']);
  });
});

describe('HealthAlarms (fed by the relay)', () => {
  function setup() {
    const relay = new FakeRelay();
    const alarms: HealthAlarm[] = [];
    const states: number[][] = [];
    const sink: HealthAlarmSink = { alarm: (a) => alarms.push(a), changed: (f) => states.push(f.map((h) => h.hookId)) };
    const feed = new HealthAlarms(relay.transport, sink);
    return { relay, alarms, states, feed };
  }

  it('asks health.get on every hello and follows hook.health pushes: one alarm per outage across reconnects', async () => {
    const { relay, alarms, states, feed } = setup();
    relay.health = [health(1, 'healthy')];
    relay.hello();
    await settle();
    assert.deepEqual(relay.requests.map((r) => r.type), ['health.get']);
    assert.deepEqual(alarms, []);

    relay.push({ type: 'hook.health', health: failing(1, 1), previous: 'healthy' });
    assert.deepEqual(kinds(alarms), ['failing:1']);
    assert.deepEqual(states.at(-1), [1]);

    // Three reconnects while the same outage goes on.
    relay.health = [failing(1, 6)];
    for (let i = 0; i < 3; i += 1) relay.hello();
    await settle();
    assert.deepEqual(kinds(alarms), ['failing:1']);
    assert.deepEqual(feed.failing().map((h) => h.failureStreak), [6]);

    relay.push({ type: 'hook.health', health: health(1, 'healthy'), previous: 'failing' });
    assert.deepEqual(kinds(alarms), ['failing:1', 'recovered:1']);
    assert.deepEqual(states.at(-1), []);
    relay.health = [health(1, 'healthy')];
    relay.hello();
    await settle();
    assert.deepEqual(kinds(alarms), ['failing:1', 'recovered:1']);
    feed.dispose();
    relay.push({ type: 'hook.health', health: failing(1, 1, OUTAGE_2), previous: 'healthy' });
    assert.equal(alarms.length, 2, 'disposed: no longer listening');
  });

  it('forget() (another relay) drops what it knew and ignores a reply still on its way', async () => {
    const { relay, alarms, states, feed } = setup();
    relay.health = [failing(1, 2)];
    relay.hello();
    feed.forget();
    await settle();
    assert.deepEqual(alarms, []);
    assert.deepEqual(states, [[]]);
    relay.hello();
    await settle();
    assert.deepEqual(kinds(alarms), ['failing:1']);
    relay.push({ type: 'hook.deleted', hookId: 1 });
    assert.deepEqual(states.at(-1), []);
  });
});
