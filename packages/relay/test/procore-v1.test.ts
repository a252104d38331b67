/**
 * Procore's v1.0 webhooks API on the relay: every endpoint in test/fixtures/procore-openapi/RestV10*.json is called as
 * described, and every answer (successes and the documented error statuses) is validated against the
 * description's schema with ajv.
 */
import assert from 'node:assert/strict';
import { assertCoverage, eventually, expectOp, type OpRequest } from './support/procore-contract.js';
import { startReceiver, type Receiver } from './support/receiver.js';
import { startRelayFixture, type RelayFixture } from './support/relay-fixture.js';

const FOREIGN_ORIGIN: OpRequest['headers'] = { origin: 'https://evil.example' };
const WRONG_TOKEN: OpRequest['headers'] = { authorization: 'Bearer not-the-token' };

interface HookV1 {
  id: number;
  api_version: string;
  namespace: string;
  destination_url?: string;
  destination_headers: { Authorization?: string };
  owned_by_company_id: number;
  owned_by_project_id?: number;
  owned_by_user_id: number;
}

interface TriggerV1 {
  id: number;
  webhook_hook_id: number;
  resource_name: string;
  event_type: string;
  company_id?: number;
  project_id?: number;
}

describe('Procore API v1.0: every endpoint against its description', function () {
  this.timeout(20000);
  let fx: RelayFixture;
  let receiver: Receiver;
  let hook: HookV1;
  let projectHook: HookV1;

  before(async () => {
    receiver = await startReceiver({ status: 200, body: 'thanks' });
    fx = await startRelayFixture();
    const created = await expectOp(fx, 'RestV10WebhooksHooksPost', 201, {
      json: {
        company_id: 1,
        hook: { api_version: 'v2', namespace: 'acme-v1', destination_url: `${receiver.url}/v1`, destination_headers: { Authorization: 'Bearer v1-secret-ABCDE' } },
      },
    });
    hook = created.body as HookV1;
    const inProject = await expectOp(fx, 'RestV10WebhooksHooksPost', 201, {
      json: { project_id: 2468013579, hook: { destination_url: `${receiver.url}/p` } },
    });
    projectHook = inProject.body as HookV1;
  });
  after(async () => {
    await fx.stop();
    await receiver.close();
  });

  it('creates hooks in the company or a project, with Procore names and the secret masked to its last 5 characters', () => {
    assert.equal(hook.api_version, 'v2.0');
    assert.equal(hook.namespace, 'acme-v1');
    assert.equal(hook.owned_by_company_id, 1);
    assert.equal(hook.owned_by_project_id, undefined);
    assert.equal(hook.destination_headers.Authorization?.endsWith('ABCDE'), true);
    assert.doesNotMatch(JSON.stringify(hook), /v1-secret/);
    assert.equal(projectHook.namespace, 'procore', "Procore's default namespace");
    assert.equal(projectHook.owned_by_project_id, 2468013579);
    assert.deepEqual(projectHook.destination_headers, {});
  });

  it('refuses a create without a scope (422), for another company (404) or with invalid fields (422)', async () => {
    await expectOp(fx, 'RestV10WebhooksHooksPost', 422, { json: { hook: { destination_url: receiver.url } } });
    await expectOp(fx, 'RestV10WebhooksHooksPost', 404, { json: { company_id: 2, hook: { destination_url: receiver.url } } });
    await expectOp(fx, 'RestV10WebhooksHooksPost', 404, { json: { company_id: 1, hook: { destination_url: receiver.url } }, headers: { 'procore-company-id': '99' } });
    const bad = await expectOp(fx, 'RestV10WebhooksHooksPost', 422, { json: { company_id: 1, hook: { namespace: 'Bad Name', destination_url: receiver.url } } });
    assert.equal((bad.body as { error: { field: string } }).error.field, 'namespace');
    await expectOp(fx, 'RestV10WebhooksHooksPost', 422, { json: { company_id: 1, hook: { namespace: 'no-url' } } });
    await expectOp(fx, 'RestV10WebhooksHooksPost', 422, { json: { company_id: 1, hook: { destination_url: receiver.url, api_version: 'v9' } } });
  });

  it('lists the hooks of one scope, filtered by namespace and api_version', async () => {
    const all = (await expectOp(fx, 'RestV10WebhooksHooksGet', 200, { query: { company_id: 1 }, headers: { 'procore-company-id': '1' } })).body as HookV1[];
    assert.deepEqual(all.map((h) => h.namespace).sort(), ['acme-v1', 'hookline'], 'the relay default hook is the same model');
    const mine = (await expectOp(fx, 'RestV10WebhooksHooksGet', 200, { query: { company_id: 1, namespace: 'acme-v1', api_version: 'v2.0' } })).body as HookV1[];
    assert.deepEqual(mine.map((h) => h.id), [hook.id]);
    const none = (await expectOp(fx, 'RestV10WebhooksHooksGet', 200, { query: { company_id: 1, namespace: 'acme-v1', api_version: 'v4' } })).body as HookV1[];
    assert.deepEqual(none, []);
    const project = (await expectOp(fx, 'RestV10WebhooksHooksGet', 200, { query: { project_id: 2468013579 } })).body as HookV1[];
    assert.deepEqual(project.map((h) => h.id), [projectHook.id]);
    await expectOp(fx, 'RestV10WebhooksHooksGet', 422, {});
    await expectOp(fx, 'RestV10WebhooksHooksGet', 404, { query: { company_id: 7 } });
    await expectOp(fx, 'RestV10WebhooksHooksGet', 401, { query: { company_id: 1 }, headers: WRONG_TOKEN });
  });

  it('updates a hook (200) and answers 404 for an unknown hook or one of another scope, 422 for a bad URL', async () => {
    const res = await expectOp(fx, 'RestV10WebhooksHooksIdPatch', 200, {
      params: { id: hook.id },
      json: { company_id: 1, hook: { api_version: 'v3', destination_headers: { Authorization: 'Bearer rotated-XYZ12' } } },
    });
    const updated = res.body as HookV1;
    assert.equal(updated.api_version, 'v3.0');
    assert.equal(updated.destination_headers.Authorization?.endsWith('XYZ12'), true);
    await expectOp(fx, 'RestV10WebhooksHooksIdPatch', 404, { params: { id: 999999 }, json: { company_id: 1, hook: {} } });
    await expectOp(fx, 'RestV10WebhooksHooksIdPatch', 404, { params: { id: projectHook.id }, json: { company_id: 1, hook: {} } });
    await expectOp(fx, 'RestV10WebhooksHooksIdPatch', 422, { params: { id: hook.id }, json: { company_id: 1, hook: { destination_url: 'ftp://x' } } });
    await expectOp(fx, 'RestV10WebhooksHooksIdPatch', 200, { params: { id: hook.id }, json: { company_id: 1, hook: { api_version: 'v2.0' } } });
  });

  it('creates, lists and deletes triggers, event types upper-case', async () => {
    const created = (await expectOp(fx, 'RestV10WebhooksHooksHookIdTriggersPost', 201, {
      params: { hook_id: hook.id },
      json: { company_id: 1, api_version: 'v2', trigger: { resource_name: 'RFIs', event_type: 'create' } },
    })).body as TriggerV1;
    assert.equal(created.event_type, 'CREATE');
    assert.equal(created.webhook_hook_id, hook.id);
    assert.equal(created.company_id, 1);
    const extra = (await expectOp(fx, 'RestV10WebhooksHooksHookIdTriggersPost', 201, {
      params: { hook_id: hook.id },
      json: { company_id: 1, trigger: { resource_name: 'RFIs', event_type: 'DELETE' } },
    })).body as TriggerV1;
    const list = (await expectOp(fx, 'RestV10WebhooksHooksHookIdTriggersGet', 200, { params: { hook_id: hook.id }, query: { company_id: 1 } })).body as TriggerV1[];
    assert.deepEqual(list.map((t) => `${t.resource_name} ${t.event_type}`), ['RFIs CREATE', 'RFIs DELETE']);
    await expectOp(fx, 'RestV10WebhooksHooksHookIdTriggersIdDelete', 200, { params: { hook_id: hook.id, id: extra.id }, query: { company_id: 1 } });
    await expectOp(fx, 'RestV10WebhooksHooksHookIdTriggersIdDelete', 404, { params: { hook_id: hook.id, id: extra.id }, query: { company_id: 1 } });
    await expectOp(fx, 'RestV10WebhooksHooksHookIdTriggersGet', 404, { params: { hook_id: 424242 }, query: { company_id: 1 } });
    await expectOp(fx, 'RestV10WebhooksHooksHookIdTriggersPost', 422, { params: { hook_id: hook.id }, json: { company_id: 1, trigger: { resource_name: 'Bids', event_type: 'create' } } });
    await expectOp(fx, 'RestV10WebhooksHooksHookIdTriggersPost', 422, { params: { hook_id: hook.id }, json: { company_id: 1, trigger: { resource_name: 'RFIs', event_type: 'archive' } } });
    const grid = (await (await fx.api(`/api/hooks/${hook.id}/triggers`)).json()) as { data: { grid: Record<string, string[]> } };
    assert.deepEqual(grid.data.grid, { RFIs: ['create'] }, 'the relay API sees the same triggers');
  });

  it('bulk-creates triggers: 200, 207 naming the entry that failed, 413 above 500, 403 from a foreign origin', async () => {
    const ok = await expectOp(fx, 'RestV10WebhooksHooksHookIdTriggersBulkPost', 200, {
      params: { hook_id: projectHook.id },
      json: { project_id: 2468013579, api_version: 'v2', triggers: [{ resource_name: 'Submittals', event_type: 'create' }, { resource_name: 'Submittals', event_type: 'update' }] },
    });
    const success = (ok.body as { success: TriggerV1[] }).success;
    assert.deepEqual(success.map((t) => [t.event_type, t.project_id]), [['CREATE', 2468013579], ['UPDATE', 2468013579]]);
    const partial = await expectOp(fx, 'RestV10WebhooksHooksHookIdTriggersBulkPost', 207, {
      params: { hook_id: projectHook.id },
      json: { project_id: 2468013579, triggers: [{ resource_name: 'RFIs', event_type: 'update' }, { resource_name: 'Nope', event_type: 'create' }, 'RFIs'] },
    });
    const failure = (partial.body as { failure: { index: number; resource_name: string; error: { code: string } }[] }).failure;
    assert.deepEqual(failure.map((f) => [f.index, f.resource_name, f.error.code]), [[1, 'Nope', 'HOOKLINE_ERR_UNKNOWN_RESOURCE'], [2, null, 'HOOKLINE_ERR_INVALID_FIELD']]);
    const tooMany = Array.from({ length: 501 }, () => ({ resource_name: 'RFIs', event_type: 'create' }));
    await expectOp(fx, 'RestV10WebhooksHooksHookIdTriggersBulkPost', 413, { params: { hook_id: projectHook.id }, json: { project_id: 2468013579, triggers: tooMany } });
    await expectOp(fx, 'RestV10WebhooksHooksHookIdTriggersBulkPost', 403, { params: { hook_id: projectHook.id }, json: { project_id: 1, triggers: [] }, headers: FOREIGN_ORIGIN });
  });

  it('bulk-deletes triggers by id from a DELETE body: 200, 207 for an unknown id, 413, 403', async () => {
    const list = (await expectOp(fx, 'RestV10WebhooksHooksHookIdTriggersGet', 200, { params: { hook_id: projectHook.id }, query: { project_id: 2468013579 } })).body as TriggerV1[];
    assert.equal(list.length, 3);
    const first = list[0] as TriggerV1;
    const ok = await expectOp(fx, 'RestV10WebhooksHooksHookIdTriggersBulkDelete', 200, { params: { hook_id: projectHook.id }, json: { project_id: 2468013579, triggers: [first.id] } });
    assert.deepEqual(ok.body, { success: [first.id] });
    const partial = await expectOp(fx, 'RestV10WebhooksHooksHookIdTriggersBulkDelete', 207, {
      params: { hook_id: projectHook.id },
      json: { project_id: 2468013579, triggers: list.slice(1).map((t) => String(t.id)).concat(['777777']) },
    });
    const body = partial.body as { success: number[]; failure: { id: string; error: { code: string } }[] };
    assert.deepEqual(body.success, list.slice(1).map((t) => t.id));
    assert.deepEqual(body.failure.map((f) => [f.id, f.error.code]), [['777777', 'HOOKLINE_ERR_TRIGGER_NOT_FOUND']]);
    await expectOp(fx, 'RestV10WebhooksHooksHookIdTriggersBulkDelete', 413, { params: { hook_id: projectHook.id }, json: { project_id: 2468013579, triggers: Array.from({ length: 501 }, (_, i) => i + 1) } });
    await expectOp(fx, 'RestV10WebhooksHooksHookIdTriggersBulkDelete', 403, { params: { hook_id: projectHook.id }, json: { project_id: 2468013579, triggers: [] }, headers: FOREIGN_ORIGIN });
  });

  it('lists deliveries with the outcome and the response of the last attempt', async () => {
    const event = (await (await fx.api('/api/events', { method: 'POST', json: { resource_name: 'RFIs', event_type: 'create', resource_id: '54321' } })).json()) as { event: { id: string } };
    await receiver.waitForRequests(1);
    type Record = { outcome: string; response_status?: number; response_body?: string; event: { resource_id: number } };
    const res = await eventually(async () => {
      const r = await expectOp(fx, 'RestV10WebhooksHooksHookIdDeliveriesGet', 200, { params: { hook_id: hook.id }, query: { company_id: 1 } });
      return (r.body as Record[])[0]?.response_status === 200 ? r : undefined;
    }, 'the delivery to be recorded');
    const records = res.body as Record[];
    assert.match(res.text, new RegExp(`"event_id":${event.event.id}[,}]`), 'the 64-bit event id digit for digit');
    assert.equal(records.length, 1);
    assert.equal(records[0]?.outcome, 'ok');
    assert.equal(records[0]?.response_body, 'thanks');
    assert.equal(records[0]?.event.resource_id, 54321);
    await expectOp(fx, 'RestV10WebhooksHooksHookIdDeliveriesGet', 422, { params: { hook_id: hook.id }, query: { company_id: 1, 'filters[status]': 'sometimes' } });
    await expectOp(fx, 'RestV10WebhooksHooksHookIdDeliveriesGet', 404, { params: { hook_id: hook.id }, query: { project_id: 5 } });
  });

  it('lists the resources of a scope and the payload versions', async () => {
    type Resource = { name: string; api_version: string; except: string[]; create?: string; update?: string; delete?: string };
    const project = (await expectOp(fx, 'RestV10WebhooksResourcesGet', 200, { query: { project_id: 2468013579 } })).body as Resource[];
    assert.equal(project.length, 96);
    assert.ok(project.every((r) => r.api_version === 'v2.0'));
    const company = (await expectOp(fx, 'RestV10WebhooksResourcesGet', 200, { query: { company_id: 1, api_version: 'v4' } })).body as Resource[];
    assert.equal(company.length, 121);
    const bids = company.find((r) => r.name === 'Bids');
    assert.deepEqual(bids, { name: 'Bids', api_version: 'v4.0', except: ['create', 'delete'], update: 'update' });
    await expectOp(fx, 'RestV10WebhooksResourcesGet', 422, {});
    const versions = await expectOp(fx, 'RestV10WebhooksResourcesApiVersionsGet', 200, { query: { project_id: 2468013579 } });
    assert.deepEqual(versions.body, ['v4.0', 'v3.0', 'v2.0']);
    await expectOp(fx, 'RestV10WebhooksResourcesApiVersionsGet', 404, { query: { company_id: 3 } });
  });

  it('deletes a hook (200, empty) and then answers 404 for it', async () => {
    await expectOp(fx, 'RestV10WebhooksHooksIdDelete', 200, { params: { id: projectHook.id }, query: { project_id: 2468013579 } });
    await expectOp(fx, 'RestV10WebhooksHooksIdDelete', 404, { params: { id: projectHook.id }, query: { project_id: 2468013579 } });
    const res = await fx.api(`/api/hooks/${projectHook.id}`);
    assert.equal(res.status, 404, 'gone from the relay API too');
  });

  it('exercised every v1.0 operation and its documented error statuses', () => {
    assertCoverage('RestV10');
  });
});
