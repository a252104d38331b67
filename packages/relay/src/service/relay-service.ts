/**
 * Opens the relay's application layer: the SQLite store (migrated), the default hook on first start, the write
 * path, the sender and the delivery engine (resuming whatever was enqueued or retrying when the last process
 * stopped). The HTTP API, the WebSocket hub and the CLI all work through the `RelayService` it returns.
 */
import { dirname } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  DEFAULT_NAMESPACE,
  DEFAULT_RETRY_POLICY,
  DEFAULT_SEND_TIMEOUT_MS,
  parseInt64,
  scaleRetryPolicy,
  type RetryPolicy,
} from '@hookline/core';
import { ChangeWriter } from '../delivery/change-writer.js';
import { systemClock, type Clock } from '../delivery/clock.js';
import { DeliveryEngine } from '../delivery/engine.js';
import { createSender } from '../delivery/sender.js';
import { startCheckpointer } from '../store/checkpointer.js';
import { isSqliteDriverChoice, type SqliteDriverChoice } from '../store/driver/select-driver.js';
import { isStorageFullError } from '../store/sqlite-errors.js';
import { StorageStatus, storageHealthOf, type StorageState } from '../store/storage-status.js';
import { openStore, type Store } from '../store/store.js';
import { ChangeHub } from './change-feed.js';
import { requireHook, type ServiceContext } from './context.js';
import { DeliveryQueries } from './delivery-queries.js';
import { DeliveryReplay } from './delivery-replay.js';
import { EventIntake } from './event-intake.js';
import { HookCommands } from './hook-commands.js';
import { HealthMonitor } from './health-monitor.js';
import { HookCache } from './hook-cache.js';
import { followHookChanges } from './hook-followers.js';
import { HookMatcher } from './hook-matcher.js';
import { DEFAULT_RETENTION_MS } from '../config.js';
import { RetentionPruner, type PruneResult } from './retention-pruner.js';
import { TriggerCommands } from './trigger-commands.js';
import type { RelayService } from './types.js';

export interface RelayServiceOptions {
  databasePath: string;
  companyId: string;
  defaultProjectId: string;
  defaultUserId: string;
  /** Divides every retry-policy duration (not the HTTP timeout). 1 = real time. */
  timeScale: number;
  /** Deliveries in flight to one healthy hook at once; 1 gives strict order. */
  maxInFlight: number;
  /** Sent as User-Agent, e.g. "Hookline/0.1.0". */
  userAgent: string;
  /** Epoch ms. Defaults to the system clock. */
  now?: () => number;
  /** Timer functions for retries (tests); defaults to Node's timers with `now`. */
  clock?: Clock;
  /** Deadline of one HTTP attempt; default 5000 ms. For tests. */
  sendTimeoutMs?: number;
  /** How long close() waits for attempts in flight; default 2000 ms. */
  closeGraceMs?: number;
  /** Reports unexpected internal errors (default: console.error). Never given secrets. */
  onError?: (error: unknown) => void;
  /** Default auto: node:sqlite when this Node has it, else better-sqlite3. */
  sqliteDriver?: SqliteDriverChoice;
  /** Told when the storage becomes degraded (the disk is full) and when it takes writes again. */
  onStorageChange?: (state: StorageState) => void;
  /** While the disk is full, how often the delivery state kept in memory is tried again; default 500 ms. */
  retryFullMs?: number;
  /** The rolling window of the log (DEFAULT_RETENTION_MS, 28 days); 0 keeps everything. */
  retentionMs?: number;
  /** Told after each prune that removed something. */
  onPruned?: (result: PruneResult) => void;
}

const DEFAULT_HOOK_META_KEY = 'default_hook_id';

