/**
 * Is relay.db sound? `PRAGMA integrity_check` on a read-only connection (safe beside a running relay: WAL
 * readers never block its writer). `hookline doctor` prints the answer; `hookline relay --recover` acts on it.
 */
import { existsSync, statSync } from 'node:fs';
import { HooklineError } from '@hookline/core';
import type { SqliteDriver } from './driver/sqlite-driver.js';
import { errorMessage, isDatabaseDamagedError } from './sqlite-errors.js';

export type DatabaseCheck =
  | { kind: 'missing'; path: string }
  | { kind: 'ok'; path: string; bytes: number }
  | { kind: 'damaged'; path: string; bytes: number; problems: string[] };

/** At most this many of integrity_check's findings are kept: the first ones say enough. */
const MAX_PROBLEMS = 10;

export function checkDatabase(path: string, driver: SqliteDriver): DatabaseCheck {
  if (!existsSync(path)) return { kind: 'missing', path };
  const bytes = statSync(path).size;
  let db;
  try {
    db = driver.open(path, { readonly: true });
  } catch (error) {
    if (isDatabaseDamagedError(error)) return { kind: 'damaged', path, bytes, problems: [errorMessage(error)] };
    throw error;
  }
  try {
    const rows = db.pragma(`integrity_check(${MAX_PROBLEMS})`) as Record<string, unknown>[];
    const problems = rows.map((row) => String(Object.values(row)[0])).flatMap((text) => text.split('\n')).filter((line) => line !== 'ok' && line !== '');
    return problems.length === 0 ? { kind: 'ok', path, bytes } : { kind: 'damaged', path, bytes, problems };
  } catch (error) {
    if (isDatabaseDamagedError(error)) return { kind: 'damaged', path, bytes, problems: [errorMessage(error)] };
    throw error;
  } finally {
    db.close();
  }
}

/** What a relay says when its database cannot be opened or read: the file, what is wrong, and the way out. */
export function damagedDatabaseError(path: string, dataDir: string, cause: unknown): HooklineError {
  return new HooklineError(
    'HOOKLINE_ERR_DATABASE_DAMAGED',
    `The relay database ${path} is damaged (${errorMessage(cause)}). ` +
      `See what is wrong with: hookline doctor --data-dir ${dataDir}. ` +
      `To start over with an empty log (the hooks and deliveries in it are set aside, not deleted): hookline relay --recover --data-dir ${dataDir}.`,
    { details: { path } },
  );
}
