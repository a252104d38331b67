import { Router } from 'express';
import { RESOURCES } from '@hookline/core';
import { RELAY_VERSION } from '../../version.js';
import { resourceJson } from '../serialize.js';

const startedAt = Date.now();

/** GET /api/health needs no token, so tools can tell "not running" from "not allowed". */
export function healthRouter(): Router {
  const router = Router();
  router.get('/api/health', (_req, res) => {
    res.json({ status: 'ok', version: RELAY_VERSION, uptime_ms: Date.now() - startedAt });
  });
  return router;
}

export function resourcesRouter(): Router {
  const router = Router();
  router.get('/api/resources', (_req, res) => {
    res.json({ data: RESOURCES.map(resourceJson) });
  });
  return router;
}
