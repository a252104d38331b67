/**
 * `hookline import` against the real thing: relay B's emulation of Procore's v2.0 deliveries API over HTTP, paged
 * as Procore pages, into relay A through the built CLI, delivered to A's real receiver with B's ids, ULIDs and
 * timestamps; a second import adds nothing. Then the remote errors, and POST /api/events/import's own rules.
 */
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eventRecord, restoreResourceEvent } from '@hookline/core';
import { MAX_IMPORT_EVENTS } from '../src/input/requests.js';
import { runBuiltCli, type CheckCliResult } from './support/check-cli.js';
import { startReceiver, type Receiver } from './support/receiver.js';
import { startRelayFixture, type RelayFixture } from './support/relay-fixture.js';

/** The built CLI, as a user runs it, against relay A. */
function runImport(local: RelayFixture, args: string[], timeoutMs = 20_000): Promise<CheckCliResult> {
  return runBuiltCli(['--url', local.relay.url, '--data-dir', local.dataDir, 'import', ...args], timeoutMs, { ...process.env, PROCORE_TOKEN: '' });
}

async function json<T>(response: Response, status: number): Promise<T> {
  const text = await response.text();
  assert.equal(response.status, status, text);
  return JSON.parse(text) as T;
}

async function makeHook(fx: RelayFixture, namespace: string, url: string, triggers: Record<string, string[]>): Promise<number> {
  const { data } = await json<{ data: { id: number } }>(await fx.api('/api/hooks', { method: 'POST', json: { namespace, destination_url: url, payload_version: 'v3.0' } }), 201);
  for (const [resource, types] of Object.entries(triggers)) {
    const switches = Object.fromEntries(types.map((t) => [t, true]));
    await json(await fx.api(`/api/hooks/${data.id}/triggers/${encodeURIComponent(resource)}`, { method: 'PUT', json: switches }), 200);
  }
  return data.id;
}

/** What B fires, in order: 23 events over five resources, company- and project-level, line items with a parent. */
const FIRED: [string, string, number][] = [
  ['RFIs', 'create', 8],
  ['RFIs', 'update', 6],
  ['Direct Cost Line Items', 'update', 4],
  ['Projects', 'create', 3],
  ['Submittals', 'create', 2],
];
const TOTAL = FIRED.reduce((sum, [, , count]) => sum + count, 0);
/** A's hook subscribes to these only. */
const A_TRIGGERS = { RFIs: ['update'], 'Direct Cost Line Items': ['update'], Projects: ['create'] };

function ulidOf(body: Buffer): string {
  return (JSON.parse(body.toString('utf8')) as { ulid: string }).ulid;
}

