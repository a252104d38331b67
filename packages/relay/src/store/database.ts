/**
 * Opens the relay's SQLite file with the settings the delivery engine relies on (see PERFORMANCE.md):
 * WAL so readers never wait for the writer, synchronous=NORMAL (durable at every checkpoint, fast per commit),
 * foreign keys on, and a busy timeout so a second process reading the file (a test, a CLI) never fails at once.
 * The same on either driver (driver/): node:sqlite where this Node has it, else better-sqlite3.
 */
import type { SqliteConnection, SqliteDriver } from './driver/sqlite-driver.js';
import { selectSqliteDriver, type SqliteDriverChoice } from './driver/select-driver.js';

export type SqliteDatabase = SqliteConnection;

export interface OpenDatabaseOptions {
  /** Milliseconds a statement waits for a lock held by another connection. */
  busyTimeoutMs?: number;
  readonly?: boolean;
  /** A driver, or which one to pick (default auto: node:sqlite when this Node has it, else better-sqlite3). */
  driver?: SqliteDriver | SqliteDriverChoice;
}

export function resolveDriver(driver: SqliteDriver | SqliteDriverChoice = 'auto'): SqliteDriver {
  return typeof driver === 'string' ? selectSqliteDriver(driver) : driver;
}

export function openDatabase(path: string, options: OpenDatabaseOptions = {}): SqliteDatabase {
  const db = resolveDriver(options.driver).open(path, { readonly: options.readonly ?? false });
  try {
    db.pragma(`busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs ?? 5000))}`);
    if (!options.readonly) {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
    }
    db.pragma('foreign_keys = ON');
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
