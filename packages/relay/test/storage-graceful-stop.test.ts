/**
 * Graceful stop, with real processes: the first SIGTERM (or SIGINT) lets the attempt in flight finish and records
 * it; a second one stops at once. The receiver holds its answer until the test releases it, so nothing here
 * depends on timing.
 */
import assert from 'node:assert/strict';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { rmSync } from 'node:fs';
import { makeDataDir } from './support/relay-fixture.js';
import { spawnRelay, stopRelay, waitForLine, type RelayProcess } from './support/relay-process.js';

/** Answers 200 to each request only when the test says so. */
class HeldReceiver {
  readonly held: ServerResponse[] = [];
  received = 0;
  private readonly server: Server;
  private arrivals: (() => void)[] = [];

  constructor() {
    this.server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        this.received += 1;
        this.held.push(res);
        for (const arrived of this.arrivals.splice(0)) arrived();
      });
    });
  }

  async listen(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hooks`;
  }

  /** Resolves once `count` requests have arrived in all. */
  async requests(count: number): Promise<void> {
    while (this.received < count) await new Promise<void>((resolve) => this.arrivals.push(resolve));
  }

  releaseAll(): void {
    for (const res of this.held.splice(0)) res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
  }

  async close(): Promise<void> {
    this.releaseAll();
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }
}

async function configure(relay: RelayProcess, url: string): Promise<void> {
  const hooks = (await (await relay.api('/api/hooks')).json()) as { data: { id: number }[] };
  const hookId = hooks.data[0]!.id;
  assert.equal((await relay.api(`/api/hooks/${hookId}/endpoint`, { method: 'PUT', json: { destination_url: url } })).status, 200);
  assert.equal((await relay.api(`/api/hooks/${hookId}/triggers/RFIs`, { method: 'PUT', json: { update: true } })).status, 200);
}

async function trigger(relay: RelayProcess): Promise<number> {
  const response = await relay.api('/api/events', { method: 'POST', json: { resource_name: 'RFIs', event_type: 'update' } });
  assert.equal(response.status, 202);
  return ((await response.json()) as { deliveries: { id: number }[] }).deliveries[0]!.id;
}

async function deliveryOf(relay: RelayProcess, id: number): Promise<{ status: string; attempt_count: number; last_response_status: number | null }> {
  return ((await (await relay.api(`/api/deliveries/${id}`)).json()) as { data: { status: string; attempt_count: number; last_response_status: number | null } }).data;
}

describe('stopping the relay with signals', () => {
  let dataDir: string;
  let receiver: HeldReceiver;
  let url: string;
  const running: RelayProcess[] = [];

  beforeEach(async () => {
    dataDir = makeDataDir();
    receiver = new HeldReceiver();
    url = await receiver.listen();
  });
  afterEach(async () => {
    for (const relay of running.splice(0)) await stopRelay(relay, 'SIGKILL');
    await receiver.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`${signal} finishes the attempt in flight and records it before exiting`, async () => {
      const relay = await spawnRelay(dataDir);
      running.push(relay);
      await configure(relay, url);
      const id = await trigger(relay);
      await receiver.requests(1);
      relay.child.kill(signal);
      await waitForLine(relay, /Stopping: finishing the attempts in flight/);
      assert.equal(relay.child.exitCode, null, 'still running while its attempt is in flight');
      receiver.releaseAll();
      assert.equal(await relay.exited, 0);

      const next = await spawnRelay(dataDir);
      running.push(next);
      const recorded = await deliveryOf(next, id);
      assert.deepEqual([recorded.status, recorded.attempt_count, recorded.last_response_status], ['delivered', 1, 200]);
      assert.equal(receiver.received, 1, 'recorded, so not sent again after the restart');
    });
  }

  it('a second signal stops at once, without waiting for the attempt; it is sent again at the next start', async () => {
    const relay = await spawnRelay(dataDir);
    running.push(relay);
    await configure(relay, url);
    const id = await trigger(relay);
    await receiver.requests(1);
    relay.child.kill('SIGTERM');
    await waitForLine(relay, /Stopping: finishing the attempts in flight/);
    relay.child.kill('SIGTERM');
    assert.equal(await relay.exited, 143);
    assert.equal(receiver.held.length, 1, 'the attempt was still held by the receiver when the relay exited');
    assert.ok(relay.lines.some((line) => line.includes('stopping at once')), relay.lines.join('\n'));

    const next = await spawnRelay(dataDir);
    running.push(next);
    await receiver.requests(2);
    receiver.releaseAll();
    await waitForLine(next, new RegExp(`"delivery_id":${id},.*"delivery_status":"delivered"`));
    assert.equal((await deliveryOf(next, id)).status, 'delivered');
  });
});
