import { Router } from 'express';
import { RESOURCES } from '@hookline/core';
import type { SqliteDriverName } from '../../store/driver/sqlite-driver.js';
import type { StorageState } from '../../store/storage-status.js';
import { RELAY_VERSION } from '../../version.js';
import { resourceJson } from '../serialize.js';

const startedAt = Date.now();

/**
 * GET /api/health needs no token, so tools can tell "not running" from "not allowed". `sqlite_driver` is the
 * store's driver: "node" (node:sqlite) or "better-sqlite3". `status` is "degraded" while the store cannot write
 * (the disk is full), with `reason` (what is wrong and what to do), `code`, `since`, `data_dir` and `free_bytes`.
 */
export function healthRouter(sqliteDriver: SqliteDriverName, storageHealth: () => StorageState): Router {
  const router = Router();
  router.get('/api/health', (_req, res) => {
    const storage = storageHealth();
    const base = { version: RELAY_VERSION, uptime_ms: Date.now() - startedAt, sqlite_driver: sqliteDriver };
    if (storage.status === 'ok') {
      res.json({ status: 'ok', ...base });
      return;
    }
    res.json({ status: 'degraded', ...base, reason: storage.reason, code: storage.code, since: storage.since, data_dir: storage.dataDir, free_bytes: storage.freeBytes });
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
