/**
 * The delivery lists of the Procore API over every delivery state: v1.0 keyset pages and `filters[status]`
 * (successful, failing, discarded), v2.0 page paging with totals and `filter[status]` (succeeded or delivered,
 * retrying, failed, discarded), and the 422s for values Procore does not know.
 */
import assert from 'node:assert/strict';
import { eventually, expectOp } from './support/procore-contract.js';
import { startReceiver, type Receiver } from './support/receiver.js';
import { startRelayFixture, type RelayFixture } from './support/relay-fixture.js';

const V1 = 'RestV10WebhooksHooksHookIdDeliveriesGet';
const V2 = 'RestV20CompaniesCompanyIdWebhooksHooksHookIdDeliveriesGet';

interface DeliveryV1 {
  id: number;
  outcome: string;
  response_status?: number;
  response_error?: string;
}

async function makeHook(fx: RelayFixture, url: string): Promise<string> {
  const res = await expectOp(fx, 'RestV20CompaniesCompanyIdWebhooksHooksPost', 201, {
    params: { company_id: '1' },
    json: { namespace: `hook-${Math.random().toString(36).slice(2, 8)}`, payload_version: 'v3', destination_url: url },
  });
  const hookId = (res.body as { data: { id: string } }).data.id;
  await expectOp(fx, 'RestV20CompaniesCompanyIdWebhooksHooksHookIdTriggersPost', 201, { params: { company_id: '1', hook_id: hookId }, json: { resource_name: 'RFIs', event_type: 'create' } });
  return hookId;
}

async function postEvents(fx: RelayFixture, count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    const res = await fx.api('/api/events', { method: 'POST', json: { resource_name: 'RFIs', event_type: 'create' } });
    assert.equal(res.status, 202);
  }
}

