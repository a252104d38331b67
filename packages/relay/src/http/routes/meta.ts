import { Router } from 'express';
import { RESOURCES } from '@hookline/core';
import type { SqliteDriverName } from '../../store/driver/sqlite-driver.js';
import { RELAY_VERSION } from '../../version.js';
import { resourceJson } from '../serialize.js';

const startedAt = Date.now();

/**
 * GET /api/health needs no token, so tools can tell "not running" from "not allowed". `sqlite_driver` is the
 * store's driver: "node" (node:sqlite) or "better-sqlite3".
 */
export function healthRouter(sqliteDriver: SqliteDriverName): Router {
  const router = Router();
  router.get('/api/health', (_req, res) => {
    res.json({ status: 'ok', version: RELAY_VERSION, uptime_ms: Date.now() - startedAt, sqlite_driver: sqliteDriver });
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
