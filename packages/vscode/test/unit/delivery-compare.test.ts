/**
 * Comparing deliveries without an editor: the diff title, and finding the previous delivery of a resource on a
 * real relay (in this process, reached over its WebSocket by the extension's RelayConnection).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compareTitle, type DeliverySummary } from '@hookline/core';
import { createLogger, defaultRelayOptions, startRelay, type RunningRelay } from '@hookline/relay';
import { findPreviousDelivery, noPreviousMessage, previousDeliveryQuery } from '../../src/deliveries/delivery-compare.js';
import { RelayConnection } from '../../src/relay/relay-connection.js';
import { wsUrlFor } from '../../src/relay/relay-endpoint.js';
import { summary } from './support/fake-relay.js';

describe('compareTitle', () => {
  it('names the resource once when both deliveries are about it, else each side', () => {
    const a = { ...summary(12, 12), resourceName: 'RFIs', resourceId: '54321' };
    assert.equal(compareTitle(a, { ...a, id: 15 }), 'RFIs 54321: #12 ↔ #15');
    assert.equal(compareTitle(a, { ...a, id: 15, resourceId: '5982324300946918154' }), 'RFIs 54321 #12 ↔ RFIs 5982324300946918154 #15');
    assert.equal(compareTitle(a, { ...a, id: 3, resourceName: 'Submittals' }), 'RFIs 54321 #12 ↔ Submittals 54321 #3');
  });

  it('says there is no previous delivery, for which resource and hook, and what to do instead', () => {
    const message = noPreviousMessage({ id: 7, hookId: 2, resourceName: 'RFIs', resourceId: '54321' });
    assert.match(message, /^Delivery #7 is the first delivery of RFIs 54321 to hook 2 /);
    assert.match(message, /Select for Compare/);
  });
});

describe('findPreviousDelivery (a real relay)', () => {
  let relay: RunningRelay;
  let dataDir: string;
  let receiver: Server;
  let connection: RelayConnection;
  const made: DeliverySummary[] = [];

  const api = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${relay.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${relay.token}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!response.ok) throw new Error(`${method} ${path}: HTTP ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  };
  const send = async (eventType: string, resourceId: string): Promise<void> => {
    const { deliveries } = await api<{ deliveries: { id: number }[] }>('POST', '/api/events', { resource_name: 'RFIs', event_type: eventType, resource_id: resourceId });
    for (const { id } of deliveries) made.push((await connection.request('delivery.get', { deliveryId: id })).delivery);
  };

  before(async () => {
    receiver = createServer((req, res) => req.resume().on('end', () => res.end('ok')));
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const endpoint = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
    dataDir = mkdtempSync(join(tmpdir(), 'hookline-compare-'));
    relay = await startRelay({ ...defaultRelayOptions(), port: 0, dataDir }, createLogger({ json: false, out: () => {}, err: () => {} }));
    await api('PUT', '/api/hooks/1/endpoint', { destination_url: endpoint });
    const second = await api<{ data: { id: number } }>('POST', '/api/hooks', { namespace: 'second', destination_url: endpoint });
    for (const hookId of [1, second.data.id]) await api('PUT', `/api/hooks/${hookId}/triggers/RFIs`, { create: true, update: true });
    connection = new RelayConnection({ endpoint: () => ({ httpUrl: relay.url, wsUrl: wsUrlFor(relay.url), token: relay.token, tokenSource: 'test' }) });
    const connected = new Promise<void>((resolve) => connection.onStatus((status) => status.kind === 'connected' && resolve()));
    connection.start();
    await connected;
    // Each event fans out to both hooks: [54321 create] [777 update] [54321 update] [54321 update].
    await send('create', '54321');
    await send('update', '777');
    await send('update', '54321');
    await send('update', '54321');
  });
  after(async () => {
    connection.dispose();
    await relay.close();
    rmSync(dataDir, { recursive: true, force: true });
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
  });

  it('is the newest older delivery to the same hook about the same resource name and id', async () => {
    assert.equal(made.length, 8);
    for (const delivery of made) {
      const older = made.filter((d) => d.id < delivery.id && d.hookId === delivery.hookId && d.resourceName === delivery.resourceName && d.resourceId === delivery.resourceId);
      const expected = older.length === 0 ? null : Math.max(...older.map((d) => d.id));
      const found = await findPreviousDelivery(connection, delivery);
      assert.equal(found?.id ?? null, expected, `previous of #${delivery.id} (hook ${delivery.hookId}, ${delivery.resourceId})`);
    }
    const latest = made.at(-1)!;
    const found = await findPreviousDelivery(connection, latest);
    assert.equal(found?.hookId, latest.hookId, 'not the fan-out copy on the other hook');
    assert.notEqual(found?.eventId, latest.eventId, 'another event');
  });

  it('asks the relay for one row below this id (a keyset page), not for a page to scan', () => {
    const query = previousDeliveryQuery({ id: 15, hookId: 1, resourceName: 'RFIs', resourceId: '54321' });
    assert.deepEqual({ ...query, cursor: undefined }, { hookId: 1, resourceName: 'RFIs', resourceId: '54321', cursor: undefined, limit: 1 });
    assert.equal(Buffer.from(query.cursor!, 'base64url').toString(), 'd:15');
  });
});
