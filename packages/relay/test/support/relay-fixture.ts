/** Starts a real relay in this process on 127.0.0.1 with a fresh data dir, and captures its log lines. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultRelayOptions } from '../../src/config.js';
import type { RelayOptions } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import { startRelay } from '../../src/relay.js';
import type { RunningRelay } from '../../src/relay.js';
import { fixtureDriver } from './sqlite-drivers.js';

export interface RelayFixture {
  relay: RunningRelay;
  lines: string[];
  dataDir: string;
  /** fetch against the relay with its token (unless headers override it). */
  api(path: string, init?: RequestInit & { json?: unknown }): Promise<Response>;
  stop(options?: { keepData?: boolean }): Promise<void>;
}

export function makeDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'hookline-test-'));
}

export async function startRelayFixture(overrides: Partial<RelayOptions> = {}): Promise<RelayFixture> {
  const dataDir = overrides.dataDir ?? makeDataDir();
  const lines: string[] = [];
  const logger = createLogger({ json: false, out: (l) => lines.push(l), err: (l) => lines.push(l) });
  const relay = await startRelay({ ...defaultRelayOptions(), port: 0, sqliteDriver: fixtureDriver(), ...overrides, dataDir }, logger);
  return {
    relay,
    lines,
    dataDir,
    api: (path, init = {}) => {
      const { json, headers, ...rest } = init;
      return fetch(`${relay.url}${path}`, {
        ...rest,
        headers: {
          authorization: `Bearer ${relay.token}`,
          ...(json === undefined ? {} : { 'content-type': 'application/json' }),
          ...(headers as Record<string, string> | undefined),
        },
        body: json === undefined ? rest.body : JSON.stringify(json),
      });
    },
    stop: async (options = {}) => {
      await relay.close();
      if (!options.keepData) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
