/** The relay's run-time options, validated up front with messages that say how to fix them. */
import { DURATION_FORMAT, isLoopbackHost, parseDuration } from '@hookline/core';
import { defaultDataDir } from './data-dir.js';
import { SQLITE_DRIVER_NAMES } from './store/driver/sqlite-driver.js';
import type { SqliteDriverChoice } from './store/driver/select-driver.js';

export interface RelayOptions {
  host: string;
  port: number;
  dataDir: string;
  timeScale: number;
  maxInFlight: number;
  json: boolean;
  /** Serve /metrics without the token (allowed only on a loopback address). */
  metricsPublic: boolean;
  companyId: string;
  projectId: string;
  userId: string;
  /** The store's SQLite driver; auto picks node:sqlite when this Node has it, else better-sqlite3. */
  sqliteDriver: SqliteDriverChoice;
  /** Deadline of one HTTP attempt; Procore's 5000 ms when absent (`hookline check --timeout-ms`). */
  sendTimeoutMs?: number;
  /** Set a damaged relay.db aside (kept, renamed with the time) and start with a fresh one. */
  recover: boolean;
  /** The log's rolling window in ms (28 days, like Procore's event history); 0 keeps everything. */
  retentionMs: number;
}

/** 28 days, like Procore's event history. */
export const DEFAULT_RETENTION_MS = 28 * 86_400_000;

export const DEFAULT_PORT = 4545;

export function defaultRelayOptions(env: NodeJS.ProcessEnv = process.env): RelayOptions {
  return {
    host: '127.0.0.1',
    port: DEFAULT_PORT,
    dataDir: defaultDataDir(env),
    timeScale: 1,
    maxInFlight: 8,
    json: false,
    metricsPublic: false,
    companyId: '1',
    projectId: '1',
    userId: '1',
    sqliteDriver: 'auto',
    recover: false,
    retentionMs: DEFAULT_RETENTION_MS,
  };
}

export class OptionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OptionError';
  }
}

export function parseNumberOption(name: string, raw: string | number, min: number, max: number, integer = true): number {
  const value = typeof raw === 'number' ? raw : Number(raw);
  if (!Number.isFinite(value) || (integer && !Number.isInteger(value)) || value < min || value > max) {
    throw new OptionError(`--${name} must be ${integer ? 'a whole number' : 'a number'} from ${min} to ${max}; got "${raw}".`);
  }
  return value;
}

export function parseIdOption(name: string, raw: string): string {
  if (!/^[1-9]\d{0,18}$/.test(raw) || BigInt(raw) > 9223372036854775807n) {
    throw new OptionError(`--${name} must be a positive whole number (a Procore id); got "${raw}".`);
  }
  return raw;
}

/** `--retention 7d`: a duration, or 0 to keep everything. */
export function parseRetentionOption(raw: string): number {
  const ms = parseDuration(raw);
  if (ms === null || (ms > 0 && ms < 1000)) throw new OptionError(`--retention must be ${DURATION_FORMAT} (at least 1s), or 0 to keep everything; got "${raw}".`);
  return ms;
}

export function parseSqliteDriverOption(raw: string): SqliteDriverChoice {
  if (!(SQLITE_DRIVER_NAMES as readonly string[]).includes(raw)) {
    throw new OptionError(`--sqlite-driver must be ${SQLITE_DRIVER_NAMES.join(' or ')}; got "${raw}". Leave it out to use node:sqlite where this Node has it, else better-sqlite3.`);
  }
  return raw as SqliteDriverChoice;
}

export function validateRelayOptions(options: RelayOptions): RelayOptions {
  if (!options.host || /\s/.test(options.host)) throw new OptionError(`--host must be a host name or IP address; got "${options.host}".`);
  parseNumberOption('port', options.port, 0, 65535);
  parseNumberOption('time-scale', options.timeScale, 1, 1_000_000, false);
  parseNumberOption('max-in-flight', options.maxInFlight, 1, 256);
  parseIdOption('company-id', options.companyId);
  if (options.sqliteDriver !== 'auto') parseSqliteDriverOption(options.sqliteDriver);
  if (options.sendTimeoutMs !== undefined) parseNumberOption('timeout-ms', options.sendTimeoutMs, 1, 600_000);
  if (options.metricsPublic && !isLoopbackHost(options.host)) {
    throw new OptionError(`--metrics-public is only allowed when the relay listens on a loopback address; --host is "${options.host}".`);
  }
  return options;
}
