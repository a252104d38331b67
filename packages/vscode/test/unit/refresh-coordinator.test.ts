import assert from 'node:assert/strict';
import { DeliveryLogModel } from '@hookline/webui/client';
import { RefreshCoordinator } from '../../src/deliveries/refresh-coordinator.js';
import { summary } from './support/fake-relay.js';

describe('RefreshCoordinator', () => {
  it('turns 1,000 changes a second into about ten refreshes, and merging them stays fast', async () => {
    let fired = 0;
    const refresh = new RefreshCoordinator({ fire: () => (fired += 1), delayMs: 100, clockMs: 0 });
    const model = new DeliveryLogModel();
    model.applyPage({ data: [], nextCursor: null });
    const started = Date.now();
    let id = 0;
    let busy = 0;
    // 1,000 deliveries in one second, in 20 batches of 50 (the relay batches pushes every 50 ms).
    for (let batch = 0; batch < 20; batch += 1) {
      const t0 = performance.now();
      const deliveries = Array.from({ length: 50 }, () => summary(++id, id));
      if (model.merge(deliveries).changed) refresh.request();
      busy += performance.now() - t0;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
    const elapsed = Date.now() - started;
    assert.ok(fired >= 5 && fired <= Math.ceil(elapsed / 100) + 1, `fired ${fired} times in ${elapsed} ms`);
    assert.ok(busy < 200, `merging 1,000 deliveries took ${busy.toFixed(1)} ms of main-thread time`);
    assert.equal(model.visible()[0]?.id, 1000);
    assert.equal(refresh.stats.requested, 20);
    refresh.dispose();
  });

  it('flush() refreshes at once, and nothing fires after dispose', async () => {
    let fired = 0;
    const refresh = new RefreshCoordinator({ fire: () => (fired += 1), delayMs: 1000, clockMs: 0 });
    refresh.request();
    refresh.flush();
    assert.equal(fired, 1);
    refresh.request();
    refresh.dispose();
    await new Promise((resolve) => setTimeout(resolve, 20));
    refresh.request();
    assert.equal(fired, 1);
  });

  it('the clock refreshes relative times on its own', async () => {
    let fired = 0;
    const refresh = new RefreshCoordinator({ fire: () => (fired += 1), delayMs: 5, clockMs: 20 });
    await new Promise((resolve) => setTimeout(resolve, 90));
    refresh.dispose();
    assert.ok(fired >= 2, `fired ${fired}`);
  });
});
