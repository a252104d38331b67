/**
 * Procore's v2.0 webhooks API on the relay, company and project scope: every endpoint in
 * test/fixtures/procore-openapi/RestV20*.json is called as described, and every answer (successes and the documented
 * error statuses) is validated against the description's schema with ajv.
 */
import assert from 'node:assert/strict';
import { parse } from 'lossless-json';
import { assertCoverage, eventually, expectOp, type OpRequest } from './support/procore-contract.js';
import { OPERATIONS } from './support/procore-schemas.js';
import { startReceiver, type Receiver } from './support/receiver.js';
import { startRelayFixture, type RelayFixture } from './support/relay-fixture.js';

const PROJECT_ID = '2468013579';
const MALFORMED = '{"namespace": ';

interface Scope {
  name: string;
  prefix: string;
  params: Record<string, string>;
  /** A resource this scope lists and accepts. */
  resource: string;
  resourceCount: number;
}

const SCOPES: Scope[] = [
  { name: 'company', prefix: 'RestV20CompaniesCompanyIdWebhooks', params: { company_id: '1' }, resource: 'Projects', resourceCount: 121 },
  { name: 'project', prefix: 'RestV20CompaniesCompanyIdProjectsProjectIdWebhooks', params: { company_id: '1', project_id: PROJECT_ID }, resource: 'RFIs', resourceCount: 96 },
];

interface HookV2 {
  id: string;
  status: string;
  payload_version: string;
  namespace: string;
  destination_url?: string;
  destination_headers: { Authorization?: string };
  trigger_count?: number;
  company_id: string;
  project_id?: string;
}

interface TriggerV2 {
  id: string;
  webhook_hook_id: string;
  resource_name: string;
  event_type: string;
}

