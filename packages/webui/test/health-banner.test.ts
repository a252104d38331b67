import assert from 'node:assert/strict';
import { PROTOCOL_VERSION, type HookHealth } from '@hookline/core';
import { HealthList } from '../src/client/index.js';
import { describeFailure, mountHealthBanner } from '../src/health/health-banner.js';
import { installDom, tick } from './support/dom.js';
import { FakeTransport } from './support/fake-transport.js';

function health(hookId: number, patch: Partial<HookHealth> = {}): HookHealth {
  return {
    hookId, state: 'healthy', failureStreak: 0, streakStartedAt: null, lastSuccessAt: null, lastFailureAt: null, lastError: null,
    window: { attempts: 0, successRate: null, p50Ms: null, p95Ms: null }, ...patch,
  };
}
const failing = (hookId: number): HookHealth =>
  health(hookId, { state: 'failing', failureStreak: 2, streakStartedAt: '2026-11-29T10:00:00.000Z', lastError: { code: 'http', status: 503, message: 'The endpoint answered 503.' } });

describe('health banner', () => {
  it('the list names failing hooks in id order', () => {
    const list = new HealthList();
    list.apply({ kind: 'snapshot', health: [health(2), failing(3), failing(1)] });
    assert.deepEqual(list.failing().map((h) => h.hookId), [1, 3]);
    list.apply({ kind: 'update', health: health(1) });
    list.apply({ kind: 'remove', hookId: 3 });
    assert.deepEqual(list.failing(), []);
  });

  it('describes a failure by its cause', () => {
    assert.match(describeFailure(failing(1), 'Hook 1 (hookline)'), /^Hook 1 \(hookline\): the endpoint answers HTTP 503 since .+\. New deliveries wait/);
    const timeout = health(1, { state: 'failing', failureStreak: 1, lastError: { code: 'timeout', status: null, message: null } });
    assert.match(describeFailure(timeout, 'Hook 1'), /does not answer within 5 s/);
  });

  it('shows while a hook fails and clears when it recovers, following pushes and reconnects', async () => {
    const dom = installDom();
    try {
      let current = [failing(1)];
      const transport = new FakeTransport()
        .handle('health.get', () => ({ health: current }))
        .handle('hooks.list', () => ({ hooks: [] }));
      const root = document.createElement('div');
      document.body.append(root);
      const banner = mountHealthBanner(root, transport);
      transport.hello();
      await tick();
      assert.equal(banner.element.hidden, false);
      assert.match(banner.element.textContent ?? '', /Your notification endpoint is failing/);
      transport.push({ type: 'hook.health', health: health(1), previous: 'failing' });
      assert.equal(banner.element.hidden, true);
      current = [failing(1), failing(2)];
      transport.setState('disconnected');
      transport.setState('connected');
      transport.hello(5);
      await tick();
      assert.match(banner.element.textContent ?? '', /2 notification endpoints are failing/);
      banner.dispose();
      assert.equal(transport.listenerCount, 0);
      assert.equal(root.children.length, 0);
    } finally {
      dom.uninstall();
    }
  });

  it('says first, with the relay\'s reason, while the relay cannot write (hello, then relay.storage pushes)', async () => {
    const dom = installDom();
    try {
      const transport = new FakeTransport().handle('health.get', () => ({ health: [failing(1)] })).handle('hooks.list', () => ({ hooks: [] }));
      const root = document.createElement('div');
      document.body.append(root);
      const banner = mountHealthBanner(root, transport);
      transport.push({ type: 'hello', protocol: PROTOCOL_VERSION, relayVersion: '0.1.0', lastSeq: 0, storage: { status: 'degraded', reason: 'The relay cannot write to its data dir /d: the disk is full.' } });
      await tick();
      assert.match(banner.element.textContent ?? '', /The relay cannot save new events: its disk is full/);
      assert.match(banner.element.textContent ?? '', /data dir \/d/);
      assert.match(banner.element.textContent ?? '', /Hook 1/, 'failing endpoints are still listed');
      transport.push({ type: 'relay.storage', storage: { status: 'ok' } });
      assert.doesNotMatch(banner.element.textContent ?? '', /disk is full/);
      assert.match(banner.element.textContent ?? '', /Your notification endpoint is failing/);
      banner.dispose();
    } finally {
      dom.uninstall();
    }
  });
});
