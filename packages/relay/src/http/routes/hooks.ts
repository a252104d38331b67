import { Router } from 'express';
import type { RelayService } from '../../service/types.js';
import { expectObject, pathId } from '../../input/fields.js';
import { readEndpoint, readHookPatch, readNewHook } from '../../input/requests.js';
import { healthJson, hookJson, issueJson } from '../serialize.js';

const HOOK_NAMES = {
  namespace: 'namespace',
  destinationUrl: 'destination_url',
  authorization: 'authorization',
  payloadVersion: 'payload_version',
  status: 'status',
} as const;
const ENDPOINT_NAMES = { destinationUrl: 'destination_url', authorization: 'authorization' } as const;

export function hooksRouter(service: RelayService): Router {
  const router = Router();

  router.get('/api/hooks', (_req, res) => {
    res.json({ data: service.listHooks().map(hookJson) });
  });

  router.post('/api/hooks', (req, res) => {
    const { hook, warnings } = service.createHook(readNewHook(expectObject(req.body), HOOK_NAMES));
    res.status(201).json({ data: hookJson(hook), warnings: warnings.map(issueJson) });
  });

  router.get('/api/hooks/:id', (req, res) => {
    res.json({ data: hookJson(service.getHook(pathId(req.params.id, 'id'))) });
  });

  router.get('/api/hooks/:id/health', (req, res) => {
    const [health] = service.hookHealth(pathId(req.params.id, 'id'));
    res.json({ data: healthJson(health!) });
  });

  router.patch('/api/hooks/:id', (req, res) => {
    const hookId = pathId(req.params.id, 'id');
    const { hook, warnings } = service.updateHook(hookId, readHookPatch(expectObject(req.body), HOOK_NAMES));
    res.json({ data: hookJson(hook), warnings: warnings.map(issueJson) });
  });

  router.delete('/api/hooks/:id', (req, res) => {
    service.deleteHook(pathId(req.params.id, 'id'));
    res.status(204).end();
  });

  router.put('/api/hooks/:id/endpoint', (req, res) => {
    const hookId = pathId(req.params.id, 'id');
    const { destinationUrl, authorization } = readEndpoint(expectObject(req.body), ENDPOINT_NAMES);
    const { hook, warnings } = service.setEndpoint(hookId, destinationUrl, authorization);
    res.json({ data: hookJson(hook), warnings: warnings.map(issueJson) });
  });

  return router;
}
