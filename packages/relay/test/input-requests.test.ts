import assert from 'node:assert/strict';
import { WebSocket } from 'ws';
import { MAX_BACKLOG, MAX_DELIVERY_PAGE, isHooklineError, type ErrorCode } from '@hookline/core';
import { MAX_EVENT_COUNT, MAX_IMPORT_EVENTS, readBacklogQuery, readDeliveryQuery, readEventImport, readEventInput, readHookPatch, readNewHook } from '../src/input/requests.js';
import { startRelayFixture, type RelayFixture } from './support/relay-fixture.js';

const SNAKE = {
  hookId: 'hook_id', limit: 'limit', cursor: 'cursor', status: 'status', resourceName: 'resource_name', eventType: 'event_type',
  resourceId: 'resource_id', since: 'since', until: 'until',
} as const;
const CAMEL = {
  hookId: 'hookId', limit: 'limit', cursor: 'cursor', status: 'status', resourceName: 'resourceName', eventType: 'eventType',
  resourceId: 'resourceId', since: 'since', until: 'until',
} as const;

function refusal(read: () => unknown): { code: ErrorCode; field: string | undefined; message: string } {
  try {
    read();
  } catch (error) {
    if (isHooklineError(error)) return { code: error.code, field: error.field, message: error.message };
    throw error;
  }
  assert.fail('the reader accepted it');
}

