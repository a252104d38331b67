/**
 * Finding deliveries by resource id and time range, through every door the relay has: GET /api/deliveries,
 * deliveries.list over the WebSocket and `hookline deliveries`, against a real relay and receiver.
 */
import assert from 'node:assert/strict';
import { WebSocket } from 'ws';
import type { DeliveryPage } from '@hookline/core';
import { startReceiver, type Receiver } from './support/receiver.js';
import { startRelayFixture, type RelayFixture } from './support/relay-fixture.js';
import { cli } from './support/run-cli.js';

interface Row {
  id: number;
  resource_id: string;
  created_at: string;
}

describe('finding deliveries by resource id and time', () => {
  let fx: RelayFixture;
  let receiver: Receiver;
  let between: string;
  const early: number[] = [];
  const late: number[] = [];

  const send = async (resourceId: string): Promise<number> => {
    const res = await fx.api('/api/events', { method: 'POST', json: { resource_name: 'RFIs', event_type: 'update', resource_id: resourceId } });
    assert.equal(res.status, 202);
    return ((await res.json()) as { deliveries: { id: number }[] }).deliveries[0]!.id;
  };
  const list = async (query: string): Promise<Row[]> => {
    const res = await fx.api(`/api/deliveries?${query}`);
    assert.equal(res.status, 200, await res.clone().text());
    return ((await res.json()) as { data: Row[] }).data;
  };

  before(async () => {
    receiver = await startReceiver();
    fx = await startRelayFixture();
    const hookId = fx.relay.service.listHooks()[0]!.id;
    await fx.api(`/api/hooks/${hookId}/endpoint`, { method: 'PUT', json: { destination_url: `${receiver.url}/in` } });
    await fx.api(`/api/hooks/${hookId}/triggers/RFIs`, { method: 'PUT', json: { update: true } });
    for (const id of ['54321', '777', '54321']) early.push(await send(id));
    await new Promise((resolve) => setTimeout(resolve, 30));
    between = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 30));
    for (const id of ['5982324300946918154', '54321']) late.push(await send(id));
    await receiver.waitForRequests(5);
  });
  after(async () => {
    await fx.stop();
    await receiver.close();
  });

  it('by resource id, exactly, 64-bit ids included, newest first', async () => {
    assert.deepEqual((await list('resource_id=54321')).map((d) => d.id), [late[1], early[2], early[0]]);
    assert.deepEqual((await list('resource_id=5982324300946918154')).map((d) => d.resource_id), ['5982324300946918154']);
    assert.deepEqual(await list('resource_id=1'), []);
  });

  it('by time range, alone, with the resource id, and paged by cursor', async () => {
    assert.deepEqual((await list(`until=${encodeURIComponent(between)}`)).map((d) => d.id), [...early].reverse());
    assert.deepEqual((await list(`since=${encodeURIComponent(between)}`)).map((d) => d.id), [...late].reverse());
    assert.deepEqual((await list(`since=1h&resource_id=54321`)).map((d) => d.id), [late[1], early[2], early[0]]);
    assert.deepEqual(await list('until=1h'), [], 'nothing is older than an hour');
    const first = (await (await fx.api(`/api/deliveries?until=${encodeURIComponent(between)}&limit=2`)).json()) as { data: Row[]; next_cursor: string };
    const second = await list(`until=${encodeURIComponent(between)}&limit=2&cursor=${encodeURIComponent(first.next_cursor)}`);
    assert.deepEqual([...first.data, ...second].map((d) => d.id), [...early].reverse());
  });

  it('over the WebSocket with the same filters and answers', async () => {
    const ws = new WebSocket(fx.relay.wsUrl, { headers: { authorization: `Bearer ${fx.relay.token}` } });
    const reply = new Promise<DeliveryPage>((resolve, reject) => {
      ws.on('message', (data) => {
        const message = JSON.parse(data.toString()) as { type: string; id?: string; result?: DeliveryPage; error?: unknown };
        if (message.id !== 'find') return;
        if (message.type === 'reply') resolve(message.result!);
        else reject(new Error(JSON.stringify(message.error)));
      });
    });
    await new Promise((resolve) => ws.once('open', resolve));
    ws.send(JSON.stringify({ type: 'deliveries.list', id: 'find', params: { resourceId: '54321', since: between } }));
    assert.deepEqual((await reply).data.map((d) => d.id), [late[1]]);
    ws.close();
  });

  it('hookline deliveries --resource-id --since --until, and a clear exit 2 for a time it cannot read', async () => {
    const found = await cli(fx, 'deliveries', '--resource-id', '54321', '--until', between, '--json');
    assert.equal(found.code, 0, found.err);
    assert.deepEqual((JSON.parse(found.out) as { data: Row[] }).data.map((d) => d.id), [early[2], early[0]]);
    const recent = await cli(fx, 'deliveries', '--since', '10m', '--json');
    assert.equal((JSON.parse(recent.out) as { data: Row[] }).data.length, 5);
    const bad = await cli(fx, 'deliveries', '--since', 'last tuesday');
    assert.equal(bad.code, 2);
    assert.match(bad.err, /--since must be an ISO 8601 date or date-time.*e\.g\. 2024-05-01.*duration back from now.*got "last tuesday"/);
    const badId = await cli(fx, 'deliveries', '--resource-id', 'RFI-7');
    assert.equal(badId.code, 1);
    assert.match(badId.err, /"resource_id" must be a resource id \(digits only, e\.g\. 54321\); got "RFI-7"/);
  });
});