function checkOptions(options: RelayServiceOptions): RetryPolicy {
  if (typeof options.databasePath !== 'string' || options.databasePath === '') throw new RangeError('databasePath must be a file path.');
  if (!Number.isInteger(options.maxInFlight) || options.maxInFlight < 1 || options.maxInFlight > 1000) {
    throw new RangeError(`maxInFlight must be a whole number from 1 to 1000; got ${String(options.maxInFlight)}.`);
  }
  if (typeof options.userAgent !== 'string' || options.userAgent.trim() === '') throw new RangeError('userAgent must be a non-empty string.');
  if (options.sendTimeoutMs !== undefined && !(options.sendTimeoutMs > 0)) throw new RangeError('sendTimeoutMs must be a positive number of ms.');
  if (options.retentionMs !== undefined && !(Number.isSafeInteger(options.retentionMs) && options.retentionMs >= 0)) throw new RangeError('retentionMs must be 0 (keep everything) or a positive whole number of ms.');
  if (options.sqliteDriver !== undefined && !isSqliteDriverChoice(options.sqliteDriver)) {
    throw new RangeError(`sqliteDriver must be auto, node or better-sqlite3; got ${String(options.sqliteDriver)}.`);
  }
  parseInt64(options.companyId, 'companyId');
  parseInt64(options.defaultProjectId, 'defaultProjectId');
  parseInt64(options.defaultUserId, 'defaultUserId');
  return scaleRetryPolicy(DEFAULT_RETRY_POLICY, options.timeScale);
}

/** Creates the default hook (namespace "hookline", v2.0, active, no endpoint) the first time the file is opened. */
function ensureDefaultHook(store: Store, companyId: string, now: number): void {
  store.transaction(() => {
    if (store.meta.get(DEFAULT_HOOK_META_KEY) !== 0) return;
    const existing = store.hooks.findByNamespace(companyId, null, DEFAULT_NAMESPACE);
    const hook =
      existing ??
      store.hooks.insert(
        { namespace: DEFAULT_NAMESPACE, destinationUrl: null, authorization: null, payloadVersion: 'v2.0', status: 'active', companyId, projectId: null },
        now,
      );
    store.meta.set(DEFAULT_HOOK_META_KEY, hook.id);
  });
}