describe('request readers: one per request, named as each transport names its fields', () => {
  it('reads a delivery query under either set of names into the same DeliveryQuery', () => {
    const expected = { hookId: 3, limit: 10, status: 'failures', resourceName: 'RFIs', eventType: 'update' };
    assert.deepEqual(readDeliveryQuery({ hook_id: '3', limit: '10', status: 'failures', resource_name: 'RFIs', event_type: 'update' }, SNAKE), expected);
    assert.deepEqual(readDeliveryQuery({ hookId: 3, limit: 10, status: 'failures', resourceName: 'RFIs', eventType: 'update', cursor: null }, CAMEL), expected);
    assert.deepEqual(readDeliveryQuery({ status: '', event_type: '' }, SNAKE), {}, 'an empty value is "not given"');
  });

  it('reads a resource id as text and a time range as ISO instants, a duration counted back from the given now', () => {
    const now = Date.UTC(2026, 11, 2, 12);
    assert.deepEqual(readDeliveryQuery({ resource_id: '5982324300946918154', since: '2h', until: '2026-12-02T11:30:00+00:00' }, SNAKE, now), {
      resourceId: '5982324300946918154',
      since: '2026-12-02T10:00:00.000Z',
      until: '2026-12-02T11:30:00.000Z',
    });
    assert.deepEqual(readDeliveryQuery({ resourceId: 54321 }, CAMEL), { resourceId: '54321' });
    const id = refusal(() => readDeliveryQuery({ resource_id: '54-321' }, SNAKE));
    assert.deepEqual([id.code, id.field], ['HOOKLINE_ERR_INVALID_QUERY', 'resource_id']);
    const since = refusal(() => readDeliveryQuery({ since: 'yesterday' }, SNAKE));
    assert.deepEqual([since.code, since.field], ['HOOKLINE_ERR_INVALID_QUERY', 'since']);
    assert.match(since.message, /ISO 8601 date or date-time.*duration back from now.*got "yesterday"/);
    const backwards = refusal(() => readDeliveryQuery({ since: '2026-12-02', until: '2026-12-01' }, SNAKE));
    assert.deepEqual([backwards.code, backwards.field], ['HOOKLINE_ERR_INVALID_QUERY', 'until']);
    assert.match(backwards.message, /must be before "until".*swap them/);
  });

  it('refuses a page above MAX_DELIVERY_PAGE, naming the field and the range from the constant', () => {
    const over = refusal(() => readDeliveryQuery({ limit: String(MAX_DELIVERY_PAGE + 1) }, SNAKE));
    assert.equal(over.code, 'HOOKLINE_ERR_INVALID_FIELD');
    assert.equal(over.field, 'limit');
    assert.match(over.message, new RegExp(`from 1 to ${MAX_DELIVERY_PAGE}`));
  });

  it('names the field as the caller sent it, and refuses a field the transport does not take', () => {
    assert.equal(refusal(() => readDeliveryQuery({ hook_id: 'x' }, SNAKE)).field, 'hook_id');
    assert.equal(refusal(() => readDeliveryQuery({ hookId: 'x' }, CAMEL)).field, 'hookId');
    const status = refusal(() => readDeliveryQuery({ status: 'lost' }, CAMEL));
    assert.deepEqual([status.code, status.field], ['HOOKLINE_ERR_INVALID_QUERY', 'status']);
    assert.match(status.message, /failures or one of enqueued, retrying, delivered, failed, discarded; got "lost"/);
    const unknown = refusal(() => readHookPatch({ destinationUrl: 'http://x' }, { namespace: 'namespace', status: 'status' }));
    assert.deepEqual([unknown.code, unknown.field], ['HOOKLINE_ERR_UNKNOWN_FIELD', 'destinationUrl']);
  });

  it('reads a new hook: the namespace is required, the payload version and status checked', () => {
    const names = { namespace: 'namespace', payloadVersion: 'payload_version', status: 'status' } as const;
    assert.deepEqual(readNewHook({ namespace: 'erp', payload_version: 'v4.0' }, names), { namespace: 'erp', payloadVersion: 'v4.0' });
    assert.equal(refusal(() => readNewHook({}, names)).code, 'HOOKLINE_ERR_MISSING_FIELD');
    assert.deepEqual(Object.values(refusal(() => readNewHook({ namespace: 'erp', payload_version: 'v5' }, names))).slice(0, 2), ['HOOKLINE_ERR_INVALID_PAYLOAD_VERSION', 'payload_version']);
    assert.equal(refusal(() => readNewHook({ namespace: 'erp', status: 'paused' }, names)).code, 'HOOKLINE_ERR_INVALID_HOOK_STATUS');
  });

  it('reads an event, with the count only where the transport takes one', () => {
    const names = { resourceName: 'resourceName', eventType: 'eventType', count: 'count' } as const;
    assert.deepEqual(readEventInput({ resourceName: 'RFIs', eventType: 'create', count: 3 }, names).count, 3);
    assert.match(refusal(() => readEventInput({ resourceName: 'RFIs', eventType: 'create', count: MAX_EVENT_COUNT + 1 }, names)).message, new RegExp(`to ${MAX_EVENT_COUNT}`));
    assert.equal(refusal(() => readEventInput({ resource_name: 'RFIs', event_type: 'create', count: 2 }, { resourceName: 'resource_name', eventType: 'event_type' })).code, 'HOOKLINE_ERR_UNKNOWN_FIELD');
  });

  it('reads an event import: each record by core\'s rules, a bad one named by its index and field', () => {
    const record = { id: '5982324300946918154', ulid: '01EDPD2J6SBY1163N77H95GW09', timestamp: '2020-07-20T15:22:01.353581Z', resource_name: 'RFIs', event_type: 'update', resource_id: '54321', company_id: '8', project_id: '6778' };
    const names = { events: 'events' } as const;
    const [event] = readEventImport({ events: [record] }, names);
    assert.deepEqual([event?.id, event?.ulid, event?.timestamp, event?.userId], [record.id, record.ulid, record.timestamp, null]);
    const cases: [unknown, string, ErrorCode][] = [
      [[record, { ...record, timestamp: 'yesterday' }], 'events[1].timestamp', 'HOOKLINE_ERR_INVALID_FIELD'],
      [[record, record, 'text'], 'events[2]', 'HOOKLINE_ERR_INVALID_FIELD'],
      [[{ ...record, colour: 'red' }], 'events[0].colour', 'HOOKLINE_ERR_UNKNOWN_FIELD'],
      [[{ ...record, event_type: 'delete', resource_name: 'Direct Cost Line Items', project_id: 1, resource_id: 9007199254740993 }], 'events[0].resource_id', 'HOOKLINE_ERR_INVALID_ID'],
      [{ 0: record }, 'events', 'HOOKLINE_ERR_INVALID_FIELD'],
      [undefined, 'events', 'HOOKLINE_ERR_MISSING_FIELD'],
      [Array.from({ length: MAX_IMPORT_EVENTS + 1 }, () => record), 'events', 'HOOKLINE_ERR_TOO_MANY_EVENTS'],
    ];
    for (const [events, field, code] of cases) {
      const got = refusal(() => readEventImport({ events }, names));
      assert.deepEqual([got.field, got.code], [field, code], got.message);
    }
    assert.match(refusal(() => readEventImport({ events: [{ ...record, ulid: 'x' }] }, names)).message, /^events\[0\]: ulid must be a ULID.* fix that record/);
    assert.equal(refusal(() => readEventImport({ events: [], extra: 1 }, names)).code, 'HOOKLINE_ERR_UNKNOWN_FIELD');
  });

  it('reads a backlog query up to MAX_BACKLOG', () => {
    assert.deepEqual(readBacklogQuery({}, { since: 'since', limit: 'limit' }), { since: 0, limit: undefined });
    assert.match(refusal(() => readBacklogQuery({ limit: MAX_BACKLOG + 1 }, { since: 'since', limit: 'limit' })).message, new RegExp(`to ${MAX_BACKLOG}`));
  });
});