describe('hookline import: Procore v2.0 deliveries from a second relay into the local one', function () {
  this.timeout(60_000);
  let remote: RelayFixture;
  let local: RelayFixture;
  let remoteReceiver: Receiver;
  let localReceiver: Receiver;
  let remoteHook: number;
  let localHook: number;
  /** B's events in the order B delivered them. */
  let remoteBodies: Buffer[];
  let expected: Buffer[];

  const base = (...extra: string[]) => ['--from', remote.relay.url, '--token', remote.relay.token, '--company-id', '1', '--hook', String(remoteHook), ...extra];
  const localDeliveries = async () => (await json<{ data: unknown[] }>(await local.api(`/api/deliveries?hook_id=${localHook}&limit=100`), 200)).data.length;

  before(async () => {
    remoteReceiver = await startReceiver({ status: 200, body: 'ok' });
    localReceiver = await startReceiver({ status: 200, body: 'ok' });
    remote = await startRelayFixture({ maxInFlight: 1 });
    local = await startRelayFixture({ maxInFlight: 1 });
    const remoteTriggers: Record<string, string[]> = {};
    for (const [resource, type] of FIRED) (remoteTriggers[resource] ??= []).push(type);
    remoteHook = await makeHook(remote, 'erp', remoteReceiver.url, remoteTriggers);
    for (const [resource, type, count] of FIRED) {
      for (let i = 0; i < count; i++) await json(await remote.api('/api/events', { method: 'POST', json: { resource_name: resource, event_type: type } }), 202);
    }
    remoteBodies = (await remoteReceiver.waitForRequests(TOTAL, 15_000)).map((r) => r.body);
    localHook = await makeHook(local, 'mirror', localReceiver.url, A_TRIGGERS);
    expected = remoteBodies.filter((body) => {
      const { resource_name: resource, event_type: type } = JSON.parse(body.toString('utf8')) as { resource_name: keyof typeof A_TRIGGERS; event_type: string };
      return A_TRIGGERS[resource]?.includes(type) ?? false;
    });
    assert.equal(expected.length, 13);
  });
  after(async () => {
    await local?.stop();
    await remote?.stop();
    await localReceiver?.close();
    await remoteReceiver?.close();
  });

  it('delivers the matching events locally with their original ids, ULIDs and timestamps, paging as Procore pages', async () => {
    const run = await runImport(local, base('--per-page', '5', '--json'));
    assert.equal(run.code, 0, run.stderr);
    const summary = JSON.parse(run.stdout) as { read: number; pages: number; imported: number; skipped: number; deliveries: number[] };
    assert.deepEqual([summary.read, summary.pages, summary.imported, summary.skipped], [TOTAL, Math.ceil(TOTAL / 5), TOTAL, 0]);
    assert.equal(summary.deliveries.length, expected.length);

    const received = await localReceiver.waitForRequests(expected.length, 15_000);
    // The same event rendered for the same payload version: byte for byte what B sent, in B's order.
    assert.deepEqual(received.map((r) => r.body.toString('utf8')), expected.map((b) => b.toString('utf8')));
    const first = JSON.parse(received[0]!.body.toString('utf8')) as { timestamp: string };
    assert.match(first.timestamp, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/);
    const { data } = await json<{ data: { event_ulid: string; event_id: string }[] }>(await local.api(`/api/deliveries?hook_id=${localHook}&limit=100`), 200);
    assert.deepEqual(new Set(data.map((d) => d.event_ulid)), new Set(expected.map(ulidOf)));
    assert.ok(data.every((d) => /^\d{19}$/.test(d.event_id)));
  });

  it('a second import adds nothing: every event is skipped and the receiver hears nothing new', async () => {
    const before = localReceiver.requests.length;
    const run = await runImport(local, base('--per-page', '7'));
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, new RegExp(`Read ${TOTAL} deliveries of hook ${remoteHook} from http://127\\.0\\.0\\.1:\\d+ \\(4 pages\\)\\.`));
    assert.match(run.stdout, new RegExp(`Imported 0 events, skipped ${TOTAL} already here: 0 local deliveries\\.`));
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(localReceiver.requests.length, before);
    assert.equal(await localDeliveries(), expected.length);
  });

  it('--limit reads the newest deliveries only; --since filters on created_at (filter[start] plus the exact time)', async () => {
    const limited = JSON.parse((await runImport(local, base('--limit', '4', '--per-page', '3', '--json'))).stdout) as { read: number; pages: number; skipped: number };
    assert.deepEqual([limited.read, limited.pages, limited.skipped], [4, 2, 4]);

    const { data } = await json<{ data: { created_at: string }[] }>(await remote.api(`/rest/v2.0/companies/1/webhooks/hooks/${remoteHook}/deliveries?per_page=100`), 200);
    const cut = data[9]!.created_at;
    const newer = data.filter((d) => d.created_at >= cut).length;
    assert.ok(newer >= 10 && newer < TOTAL, `${newer} deliveries at or after ${cut}`);
    const since = JSON.parse((await runImport(local, base('--since', cut, '--per-page', '4', '--json'))).stdout) as { read: number };
    assert.equal(since.read, newer);
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    assert.equal((JSON.parse((await runImport(local, base('--since', tomorrow, '--json'))).stdout) as { read: number }).read, 0);
  });

  describe('remote errors: each says what is wrong and what to do, exits non-zero and imports nothing', () => {
    const refused = async (args: string[], message: RegExp, code = 1): Promise<void> => {
      const before = await localDeliveries();
      const run = await runImport(local, args);
      assert.equal(run.code, code, `${run.stdout}\n${run.stderr}`);
      assert.match(run.stderr, message);
      assert.equal(run.stdout, '');
      assert.ok(!run.stderr.includes(remote.relay.token), 'the token never appears');
      assert.equal(await localDeliveries(), before);
    };

    it('a refused token (401)', async () => {
      await refused(['--from', remote.relay.url, '--token', 'wrong-token', '--company-id', '1', '--hook', String(remoteHook)], /refused the token \(401 Unauthorized\).*--token; nothing was imported/);
    });

    it('no such hook or company (404)', async () => {
      await refused(base().map((a) => (a === String(remoteHook) ? '999' : a)), /has no hook 999 in company 1 \(404 Not Found\)\. Check --company-id, --project-id and --hook/);
      await refused(['--from', remote.relay.url, '--token', remote.relay.token, '--company-id', '2', '--hook', String(remoteHook)], /has no hook \d+ in company 2 \(404 Not Found\).*No company 2 here/);
      await refused([...base(), '--project-id', '77'], /has no hook \d+ in company 1, project 77 \(404 Not Found\)/);
    });

    it('an unreachable base URL, and one that answers something other than JSON', async () => {
      const server = createServer();
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const closedPort = (server.address() as AddressInfo).port;
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await refused(['--from', `http://127.0.0.1:${closedPort}`, '--token', 't', '--company-id', '1', '--hook', '1'], /Cannot reach http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\)\. Check --from/);
      await refused(['--from', remoteReceiver.url, '--token', 't', '--company-id', '1', '--hook', '1'], /answered page 1 of the deliveries with something that is not JSON \(text\/plain\)\. Is --from the API's base URL/);
    });

    it('bad usage exits 2', async () => {
      await refused(['--from', 'ftp://example.com', '--token', 't', '--company-id', '1', '--hook', '1'], /--from must be an http or https URL/, 2);
      await refused(['--from', remote.relay.url, '--token', 't', '--company-id', '1'], /--hook is required/, 2);
      await refused([...base(), '--since', 'yesterday'], /--since must be a date such as 2024-05-31/, 2);
      await refused(['--from', remote.relay.url, '--company-id', '1', '--hook', '1'], /--token is required \(or set \$PROCORE_TOKEN\)/, 2);
    });
  });

  describe('POST /api/events/import', () => {
    const made = (n: number, overrides: Partial<Record<string, unknown>> = {}): Record<string, unknown> => ({
      ...eventRecord(restoreResourceEvent({
        id: String(7_000_000_000_000_000_000n + BigInt(n)),
        ulid: `01JMYXMZRBVKK0PC6XS8SA4Q${String(n).padStart(2, '0')}`,
        timestamp: '2025-02-25T16:04:43.619085Z',
        resource_name: 'RFIs',
        event_type: 'update',
        resource_id: String(100 + n),
        company_id: '8',
        project_id: '6778',
        user_id: '5447',
      })),
      ...overrides,
    });
    const post = (events: unknown) => local.api('/api/events/import', { method: 'POST', json: { events } });

    it('refuses a bad record by index and what to fix, and stores nothing of that batch', async () => {
      const before = localReceiver.requests.length;
      const bad = await json<{ error: { code: string; field: string; message: string } }>(await post([made(1), made(2), made(3, { ulid: 'nope' })]), 422);
      assert.deepEqual([bad.error.code, bad.error.field], ['HOOKLINE_ERR_INVALID_FIELD', 'events[2].ulid']);
      assert.match(bad.error.message, /^events\[2\]: ulid must be a ULID.*Nothing of this request was imported/);
      const unknown = await json<{ error: { field: string } }>(await post([made(1, { resource_name: 'Unicorns' })]), 422);
      assert.equal(unknown.error.field, 'events[0].resource_name');
      const answer = await json<{ imported: number; skipped: number; deliveries: number[] }>(await post([made(1), made(2), made(1)]), 202);
      assert.deepEqual([answer.imported, answer.skipped, answer.deliveries.length], [2, 1, 2], 'nothing of the refused batches was stored');
      await localReceiver.waitForRequests(before + 2);
    });

    it('takes at most MAX_IMPORT_EVENTS records and needs the events list', async () => {
      const many = await json<{ error: { code: string; message: string } }>(await post(Array.from({ length: MAX_IMPORT_EVENTS + 1 }, () => ({}))), 413);
      assert.equal(many.error.code, 'HOOKLINE_ERR_TOO_MANY_EVENTS');
      assert.match(many.error.message, new RegExp(`at most ${MAX_IMPORT_EVENTS} may be sent`));
      const missing = await json<{ error: { code: string } }>(await local.api('/api/events/import', { method: 'POST', json: {} }), 422);
      assert.equal(missing.error.code, 'HOOKLINE_ERR_MISSING_FIELD');
      const unsafe = await json<{ error: { field: string; message: string } }>(await local.api('/api/events/import', { method: 'POST', body: '{"events":[{"id":7000000000000000001}]}', headers: { 'content-type': 'application/json' } }), 422);
      assert.equal(unsafe.error.field, 'events[0].id');
      assert.match(unsafe.error.message, /send it as a string/);
    });

    it('keeps new local event ids above the imported ones', async () => {
      const { event } = await json<{ event: { id: string } }>(await local.api('/api/events', { method: 'POST', json: { resource_name: 'RFIs', event_type: 'update' } }), 202);
      assert.ok(BigInt(event.id) > 7_000_000_000_000_000_002n, event.id);
    });
  });
});
