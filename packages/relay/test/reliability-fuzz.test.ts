import assert from 'node:assert/strict';
import { WebSocket } from 'ws';
import {
  BAD_AUTHORIZATIONS, BAD_EVENT_TYPES, BAD_IDS, BAD_PATH_IDS, BAD_URLS, NON_OBJECT_JSON, UNKNOWN_RESOURCES,
  hugeString, malformedJson, pick, seededRng, wrongType,
} from './support/bad-input.js';
import type { Rng } from './support/bad-input.js';
import { startReceiver } from './support/receiver.js';
import type { Receiver } from './support/receiver.js';
import { startRelayFixture } from './support/relay-fixture.js';
import type { RelayFixture } from './support/relay-fixture.js';

const PER_ROUTE = 500;

interface BadRequest {
  method: string;
  path: string;
  body?: string;
  contentType?: string;
}

type Generator = (rng: Rng, hookId: number) => BadRequest;

const json = (value: unknown): string => JSON.stringify(value);

/** One generator per API route; each returns a request that must be refused. */
function bodyFuzz(method: string, path: (hookId: number) => string, invalidObjects: ((rng: Rng) => unknown)[]): Generator {
  return (rng, hookId) => {
    const kind = rng();
    if (kind < 0.15) return { method, path: path(hookId), body: malformedJson(rng) };
    if (kind < 0.25) return { method, path: path(hookId), body: pick(rng, NON_OBJECT_JSON) };
    if (kind < 0.3) return { method, path: path(hookId), body: json({}), contentType: pick(rng, ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data']) };
    if (kind < 0.31) return { method, path: path(hookId), body: json({ pad: 'x'.repeat(1024 * 1024) }) };
    return { method, path: path(hookId), body: json(pick(rng, invalidObjects)(rng)) };
  };
}

const validEndpoint = { destination_url: 'https://example.com/hooks' };
const validEvent = { resource_name: 'RFIs', event_type: 'create' };
const importRecord = {
  id: '6000000000000000001',
  ulid: '01EDPD2J6SBY1163N77H95GW09',
  timestamp: '2020-07-20T15:22:01.353581Z',
  resource_name: 'RFIs',
  event_type: 'create',
  resource_id: '54321',
  company_id: '1',
  project_id: '1',
};

const ROUTES: Record<string, Generator> = {
  'POST /api/hooks': bodyFuzz('POST', () => '/api/hooks', [
    () => ({}),
    (r) => ({ namespace: wrongType(r, 'string') }),
    (r) => ({ namespace: pick(r, ['UPPER', 'has space', 'under_score', 'émoji', '', 'a/b', hugeString(r)]) }),
    (r) => ({ namespace: 'fuzz-ok', destination_url: pick(r, BAD_URLS) }),
    (r) => ({ namespace: 'fuzz-ok', authorization: pick(r, BAD_AUTHORIZATIONS) }),
    (r) => ({ namespace: 'fuzz-ok', payload_version: pick(r, ['v1.0', 'v5.0', '2.0', 2, null]) }),
    (r) => ({ namespace: 'fuzz-ok', status: pick(r, ['paused', 'ACTIVE', 1, null]) }),
    (r) => ({ namespace: 'fuzz-ok', [pick(r, ['id', 'secret', '__proto__x', 'constructor'])]: 1 }),
  ]),
  'PATCH /api/hooks/:id': bodyFuzz('PATCH', (id) => `/api/hooks/${id}`, [
    (r) => ({ namespace: pick(r, ['UPPER', 'has space', '', hugeString(r)]) }),
    (r) => ({ destination_url: pick(r, BAD_URLS) }),
    (r) => ({ authorization: pick(r, BAD_AUTHORIZATIONS) }),
    (r) => ({ payload_version: pick(r, ['v1.0', 'v9', 3]) }),
    (r) => ({ status: pick(r, ['paused', true, 0]) }),
    (r) => ({ [pick(r, ['id', 'company_id', 'created_at', 'unknown'])]: 'x' }),
  ]),
  'PUT /api/hooks/:id/endpoint': bodyFuzz('PUT', (id) => `/api/hooks/${id}/endpoint`, [
    () => ({}),
    (r) => ({ destination_url: wrongType(r, 'string') }),
    (r) => ({ destination_url: pick(r, BAD_URLS) }),
    (r) => ({ ...validEndpoint, authorization: pick(r, BAD_AUTHORIZATIONS) }),
    (r) => ({ ...validEndpoint, authorization: wrongType(r, 'string') }),
    (r) => ({ ...validEndpoint, [pick(r, ['headers', 'Authorization', 'url'])]: 'x' }),
    (r) => ({ destination_url: hugeString(r) }),
  ]),
  'PUT /api/hooks/:id/triggers/:resource': (rng, hookId) => {
    const kind = rng();
    if (kind < 0.35) return { method: 'PUT', path: `/api/hooks/${hookId}/triggers/${encodeURIComponent(pick(rng, UNKNOWN_RESOURCES))}`, body: json({ create: true }) };
    if (kind < 0.5) return { method: 'PUT', path: `/api/hooks/${hookId}/triggers/Bids`, body: json({ [pick(rng, ['create', 'delete'])]: true }) };
    return bodyFuzz('PUT', (id) => `/api/hooks/${id}/triggers/RFIs`, [
      (r) => ({ create: wrongType(r, 'boolean') }),
      (r) => ({ update: pick(r, ['true', 1, 0, null]) }),
      (r) => ({ [pick(r, ['CREATE', 'destroy', 'all'])]: true }),
    ])(rng, hookId);
  },
  'POST /api/events': bodyFuzz('POST', () => '/api/events', [
    () => ({}),
    (r) => ({ event_type: pick(r, ['create', 'update']) }),
    (r) => ({ resource_name: pick(r, UNKNOWN_RESOURCES), event_type: 'create' }),
    (r) => ({ resource_name: wrongType(r, 'string'), event_type: 'create' }),
    (r) => ({ resource_name: 'RFIs', event_type: pick(r, BAD_EVENT_TYPES) }),
    (r) => ({ resource_name: 'Bids', event_type: pick(r, ['create', 'delete']) }),
    (r) => ({ ...validEvent, [pick(r, ['resource_id', 'project_id', 'company_id', 'user_id'])]: pick(r, BAD_IDS) }),
    (r) => ({ ...validEvent, [pick(r, ['payload', 'id', 'ulid', 'timestamp'])]: 'x' }),
    (r) => ({ resource_name: hugeString(r), event_type: 'create' }),
    (r) => ({ resource_name: 'Projects', event_type: 'create', project_id: pick(r, [1, '5']) }),
  ]),
  'GET /api/hooks/:id': (rng) => ({ method: 'GET', path: `/api/hooks/${pick(rng, BAD_PATH_IDS)}` }),
  'DELETE /api/hooks/:id': (rng) => ({ method: 'DELETE', path: `/api/hooks/${pick(rng, [...BAD_PATH_IDS, '424242'])}` }),
  'GET /api/hooks/:id/triggers': (rng) => ({ method: 'GET', path: `/api/hooks/${pick(rng, [...BAD_PATH_IDS, '424242'])}/triggers` }),
  'GET /api/deliveries': (rng) => {
    const query = pick(rng, [
      `limit=${pick(rng, ['0', '-1', '101', 'abc', '1.5', '1e2'])}`,
      `status=${pick(rng, ['bogus', 'FAILED', 'failure', 'ok'])}`,
      `cursor=${pick(rng, ['@@@', 'not-a-cursor', 'AAAA', '%00', 'x'.repeat(500)])}`,
      `hook_id=${pick(rng, BAD_PATH_IDS)}`,
      `event_type=${pick(rng, ['CREATE', 'destroy', ''])}x`,
      `${pick(rng, ['page', 'offset', 'sort', 'q'])}=1`,
      'limit=1&limit=2',
    ]);
    return { method: 'GET', path: `/api/deliveries?${query}` };
  },
  'GET /api/deliveries/:id': (rng) => ({ method: 'GET', path: `/api/deliveries/${pick(rng, [...BAD_PATH_IDS, '424242'])}` }),
  'POST /api/deliveries/:id/redeliver': (rng) => ({ method: 'POST', path: `/api/deliveries/${pick(rng, [...BAD_PATH_IDS, '424242'])}/redeliver` }),
  // Each batch holds a record that would be delivered (RFIs create) beside the bad one: the snapshot proves it was not stored.
  'POST /api/events/import': bodyFuzz('POST', () => '/api/events/import', [
    () => ({}),
    (r) => ({ events: pick(r, ['text', 42, {}, true, { 0: importRecord }]) }),
    (r) => ({ events: [importRecord, pick(r, [{}, 'x', null, 1, [], [importRecord]])] }),
    (r) => ({ events: [importRecord, { ...importRecord, [pick(r, ['id', 'resource_id', 'company_id', 'project_id', 'user_id'])]: pick(r, BAD_IDS) }] }),
    (r) => ({ events: [importRecord, { ...importRecord, ulid: pick(r, ['', 'x', '01EDPD2J6SBY1163N77H95GW0I', '81EDPD2J6SBY1163N77H95GW09', 26, hugeString(r)]) }] }),
    (r) => ({ events: [importRecord, { ...importRecord, timestamp: pick(r, ['', 'yesterday', '2020-13-01T00:00:00Z', '2020-07-20T15:22:01', 1234, null]) }] }),
    (r) => ({ events: [importRecord, { ...importRecord, resource_name: pick(r, UNKNOWN_RESOURCES) }] }),
    (r) => ({ events: [importRecord, { ...importRecord, event_type: pick(r, BAD_EVENT_TYPES) }] }),
    (r) => ({ events: [importRecord, { ...importRecord, metadata: pick(r, ['x', [], { source_user_id: 'abc' }, { other: 1 }]) }] }),
    (r) => ({ events: [importRecord, { ...importRecord, [pick(r, ['payload', 'api_version', 'seq', '__proto__x'])]: 'x' }] }),
    (r) => ({ events: [importRecord], [pick(r, ['event', 'data', 'hook_id'])]: 1 }),
  ]),
};

async function snapshot(fx: RelayFixture): Promise<string> {
  const hooks = (await (await fx.api('/api/hooks')).json()) as { data: { id: number }[] };
  const grids = await Promise.all(hooks.data.map(async (h) => (await fx.api(`/api/hooks/${h.id}/triggers`)).json()));
  const deliveries = await (await fx.api('/api/deliveries?limit=100')).json();
  return JSON.stringify({ hooks, grids, deliveries });
}

describe('reliability: fuzzing every API route and the WebSocket with bad input', function () {
  this.timeout(120_000);
  let fx: RelayFixture;
  let receiver: Receiver;
  let hookId: number;

  before(async () => {
    receiver = await startReceiver();
    fx = await startRelayFixture();
    hookId = fx.relay.service.listHooks()[0]!.id;
    await fx.api(`/api/hooks/${hookId}/endpoint`, { method: 'PUT', json: { destination_url: `${receiver.url}/in`, authorization: 'Bearer fuzz-secret-value-00000' } });
    await fx.api(`/api/hooks/${hookId}/triggers/RFIs`, { method: 'PUT', json: { create: true } });
    await fx.api('/api/events', { method: 'POST', json: validEvent });
    await receiver.waitForRequests(1);
    // Let the delivery settle, so the snapshots compare a relay at rest.
    const deadline = Date.now() + 5000;
    while (((await (await fx.api('/api/deliveries')).json()) as { data: { status: string }[] }).data[0]?.status !== 'delivered') {
      if (Date.now() > deadline) throw new Error('the setup delivery did not settle');
      await new Promise((r) => setTimeout(r, 20));
    }
  });
  after(async () => {
    await fx.stop();
    await receiver.close();
  });

  it(`refuses ${PER_ROUTE} generated bad requests per route with a coded 4xx, and changes nothing`, async () => {
    const before = await snapshot(fx);
    const rng = seededRng(20261129);
    let tried = 0;
    for (const [route, generate] of Object.entries(ROUTES)) {
      for (let i = 0; i < PER_ROUTE; i++) {
        const bad = generate(rng, hookId);
        const headers: Record<string, string> = {};
        if (bad.body !== undefined) headers['content-type'] = bad.contentType ?? 'application/json';
        const res = await fx.api(bad.path, { method: bad.method, body: bad.body, headers });
        tried += 1;
        const text = await res.text();
        const shown = `${route} #${i}: ${bad.method} ${bad.path.slice(0, 120)} ${String(bad.body).slice(0, 160)} → ${res.status} ${text.slice(0, 200)}`;
        assert.ok(res.status >= 400 && res.status < 500, shown);
        const body = JSON.parse(text) as { error?: { code?: string; message?: string } };
        assert.match(body.error?.code ?? '', /^HOOKLINE_ERR_[A-Z0-9_]+$/, shown);
        assert.ok((body.error?.message ?? '').length > 10, shown);
      }
    }
    assert.equal((await fetch(`${fx.relay.url}/api/health`)).status, 200, 'the relay is still up');
    assert.equal(await snapshot(fx), before, 'rejected requests changed nothing');
    console.log(`      HTTP: ${tried} bad requests over ${Object.keys(ROUTES).length} routes, ${tried} refused with a coded 4xx`);
  });

  it(`answers ${PER_ROUTE} bad WebSocket messages with coded errors and stays up`, async () => {
    const before = await snapshot(fx);
    const rng = seededRng(7);
    const ws = new WebSocket(fx.relay.wsUrl, { headers: { authorization: `Bearer ${fx.relay.token}` } });
    const errors: { id: string | null; code: string }[] = [];
    ws.on('message', (data) => {
      const message = JSON.parse(data.toString()) as { type: string; id?: string | null; error?: { code: string } };
      if (message.type === 'error') errors.push({ id: message.id ?? null, code: message.error!.code });
      if (message.type === 'reply') errors.push({ id: message.id ?? null, code: 'ACCEPTED' });
    });
    await new Promise((resolve, reject) => { ws.once('open', resolve); ws.once('error', reject); });
    const messages: string[] = [];
    for (let i = 0; i < PER_ROUTE; i++) {
      const id = `f${i}`;
      const kind = rng();
      if (kind < 0.15) messages.push(malformedJson(rng));
      else if (kind < 0.25) messages.push(pick(rng, NON_OBJECT_JSON));
      else if (kind < 0.35) messages.push(json({ type: pick(rng, ['explode', 'hooks.delete', '', 42]), id, params: {} }));
      else if (kind < 0.4) messages.push(json({ type: 'hooks.list', id: pick(rng, [42, '', null, 'x'.repeat(200)]), params: {} }));
      else if (kind < 0.45) messages.push(json({ type: 'hooks.list', id, params: pick(rng, [null, [], 'x', 5]) }));
      else if (kind < 0.55) messages.push(json({ type: 'trigger.set', id, params: { hookId, resourceName: pick(rng, UNKNOWN_RESOURCES), create: true } }));
      else if (kind < 0.65) messages.push(json({ type: 'endpoint.set', id, params: { hookId, destinationUrl: pick(rng, BAD_URLS) } }));
      else if (kind < 0.7) messages.push(json({ type: 'endpoint.set', id, params: { hookId, destinationUrl: 'https://example.com', authorization: pick(rng, BAD_AUTHORIZATIONS) } }));
      else if (kind < 0.8) messages.push(json({ type: 'event.trigger', id, params: { resourceName: 'RFIs', eventType: pick(rng, BAD_EVENT_TYPES) } }));
      else if (kind < 0.85) messages.push(json({ type: 'event.trigger', id, params: { ...{ resourceName: 'RFIs', eventType: 'create' }, resourceId: pick(rng, BAD_IDS) } }));
      else if (kind < 0.9) messages.push(json({ type: 'delivery.get', id, params: { deliveryId: pick(rng, BAD_IDS) } }));
      else if (kind < 0.95) messages.push(json({ type: 'hook.update', id, params: { hookId: pick(rng, BAD_IDS), status: 'disabled' } }));
      else messages.push(json({ type: 'deliveries.list', id, params: { limit: pick(rng, [0, 1000, 'x']), unknown: 1 } }));
    }
    for (const message of messages) ws.send(message);
    const deadline = Date.now() + 20_000;
    while (errors.length < messages.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    assert.equal(errors.length, messages.length, 'every message was answered');
    assert.deepEqual(errors.filter((e) => e.code === 'ACCEPTED'), [], 'no bad message was accepted');
    for (const e of errors) assert.match(e.code, /^HOOKLINE_ERR_[A-Z0-9_]+$/);
    assert.equal(ws.readyState, WebSocket.OPEN, 'the connection stays open');

    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    ws.send('x'.repeat(1024 * 1024 + 1));
    assert.equal(await closed, 1009, 'an oversize frame closes the connection with 1009 (message too big)');
    assert.equal((await fetch(`${fx.relay.url}/api/health`)).status, 200, 'the relay is still up');
    assert.equal(await snapshot(fx), before, 'rejected messages changed nothing');
    console.log(`      WebSocket: ${messages.length} bad messages, ${errors.length} answered with a coded error`);
  });
});