for (const scope of SCOPES) {
  describe(`Procore API v2.0, ${scope.name} scope: every endpoint against its description`, function () {
    this.timeout(20000);
    let fx: RelayFixture;
    let receiver: Receiver;
    let hook: HookV2;
    const op = (suffix: string): string => `${scope.prefix}${suffix}`;
    const at = (extra: Record<string, string | number> = {}): Record<string, string | number> => ({ ...scope.params, ...extra });
    const call = (suffix: string, status: number, request: OpRequest = {}) => expectOp(fx, op(suffix), status, { ...request, params: at(request.params) });

    before(async () => {
      receiver = await startReceiver({ status: 202, body: '{"ok":true}', headers: { 'content-type': 'application/json' } });
      fx = await startRelayFixture();
      const res = await call('HooksPost', 201, {
        json: { payload_version: 'v2.0', namespace: 'acme-v2', destination_url: `${receiver.url}/v2`, destination_headers: { Authorization: 'Bearer v2-secret-QWERT' } },
      });
      hook = (res.body as { data: HookV2 }).data;
    });
    after(async () => {
      await fx.stop();
      await receiver.close();
    });

    it('answers 401 without the token and 403 from a foreign origin on every operation', async () => {
      const suffixes = [...OPERATIONS.keys()].filter((id) => id.startsWith(scope.prefix));
      assert.equal(suffixes.length, 12);
      for (const id of suffixes) {
        const suffix = id.slice(scope.prefix.length);
        const json = OPERATIONS.get(id)?.method === 'GET' ? undefined : {};
        await call(suffix, 401, { params: { id: 1, hook_id: 1 }, json, headers: { authorization: 'Bearer wrong-token' } });
        await call(suffix, 403, { params: { id: 1, hook_id: 1 }, json, headers: { origin: 'https://evil.example' } });
      }
    });

    it('creates a hook (201, wrapped in data, secret masked) and refuses malformed (400), incomplete (422) or foreign-company (404) requests', async () => {
      assert.equal(hook.payload_version, 'v2.0');
      assert.equal(hook.status, 'active');
      assert.equal(hook.trigger_count, 0);
      assert.equal(hook.company_id, '1');
      assert.equal(hook.project_id, scope.name === 'project' ? PROJECT_ID : undefined);
      assert.match(hook.destination_headers.Authorization ?? '', /^•+QWERT$/);
      await call('HooksPost', 400, { body: MALFORMED });
      const missing = await call('HooksPost', 422, { json: { namespace: 'no-url', payload_version: 'v2.0' } });
      assert.equal((missing.body as { error: { field: string } }).error.field, 'destination_url');
      await call('HooksPost', 422, { json: { namespace: 'x', payload_version: 'v1.0', destination_url: receiver.url } });
      await call('HooksPost', 422, { json: { namespace: 'x', payload_version: 'v2', destination_url: receiver.url, destination_headers: { 'X-Other': 'y' } } });
      await call('HooksPost', 404, { params: { company_id: '2' }, json: { namespace: 'x', payload_version: 'v2', destination_url: receiver.url } });
      const taken = await call('HooksPost', 422, { json: { namespace: 'acme-v2', payload_version: 'v2', destination_url: receiver.url } });
      assert.equal((taken.body as { error: { code: string } }).error.code, 'HOOKLINE_ERR_NAMESPACE_TAKEN');
    });

    it('lists hooks 10 to a page with Total, Per-Page and Link, filtered by namespace and payload_version', async () => {
      for (let i = 1; i <= 11; i++) {
        await call('HooksPost', 201, { json: { namespace: `page-${i}`, payload_version: i % 2 ? 'v4.0' : 'v3', destination_url: `${receiver.url}/p${i}` } });
      }
      const total = scope.name === 'company' ? 13 : 12; // + acme-v2, + the relay's default hook in the company
      const first = await call('HooksGet', 200, { headers: { 'procore-company-id': '1' } });
      assert.equal((first.body as { data: HookV2[] }).data.length, 10);
      assert.equal(first.headers.get('total'), String(total));
      assert.equal(first.headers.get('per-page'), '10');
      assert.match(first.headers.get('link') ?? '', /page=2&per_page=10>; rel="next"/);
      const second = await call('HooksGet', 200, { query: { page: 2 } });
      assert.equal((second.body as { data: HookV2[] }).data.length, total - 10);
      const filtered = await call('HooksGet', 200, { query: { payload_version: 'v4', include_trigger_count: 'true', per_page: 100 } });
      const v4 = (filtered.body as { data: HookV2[] }).data;
      assert.equal(v4.length, 6);
      assert.ok(v4.every((h) => h.payload_version === 'v4.0' && h.trigger_count === 0));
      const one = await call('HooksGet', 200, { query: { namespace: 'acme-v2' } });
      assert.deepEqual((one.body as { data: HookV2[] }).data.map((h) => [h.id, h.trigger_count]), [[hook.id, undefined]]);
      await call('HooksGet', 404, { headers: { 'procore-company-id': '5' } });
      await call('HooksGet', 422, { query: { per_page: 0 } });
    });

    it('reads, updates and refuses unknown or out-of-scope hooks with 404', async () => {
      const read = await call('HooksIdGet', 200, { params: { id: hook.id } });
      assert.equal((read.body as { data: HookV2 }).data.namespace, 'acme-v2');
      await call('HooksIdGet', 404, { params: { id: 987654 } });
      await call('HooksIdGet', 404, { params: { id: 'abc' } });
      const defaultHookId = scope.name === 'project' ? 1 : 987654; // the relay's default hook is a company hook
      await call('HooksIdGet', 404, { params: { id: defaultHookId } });
      const patched = await call('HooksIdPatch', 200, { params: { id: hook.id }, json: { status: 'disabled', payload_version: 'v3.0' } });
      assert.deepEqual([(patched.body as { data: HookV2 }).data.status, (patched.body as { data: HookV2 }).data.payload_version], ['disabled', 'v3.0']);
      await call('HooksIdPatch', 200, { params: { id: hook.id }, json: { status: 'active', payload_version: 'v2.0' } });
      await call('HooksIdPatch', 400, { params: { id: hook.id }, body: MALFORMED });
      await call('HooksIdPatch', 404, { params: { id: 987654 }, json: {} });
      await call('HooksIdPatch', 422, { params: { id: hook.id }, json: { status: 'paused' } });
      const relayView = (await (await fx.api(`/api/hooks/${hook.id}`)).json()) as { data: { status: string; payload_version: string } };
      assert.deepEqual([relayView.data.status, relayView.data.payload_version], ['active', 'v2.0'], 'one model');
    });

    it('creates, lists (paged) and deletes triggers', async () => {
      const created = await call('HooksHookIdTriggersPost', 201, { params: { hook_id: hook.id }, json: { resource_name: scope.resource, event_type: 'create', api_version: 'v2.0' } });
      const trigger = (created.body as { data: TriggerV2 }).data;
      assert.deepEqual([trigger.resource_name, trigger.event_type, trigger.webhook_hook_id], [scope.resource, 'create', hook.id]);
      await call('HooksHookIdTriggersPost', 201, { params: { hook_id: hook.id }, json: { resource_name: scope.resource, event_type: 'update' } });
      await call('HooksHookIdTriggersPost', 400, { params: { hook_id: hook.id }, body: MALFORMED });
      await call('HooksHookIdTriggersPost', 422, { params: { hook_id: hook.id }, json: { resource_name: 'Bids', event_type: 'delete' } });
      await call('HooksHookIdTriggersPost', 422, { params: { hook_id: hook.id }, json: { resource_name: scope.resource } });
      const page = await call('HooksHookIdTriggersGet', 200, { params: { hook_id: hook.id }, query: { per_page: 1, page: 2 } });
      assert.deepEqual((page.body as { data: TriggerV2[] }).data.map((t) => t.event_type), ['update']);
      assert.equal(page.headers.get('total'), '2');
      await call('HooksHookIdTriggersIdDelete', 204, { params: { hook_id: hook.id, id: trigger.id } });
      await call('HooksHookIdTriggersIdDelete', 404, { params: { hook_id: hook.id, id: trigger.id } });
      const count = await call('HooksIdGet', 200, { params: { id: hook.id } });
      assert.equal((count.body as { data: HookV2 }).data.trigger_count, 1);
    });

    it('bulk-creates (201, or 207 naming the failed entry, 413 above 500) and bulk-deletes (200, or 207) triggers', async () => {
      const entries = [{ resource_name: 'Submittals', event_type: 'delete' }, { resource_name: 'Submittals', event_type: 'create' }];
      const ok = await call('HooksHookIdTriggersBulkPost', 201, { params: { hook_id: hook.id }, json: entries });
      const made = (ok.body as { data: TriggerV2[] }).data;
      assert.equal(made.length, 2);
      const partial = await call('HooksHookIdTriggersBulkPost', 207, { params: { hook_id: hook.id }, json: [{ resource_name: 'Submittals', event_type: 'update' }, { resource_name: 'Bids', event_type: 'create' }] });
      const body = partial.body as { data: TriggerV2[]; errors: { index: number; resource_name: string; event_type: string; error: { code: string } }[] };
      assert.deepEqual(body.data.map((t) => t.event_type), ['update']);
      assert.deepEqual(body.errors.map((e) => [e.index, e.resource_name, e.event_type, e.error.code]), [[1, 'Bids', 'create', 'HOOKLINE_ERR_EVENT_TYPE_NOT_OFFERED']]);
      await call('HooksHookIdTriggersBulkPost', 400, { params: { hook_id: hook.id }, body: MALFORMED });
      await call('HooksHookIdTriggersBulkPost', 413, { params: { hook_id: hook.id }, json: Array.from({ length: 501 }, () => entries[0]) });
      const removed = await call('HooksHookIdTriggersBulkDelete', 200, { params: { hook_id: hook.id }, json: made.map((t) => t.id) });
      assert.deepEqual(removed.body, { data: { succeeded: made.map((t) => t.id) } });
      const mixed = await call('HooksHookIdTriggersBulkDelete', 207, { params: { hook_id: hook.id }, json: [body.data[0]?.id, '31337'] });
      const result = (mixed.body as { data: { succeeded: string[]; failed: { id: string; error: { code: string } }[] } }).data;
      assert.deepEqual(result.succeeded, [body.data[0]?.id]);
      assert.deepEqual(result.failed.map((f) => [f.id, f.error.code]), [['31337', 'HOOKLINE_ERR_TRIGGER_NOT_FOUND']]);
      await call('HooksHookIdTriggersBulkDelete', 400, { params: { hook_id: hook.id }, body: MALFORMED });
    });

    it('lists deliveries: the event id, the status, the exact payload sent and every attempt', async () => {
      const before = receiver.requests.length;
      const posted = await fx.api('/api/events', { method: 'POST', json: { resource_name: scope.resource, event_type: 'update', resource_id: '777', ...(scope.name === 'project' ? { project_id: PROJECT_ID } : {}) } });
      assert.equal(posted.status, 202);
      const { event } = (await posted.json()) as { event: { id: string } };
      const [request] = (await receiver.waitForRequests(before + 1)).slice(before);
      const res = await eventually(async () => {
        const r = await call('HooksHookIdDeliveriesGet', 200, { params: { hook_id: hook.id } });
        return (r.body as { data: { status: string }[] }).data[0]?.status === 'delivered' ? r : undefined;
      }, 'the delivery to be delivered');
      const exact = parse(res.text) as { data: { id: string; status: string; payload: unknown; delivery_attempts: { response_status: unknown }[] }[] };
      const delivery = exact.data[0];
      assert.equal(delivery?.id, event.id);
      assert.deepEqual(delivery?.payload, parse(request?.body.toString('utf8') ?? ''), 'the payload as sent, numbers exact');
      assert.deepEqual(delivery?.delivery_attempts.map((a) => String(a.response_status)), ['202']);
      const payload = (res.body as { data: { payload: Record<string, unknown> }[] }).data[0]?.payload ?? {};
      assert.ok(Number.isInteger(payload.id) && Number.isInteger(payload.resource_id) && typeof payload.ulid === 'string', 'the unexpanded payload fields have their real types');
      assert.equal(res.headers.get('total'), '1');
    });

    it('lists the resources of the scope for a payload version, 10 to a page', async () => {
      const res = await call('ResourcesGet', 200, { query: { payload_version: 'v3.0' } });
      const data = (res.body as { data: { name: string; payload_version: string; actions: string[] }[] }).data;
      assert.equal(data.length, 10);
      assert.equal(res.headers.get('total'), String(scope.resourceCount));
      assert.ok(data.every((r) => r.payload_version === 'v3.0' && r.actions.every((a) => ['create', 'update', 'delete'].includes(a))));
      await call('ResourcesGet', 422, {});
    });

    it('deletes a hook (204) and answers 404 for it afterwards, 400 for a malformed body', async () => {
      await call('HooksIdDelete', 400, { params: { id: hook.id }, body: MALFORMED });
      await call('HooksIdDelete', 204, { params: { id: hook.id } });
      await call('HooksIdDelete', 404, { params: { id: hook.id } });
      assert.equal((await fx.api(`/api/hooks/${hook.id}`)).status, 404, 'gone from the relay API too');
    });

    it(`exercised every ${scope.name} operation and its documented error statuses`, () => {
      assertCoverage(scope.prefix, {
        [`${scope.prefix}HooksIdGet 400`]: 'a GET of one hook has no body and no query parameters: nothing in it can be a Bad Request',
      });
    });
  });
}
