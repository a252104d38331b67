/**
 * Starts a whole relay: data dir and token, the service (store + delivery engine), the HTTP API and the
 * WebSocket hub on one port, and the per-attempt log. `hookline relay` and the tests both start it here.
 */
import { createServer } from 'node:http';
import { DEFAULT_SEND_TIMEOUT_MS } from '@hookline/core';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { logRelayChanges } from './relay-log.js';
import { validateRelayOptions } from './config.js';
import type { RelayOptions } from './config.js';
import { DATABASE_FILE, ensureDataDir, ensureToken } from './data-dir.js';
import { acquireDataDirLock, type DataDirLock } from './data-dir-lock.js';
import { createHttpApp } from './http/app.js';
import { withIngestPath } from './http/ingest-path.js';
import type { AccessPolicy } from './access/guards.js';
import type { Logger } from './log.js';
import { procoreApiRouter } from './procore/router.js';
import { createRelayMetrics } from './monitoring/metrics.js';
import { metricsRouter } from './monitoring/metrics-route.js';
import { openRelayService, type RelayServiceOptions } from './service/relay-service.js';
import type { RelayService } from './service/types.js';
import { resolveDriver } from './store/database.js';
import { damagedDatabaseError } from './store/database-check.js';
import type { SqliteDriver, SqliteDriverName } from './store/driver/sqlite-driver.js';
import { recoverDatabase } from './store/set-aside.js';
import { isDatabaseDamagedError } from './store/sqlite-errors.js';
import { RELAY_VERSION, USER_AGENT } from './version.js';
import { formatBytes } from './store/storage-status.js';
import { attachWsHub } from './ws/hub.js';
import { WebSessions } from './web/sessions.js';
import { publicWebRouter, sessionVerifier, webApiRouter } from './web/web-routes.js';

export interface RunningRelay {
  url: string;
  wsUrl: string;
  dataDir: string;
  token: string;
  version: string;
  /** The SQLite driver the store runs on. */
  sqliteDriver: SqliteDriverName;
  service: RelayService;
  close(): Promise<void>;
}

export async function startRelay(options: RelayOptions, logger: Logger): Promise<RunningRelay> {
  validateRelayOptions(options);
  ensureDataDir(options.dataDir);
  const driver = resolveDriver(options.sqliteDriver);
  const lock = acquireDataDirLock(options.dataDir, driver);
  try {
    if (options.recover) recover(join(options.dataDir, DATABASE_FILE), driver, logger);
    return await startLocked(options, logger, lock);
  } catch (error) {
    lock.release();
    throw error;
  }
}

function recover(databasePath: string, driver: SqliteDriver, logger: Logger): void {
  const outcome = recoverDatabase(databasePath, driver);
  if (outcome.kind === 'sound') logger.info(`${databasePath} passed its integrity check: nothing to recover, starting on it.`);
  if (outcome.kind === 'setAside') {
    logger.warn(`${databasePath} was damaged (${outcome.problems[0] ?? 'integrity check failed'}): kept as ${outcome.movedTo}; starting with a fresh database.`);
  }
}

/** The service on relay.db; a damaged file is refused with its name and the way out. */
function openService(options: RelayServiceOptions, dataDir: string): RelayService {
  try {
    return openRelayService(options);
  } catch (error) {
    if (isDatabaseDamagedError(error)) throw damagedDatabaseError(options.databasePath, dataDir, error);
    throw error;
  }
}

async function startLocked(options: RelayOptions, logger: Logger, lock: DataDirLock): Promise<RunningRelay> {
  const token = ensureToken(options.dataDir);
  const reportError = (error: unknown): void => {
    logger.error(`Unexpected error: ${error instanceof Error ? error.message : String(error)}`);
  };
  const service = openService({
    databasePath: join(options.dataDir, DATABASE_FILE),
    companyId: options.companyId,
    defaultProjectId: options.projectId,
    defaultUserId: options.userId,
    timeScale: options.timeScale,
    maxInFlight: options.maxInFlight,
    userAgent: USER_AGENT,
    onError: reportError,
    sqliteDriver: options.sqliteDriver,
    sendTimeoutMs: options.sendTimeoutMs,
    retentionMs: options.retentionMs,
    onPruned: (result) => {
      logger.info(`Pruned ${result.deliveries} deliveries (${result.attempts} attempts) and ${result.events} events created before ${result.before}${result.freedBytes > 0 ? `; ${formatBytes(result.freedBytes)} given back to the disk` : ''}.`);
    },
    // Attempts end by their own deadline, so a graceful stop that waits a little longer records every one.
    closeGraceMs: (options.sendTimeoutMs ?? DEFAULT_SEND_TIMEOUT_MS) + 1000,
    onStorageChange: (state) => {
      if (state.status === 'degraded') logger.warn(`Storage degraded: ${state.reason}`, { code: state.code, dataDir: state.dataDir, freeBytes: state.freeBytes });
      else logger.info('Storage: writing again; the delivery state kept in memory meanwhile is saved.');
    },
  }, options.dataDir);

  const metrics = createRelayMetrics(service);
  const server = createServer();
  let boundPort = options.port;
  const sessions = new WebSessions();
  const access: AccessPolicy = { boundHost: options.host, port: () => boundPort, token, sessions: sessionVerifier(sessions, () => boundPort) };
  const app = createHttpApp({
    service,
    access,
    reportError,
    publicRouters: [publicWebRouter({ sessions, access }), ...(options.metricsPublic ? [metricsRouter(metrics)] : [])],
    extraRouters: [
      webApiRouter({ sessions, access }),
      procoreApiRouter({ service, userId: options.userId }),
      ...(options.metricsPublic ? [] : [metricsRouter(metrics)]),
    ],
  });
  server.on('request', withIngestPath(app, { service, access, reportError }));
  server.keepAliveTimeout = 65_000;
  const hub = attachWsHub({ server, service, access, reportError });
  const stopLog = logRelayChanges(service.changes, logger);
  const stopWatching = (): void => {
    stopLog();
    metrics.dispose();
  };

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port, options.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    stopWatching();
    await hub.close();
    await service.close();
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new Error(`Port ${options.port} on ${options.host} is already in use. Is another relay running? Stop it or pass --port.`);
    throw error;
  }
  boundPort = (server.address() as AddressInfo).port;
  const hostForUrl = options.host.includes(':') ? `[${options.host}]` : options.host;
  const url = `http://${hostForUrl}:${boundPort}`;
  lock.announce(url);

  let closing: Promise<void> | null = null;
  return {
    url,
    wsUrl: `ws://${hostForUrl}:${boundPort}/ws`,
    dataDir: options.dataDir,
    token,
    version: RELAY_VERSION,
    sqliteDriver: service.sqliteDriver,
    service,
    close: () => {
      closing ??= (async () => {
        stopWatching();
        await hub.close();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        try {
          await service.close();
        } finally {
          lock.release();
        }
      })();
      return closing;
    },
  };
}
