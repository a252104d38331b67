/**
 * Procore's v2.0 webhooks API, mounted at `/rest/v2.0/companies/{company_id}/webhooks` and at
 * `/rest/v2.0/companies/{company_id}/projects/{project_id}/webhooks`: the scope is in the path, answers are
 * wrapped in `{data: ...}`, lists are paged by `page`/`per_page` (default 10) with Total, Per-Page and Link headers.
 */
import { Router, type Request } from 'express';
import { expectObject } from '../input/fields.js';
import { bulkCreate, bulkDelete } from './bulk.js';
import { readBulkList, readHookFields, readPayloadVersion, readTriggerInput } from './bodies.js';
import { pathNumber, queryOf, type ProcoreApiOptions } from './context.js';
import { v2DeliverySearch } from './delivery-query.js';
import { missingParam } from './errors.js';
import { queryBoolean, queryString, readPaging } from './query.js';
import { resourcesForScope } from './resources.js';
import { pageOf, sendEmpty, sendJson, setPageHeaders } from './respond.js';
import { hooksInScope, scopedHook, v2Scope, type ProcoreScope } from './scope.js';
import { deliveryV2, hookV2, resourceV2, triggerV2 } from './serialize-v2.js';

/** The fields Procore requires to create a hook. */
const REQUIRED_ON_CREATE = [
  ['destination_url', 'destinationUrl', 'the notification endpoint to POST events to'],
  ['namespace', 'namespace', 'your integration\'s namespace (lowercase a-z, 0-9 and "-")'],
  ['payload_version', 'payloadVersion', 'v2.0, v3.0 or v4.0'],
] as const;

export function v2Router({ service }: ProcoreApiOptions): Router {
  const router = Router({ mergeParams: true });
  const scopeOf = (req: Request): ProcoreScope => v2Scope(req.params as Record<string, string | undefined>, service.companyId);
  const hookOf = (req: Request, param: 'id' | 'hook_id') => scopedHook(service, req.params[param], scopeOf(req));
  const triggerCount = (hookId: number): number => service.listTriggers(hookId).length;

  router.get('/hooks', (req, res) => {
    const scope = scopeOf(req);
    const query = queryOf(req);
    const paging = readPaging(query);
    const namespace = queryString(query, 'namespace');
    const requested = queryString(query, 'payload_version');
    const version = requested === undefined ? undefined : readPayloadVersion(requested, 'payload_version');
    const withCount = queryBoolean(query, 'include_trigger_count') ?? false;
    const hooks = hooksInScope(service, scope).filter(
      (h) => (namespace === undefined || h.namespace === namespace) && (version === undefined || h.payloadVersion === version),
    );
    setPageHeaders(req, res, paging, hooks.length);
    sendJson(res, 200, { data: pageOf(hooks, paging).map((h) => hookV2(h, withCount ? triggerCount(h.id) : undefined)) });
  });

  router.post('/hooks', (req, res) => {
    const scope = scopeOf(req);
    const fields = readHookFields(expectObject(req.body), 'payload_version');
    for (const [field, key, what] of REQUIRED_ON_CREATE) {
      if (fields[key] === undefined || fields[key] === null) throw missingParam(field, `"${field}" is required: send ${what}.`);
    }
    const { hook } = service.createHook({ ...fields, namespace: fields.namespace ?? '', companyId: scope.companyId, projectId: scope.projectId });
    sendJson(res, 201, { data: hookV2(hook, 0) });
  });

  router.get('/hooks/:id', (req, res) => {
    const hook = hookOf(req, 'id');
    sendJson(res, 200, { data: hookV2(hook, triggerCount(hook.id)) });
  });

  router.patch('/hooks/:id', (req, res) => {
    const hook = hookOf(req, 'id');
    const { hook: updated } = service.updateHook(hook.id, readHookFields(expectObject(req.body ?? {}), 'payload_version'));
    sendJson(res, 200, { data: hookV2(updated, triggerCount(updated.id)) });
  });

  router.delete('/hooks/:id', (req, res) => {
    service.deleteHook(hookOf(req, 'id').id);
    sendEmpty(res, 204);
  });

  router.get('/hooks/:hook_id/triggers', (req, res) => {
    const hook = hookOf(req, 'hook_id');
    const paging = readPaging(queryOf(req));
    const triggers = service.listTriggers(hook.id);
    setPageHeaders(req, res, paging, triggers.length);
    sendJson(res, 200, { data: pageOf(triggers, paging).map((t) => triggerV2(t, hook)) });
  });

  router.post('/hooks/:hook_id/triggers', (req, res) => {
    const hook = hookOf(req, 'hook_id');
    const input = readTriggerInput(req.body);
    sendJson(res, 201, { data: triggerV2(service.addTrigger(hook.id, input.resourceName, input.eventType), hook) });
  });

  router.post('/hooks/:hook_id/triggers/bulk', (req, res) => {
    const hook = hookOf(req, 'hook_id');
    const { created, failed } = bulkCreate(service, hook.id, readBulkList(req.body));
    const data = created.map((t) => triggerV2(t, hook));
    sendJson(res, failed.length > 0 ? 207 : 201, failed.length > 0 ? { data, errors: failed } : { data });
  });

  router.delete('/hooks/:hook_id/triggers/bulk', (req, res) => {
    const hook = hookOf(req, 'hook_id');
    const { deleted, failed } = bulkDelete(service, hook.id, readBulkList(req.body));
    const succeeded = deleted.map(String);
    sendJson(res, failed.length > 0 ? 207 : 200, { data: failed.length > 0 ? { succeeded, failed } : { succeeded } });
  });

  router.delete('/hooks/:hook_id/triggers/:id', (req, res) => {
    service.deleteTrigger(hookOf(req, 'hook_id').id, pathNumber(req.params.id));
    sendEmpty(res, 204);
  });

  router.get('/hooks/:hook_id/deliveries', (req, res) => {
    const hook = hookOf(req, 'hook_id');
    const paging = readPaging(queryOf(req));
    const { data, total } = service.searchDeliveries(v2DeliverySearch(queryOf(req), hook.id, paging));
    setPageHeaders(req, res, paging, total ?? data.length);
    sendJson(res, 200, { data: data.map(deliveryV2) });
  });

  router.get('/resources', (req, res) => {
    const scope = scopeOf(req);
    const requested = queryString(queryOf(req), 'payload_version');
    if (requested === undefined) throw missingParam('payload_version', '"payload_version" is required: send v2.0, v3.0 or v4.0.');
    const version = readPayloadVersion(requested, 'payload_version');
    const paging = readPaging(queryOf(req));
    const resources = resourcesForScope(scope);
    setPageHeaders(req, res, paging, resources.length);
    sendJson(res, 200, { data: pageOf(resources, paging).map((r) => resourceV2(r, version)) });
  });

  return router;
}
