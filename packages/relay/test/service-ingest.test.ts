import assert from 'node:assert/strict';
import { HooklineError } from '@hookline/core';
import type { RelayService } from '../src/service/types.js';
import { openDatabase } from '../src/store/database.js';
import { startReceiver, type Receiver } from './support/receiver.js';
import { PROJECT_ID, USER_ID, configureDefaultHook, defaultHookId, openTestService, recordChanges, useServiceWithReceiver, waitForStatus, waitUntil } from './support/service-fixture.js';

function isCoded(code: string, field?: string) {
  return (error: unknown) => error instanceof HooklineError && error.code === code && (field === undefined || error.field === field);
}

describe('service: ingesting events', () => {
  const ctx = useServiceWithReceiver();

  it('commits the event and its deliveries before ingestEvent resolves (read through a second connection)', async () => {
    configureDefaultHook(ctx.service, ctx.receiver.url);
    const reader = openDatabase(ctx.path, { readonly: true, driver: ctx.service.sqliteDriver });
    try {
      const { event, deliveries } = await ctx.service.ingestEvent({ resourceName: 'RFIs', eventType: 'create', resourceId: '555' });
      const row = reader.prepare('SELECT id, ulid, resource_id, project_id, user_id FROM events WHERE id = ?').get(event.id) as Record<string, string>;
      assert.deepEqual({ ...row }, { id: event.id, ulid: event.ulid, resource_id: '555', project_id: PROJECT_ID, user_id: USER_ID });
      const stored = reader.prepare('SELECT id, event_id, payload FROM deliveries WHERE event_id = ?').all(event.id) as { id: number; event_id: string; payload: string }[];
      assert.deepEqual(stored.map((d) => d.id), deliveries.map((d) => d.id));
      assert.match(stored[0]!.payload, new RegExp(`^\\{"id":${event.id},"ulid":"${event.ulid}"`));
      assert.match(event.id, /^\d{19}$/);
      assert.match(event.ulid, /^[0-9A-HJKMNP-TV-Z]{26}$/);
    } finally {
      reader.close();
    }
  });

  it('group-commits concurrent ingests and announces them together', async () => {
    configureDefaultHook(ctx.service, ctx.receiver.url);
    const feed = recordChanges(ctx.service);
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => ctx.service.ingestEvent({ resourceName: 'RFIs', eventType: 'update', resourceId: String(i + 1) })));
    const created = feed.changes.filter((c) => c.kind === 'delivery.created');
    assert.ok(created.length >= 1 && created.length <= 3, `${created.length} delivery.created announcements for 50 ingests`);
    const ids = results.map((r) => r.deliveries[0]!.id);
    assert.deepEqual(ids, [...ids].sort((a, b) => a - b), 'ids follow the call order');
    const eventIds = results.map((r) => BigInt(r.event.id));
    assert.ok(eventIds.every((id, i) => i === 0 || id > (eventIds[i - 1] as bigint)), 'event ids increase');
    await ctx.receiver.waitForRequests(50);
    feed.stop();
  });

  it('refuses bad events with the catalogue’s coded errors', async () => {
    await assert.rejects(ctx.service.ingestEvent({ resourceName: 'Nope', eventType: 'create' }), isCoded('HOOKLINE_ERR_UNKNOWN_RESOURCE', 'resource_name'));
    await assert.rejects(ctx.service.ingestEvent({ resourceName: 'Bids', eventType: 'create' }), isCoded('HOOKLINE_ERR_EVENT_TYPE_NOT_OFFERED', 'event_type'));
    await assert.rejects(ctx.service.ingestEvent({ resourceName: 'RFIs', eventType: 'create', resourceId: 'x1' }), isCoded('HOOKLINE_ERR_INVALID_ID', 'resource_id'));
    await assert.rejects(ctx.service.ingestEvent({ resourceName: 'Projects', eventType: 'create', projectId: '7' }), isCoded('HOOKLINE_ERR_INVALID_FIELD', 'project_id'));
  });

  it('makes up a resource id when none is given, and company-level events carry no project', async () => {
    configureDefaultHook(ctx.service, ctx.receiver.url);
    ctx.service.setTriggers(defaultHookId(ctx.service), 'Projects', { create: true });
    const { event } = await ctx.service.ingestEvent({ resourceName: 'Projects', eventType: 'create' });
    assert.match(event.resourceId, /^\d+$/);
    assert.equal(event.projectId, null);
    const [request] = await ctx.receiver.waitForRequests(1);
    assert.match(request!.body.toString(), /"project_id":null/);
  });

  it('delivers project-scoped hooks only their own project’s events', async () => {
    const { hook } = ctx.service.createHook({ namespace: 'project-hook', destinationUrl: ctx.receiver.url, projectId: '42' });
    ctx.service.setTriggers(hook.id, 'RFIs', { update: true });
    assert.deepEqual((await ctx.service.ingestEvent({ resourceName: 'RFIs', eventType: 'update', resourceId: '1' })).deliveries, []);
    const own = await ctx.service.ingestEvent({ resourceName: 'RFIs', eventType: 'update', resourceId: '1', projectId: '42' });
    assert.deepEqual(own.deliveries.map((d) => d.hookId), [hook.id]);
  });

  it('keeps event ids unique across restarts even when the clock stands still', async () => {
    await ctx.service.close();
    const frozen = () => 1_700_000_000_000;
    ctx.service = openTestService(ctx.path, { now: frozen });
    configureDefaultHook(ctx.service, ctx.receiver.url);
    const a = await ctx.service.ingestEvent({ resourceName: 'RFIs', eventType: 'update', resourceId: '1' });
    await ctx.service.close();
    ctx.service = openTestService(ctx.path, { now: frozen });
    const b = await ctx.service.ingestEvent({ resourceName: 'RFIs', eventType: 'update', resourceId: '1' });
    assert.ok(BigInt(b.event.id) > BigInt(a.event.id));
    assert.equal(a.event.timestamp, '2023-11-14T22:13:20.000000Z');
  });

  it('the oldest of several failing in-flight deliveries becomes the head; the others wait behind it in order', async function () {
    this.timeout(10000);
    await ctx.service.close();
    ctx.service = openTestService(ctx.path, { timeScale: 2 }); // first retry after 500 ms
    configureDefaultHook(ctx.service, ctx.receiver.url);
    let failing = true;
    // The oldest answers last, so the younger ones fail first.
    ctx.receiver.respondWith((r) => (failing ? { status: 500, delayMs: /"resource_id":1}/.test(r.body.toString()) ? 60 : 5 } : { status: 200 }));
    const results = await Promise.all([1, 2, 3, 4].map((n) => ctx.service.ingestEvent({ resourceName: 'RFIs', eventType: 'update', resourceId: String(n) })));
    const [oldest, ...younger] = results.map((r) => r.deliveries[0]!.id) as [number, ...number[]];
    await waitUntil(() => ctx.service.getDelivery(oldest).status === 'retrying' || undefined);
    await waitUntil(() => younger.every((id) => ctx.service.getDelivery(id).attemptCount === 1) || undefined);
    const head = ctx.service.getDelivery(oldest);
    assert.ok(head.nextAttemptAt !== null, 'the oldest failing delivery is the head, with its retry scheduled');
    for (const id of younger) {
      const d = ctx.service.getDelivery(id);
      assert.equal(d.status, 'retrying');
      assert.equal(d.nextAttemptAt, null, 'the others wait behind the head');
      assert.equal(d.firstFailureAt, null);
    }
    failing = false;
    await waitForStatus(ctx.service, younger.at(-1)!, 'delivered', 3000);
    const resent = ctx.receiver.requests.slice(4).map((r) => /"resource_id":(\d+)/.exec(r.body.toString())?.[1]);
    assert.equal(resent[0], '1', 'the head is retried first');
    assert.deepEqual([...resent.slice(1)].sort(), ['2', '3', '4']);
  });
});
