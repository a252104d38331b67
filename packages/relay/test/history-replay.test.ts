/**
 * Replay against a real relay and receiver: `hookline replay` (and POST /api/deliveries/replay) re-sends exactly
 * the deliveries a filter matches, oldest first, with the same payload bytes, each linked to the one it replays.
 */
import assert from 'node:assert/strict';
import { startReceiver, type Receiver } from './support/receiver.js';
import { startRelayFixture, type RelayFixture } from './support/relay-fixture.js';
import { cli } from './support/run-cli.js';

interface Row {
  id: number;
  status: string;
  resource_id: string;
  replay_of: number | null;
}

describe('replaying deliveries', () => {
  let fx: RelayFixture;
  let receiver: Receiver;
  let hookId: number;
  let between: string;
  const failed: number[] = [];
  const delivered: number[] = [];

  const send = async (resourceId: string): Promise<number> => {
    const res = await fx.api('/api/events', { method: 'POST', json: { resource_name: 'RFIs', event_type: 'update', resource_id: resourceId } });
    assert.equal(res.status, 202);
    return ((await res.json()) as { deliveries: { id: number }[] }).deliveries[0]!.id;
  };
  const get = async (id: number): Promise<Row & { payload: string }> => ((await (await fx.api(`/api/deliveries/${id}`)).json()) as { data: Row & { payload: string } }).data;
  const waitUntil = async (check: () => Promise<boolean>): Promise<void> => {
    const deadline = Date.now() + 10_000;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error('condition not met in time');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };

  before(async () => {
    receiver = await startReceiver({ status: 500, body: 'down' });
    fx = await startRelayFixture({ maxInFlight: 1 });
    hookId = fx.relay.service.listHooks()[0]!.id;
    await fx.api(`/api/hooks/${hookId}/endpoint`, { method: 'PUT', json: { destination_url: `${receiver.url}/in` } });
    await fx.api(`/api/hooks/${hookId}/triggers/RFIs`, { method: 'PUT', json: { update: true } });
    // Three that fail for good: the first retries, the other two wait behind it, then the hook is disabled.
    for (const id of ['101', '5982324300946918154', '103']) failed.push(await send(id));
    await receiver.waitForRequests(1);
    await fx.api(`/api/hooks/${hookId}`, { method: 'PATCH', json: { status: 'disabled' } });
    await waitUntil(async () => (await Promise.all(failed.map(get))).every((d) => d.status === 'failed'));
    await new Promise((resolve) => setTimeout(resolve, 20));
    between = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 20));
    await fx.api(`/api/hooks/${hookId}`, { method: 'PATCH', json: { status: 'active' } });
    receiver.respondWith({ status: 200, body: 'ok' });
    for (const id of ['201', '202']) delivered.push(await send(id));
    await waitUntil(async () => (await Promise.all(delivered.map(get))).every((d) => d.status === 'delivered'));
  });
  after(async () => {
    await fx.stop();
    await receiver.close();
  });

  it('a dry run lists the matches oldest first and sends nothing', async () => {
    const before = receiver.requests.length;
    const all = await cli(fx, 'replay', '--status', 'any', '--until', between, '--dry-run', '--json');
    assert.equal(all.code, 0, all.err);
    assert.deepEqual(JSON.parse(all.out), { replayed: 0, dry_run: true, deliveries: failed });
    const one = await cli(fx, 'replay', '--status', 'any', '--resource-id', '202', '--dry-run', '--json');
    assert.deepEqual(JSON.parse(one.out).deliveries, [delivered[1]]);
    const plain = await cli(fx, 'replay', '--dry-run');
    assert.match(plain.out, /^Would replay 3 deliveries, in this order:/);
    assert.equal(receiver.requests.length, before);
  });

  it('re-sends exactly the failures, in their original order, with the same bytes, each linked to its original', async () => {
    const before = receiver.requests.length;
    const originals = await Promise.all(failed.map(get));
    const replay = await cli(fx, 'replay', '--json');
    assert.equal(replay.code, 0, replay.err);
    const result = JSON.parse(replay.out) as { replayed: number; deliveries: number[] };
    assert.equal(result.replayed, 3);
    assert.equal(result.deliveries.length, 3);
    assert.ok(result.deliveries.every((id) => id > delivered[1]!), 'new deliveries');
    const received = await receiver.waitForRequests(before + 3);
    assert.deepEqual(received.slice(before).map((r) => r.body.toString('utf8')), originals.map((d) => d.payload), 'same bytes, oldest first');
    await waitUntil(async () => (await Promise.all(result.deliveries.map(get))).every((d) => d.status === 'delivered'));
    const replays = await Promise.all(result.deliveries.map(get));
    assert.deepEqual(replays.map((d) => d.replay_of), failed);
    assert.deepEqual(replays.map((d) => d.resource_id), originals.map((d) => d.resource_id));
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.equal(receiver.requests.length, before + 3, 'nothing else was sent');
  });

  it('over the API with filters; refuses to replay to a disabled hook and says how to fix it', async () => {
    const res = await fx.api('/api/deliveries/replay', { method: 'POST', json: { status: 'delivered', resource_id: '201', dry_run: true } });
    assert.equal(res.status, 200);
    assert.deepEqual(((await res.json()) as { deliveries: number[] }).deliveries, [delivered[0]]);
    const badHook = await cli(fx, '--hook', 'abc', 'replay', '--dry-run');
    assert.equal(badHook.code, 1);
    assert.match(badHook.err, /"hook_id" must be a whole number/, 'a bad --hook is refused, never read as "every hook"');
    const bad = await fx.api('/api/deliveries/replay', { method: 'POST', json: { status: 'lost' } });
    assert.equal(bad.status, 400);
    const unknown = await fx.api('/api/deliveries/replay', { method: 'POST', json: { limit: 5 } });
    assert.equal(((await unknown.json()) as { error: { code: string } }).error.code, 'HOOKLINE_ERR_UNKNOWN_FIELD');
    await fx.api(`/api/hooks/${hookId}`, { method: 'PATCH', json: { status: 'disabled' } });
    const refused = await cli(fx, 'replay', '--status', 'any', '--resource-id', '201');
    assert.equal(refused.code, 1);
    assert.match(refused.err, new RegExp(`Hook ${hookId} is disabled, so a replay to it would not be sent\\. Enable it \\(PATCH`));
    await fx.api(`/api/hooks/${hookId}`, { method: 'PATCH', json: { status: 'active' } });
  });
});
