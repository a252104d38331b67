/**
 * Opens the relay's SQLite file with the settings the delivery engine relies on (see PERFORMANCE.md):
 * WAL so readers never wait for the writer, synchronous=NORMAL (durable at every checkpoint, fast per commit),
 * foreign keys on, and a busy timeout so a second process reading the file (a test, a CLI) never fails at once.
 */
import Database from 'better-sqlite3';

export type SqliteDatabase = Database.Database;

export interface OpenDatabaseOptions {
  /** Milliseconds a statement waits for a lock held by another connection. */
  busyTimeoutMs?: number;
  readonly?: boolean;
}

export function openDatabase(path: string, options: OpenDatabaseOptions = {}): SqliteDatabase {
  const db = new Database(path, { readonly: options.readonly ?? false });
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