describe('Procore API: delivery lists over every delivery state', function () {
  this.timeout(20000);

  describe('delivered, retrying and failed deliveries', () => {
    let fx: RelayFixture;
    let receiver: Receiver;
    let hookId: string;
    const v1 = (query: Record<string, string | number> = {}) => expectOp(fx, V1, 200, { params: { hook_id: hookId }, query: { company_id: 1, ...query } });
    const v2 = (query: Record<string, string | number> = {}) => expectOp(fx, V2, 200, { params: { company_id: '1', hook_id: hookId }, query });

    before(async () => {
      receiver = await startReceiver({ status: 200 });
      fx = await startRelayFixture({ maxInFlight: 1 });
      hookId = await makeHook(fx, receiver.url);
      await postEvents(fx, 5);
      await eventually(async () => ((await v2({ 'filter[status]': 'delivered' })).headers.get('total') === '5' ? true : undefined), '5 delivered');
      receiver.respondWith({ status: 500, body: 'down' });
      await postEvents(fx, 1);
      await eventually(async () => ((await v2({ 'filter[status]': 'retrying' })).headers.get('total') === '1' ? true : undefined), '1 retrying');
    });
    after(async () => {
      await fx.stop();
      await receiver.close();
    });

    it('v1.0: keyset pages of page_size, newest first, each starting below page_start', async () => {
      const all = (await v1()).body as DeliveryV1[];
      assert.equal(all.length, 6);
      const ids = all.map((d) => d.id);
      assert.deepEqual(ids, [...ids].sort((a, b) => b - a));
      const seen: number[] = [];
      let start = 0;
      for (let page = 0; page < 4; page++) {
        const batch = (await v1({ page_size: 2, ...(start ? { page_start: start } : {}) })).body as DeliveryV1[];
        if (page === 3) assert.deepEqual(batch, []);
        else assert.equal(batch.length, 2);
        seen.push(...batch.map((d) => d.id));
        start = batch[batch.length - 1]?.id ?? start;
      }
      assert.deepEqual(seen, ids);
    });

    it('v1.0: filters[status] (and filter[status]) successful, failing, any; outcomes ok and retried', async () => {
      const successful = (await v1({ 'filters[status]': 'successful' })).body as DeliveryV1[];
      assert.equal(successful.length, 5);
      assert.ok(successful.every((d) => d.outcome === 'ok' && d.response_status === 200));
      const failing = (await v1({ 'filters[status]': 'failing' })).body as DeliveryV1[];
      assert.deepEqual(failing.map((d) => [d.outcome, d.response_status, d.response_error]), [['retried', 500, 'The endpoint answered 500.']]);
      assert.equal(((await v1({ 'filter[status]': 'failing' })).body as DeliveryV1[]).length, 1, "Procore's guide spells it filter[status]");
      assert.equal(((await v1({ 'filters[status]': 'any' })).body as DeliveryV1[]).length, 6);
      assert.deepEqual((await v1({ 'filters[status]': 'discarded' })).body, []);
    });

    it('v2.0: page/per_page with Total, Per-Page and Link; succeeded and delivered alike', async () => {
      const page2 = await v2({ per_page: 4, page: 2 });
      assert.equal((page2.body as { data: unknown[] }).data.length, 2);
      assert.deepEqual([page2.headers.get('total'), page2.headers.get('per-page')], ['6', '4']);
      assert.match(page2.headers.get('link') ?? '', /page=1&per_page=4>; rel="first"/);
      assert.doesNotMatch(page2.headers.get('link') ?? '', /rel="next"/);
      assert.equal((await v2()).headers.get('per-page'), '10');
      assert.equal((await v2({ per_page: 5000 })).headers.get('per-page'), '1000');
      assert.equal((await v2({ 'filter[status]': 'succeeded' })).headers.get('total'), '5');
      assert.equal((await v2({ 'filter[status]': 'delivered' })).headers.get('total'), '5');
      assert.equal((await v2({ page: 9 })).headers.get('total'), '6');
      assert.deepEqual(((await v2({ page: 9 })).body as { data: unknown[] }).data, []);
    });

    it('answers 422 for filter values Procore does not know', async () => {
      const bad: Record<string, string>[] = [
        { 'filter[status]': 'ok' },
        { 'filter[event_type]': 'archive' },
        { 'filter[start]': '2024-02-30' },
        { 'filter[end]': 'yesterday' },
        { page: '0' },
        { per_page: 'ten' },
      ];
      for (const query of bad) await expectOp(fx, V2, 422, { params: { company_id: '1', hook_id: hookId }, query });
      await expectOp(fx, V1, 422, { params: { hook_id: hookId }, query: { company_id: 1, page_size: -1 } });
      await expectOp(fx, V1, 422, { params: { hook_id: hookId }, query: { company_id: 1, page_start: 'last' } });
    });

    it('a disabled hook fails what waited: outcome failed, v2.0 status failed', async () => {
      await expectOp(fx, 'RestV20CompaniesCompanyIdWebhooksHooksIdPatch', 200, { params: { company_id: '1', id: hookId }, json: { status: 'disabled' } });
      const failing = (await v1({ 'filters[status]': 'failing' })).body as DeliveryV1[];
      assert.deepEqual(failing.map((d) => d.outcome), ['failed']);
      assert.equal((await v2({ 'filter[status]': 'failed' })).headers.get('total'), '1');
      assert.equal((await v2({ 'filter[status]': 'retrying' })).headers.get('total'), '0');
    });
  });

  describe('discarded deliveries (12 hours of failing, time-scaled)', () => {
    let fx: RelayFixture;
    let receiver: Receiver;

    before(async () => {
      receiver = await startReceiver({ status: 503 });
      fx = await startRelayFixture({ timeScale: 200_000 }); // 12 h of retries in about 0.2 s
    });
    after(async () => {
      await fx.stop();
      await receiver.close();
    });

    it('v1.0 filters[status]=discarded and v2.0 filter[status]=discarded find it; outcome discarded', async () => {
      const hookId = await makeHook(fx, receiver.url);
      await postEvents(fx, 1);
      const res = await eventually(async () => {
        const r = await expectOp(fx, V1, 200, { params: { hook_id: hookId }, query: { company_id: 1, 'filters[status]': 'discarded' } });
        return (r.body as DeliveryV1[]).length === 1 ? r : undefined;
      }, 'the delivery to be discarded', 10000);
      assert.deepEqual((res.body as DeliveryV1[]).map((d) => [d.outcome, d.response_status]), [['discarded', 503]]);
      const v2 = await expectOp(fx, V2, 200, { params: { company_id: '1', hook_id: hookId }, query: { 'filter[status]': 'discarded' } });
      const data = (v2.body as { data: { status: string; delivery_attempts: unknown[] }[] }).data;
      assert.equal(data[0]?.status, 'discarded');
      assert.ok((data[0]?.delivery_attempts.length ?? 0) > 5, 'every attempt is listed');
      assert.deepEqual((await expectOp(fx, V1, 200, { params: { hook_id: hookId }, query: { company_id: 1, 'filters[status]': 'failing' } })).body, []);
    });
  });
});
