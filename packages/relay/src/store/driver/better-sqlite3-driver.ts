/**
 * The `better-sqlite3` driver, for Node 20 (which has no node:sqlite). An optional dependency, loaded on demand:
 * the relay still starts with node:sqlite where better-sqlite3 is not installed or not built for this Node.
 * Its statements already have the interface's shape and are handed out as they are.
 */
import { createRequire } from 'node:module';
import type BetterSqlite3 from 'better-sqlite3';
import type { SqliteConnection, SqliteDriver, SqliteOpenOptions, SqliteStatement } from './sqlite-driver.js';

type DatabaseConstructor = typeof BetterSqlite3;

class BetterSqlite3Connection implements SqliteConnection {
  constructor(
    readonly driver: SqliteDriver,
    private readonly db: BetterSqlite3.Database,
  ) {}

  get isOpen(): boolean {
    return this.db.open;
  }

  prepare<P extends readonly unknown[] | object = unknown[], R = unknown>(sql: string): SqliteStatement<P, R> {
    return this.db.prepare(sql) as unknown as SqliteStatement<P, R>;
  }

  exec(sql: string): void {
    this.db.exec(sql);
  }

  transaction<T>(work: () => T): T {
    // better-sqlite3's own: BEGIN IMMEDIATE, or a savepoint when already inside a transaction.
    return this.db.transaction(work).immediate();
  }

  pragma(source: string, options: { simple?: boolean } = {}): unknown {
    return this.db.pragma(source, { simple: options.simple ?? false });
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

let loaded: SqliteDriver | undefined;

/** Loads better-sqlite3 (once) and checks that its native addon works in this Node, or throws why not. */
export function loadBetterSqlite3Driver(): SqliteDriver {
  if (loaded) return loaded;
  const require = createRequire(import.meta.url);
  let workerModule: string;
  try {
    workerModule = require.resolve('better-sqlite3');
  } catch (error) {
    throw new Error('not installed', { cause: error });
  }
  let Database: DatabaseConstructor;
  try {
    Database = require(workerModule) as DatabaseConstructor;
    // The addon is only loaded by the first connection: open one, so a build for another Node fails here.
    new Database(':memory:').close();
  } catch (error) {
    const first = (error instanceof Error ? error.message : String(error)).split('\n')[0];
    throw new Error(`its native addon does not load: ${first}`, { cause: error });
  }
  const driver: SqliteDriver = {
    name: 'better-sqlite3',
    workerModule,
    open: (path: string, options: SqliteOpenOptions = {}) => new BetterSqlite3Connection(driver, new Database(path, { readonly: options.readonly ?? false })),
  };
  loaded = driver;
  return driver;
}
