import assert from 'node:assert/strict';
import type { HookHealth } from '@hookline/core';
import { HealthFeed, HealthList } from '../src/client/index.js';
import type { HealthChange } from '../src/client/index.js';
import { tick } from './support/dom.js';
import { FakeTransport } from './support/fake-transport.js';

function health(hookId: number, state: HookHealth['state'] = 'healthy'): HookHealth {
  return {
    hookId, state, failureStreak: state === 'failing' ? 1 : 0, streakStartedAt: state === 'failing' ? '2026-01-01T10:00:00.000Z' : null,
    lastSuccessAt: null, lastFailureAt: null, lastError: null, window: { attempts: 0, successRate: null, p50Ms: null, p95Ms: null },
  };
}

describe('HealthList and HealthFeed', () => {
  it('asks health.get on every hello and follows hook.health and hook.deleted in between', async () => {
    let answer = [health(1), health(2, 'failing')];
    const transport = new FakeTransport().handle('health.get', () => ({ health: answer }));
    const list = new HealthList();
    const changes: string[] = [];
    const feed = new HealthFeed(transport, (change) => {
      list.apply(change);
      changes.push(change.kind);
    });
    assert.deepEqual(transport.requests('health.get'), [], 'nothing before hello');
    transport.hello();
    await tick();
    assert.deepEqual(list.failing().map((h) => h.hookId), [2]);
    transport.push({ type: 'hook.health', health: health(1, 'failing'), previous: 'healthy' });
    assert.deepEqual(list.failing().map((h) => h.hookId), [1, 2]);
    transport.push({ type: 'hook.deleted', hookId: 2 });
    assert.deepEqual(list.failing().map((h) => h.hookId), [1]);
    answer = [health(3, 'failing')];
    transport.hello(7);
    await tick();
    assert.deepEqual(list.failing().map((h) => h.hookId), [3], 'a snapshot replaces everything: hook 1 is gone');
    assert.deepEqual(changes, ['snapshot', 'update', 'remove', 'snapshot']);
    feed.dispose();
    assert.equal(transport.listenerCount, 0);
  });

  it('forget() (another relay) empties the list and drops a reply still on its way', async () => {
    const transport = new FakeTransport().handle('health.get', () => ({ health: [health(1, 'failing')] }));
    const seen: HealthChange[] = [];
    const feed = new HealthFeed(transport, (change) => seen.push(change));
    transport.hello();
    feed.forget();
    await tick();
    assert.deepEqual(seen, [{ kind: 'forget' }]);
    const list = new HealthList();
    list.apply({ kind: 'update', health: health(4, 'failing') });
    list.apply({ kind: 'forget' });
    assert.deepEqual(list.failing(), []);
  });
});