export function openRelayService(options: RelayServiceOptions): RelayService {
  const policy = checkOptions(options);
  const now = options.now ?? Date.now;
  const eventNow = options.now ?? (() => performance.timeOrigin + performance.now());
  const clock = options.clock ?? systemClock(now);
  const onError = options.onError ?? ((error: unknown) => console.error('hookline relay: unexpected error:', error instanceof Error ? error.message : error));
  const companyId = parseInt64(options.companyId, 'companyId');

  const store = openStore(options.databasePath, { driver: options.sqliteDriver ?? 'auto' });
  try {
    ensureDefaultHook(store, companyId, now());
    const feed = new ChangeHub(onError);
    const storage = new StorageStatus(dirname(options.databasePath), (state) => {
      options.onStorageChange?.(state);
      feed.emit({ kind: 'storage.health', storage: storageHealthOf(state) });
    });
    const writer = new ChangeWriter(store, { emit: (change) => feed.emit(change), onError, now, storage, retryFullMs: options.retryFullMs });
    const sender = createSender({ userAgent: options.userAgent, timeoutMs: options.sendTimeoutMs ?? DEFAULT_SEND_TIMEOUT_MS, now });
    const hookCache = new HookCache((hookId) => (store.db.isOpen ? store.hooks.get(hookId) : undefined));
    const engine = new DeliveryEngine({
      writer,
      sender,
      clock,
      policy,
      maxInFlight: options.maxInFlight,
      hooks: hookCache,
      stored: { pendingForHook: (hookId) => store.deliveries.pendingForHook(hookId), get: (deliveryId) => store.deliveries.get(deliveryId) },
      emit: (change) => feed.emit(change),
      onError,
    });
    const matcher = new HookMatcher(store.hooks);
    followHookChanges(feed, { cache: hookCache, matcher, engine });
    const ctx: ServiceContext = { store, writer, engine, feed, matcher, companyId, now };
    const hooks = new HookCommands(ctx);
    const triggers = new TriggerCommands(ctx);
    const intake = new EventIntake(
      ctx,
      {
        companyId,
        projectId: parseInt64(options.defaultProjectId, 'defaultProjectId'),
        userId: parseInt64(options.defaultUserId, 'defaultUserId'),
      },
      eventNow,
    );
    const deliveries = new DeliveryQueries(ctx);
    const health = new HealthMonitor({
      hooks: () => store.hooks.list(),
      hook: (hookId) => hookCache.get(hookId),
      recentAttempts: (hookId, limit) => store.attempts.recentForHook(hookId, limit),
      emit: (change) => feed.emit(change),
    });
    feed.subscribe((change) => health.accept(change));
    engine.resume(store.deliveries.pending());
    const replays = new DeliveryReplay(ctx);
    const pruner = new RetentionPruner({
      store,
      clock,
      retentionMs: options.retentionMs ?? DEFAULT_RETENTION_MS,
      isBusy: (deliveryId) => engine.hasManualAttempt(deliveryId),
      flush: () => writer.flushNow(),
      onError,
      onPruned: options.onPruned,
    });
    pruner.start();

    const checkpoints = startCheckpointer(store.db, options.databasePath, {
      onError: (error) => (isStorageFullError(error) ? storage.cannotWrite(error) : onError(error)),
    });
    let closing: Promise<void> | null = null;
    return {
      changes: feed,
      companyId,
      sqliteDriver: store.db.driver.name,
      listHooks: (filter) => hooks.list(filter),
      getHook: (hookId) => hooks.get(hookId),
      createHook: (input) => hooks.create(input),
      updateHook: (hookId, patch) => hooks.update(hookId, patch),
      deleteHook: (hookId) => hooks.delete(hookId),
      setEndpoint: (hookId, destinationUrl, authorization) => hooks.setEndpoint(hookId, destinationUrl, authorization),
      getTriggerGrid: (hookId) => triggers.grid(hookId),
      listTriggers: (hookId) => triggers.list(hookId),
      setTriggers: (hookId, resourceName, switches) => triggers.set(hookId, resourceName, switches),
      addTrigger: (hookId, resourceName, eventType) => triggers.add(hookId, resourceName, eventType),
      deleteTrigger: (hookId, triggerId) => triggers.delete(hookId, triggerId),
      addTriggers: (hookId, entries) => triggers.addMany(hookId, entries),
      deleteTriggers: (hookId, triggerIds) => triggers.deleteMany(hookId, triggerIds),
      ingestEvent: (input) => intake.ingest(input),
      importEvents: (events) => intake.importEvents(events),
      listDeliveries: (query) => deliveries.list(query),
      getDelivery: (deliveryId) => deliveries.get(deliveryId),
      searchDeliveries: (search) => deliveries.search(search),
      findEvent: (eventId) => deliveries.findEvent(eventId),
      redeliver: (deliveryId) => deliveries.redeliver(deliveryId),
      backlog: (since, limit) => deliveries.backlog(since, limit),
      replayDeliveries: (request) => replays.replay(request),
      prune: (before) => pruner.pruneBefore(before),
      retention: () => ({ retentionMs: pruner.retentionMs, last: pruner.last }),
      lastSeq: () => writer.lastSeq,
      hookHealth: (hookId) => {
        if (hookId === undefined) return health.all();
        requireHook(ctx, hookId);
        return [health.health(hookId)!];
      },
      queueStats: () => engine.queueStats(),
      storageHealth: () => storage.state(),
      storageError: (error) => storage.codedError(error),
      close: () => {
        closing ??= (async () => {
          await pruner.stop();
          await engine.close(options.closeGraceMs ?? 2000);
          await sender.close();
          try {
            writer.close();
          } finally {
            await checkpoints.stop();
            store.close();
          }
        })();
        return closing;
      },
    };
  } catch (error) {
    store.close();
    throw error;
  }
}
