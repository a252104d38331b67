/** Opens a RelayService on a fresh SQLite file in a temp dir, with helpers the service and delivery tests share. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DeliveryStatus, DeliverySummary } from '@hookline/core';
import { openRelayService, type RelayServiceOptions } from '../../src/service/relay-service.js';
import type { RelayChange, RelayService } from '../../src/service/types.js';
import { startReceiver, type Receiver } from './receiver.js';
import { openStore, type Store } from '../../src/store/store.js';
import type { SqliteDriverName } from '../../src/store/driver/sqlite-driver.js';
import { fixtureDriver } from './sqlite-drivers.js';

export const COMPANY_ID = '1357908642';
export const PROJECT_ID = '2468013579';
export const USER_ID = '987654321';

export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'hookline-relay-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Registers mocha hooks: per test, a fresh store on `driver` in a temp dir, closed and removed afterwards. */
export function useTempStore(driver: SqliteDriverName): { readonly store: Store } {
  const ctx = {} as { store: Store };
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => {
    dir = tempDir();
    ctx.store = openStore(join(dir.dir, 'relay.db'), { driver });
  });
  afterEach(() => {
    ctx.store.close();
    dir.cleanup();
  });
  return ctx;
}

export function serviceOptions(databasePath: string, overrides: Partial<RelayServiceOptions> = {}): RelayServiceOptions {
  return {
    databasePath,
    companyId: COMPANY_ID,
    defaultProjectId: PROJECT_ID,
    defaultUserId: USER_ID,
    timeScale: 1000,
    maxInFlight: 8,
    userAgent: 'Hookline/0.0.0-test',
    onError: (error) => {
      throw error;
    },
    sqliteDriver: fixtureDriver(),
    ...overrides,
  };
}

export function openTestService(databasePath: string, overrides: Partial<RelayServiceOptions> = {}): RelayService {
  return openRelayService(serviceOptions(databasePath, overrides));
}

/** The default hook's id (the one hook that exists on first start). */
export function defaultHookId(service: RelayService): number {
  const hook = service.listHooks().find((h) => h.namespace === 'hookline');
  if (!hook) throw new Error('No default hook.');
  return hook.id;
}

/** Points the default hook at `url` and subscribes it to RFIs create/update/delete. */
export function configureDefaultHook(service: RelayService, url: string, authorization: string | null = null): number {
  const hookId = defaultHookId(service);
  service.setEndpoint(hookId, url, authorization);
  service.setTriggers(hookId, 'RFIs', { create: true, update: true, delete: true });
  return hookId;
}

export async function waitUntil<T>(probe: () => T | undefined | null | false, timeoutMs = 5000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

export function waitForStatus(service: RelayService, deliveryId: number, status: DeliveryStatus, timeoutMs = 5000): Promise<DeliverySummary> {
  return waitUntil(
    () => {
      const delivery = service.getDelivery(deliveryId);
      return delivery.status === status ? delivery : undefined;
    },
    timeoutMs,
    `delivery ${deliveryId} to be ${status}`,
  );
}

/** Records every change the service announces. */
export function recordChanges(service: RelayService): { changes: RelayChange[]; stop: () => void } {
  const changes: RelayChange[] = [];
  const stop = service.changes.subscribe((change) => changes.push(change));
  return { changes, stop };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export interface ServiceTestContext {
  /** The database file of this test. */
  path: string;
  receiver: Receiver;
  /** Tests may close and reopen it on `path`; whatever is here at the end is closed. */
  service: RelayService;
}

/** Registers mocha hooks: per test, a fresh database file, a real receiver and a service on that file. */
export function useServiceWithReceiver(): ServiceTestContext {
  const ctx = {} as ServiceTestContext;
  let dir: ReturnType<typeof tempDir>;
  beforeEach(async () => {
    dir = tempDir();
    ctx.path = join(dir.dir, 'relay.db');
    ctx.receiver = await startReceiver();
    ctx.service = openTestService(ctx.path);
  });
  afterEach(async () => {
    await ctx.service.close();
    await ctx.receiver.close();
    dir.cleanup();
  });
  return ctx;
}
