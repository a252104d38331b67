/**
 * End to end, as an integration would do it against Procore: create a hook through v2.0, bulk-create its
 * triggers (one invalid: 207 naming it), make resource changes, see the deliveries arrive at a real receiver on
 * 127.0.0.1, then read them back through v1.0 and v2.0 with filters and paging.
 */
import assert from 'node:assert/strict';
import { parse, stringify } from 'lossless-json';
import { eventually, expectOp } from './support/procore-contract.js';
import { startReceiver, type Receiver } from './support/receiver.js';
import { startRelayFixture, type RelayFixture } from './support/relay-fixture.js';

const COMPANY = 'RestV20CompaniesCompanyIdWebhooks';
const PROJECT_ID = '2468013579';
const SECRET = 'Bearer e2e-secret-Z9Y8X';

interface DeliveryV1 {
  id: number;
  outcome: string;
  response_status: number;
  event: { event_type: string; resource_name: string; resource_id: number };
}

interface DeliveryV2 {
  id: string;
  status: string;
  payload: { resource_name: string; event_type: string; resource_id: number };
}

describe('Procore API end to end: set up through v2.0, deliver to a real receiver, read back through v1.0 and v2.0', function () {
  this.timeout(20000);
  let fx: RelayFixture;
  let receiver: Receiver;

  before(async () => {
    receiver = await startReceiver({ status: 200, body: 'received' });
    fx = await startRelayFixture({ companyId: '5358233', maxInFlight: 1 }); // one at a time: arrival order is event order
  });
  after(async () => {
    await fx.stop();
    await receiver.close();
  });

  it('works unchanged from hook creation to the delivery log', async () => {
    const params = { company_id: '5358233' };
    const procore = { 'procore-company-id': '5358233' };

    // 1. The integration creates its hook (v2.0, company scope).
    const created = await expectOp(fx, `${COMPANY}HooksPost`, 201, {
      params,
      headers: procore,
      json: { payload_version: 'v2.0', namespace: 'acme-sync', destination_url: `${receiver.url}/procore/events`, destination_headers: { Authorization: SECRET } },
    });
    const hookId = (created.body as { data: { id: string } }).data.id;

    // 2. Bulk-creates its triggers; one names an event type the resource lacks.
    const bulk = await expectOp(fx, `${COMPANY}HooksHookIdTriggersBulkPost`, 207, {
      params: { ...params, hook_id: hookId },
      headers: procore,
      json: [
        { resource_name: 'RFIs', event_type: 'create' },
        { resource_name: 'RFIs', event_type: 'update' },
        { resource_name: 'Bids', event_type: 'delete' },
        { resource_name: 'Projects', event_type: 'create' },
      ],
    });
    const { data: made, errors } = bulk.body as { data: { resource_name: string; event_type: string }[]; errors: { index: number; resource_name: string; event_type: string; error: { message: string } }[] };
    assert.deepEqual(made.map((t) => `${t.resource_name}/${t.event_type}`), ['RFIs/create', 'RFIs/update', 'Projects/create']);
    assert.equal(errors.length, 1);
    assert.deepEqual([errors[0]?.index, errors[0]?.resource_name, errors[0]?.event_type], [2, 'Bids', 'delete']);
    assert.match(errors[0]?.error.message ?? '', /Bids.*update/);

    // The relay's own API shows the same hook and grid: one model.
    const grid = (await (await fx.api(`/api/hooks/${hookId}/triggers`)).json()) as { data: { grid: Record<string, string[]> } };
    assert.deepEqual(grid.data.grid, { Projects: ['create'], RFIs: ['create', 'update'] });

    // 3. Resource changes; the deliveries reach the receiver with the hook's Authorization header verbatim.
    const changes = [
      { resource_name: 'RFIs', event_type: 'create', resource_id: '1001', project_id: PROJECT_ID },
      { resource_name: 'RFIs', event_type: 'update', resource_id: '1001', project_id: PROJECT_ID },
      { resource_name: 'Projects', event_type: 'create', resource_id: '2002' },
      { resource_name: 'RFIs', event_type: 'delete', resource_id: '1001', project_id: PROJECT_ID }, // no trigger: not delivered
    ];
    const eventIds: string[] = [];
    for (const change of changes) {
      const res = await fx.api('/api/events', { method: 'POST', json: change });
      assert.equal(res.status, 202);
      eventIds.push(((await res.json()) as { event: { id: string } }).event.id);
    }
    const received = await receiver.waitForRequests(3);
    assert.ok(received.every((r) => r.method === 'POST' && r.path === '/procore/events' && r.headers.authorization === SECRET));
    const bodies = received.map((r) => parse(r.body.toString('utf8')) as { event_type: string; resource_name: string });
    assert.deepEqual(bodies.map((b) => `${b.resource_name}/${b.event_type}`), ['RFIs/create', 'RFIs/update', 'Projects/create']);

    // 4. Read back through v2.0: filters, paging, the exact payload sent.
    const listV2 = (query: Record<string, string | number>) =>
      expectOp(fx, `${COMPANY}HooksHookIdDeliveriesGet`, 200, { params: { ...params, hook_id: hookId }, headers: procore, query });
    await eventually(async () => {
      const res = await listV2({ 'filter[status]': 'delivered' });
      return res.headers.get('total') === '3' ? res : undefined;
    }, 'three delivered deliveries');
    const rfis = await listV2({ 'filter[status]': 'succeeded', 'filter[resource_name]': 'RFIs', per_page: 1, page: 2 });
    assert.equal(rfis.headers.get('total'), '2');
    assert.match(rfis.headers.get('link') ?? '', /rel="first"/);
    const older = (rfis.body as { data: DeliveryV2[] }).data;
    assert.deepEqual(older.map((d) => [d.id, d.payload.event_type]), [[eventIds[0], 'create']], 'page 2 of 2, newest first');
    const exact = parse(rfis.text) as { data: { payload: unknown }[] };
    assert.equal(stringify(exact.data[0]?.payload), received[0]?.body.toString('utf8'), 'the payload byte for byte as sent');
    const updates = await listV2({ 'filter[event_type]': 'update' });
    assert.deepEqual((updates.body as { data: DeliveryV2[] }).data.map((d) => d.payload.resource_id), [1001]);
    const today = new Date().toISOString().slice(0, 10);
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    assert.equal((await listV2({ 'filter[start]': today, 'filter[end]': today })).headers.get('total'), '3');
    assert.equal((await listV2({ 'filter[end]': yesterday })).headers.get('total'), '0');
    assert.equal((await listV2({ 'filter[status]': 'failed' })).headers.get('total'), '0');

    // 5. Read back through v1.0: keyset pages by page_size / page_start, filters[status].
    const listV1 = (query: Record<string, string | number>) =>
      expectOp(fx, 'RestV10WebhooksHooksHookIdDeliveriesGet', 200, { params: { hook_id: hookId }, headers: procore, query: { company_id: '5358233', ...query } });
    const first = (await listV1({ page_size: 2, 'filters[status]': 'successful' })).body as DeliveryV1[];
    assert.deepEqual(first.map((d) => d.event.resource_name), ['Projects', 'RFIs']);
    assert.ok(first.every((d) => d.outcome === 'ok' && d.response_status === 200));
    const next = await listV1({ page_size: 2, page_start: first[1]?.id ?? 0, 'filters[status]': 'successful' });
    const rest = next.body as DeliveryV1[];
    assert.deepEqual(rest.map((d) => `${d.event.resource_name}/${d.event.event_type}`), ['RFIs/create']);
    assert.match(next.text, new RegExp(`"event_id":${eventIds[0]}[,}]`), 'the 64-bit event id digit for digit');
    assert.deepEqual((await listV1({ page_size: 2, page_start: rest[0]?.id ?? 0 })).body, []);
    assert.deepEqual((await listV1({ 'filters[status]': 'failing' })).body, []);
    assert.equal(((await listV1({})).body as DeliveryV1[]).length, 3, 'default page size 100');
  });
});