describe('request readers: the HTTP API and the WebSocket refuse the same input the same way', function () {
  this.timeout(20_000);
  let fx: RelayFixture;
  let ws: WebSocket;
  const replies = new Map<string, { code: string; message: string; field?: string }>();

  before(async () => {
    fx = await startRelayFixture();
    ws = new WebSocket(fx.relay.wsUrl, { headers: { authorization: `Bearer ${fx.relay.token}` } });
    ws.on('message', (data) => {
      const message = JSON.parse(data.toString()) as { type: string; id?: string; error?: { code: string; message: string; field?: string } };
      if (message.type === 'error' && message.id && message.error) replies.set(message.id, message.error);
    });
    await new Promise((resolve) => ws.once('open', resolve));
  });
  after(async () => {
    ws.close();
    await fx.stop();
  });

  async function overWebSocket(id: string, type: string, params: Record<string, unknown>) {
    ws.send(JSON.stringify({ type, id, params }));
    const deadline = Date.now() + 5000;
    while (!replies.has(id)) {
      if (Date.now() > deadline) throw new Error(`no error reply to ${type}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    return replies.get(id)!;
  }

  for (const [name, query, params] of [
    ['a page above the limit', `limit=${MAX_DELIVERY_PAGE + 1}`, { limit: MAX_DELIVERY_PAGE + 1 }],
    ['an unknown status', 'status=lost', { status: 'lost' }],
    ['an unknown event type', 'event_type=move', { eventType: 'move' }],
    ['a resource id that is not one', 'resource_id=abc', { resourceId: 'abc' }],
    ['a time that is not one', 'since=yesterday', { since: 'yesterday' }],
  ] as const) {
    it(`deliveries: ${name}`, async () => {
      const response = await fx.api(`/api/deliveries?${query}`);
      const http = ((await response.json()) as { error: { code: string; message: string } }).error;
      const socket = await overWebSocket(name, 'deliveries.list', params);
      assert.equal(socket.code, http.code);
      // The same sentence, named as each transport names the field; only how the value is shown differs (a query string holds text).
      const sentence = (message: string) => message.replace('eventType', 'event_type').replace('resourceId', 'resource_id').replace(/; got .*$/, '');
      assert.equal(sentence(socket.message), sentence(http.message));
    });
  }
});
