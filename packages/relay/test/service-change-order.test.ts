import assert from 'node:assert/strict';
import { ChangeHub } from '../src/service/change-feed.js';
import type { RelayChange } from '../src/service/types.js';
import { configureDefaultHook, openTestService, recordChanges, useServiceWithReceiver, waitForStatus, waitUntil } from './support/service-fixture.js';

const deleted = (hookId: number): RelayChange => ({ kind: 'hook.deleted', hookId });

describe('the change feed: every listener hears changes in the order they happened', () => {
  it('holds a change emitted by a listener until every listener has heard the one that caused it', () => {
    const hub = new ChangeHub((error) => {
      throw error;
    });
    const heard: string[] = [];
    hub.subscribe((change) => {
      heard.push(`first:${change.kind === 'hook.deleted' ? change.hookId : '?'}`);
      if (change.kind === 'hook.deleted' && change.hookId === 1) hub.emit(deleted(2));
    });
    hub.subscribe((change) => heard.push(`second:${change.kind === 'hook.deleted' ? change.hookId : '?'}`));
    hub.emit(deleted(1));
    assert.deepEqual(heard, ['first:1', 'second:1', 'first:2', 'second:2']);
  });

  it('reports a listener that throws and carries on with the others and with what was queued', () => {
    const errors: unknown[] = [];
    const hub = new ChangeHub((error) => errors.push(error));
    const heard: number[] = [];
    hub.subscribe((change) => {
      if (change.kind === 'hook.deleted' && change.hookId === 1) {
        hub.emit(deleted(2));
        throw new Error('listener failed');
      }
    });
    hub.subscribe((change) => heard.push(change.kind === 'hook.deleted' ? change.hookId : 0));
    hub.emit(deleted(1));
    assert.deepEqual(heard, [1, 2]);
    assert.equal(errors.length, 1);
  });
});

describe('the service announces effects after their causes', function () {
  this.timeout(15_000);
  const ctx = useServiceWithReceiver();

  it('hook.health comes after the attempt.finished that changed it, for a listener subscribed from outside', async () => {
    ctx.receiver.respondWith({ status: 500 });
    const hookId = configureDefaultHook(ctx.service, ctx.receiver.url);
    const { changes, stop } = recordChanges(ctx.service);
    await ctx.service.ingestEvent({ resourceName: 'RFIs', eventType: 'update', resourceId: '1' });
    await waitUntil(() => changes.some((c) => c.kind === 'hook.health' && c.health.state === 'failing'), 5000, 'hook.health failing');
    stop();
    const healthAt = changes.findIndex((c) => c.kind === 'hook.health' && c.health.hookId === hookId);
    const attemptAt = changes.findIndex((c) => c.kind === 'attempt.finished' && !c.ok);
    assert.ok(attemptAt >= 0 && attemptAt < healthAt, `attempt.finished (${attemptAt}) before hook.health (${healthAt})`);
  });

  it('delivery.updated names every status transition it commits, and none for a write that kept the status', async () => {
    configureDefaultHook(ctx.service, ctx.receiver.url);
    const { changes, stop } = recordChanges(ctx.service);
    const { deliveries } = await ctx.service.ingestEvent({ resourceName: 'RFIs', eventType: 'update', resourceId: '2' });
    const id = deliveries[0]!.id;
    await waitForStatus(ctx.service, id, 'delivered');
    await ctx.service.redeliver(id);
    await waitUntil(() => changes.filter((c) => c.kind === 'attempt.finished').length === 2, 5000, 'two attempts announced');
    await waitUntil(() => changes.filter((c) => c.kind === 'delivery.updated').length === 2, 5000, 'two updates announced');
    stop();
    const transitions = changes.flatMap((c) => (c.kind === 'delivery.updated' ? c.transitions : []));
    assert.deepEqual(transitions, [{ deliveryId: id, from: 'enqueued', to: 'delivered' }]);
  });

  it('disabling a hook fails what waited, and the failure is committed by the time the change returns', async () => {
    await ctx.service.close();
    ctx.service = openTestService(ctx.path, { maxInFlight: 1 });
    ctx.receiver.respondWith({ status: 200, delayMs: 300 });
    const hookId = configureDefaultHook(ctx.service, ctx.receiver.url);
    const first = await ctx.service.ingestEvent({ resourceName: 'RFIs', eventType: 'update', resourceId: '3' });
    const second = await ctx.service.ingestEvent({ resourceName: 'RFIs', eventType: 'update', resourceId: '4' });
    await waitUntil(() => ctx.receiver.requests.length >= 1, 5000, 'the first try');
    ctx.service.updateHook(hookId, { status: 'disabled' });
    assert.equal(ctx.service.getDelivery(second.deliveries[0]!.id).status, 'failed', 'the waiting one');
    assert.equal(ctx.service.getDelivery(first.deliveries[0]!.id).status, 'enqueued', 'the one in flight, until its try ends');
  });
});
