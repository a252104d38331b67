import { Router } from 'express';
import type { RelayService } from '../../service/types.js';
import {
  expectObject,
  optionalHookStatus,
  optionalNullableString,
  optionalPayloadVersion,
  optionalString,
  pathId,
  rejectUnknownFields,
  requiredString,
} from '../fields.js';
import { healthJson, hookJson, issueJson } from '../serialize.js';

const URL_MAX = 4096;
const AUTHORIZATION_MAX = 8192;

export function hooksRouter(service: RelayService): Router {
  const router = Router();

  router.get('/api/hooks', (_req, res) => {
    res.json({ data: service.listHooks().map(hookJson) });
  });

  router.post('/api/hooks', (req, res) => {
    const body = expectObject(req.body);
    rejectUnknownFields(body, ['namespace', 'destination_url', 'authorization', 'payload_version', 'status']);
    const { hook, warnings } = service.createHook({
      namespace: requiredString(body, 'namespace', 200),
      destinationUrl: optionalNullableString(body, 'destination_url', URL_MAX),
      authorization: optionalNullableString(body, 'authorization', AUTHORIZATION_MAX),
      payloadVersion: optionalPayloadVersion(body, 'payload_version'),
      status: optionalHookStatus(body, 'status'),
    });
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
    const body = expectObject(req.body);
    rejectUnknownFields(body, ['namespace', 'destination_url', 'authorization', 'payload_version', 'status']);
    const { hook, warnings } = service.updateHook(hookId, {
      namespace: optionalString(body, 'namespace', 200),
      destinationUrl: optionalNullableString(body, 'destination_url', URL_MAX),
      authorization: optionalNullableString(body, 'authorization', AUTHORIZATION_MAX),
      payloadVersion: optionalPayloadVersion(body, 'payload_version'),
      status: optionalHookStatus(body, 'status'),
    });
    res.json({ data: hookJson(hook), warnings: warnings.map(issueJson) });
  });

  router.delete('/api/hooks/:id', (req, res) => {
    service.deleteHook(pathId(req.params.id, 'id'));
    res.status(204).end();
  });

  router.put('/api/hooks/:id/endpoint', (req, res) => {
    const hookId = pathId(req.params.id, 'id');
    const body = expectObject(req.body);
    rejectUnknownFields(body, ['destination_url', 'authorization']);
    const { hook, warnings } = service.setEndpoint(
      hookId,
      requiredString(body, 'destination_url', URL_MAX),
      optionalNullableString(body, 'authorization', AUTHORIZATION_MAX),
    );
    res.json({ data: hookJson(hook), warnings: warnings.map(issueJson) });
  });

  return router;
}
