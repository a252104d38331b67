import assert from 'node:assert/strict';
import { HooklineError } from '@hookline/core';
import type { RelayService } from '../src/service/types.js';
import { startReceiver, type Receiver } from './support/receiver.js';
import { COMPANY_ID, configureDefaultHook, defaultHookId, openTestService, recordChanges, sleep, useServiceWithReceiver, waitForStatus, waitUntil } from './support/service-fixture.js';

function isCoded(code: string, field?: string) {
  return (error: unknown) => {
    assert.ok(error instanceof HooklineError, String(error));
    assert.equal(error.code, code);
    if (field !== undefined) assert.equal(error.field, field);
    return true;
  };
}

describe('service: hooks and triggers', () => {
  const ctx = useServiceWithReceiver();

  it('creates the default hook on first start only', async () => {
    const hooks = ctx.service.listHooks();
    assert.equal(hooks.length, 1);
    const [hook] = hooks;
    assert.deepEqual(
      { namespace: hook?.namespace, payloadVersion: hook?.payloadVersion, status: hook?.status, destinationUrl: hook?.destinationUrl, authorization: hook?.authorization, companyId: hook?.companyId, projectId: hook?.projectId },
      { namespace: 'hookline', payloadVersion: 'v2.0', status: 'active', destinationUrl: null, authorization: null, companyId: COMPANY_ID, projectId: null },
    );
    assert.equal(ctx.service.companyId, COMPANY_ID);
    await ctx.service.close();
    ctx.service = openTestService(ctx.path);
    assert.equal(ctx.service.listHooks().length, 1);
    ctx.service.deleteHook(hook!.id);
    await ctx.service.close();
    ctx.service = openTestService(ctx.path);
    assert.equal(ctx.service.listHooks().length, 0, 'a deleted default hook stays deleted');
  });

  it('Save Endpoint validates through core, returns warnings and masks the secret', () => {
    const hookId = defaultHookId(ctx.service);
    const feed = recordChanges(ctx.service);
    assert.throws(() => ctx.service.setEndpoint(hookId, 'ftp://example.com/x'), isCoded('HOOKLINE_ERR_UNSUPPORTED_URL_SCHEME', 'destination_url'));
    assert.throws(() => ctx.service.setEndpoint(hookId, 'https://example.com/x', 'Bearer bad\nvalue'), isCoded('HOOKLINE_ERR_AUTHORIZATION_INVALID_CHARACTERS'));
    assert.throws(() => ctx.service.setEndpoint(999, 'https://example.com/x'), isCoded('HOOKLINE_ERR_HOOK_NOT_FOUND'));
    const plain = ctx.service.setEndpoint(hookId, 'http://example.com/hooks', 'Bearer token-abcdef');
    assert.deepEqual(plain.warnings.map((w) => w.code), ['HOOKLINE_WARN_PLAIN_HTTP']);
    assert.equal(plain.hook.authorization, '••••••••bcdef');
    const kept = ctx.service.setEndpoint(hookId, 'https://example.com/other');
    assert.deepEqual(kept.warnings, []);
    assert.equal(kept.hook.authorization, '••••••••bcdef', 'authorization left out keeps the stored one');
    assert.equal(ctx.service.setEndpoint(hookId, 'https://example.com/other', null).hook.authorization, null);
    assert.equal(feed.changes.filter((c) => c.kind === 'hook.updated').length, 3);
    assert.ok(!JSON.stringify(feed.changes).includes('token-abcdef'));
  });

  it('creates and changes hooks with checked fields', () => {
    const { hook } = ctx.service.createHook({ namespace: 'my-integration', payloadVersion: 'v3.0' });
    assert.equal(hook.companyId, COMPANY_ID);
    assert.throws(() => ctx.service.createHook({ namespace: 'my-integration' }), isCoded('HOOKLINE_ERR_NAMESPACE_TAKEN', 'namespace'));
    assert.throws(() => ctx.service.createHook({ namespace: 'My Integration' }), isCoded('HOOKLINE_ERR_INVALID_NAMESPACE', 'namespace'));
    assert.throws(() => ctx.service.updateHook(hook.id, { namespace: 'hookline' }), isCoded('HOOKLINE_ERR_NAMESPACE_TAKEN'));
    const project = ctx.service.createHook({ namespace: 'hookline', projectId: '42' }).hook;
    assert.equal(project.projectId, '42', 'namespaces are unique per company or project scope');
    const updated = ctx.service.updateHook(hook.id, { payloadVersion: 'v4.0', destinationUrl: 'https://example.com/a' }).hook;
    assert.equal(updated.payloadVersion, 'v4.0');
    assert.equal(updated.destinationUrl, 'https://example.com/a');
    assert.deepEqual(ctx.service.listHooks({ projectId: '42' }).map((h) => h.id), [project.id]);
    assert.equal(ctx.service.getHook(hook.id).namespace, 'my-integration');
  });

  it('switches triggers against the catalogue and announces the grid', () => {
    const hookId = defaultHookId(ctx.service);
    const feed = recordChanges(ctx.service);
    assert.deepEqual(ctx.service.setTriggers(hookId, 'RFIs', { create: true, update: true }), ['create', 'update']);
    assert.deepEqual(ctx.service.setTriggers(hookId, 'RFIs', { create: false, delete: true }), ['update', 'delete']);
    assert.throws(() => ctx.service.setTriggers(hookId, 'RFI', { create: true }), isCoded('HOOKLINE_ERR_UNKNOWN_RESOURCE', 'resource_name'));
    assert.throws(() => ctx.service.setTriggers(hookId, 'Bids', { create: true }), isCoded('HOOKLINE_ERR_EVENT_TYPE_NOT_OFFERED', 'event_type'));
    assert.deepEqual(ctx.service.setTriggers(hookId, 'Bids', { create: false, update: true }), ['update'], 'switching off an unoffered type is a no-op');
    assert.deepEqual(ctx.service.getTriggerGrid(hookId), { Bids: ['update'], RFIs: ['update', 'delete'] });
    const grids = feed.changes.filter((c) => c.kind === 'triggers.updated');
    assert.equal(grids.length, 3);
    const trigger = ctx.service.addTrigger(hookId, 'Projects', 'create');
    assert.equal(trigger.resourceName, 'Projects');
    assert.throws(() => ctx.service.addTrigger(hookId, 'Projects', 'delete'), isCoded('HOOKLINE_ERR_EVENT_TYPE_NOT_OFFERED'));
    assert.equal(ctx.service.listTriggers(hookId).length, 4);
    ctx.service.deleteTrigger(hookId, trigger.id);
    assert.throws(() => ctx.service.deleteTrigger(hookId, trigger.id), isCoded('HOOKLINE_ERR_TRIGGER_NOT_FOUND'));
    assert.equal(ctx.service.listTriggers(hookId).length, 3);
  });

  it('disabling a hook stops its queue: waiting and retrying deliveries become failed, no more retries', async () => {
    await ctx.service.close();
    ctx.service = openTestService(ctx.path, { timeScale: 100 });
    const hookId = configureDefaultHook(ctx.service, ctx.receiver.url);
    ctx.receiver.respondWith({ status: 500 });
    const head = await ctx.service.ingestEvent({ resourceName: 'RFIs', eventType: 'update', resourceId: '1' });
    await waitForStatus(ctx.service, head.deliveries[0]!.id, 'retrying');
    const waiting = await ctx.service.ingestEvent({ resourceName: 'RFIs', eventType: 'update', resourceId: '2' });
    ctx.service.updateHook(hookId, { status: 'disabled' });
    await waitForStatus(ctx.service, head.deliveries[0]!.id, 'failed');
    await waitForStatus(ctx.service, waiting.deliveries[0]!.id, 'failed');
    const sent = ctx.receiver.requests.length;
    await sleep(150);
    assert.equal(ctx.receiver.requests.length, sent, 'no more retries');
    assert.deepEqual((await ctx.service.ingestEvent({ resourceName: 'RFIs', eventType: 'update', resourceId: '3' })).deliveries, [], 'a disabled hook gets no deliveries');

    ctx.receiver.respondWith({ status: 200 });
    ctx.service.updateHook(hookId, { status: 'active' });
    const fresh = await ctx.service.ingestEvent({ resourceName: 'RFIs', eventType: 'update', resourceId: '4' });
    await waitForStatus(ctx.service, fresh.deliveries[0]!.id, 'delivered');
    assert.equal(ctx.service.getDelivery(head.deliveries[0]!.id).status, 'failed');
  });

  it('deleting a hook removes its triggers and deliveries and stops its queue', async () => {
    const hookId = configureDefaultHook(ctx.service, ctx.receiver.url);
    ctx.receiver.respondWith({ status: 500 });
    const { deliveries } = await ctx.service.ingestEvent({ resourceName: 'RFIs', eventType: 'update', resourceId: '1' });
    await waitForStatus(ctx.service, deliveries[0]!.id, 'retrying');
    const feed = recordChanges(ctx.service);
    ctx.service.deleteHook(hookId);
    assert.deepEqual(feed.changes.map((c) => c.kind), ['hook.deleted']);
    assert.throws(() => ctx.service.getHook(hookId), isCoded('HOOKLINE_ERR_HOOK_NOT_FOUND'));
    assert.throws(() => ctx.service.getDelivery(deliveries[0]!.id), isCoded('HOOKLINE_ERR_DELIVERY_NOT_FOUND'));
    assert.throws(() => ctx.service.listTriggers(hookId), isCoded('HOOKLINE_ERR_HOOK_NOT_FOUND'));
    const sent = ctx.receiver.requests.length;
    await sleep(100);
    assert.ok(ctx.receiver.requests.length <= sent + 1, 'at most the attempt already in flight');
    await waitUntil(() => ctx.service.listDeliveries({}).data.length === 0 || undefined);
  });

  it('redeliver needs a delivery and an endpoint; clearing the endpoint stops the queue like disabling', async () => {
    await assert.rejects(ctx.service.redeliver(12345), isCoded('HOOKLINE_ERR_DELIVERY_NOT_FOUND'));
    const hookId = configureDefaultHook(ctx.service, ctx.receiver.url);
    const { deliveries } = await ctx.service.ingestEvent({ resourceName: 'RFIs', eventType: 'update', resourceId: '1' });
    await waitForStatus(ctx.service, deliveries[0]!.id, 'delivered');
    ctx.service.updateHook(hookId, { destinationUrl: null });
    await assert.rejects(ctx.service.redeliver(deliveries[0]!.id), isCoded('HOOKLINE_ERR_HOOK_HAS_NO_ENDPOINT'));
  });
});
