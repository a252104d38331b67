import assert from 'node:assert/strict';
import { WebSocket } from 'ws';
import type { DeliverySummary, ServerMessage } from '@hookline/core';
import { startReceiver } from './support/receiver.js';
import type { Receiver } from './support/receiver.js';
import { startRelayFixture } from './support/relay-fixture.js';
import type { RelayFixture } from './support/relay-fixture.js';

/** A test client that keeps every message and can wait for one that matches. */
class TestClient {
  readonly messages: ServerMessage[] = [];
  private waiters: { match: (m: ServerMessage) => boolean; resolve: (m: ServerMessage) => void }[] = [];
  private nextId = 0;

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const message = JSON.parse(data.toString()) as ServerMessage;
      this.messages.push(message);
      for (const waiter of [...this.waiters]) {
        if (waiter.match(message)) {
          this.waiters.splice(this.waiters.indexOf(waiter), 1);
          waiter.resolve(message);
        }
      }
    });
  }

  static open(url: string, headers: Record<string, string>): Promise<TestClient> {
    const ws = new WebSocket(url, { headers });
    const client = new TestClient(ws);
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(client));
      ws.once('unexpected-response', (_req, res) => reject(new Error(`refused with ${res.statusCode}`)));
      ws.once('error', reject);
    });
  }

  waitFor(match: (m: ServerMessage) => boolean, timeoutMs = 5000): Promise<ServerMessage> {
    const found = this.messages.find(match);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('timed out waiting for a message')), timeoutMs);
      this.waiters.push({ match, resolve: (m) => { clearTimeout(timer); resolve(m); } });
    });
  }

  async request(type: string, params: Record<string, unknown>): Promise<ServerMessage> {
    const id = `r${++this.nextId}`;
    this.ws.send(JSON.stringify({ type, id, params }));
    return this.waitFor((m) => (m.type === 'reply' || m.type === 'error') && m.id === id);
  }

  /** Every delivery the pushes have told us about, latest state per id. */
  deliveries(): Map<number, DeliverySummary> {
    const seen = new Map<number, DeliverySummary>();
    for (const m of this.messages) {
      if (m.type === 'delivery.created' || m.type === 'delivery.updated') for (const d of m.deliveries) seen.set(d.id, d);
    }
    return seen;
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.ws.once('close', () => resolve());
      this.ws.close();
    });
  }
}

describe('relay WebSocket', () => {
  let fx: RelayFixture;
  let receiver: Receiver;
  let hookId: number;

  before(async () => {
    receiver = await startReceiver();
    fx = await startRelayFixture();
    hookId = fx.relay.service.listHooks()[0]!.id;
    fx.relay.service.setEndpoint(hookId, `${receiver.url}/hooks`, 'Bearer ws-test-secret-99999');
  });
  after(async () => {
    await fx.stop();
    await receiver.close();
  });

  const open = (headers: Record<string, string> = {}): Promise<TestClient> =>
    TestClient.open(fx.relay.wsUrl, { authorization: `Bearer ${fx.relay.token}`, ...headers });

  it('refuses an upgrade without the token, with a bad token, or from a foreign Origin', async () => {
    await assert.rejects(TestClient.open(fx.relay.wsUrl, {}), /401/);
    await assert.rejects(TestClient.open(fx.relay.wsUrl, { authorization: 'Bearer wrong' }), /401/);
    await assert.rejects(open({ origin: 'https://evil.example' }), /403/);
    const viaQuery = await TestClient.open(`${fx.relay.wsUrl}?token=${encodeURIComponent(fx.relay.token)}`, {});
    await viaQuery.close();
  });

  it('greets with hello and answers typed requests, with coded errors for bad ones', async () => {
    const client = await open();
    const hello = await client.waitFor((m) => m.type === 'hello');
    assert.equal(hello.type === 'hello' && hello.protocol, 1);
    const set = await client.request('trigger.set', { hookId, resourceName: 'RFIs', create: true, update: true });
    assert.equal(set.type, 'reply');
    assert.deepEqual(set.type === 'reply' && set.result, { hookId, resourceName: 'RFIs', eventTypes: ['create', 'update'] });
    const pushed = await client.waitFor((m) => m.type === 'triggers.updated');
    assert.deepEqual(pushed.type === 'triggers.updated' && pushed.grid.RFIs, ['create', 'update']);
    const bad = await client.request('trigger.set', { hookId, resourceName: 'Bids', create: true });
    assert.equal(bad.type === 'error' && bad.error.code, 'HOOKLINE_ERR_EVENT_TYPE_NOT_OFFERED');
    client.ws.send('{not json');
    const malformed = await client.waitFor((m) => m.type === 'error' && m.id === null);
    assert.equal(malformed.type === 'error' && malformed.error.code, 'HOOKLINE_ERR_MALFORMED_JSON');
    const unknown = await client.request('explode', {});
    assert.equal(unknown.type === 'error' && unknown.error.code, 'HOOKLINE_ERR_UNKNOWN_MESSAGE');
    await client.close();
  });

  it('pushes created and delivered deliveries live, never showing the secret', async () => {
    const client = await open();
    await client.waitFor((m) => m.type === 'hello');
    const res = await fx.api('/api/events', { method: 'POST', json: { resource_name: 'RFIs', event_type: 'update', resource_id: 54321 } });
    assert.equal(res.status, 202);
    const { deliveries } = (await res.json()) as { deliveries: { id: number }[] };
    const id = deliveries[0]!.id;
    await client.waitFor((m) => (m.type === 'delivery.created' || m.type === 'delivery.updated') && m.deliveries.some((d) => d.id === id && d.status === 'delivered'));
    assert.ok(client.messages.some((m) => m.type === 'delivery.created' && m.deliveries.some((d) => d.id === id)));
    assert.ok(!JSON.stringify(client.messages).includes('ws-test-secret'));
    await client.close();
  });

  it('hands a reconnecting client the backlog it missed', async () => {
    const first = await open();
    const hello = await first.waitFor((m) => m.type === 'hello');
    const lastSeq = hello.type === 'hello' ? hello.lastSeq : -1;
    await first.close();

    const missed: number[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await fx.api('/api/events', { method: 'POST', json: { resource_name: 'RFIs', event_type: 'create', resource_id: 1000 + i } });
      missed.push(((await res.json()) as { deliveries: { id: number }[] }).deliveries[0]!.id);
    }
    await receiver.waitForRequests(6);

    const second = await open();
    const reply = await second.request('backlog.get', { since: lastSeq });
    assert.equal(reply.type, 'reply');
    const backlog = reply.type === 'reply' ? (reply.result as { deliveries: DeliverySummary[]; lastSeq: number; more: boolean }) : null;
    const ids = new Set(backlog!.deliveries.map((d) => d.id));
    for (const id of missed) assert.ok(ids.has(id), `delivery ${id} is in the backlog`);
    assert.ok(backlog!.lastSeq > lastSeq);
    assert.equal(backlog!.more, false);
    await second.close();
  });
});
