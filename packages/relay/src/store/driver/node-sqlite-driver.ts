/**
 * The `node` driver: Node's built-in node:sqlite (`DatabaseSync`, Node 22.13+ and 24). Loaded on demand with
 * require, never imported statically, so the relay still starts on Node 20, where it does not exist.
 */
import { createRequire } from 'node:module';
import type { SqliteConnection, SqliteDriver, SqliteOpenOptions, SqliteRunResult, SqliteStatement } from './sqlite-driver.js';
import { withoutSqliteWarning } from './sqlite-warning.js';

// The part of node:sqlite used here (@types/node 20 has no types for it).
interface NodeStatementSync {
  run(...params: unknown[]): { changes: number | bigint; lastInsertRowid: number | bigint };
  get(...params: unknown[]): unknown;
  all(...params: unknown[]): unknown[];
  iterate(...params: unknown[]): IterableIterator<unknown>;
  /** Node 22.15+ / 23.11+. */
  setAllowUnknownNamedParameters?(enabled: boolean): void;
}
interface NodeDatabaseSync {
  prepare(sql: string): NodeStatementSync;
  exec(sql: string): void;
  close(): void;
  /** Node 22.16+ / 24. */
  readonly isTransaction?: boolean;
}
interface NodeSqliteModule {
  DatabaseSync: new (path: string, options?: { readOnly?: boolean }) => NodeDatabaseSync;
}

/** node:sqlite with everything the store uses (StatementSync.iterate): 22.13+, 23.4+, 24+. */
export function nodeHasSqlite(version = process.versions.node): boolean {
  const [major = 0, minor = 0] = version.split('.').map(Number);
  return major >= 24 || (major === 23 && minor >= 4) || (major === 22 && minor >= 13);
}

/**
 * node:sqlite refuses what better-sqlite3 accepts: `undefined` (better-sqlite3 binds NULL) and, before Node
 * 22.15, keys the SQL does not name (better-sqlite3 ignores them). Such a call is retried once it is fixed up;
 * the calls the store makes never need it, so the usual path pays nothing.
 */
function fixedUp(error: unknown, params: unknown[]): unknown[] | null {
  const code = (error as { code?: string }).code;
  const unknownKey = /^Unknown named parameter '(.+)'$/.exec(error instanceof Error ? error.message : '')?.[1];
  let changed = false;
  const fixed = params.map((value) => {
    if (value === undefined && code === 'ERR_INVALID_ARG_TYPE') {
      changed = true;
      return null;
    }
    if (value === null || typeof value !== 'object' || value instanceof Uint8Array) return value;
    const entries = Object.entries(value);
    const kept = entries.filter(([k]) => k !== unknownKey).map(([k, v]) => [k, v === undefined && code === 'ERR_INVALID_ARG_TYPE' ? null : v]);
    if (kept.length === entries.length && kept.every(([, v], i) => v === entries[i]![1])) return value;
    changed = true;
    return Object.fromEntries(kept);
  });
  return changed ? fixed : null;
}

function call<T>(method: (...params: unknown[]) => T, params: unknown[]): T {
  try {
    return method(...params);
  } catch (error) {
    const retry = fixedUp(error, params);
    if (retry === null) throw error;
    return call(method, retry);
  }
}

function wrapStatement(statement: NodeStatementSync): SqliteStatement<unknown[], unknown> {
  statement.setAllowUnknownNamedParameters?.(true);
  const run = statement.run.bind(statement);
  const get = statement.get.bind(statement);
  const all = statement.all.bind(statement);
  const iterate = statement.iterate.bind(statement);
  return {
    run: (...params): SqliteRunResult => {
      const result = call(run, params);
      return { changes: Number(result.changes), lastInsertRowid: result.lastInsertRowid };
    },
    get: (...params) => call(get, params),
    all: (...params) => call(all, params),
    iterate: (...params) => call(iterate, params),
  };
}

class NodeSqliteConnection implements SqliteConnection {
  private open = true;
  private depth = 0;
  private readonly begin: NodeStatementSync;
  private readonly commit: NodeStatementSync;
  private readonly rollback: NodeStatementSync;
  private readonly savepoint: NodeStatementSync;
  private readonly release: NodeStatementSync;
  private readonly rollbackTo: NodeStatementSync;

  constructor(
    readonly driver: SqliteDriver,
    private readonly db: NodeDatabaseSync,
  ) {
    this.begin = db.prepare('BEGIN IMMEDIATE');
    this.commit = db.prepare('COMMIT');
    this.rollback = db.prepare('ROLLBACK');
    this.savepoint = db.prepare('SAVEPOINT hookline_tx');
    this.release = db.prepare('RELEASE hookline_tx');
    this.rollbackTo = db.prepare('ROLLBACK TO hookline_tx');
  }

  get isOpen(): boolean {
    return this.open;
  }

  prepare<P extends readonly unknown[] | object = unknown[], R = unknown>(sql: string): SqliteStatement<P, R> {
    return wrapStatement(this.db.prepare(sql)) as unknown as SqliteStatement<P, R>;
  }

  exec(sql: string): void {
    this.db.exec(sql);
  }

  transaction<T>(work: () => T): T {
    if (this.depth > 0) return this.nested(work);
    this.begin.run();
    this.depth = 1;
    let result: T;
    try {
      result = work();
    } catch (error) {
      this.depth = 0;
      this.rollBackQuietly();
      throw error;
    }
    this.depth = 0;
    try {
      this.commit.run();
    } catch (error) {
      this.rollBackQuietly();
      throw error;
    }
    return result;
  }

  pragma(source: string, options: { simple?: boolean } = {}): unknown {
    const rows = this.db.prepare(`PRAGMA ${source}`).all() as Record<string, unknown>[];
    if (!options.simple) return rows;
    const first = rows[0];
    return first === undefined ? undefined : Object.values(first)[0];
  }

  close(): void {
    if (!this.open) return;
    this.open = false;
    this.db.close();
  }

  private nested<T>(work: () => T): T {
    this.savepoint.run();
    this.depth += 1;
    try {
      const result = work();
      this.release.run();
      return result;
    } catch (error) {
      this.rollbackTo.run();
      this.release.run();
      throw error;
    } finally {
      this.depth -= 1;
    }
  }

  /** After a failed statement SQLite may already have rolled the transaction back itself. */
  private rollBackQuietly(): void {
    if (this.db.isTransaction === false) return;
    try {
      this.rollback.run();
    } catch {
      // no transaction was active any more
    }
  }
}

let loaded: SqliteDriver | undefined;

/** Loads node:sqlite (once) or throws why it cannot be had. */
export function loadNodeSqliteDriver(): SqliteDriver {
  if (loaded) return loaded;
  if (!nodeHasSqlite()) throw new Error('not in this version of Node');
  const sqlite = withoutSqliteWarning(() => createRequire(import.meta.url)('node:sqlite') as NodeSqliteModule);
  if (typeof sqlite?.DatabaseSync !== 'function') throw new Error('node:sqlite has no DatabaseSync');
  const driver: SqliteDriver = {
    name: 'node',
    workerModule: 'node:sqlite',
    open: (path: string, options: SqliteOpenOptions = {}) => new NodeSqliteConnection(driver, new sqlite.DatabaseSync(path, { readOnly: options.readonly ?? false })),
  };
  loaded = driver;
  return driver;
}
