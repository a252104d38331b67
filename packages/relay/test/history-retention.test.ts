/**
 * Retention against a real relay, receiver and SQLite file: a short window keeps the log bounded while events
 * keep coming, never prunes a delivery still retrying, gives freed pages back (incremental vacuum), and
 * `hookline prune` prunes on demand and says how much.
 */
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase } from '../src/store/database.js';
import { ensureIncrementalVacuum } from '../src/store/auto-vacuum.js';
import { startReceiver, type Receiver } from './support/receiver.js';
import { makeDataDir, startRelayFixture, type RelayFixture } from './support/relay-fixture.js';
import { cli } from './support/run-cli.js';

function countRows(fx: RelayFixture, table: string): number {
  const db = openDatabase(join(fx.dataDir, 'relay.db'), { readonly: true });
  try {
    return (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
  } finally {
    db.close();
  }
}

describe('retention', () => {
  let fx: RelayFixture;
  let receiver: Receiver;
  let failing: Receiver;

  before(async () => {
    receiver = await startReceiver();
    failing = await startReceiver({ status: 500, body: 'down' });
    fx = await startRelayFixture({ retentionMs: 1500 });
    const hookId = fx.relay.service.listHooks()[0]!.id;
    await fx.api(`/api/hooks/${hookId}/endpoint`, { method: 'PUT', json: { destination_url: `${receiver.url}/in` } });
    await fx.api(`/api/hooks/${hookId}/triggers/RFIs`, { method: 'PUT', json: { update: true } });
    const other = (await (await fx.api('/api/hooks', { method: 'POST', json: { namespace: 'failing', destination_url: `${failing.url}/in` } })).json()) as { data: { id: number } };
    await fx.api(`/api/hooks/${other.data.id}/triggers/Submittals`, { method: 'PUT', json: { update: true } });
  });
  after(async () => {
    await fx.stop();
    await receiver.close();
    await failing.close();
  });

  it('keeps the log within its window while events keep coming, and never prunes a delivery still retrying', async () => {
    const stuck = await fx.api('/api/events', { method: 'POST', json: { resource_name: 'Submittals', event_type: 'update', resource_id: '1' } });
    const stuckId = ((await stuck.json()) as { deliveries: { id: number }[] }).deliveries[0]!.id;
    const sizes: number[] = [];
    let sent = 0;
    const end = Date.now() + 6000;
    while (Date.now() < end) {
      for (let i = 0; i < 10; i++) {
        await fx.api('/api/events', { method: 'POST', json: { resource_name: 'RFIs', event_type: 'update', resource_id: String(++sent) } });
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
      sizes.push(countRows(fx, 'deliveries'));
    }
    const perSecond = sent / 6;
    // The window (1.5 s) plus one pruning interval (1 s) plus slack for a loaded machine.
    const bound = Math.ceil(perSecond * 4) + 2;
    const steady = sizes.slice(Math.floor(sizes.length / 2));
    assert.ok(Math.max(...steady) <= bound, `at most ${bound} deliveries held in the second half; saw ${Math.max(...steady)} of ${sent} sent`);
    assert.ok(countRows(fx, 'events') <= bound + 1, 'events are pruned with their deliveries');
    const kept = (await (await fx.api(`/api/deliveries/${stuckId}`)).json()) as { data: { status: string } };
    assert.equal(kept.data.status, 'retrying', 'a retrying delivery is kept whatever its age');
    const retention = (await (await fx.api('/api/retention')).json()) as { data: { retention: string; last_prune: { deliveries: number } | null } };
    assert.equal(retention.data.retention, '1500ms');
    assert.ok(retention.data.last_prune !== null);
    assert.ok(fx.lines.some((l) => /^Pruned \d+ deliveries \(\d+ attempts\) and \d+ events created before /.test(l)), 'the log says what was pruned');
  });

  it('hookline prune --before prunes now, says how much, and gives the space back', async () => {
    await receiver.waitForRequests(1);
    const result = await cli(fx, 'prune', '--before', '0', '--json');
    assert.equal(result.code, 0, result.err);
    const data = JSON.parse(result.out) as { deliveries: number; attempts: number; events: number; freed_bytes: number };
    assert.ok(data.deliveries >= 1 && data.attempts >= data.deliveries, JSON.stringify(data));
    assert.equal(countRows(fx, 'deliveries'), 1, 'only the retrying delivery is left');
    const left = (await (await fx.api('/api/deliveries?limit=100')).json()) as { data: { attempt_count: number }[] };
    assert.equal(countRows(fx, 'attempts'), left.data[0]!.attempt_count, 'attempts went with their deliveries');
    const plain = await cli(fx, 'prune', '--before', '1h');
    assert.match(plain.out, /^Removed 0 deliveries \(0 attempts\) and 0 events created before .* in \d+ ms\.\nDeliveries still waiting or retrying are kept/);
    const bad = await cli(fx, 'prune', '--before', 'soon');
    assert.equal(bad.code, 2);
    assert.match(bad.err, /--before must be an ISO 8601 date/);
    const future = await fx.api('/api/prune', { method: 'POST', json: { before: '2999-01-01' } });
    assert.equal(future.status, 422);
  });
});

describe('incremental vacuum', () => {
  const temp = { dir: '' };
  before(() => (temp.dir = makeDataDir()));
  after(() => rmSync(temp.dir, { recursive: true, force: true }));

  it('a new file frees space incrementally; an older small one is converted; a large one is left as it is', () => {
    const fresh = openDatabase(join(temp.dir, 'new.db'));
    assert.equal(ensureIncrementalVacuum(fresh), 'new');
    fresh.exec('CREATE TABLE t (x)');
    assert.equal(Number(fresh.pragma('auto_vacuum', { simple: true })), 2);
    fresh.close();
    for (const [name, max, outcome, mode] of [['old.db', undefined, 'converted', 2], ['big.db', 1, 'too-large', 0]] as const) {
      const old = openDatabase(join(temp.dir, name));
      old.exec('CREATE TABLE t (x); INSERT INTO t VALUES (1)');
      assert.equal(ensureIncrementalVacuum(old, max), outcome);
      old.close();
      const reopened = openDatabase(join(temp.dir, name));
      assert.equal(Number(reopened.pragma('auto_vacuum', { simple: true })), mode, name);
      assert.equal(ensureIncrementalVacuum(reopened, max), mode === 2 ? 'already' : 'too-large');
      reopened.close();
    }
  });
});
