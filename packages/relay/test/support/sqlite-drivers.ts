/**
 * Which SQLite driver the tests run on. HOOKLINE_SQLITE_DRIVER=node|better-sqlite3 forces one (the Node 24 run
 * in sqlite-node24.test.ts sets node); otherwise the store tests run on every driver this runtime has, and the
 * service and relay fixtures on the one the relay would pick (auto).
 */
import { SQLITE_DRIVER_NAMES, type SqliteDriverName } from '../../src/store/driver/sqlite-driver.js';
import { availableSqliteDrivers, type SqliteDriverChoice } from '../../src/store/driver/select-driver.js';

function forcedDriver(): SqliteDriverName | undefined {
  const value = process.env.HOOKLINE_SQLITE_DRIVER;
  if (value === undefined || value === '') return undefined;
  if (!(SQLITE_DRIVER_NAMES as readonly string[]).includes(value)) {
    throw new Error(`HOOKLINE_SQLITE_DRIVER must be ${SQLITE_DRIVER_NAMES.join(' or ')}; got "${value}".`);
  }
  return value as SqliteDriverName;
}

/** The drivers the store tests are repeated on. */
export function storeTestDrivers(): SqliteDriverName[] {
  const forced = forcedDriver();
  if (forced) return [forced];
  const available = availableSqliteDrivers();
  if (available.length === 0) throw new Error(`No SQLite driver loads in Node ${process.versions.node}.`);
  return available;
}

/** The driver the service and relay fixtures open their store with. */
export function fixtureDriver(): SqliteDriverChoice {
  return forcedDriver() ?? 'auto';
}
