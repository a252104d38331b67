/** `hookline relay --recover`: the damaged database and its -wal/-shm are renamed, kept, never deleted. */
import { existsSync, renameSync } from 'node:fs';
import { checkDatabase } from './database-check.js';
import type { SqliteDriver } from './driver/sqlite-driver.js';

const COMPANIONS = ['', '-wal', '-shm'] as const;

/** `relay.db` → `relay.db.damaged-2026-12-02T13-35-07Z` (and its -wal/-shm beside it). Returns the new name. */
export function setAsideDatabase(path: string, now: Date = new Date()): string {
  const stamp = now.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/:/g, '-');
  let target = `${path}.damaged-${stamp}`;
  for (let n = 2; existsSync(target); n++) target = `${path}.damaged-${stamp}-${n}`;
  for (const suffix of COMPANIONS) {
    if (existsSync(`${path}${suffix}`)) renameSync(`${path}${suffix}`, `${target}${suffix}`);
  }
  return target;
}

export type RecoverOutcome = { kind: 'sound' } | { kind: 'fresh' } | { kind: 'setAside'; movedTo: string; problems: string[] };

/** Sets the database aside when integrity_check finds it damaged; a sound one (or none) is left as it is. */
export function recoverDatabase(path: string, driver: SqliteDriver, now: Date = new Date()): RecoverOutcome {
  const check = checkDatabase(path, driver);
  if (check.kind === 'missing') return { kind: 'fresh' };
  if (check.kind === 'ok') return { kind: 'sound' };
  return { kind: 'setAside', movedTo: setAsideDatabase(path, now), problems: check.problems };
}
