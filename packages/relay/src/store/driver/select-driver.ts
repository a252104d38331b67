/**
 * Which SQLite driver the relay runs on: node:sqlite when this Node has it, else better-sqlite3, unless one is
 * asked for (`hookline relay --sqlite-driver node|better-sqlite3`). When none can be had, the error names what
 * is missing and what to do.
 */
import { loadBetterSqlite3Driver } from './better-sqlite3-driver.js';
import { loadNodeSqliteDriver } from './node-sqlite-driver.js';
import { SQLITE_DRIVER_NAMES, type SqliteDriver, type SqliteDriverName } from './sqlite-driver.js';

/** `auto`: the first of SQLITE_DRIVER_NAMES that loads. */
export type SqliteDriverChoice = 'auto' | SqliteDriverName;

/** Each returns its driver or throws why it cannot be had (tests inject failing ones). */
export type SqliteDriverLoaders = Readonly<Record<SqliteDriverName, () => SqliteDriver>>;

export const DEFAULT_DRIVER_LOADERS: SqliteDriverLoaders = { node: loadNodeSqliteDriver, 'better-sqlite3': loadBetterSqlite3Driver };

export class SqliteDriverUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SqliteDriverUnavailableError';
  }
}

export function isSqliteDriverChoice(value: unknown): value is SqliteDriverChoice {
  return value === 'auto' || (SQLITE_DRIVER_NAMES as readonly unknown[]).includes(value);
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function unavailable(name: SqliteDriverName, error: unknown): string {
  return name === 'node'
    ? `node:sqlite is not available (${reason(error)}; it needs Node 22.13 or later)`
    : `better-sqlite3 is not available (${reason(error)})`;
}

const HOW_TO_FIX: Record<SqliteDriverChoice, string> = {
  node: 'Run the relay on Node 22.13 or later (Node 24 recommended), or use --sqlite-driver better-sqlite3.',
  'better-sqlite3': 'Install it for this Node: npm install better-sqlite3 (or npm rebuild better-sqlite3), or on Node 22.13+ use --sqlite-driver node.',
  auto: 'Run the relay on Node 22.13 or later (Node 24 recommended), or on Node 20 install better-sqlite3: npm install better-sqlite3.',
};

/** The driver for `choice`, loaded; throws SqliteDriverUnavailableError when it (or, for auto, every one) cannot be had. */
export function selectSqliteDriver(choice: SqliteDriverChoice = 'auto', loaders: SqliteDriverLoaders = DEFAULT_DRIVER_LOADERS): SqliteDriver {
  const candidates: readonly SqliteDriverName[] = choice === 'auto' ? SQLITE_DRIVER_NAMES : [choice];
  const failures: string[] = [];
  for (const name of candidates) {
    try {
      return loaders[name]();
    } catch (error) {
      failures.push(unavailable(name, error));
    }
  }
  const what = choice === 'auto' ? 'No SQLite driver can be loaded' : `The SQLite driver "${choice}" cannot be loaded`;
  throw new SqliteDriverUnavailableError(`${what} in Node ${process.versions.node}: ${failures.join('; ')}. ${HOW_TO_FIX[choice]}`);
}

/** The drivers that load in this runtime, in order of preference. */
export function availableSqliteDrivers(loaders: SqliteDriverLoaders = DEFAULT_DRIVER_LOADERS): SqliteDriverName[] {
  return SQLITE_DRIVER_NAMES.filter((name) => {
    try {
      loaders[name]();
      return true;
    } catch {
      return false;
    }
  });
}
