/**
 * Procore's v1.0 webhooks API: `/rest/v1.0/webhooks/...`, scoped by `company_id` or `project_id` (query or
 * body), answered bare. Hooks, triggers and deliveries are the relay's own, through its one service.
 */
import { Router, type Request } from 'express';
import { expectObject } from '../input/fields.js';
import { bulkCreate, bulkDelete } from './bulk.js';
import { readBulkList, readHookFields, readPayloadVersion, readTriggerInput, v1HookInput } from './bodies.js';
import { objectBody, pathNumber, queryOf, type ProcoreApiOptions } from './context.js';
import { v1DeliverySearch } from './delivery-query.js';
import { missingParam } from './errors.js';
import { queryString } from './query.js';
import { payloadVersions, resourcesForScope } from './resources.js';
import { sendEmpty, sendJson } from './respond.js';
import { hooksInScope, scopedHook, v1Scope, type ProcoreScope } from './scope.js';
import { deliveryV1, hookV1, resourceV1, triggerV1 } from './serialize-v1.js';

const BASE = '/rest/v1.0/webhooks';
/** Procore: "If no namespace is provided with a call, the default 'procore' namespace is assumed." */
export const PROCORE_DEFAULT_NAMESPACE = 'procore';

export function v1Router({ service, userId }: ProcoreApiOptions): Router {
  const router = Router();
  const scopeOf = (req: Request): ProcoreScope => v1Scope(queryOf(req), objectBody(req), service.companyId);
  const hookOf = (req: Request, param: 'id' | 'hook_id') => scopedHook(service, req.params[param], scopeOf(req));

  router.get(`${BASE}/hooks`, (req, res) => {
    const scope = scopeOf(req);
    const namespace = queryString(queryOf(req), 'namespace');
    const apiVersion = queryString(queryOf(req), 'api_version');
    const version = apiVersion === undefined ? undefined : readPayloadVersion(apiVersion, 'api_version');
    const hooks = hooksInScope(service, scope).filter(
      (h) => (namespace === undefined || h.namespace === namespace) && (version === undefined || h.payloadVersion === version),
    );
    sendJson(res, 200, hooks.map((h) => hookV1(h, userId)));
  });

  router.post(`${BASE}/hooks`, (req, res) => {
    const body = expectObject(req.body);
    const scope = v1Scope(queryOf(req), body, service.companyId);
    const fields = readHookFields(v1HookInput(body), 'api_version');
    if (fields.destinationUrl === undefined || fields.destinationUrl === null) {
      throw missingParam('destination_url', '"hook.destination_url" is required: the notification endpoint to POST events to.');
    }
    const { hook } = service.createHook({
      ...fields,
      namespace: fields.namespace ?? PROCORE_DEFAULT_NAMESPACE,
      companyId: scope.companyId,
      projectId: scope.projectId,
    });
    sendJson(res, 201, hookV1(hook, userId));
  });

  router.patch(`${BASE}/hooks/:id`, (req, res) => {
    const hook = hookOf(req, 'id');
    const { hook: updated } = service.updateHook(hook.id, readHookFields(v1HookInput(expectObject(req.body)), 'api_version'));
    sendJson(res, 200, hookV1(updated, userId));
  });

  router.delete(`${BASE}/hooks/:id`, (req, res) => {
    service.deleteHook(hookOf(req, 'id').id);
    sendEmpty(res, 200);
  });

  router.get(`${BASE}/hooks/:hook_id/triggers`, (req, res) => {
    const hook = hookOf(req, 'hook_id');
    sendJson(res, 200, service.listTriggers(hook.id).map((t) => triggerV1(t, hook, userId)));
  });

  router.post(`${BASE}/hooks/:hook_id/triggers`, (req, res) => {
    const body = expectObject(req.body);
    const hook = hookOf(req, 'hook_id');
    const input = readTriggerInput(body.trigger ?? body);
    sendJson(res, 201, triggerV1(service.addTrigger(hook.id, input.resourceName, input.eventType), hook, userId));
  });

  router.post(`${BASE}/hooks/:hook_id/triggers/bulk`, (req, res) => {
    const hook = hookOf(req, 'hook_id');
    const { created, failed } = bulkCreate(service, hook.id, readBulkList(req.body));
    const success = created.map((t) => triggerV1(t, hook, userId));
    sendJson(res, failed.length > 0 ? 207 : 200, failed.length > 0 ? { success, failure: failed } : { success });
  });

  router.delete(`${BASE}/hooks/:hook_id/triggers/bulk`, (req, res) => {
    const hook = hookOf(req, 'hook_id');
    const { deleted, failed } = bulkDelete(service, hook.id, readBulkList(req.body));
    sendJson(res, failed.length > 0 ? 207 : 200, failed.length > 0 ? { success: deleted, failure: failed } : { success: deleted });
  });

  router.delete(`${BASE}/hooks/:hook_id/triggers/:id`, (req, res) => {
    service.deleteTrigger(hookOf(req, 'hook_id').id, pathNumber(req.params.id));
    sendEmpty(res, 200);
  });

  router.get(`${BASE}/hooks/:hook_id/deliveries`, (req, res) => {
    const hook = hookOf(req, 'hook_id');
    const { data } = service.searchDeliveries(v1DeliverySearch(queryOf(req), hook.id));
    sendJson(res, 200, data.map((d) => deliveryV1(d, d.payloadVersion === 'v4.0' ? service.findEvent(d.eventId) : null)));
  });

  router.get(`${BASE}/resources/api_versions`, (req, res) => {
    scopeOf(req);
    sendJson(res, 200, payloadVersions());
  });

  router.get(`${BASE}/resources`, (req, res) => {
    const scope = scopeOf(req);
    const apiVersion = queryString(queryOf(req), 'api_version');
    const version = apiVersion === undefined ? 'v2.0' : readPayloadVersion(apiVersion, 'api_version');
    sendJson(res, 200, resourcesForScope(scope).map((r) => resourceV1(r, version)));
  });

  return router;
}
