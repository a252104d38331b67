/**
 * One relay per data dir. The relay holds an exclusive SQLite lock on `relay.lock` (a small, empty database
 * beside relay.db) for its whole life: an open `BEGIN EXCLUSIVE` that is never committed. SQLite takes it with
 * the OS's own file locks (fcntl on POSIX, LockFileEx on Windows), which the kernel drops when the process dies,
 * however it dies: after kill -9 the next relay gets the lock at once, and there is no pid to check for
 * liveness, so pid reuse cannot fool it. Two relays racing for it: SQLite gives it to exactly one.
 *
 * `relay.owner` (pid and URL, JSON) is only what the holder says about itself, for the message the next relay
 * prints; it is written after the lock is taken and read only by a relay that did not get the lock, so a stale
 * one (left by kill -9) is never believed on its own.
 */
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { HooklineError } from '@hookline/core';
import type { SqliteConnection, SqliteDriver } from './store/driver/sqlite-driver.js';

export const LOCK_FILE = 'relay.lock';
export const OWNER_FILE = 'relay.owner';

export interface DataDirOwner {
  pid: number;
  /** Null while the holder is still starting (it has the lock, not yet its port). */
  url: string | null;
}

export interface DataDirLock {
  /** Records where the holder listens, for the relay that is refused next. */
  announce(url: string): void;
  release(): void;
}

/** Locks taken in this process: POSIX locks do not exclude a second connection of the same process. */
const heldHere = new Set<string>();

export function acquireDataDirLock(dataDir: string, driver: SqliteDriver): DataDirLock {
  const lockPath = resolve(dataDir, LOCK_FILE);
  const ownerPath = join(dataDir, OWNER_FILE);
  if (heldHere.has(lockPath)) throw inUse(dataDir, { pid: process.pid, url: readOwner(ownerPath)?.url ?? null });
  let connection: SqliteConnection | null = driver.open(lockPath);
  try {
    connection.pragma('busy_timeout = 0');
    connection.exec('BEGIN EXCLUSIVE');
  } catch (error) {
    connection.close();
    if (isBusy(error)) throw inUse(dataDir, liveOwner(ownerPath));
    throw error;
  }
  heldHere.add(lockPath);
  writeOwner(ownerPath, { pid: process.pid, url: null });
  return {
    announce: (url) => writeOwner(ownerPath, { pid: process.pid, url }),
    release: () => {
      if (!connection) return;
      rmSync(ownerPath, { force: true });
      try {
        connection.close();
      } finally {
        connection = null;
        heldHere.delete(lockPath);
      }
    },
  };
}

function isBusy(error: unknown): boolean {
  const { code, errcode } = (error ?? {}) as { code?: unknown; errcode?: unknown };
  return code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED' || (typeof errcode === 'number' && [5, 6].includes(errcode & 0xff));
}

function writeOwner(path: string, owner: DataDirOwner): void {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(owner)}\n`, { mode: 0o600 });
  renameSync(temporary, path);
}

function readOwner(path: string): DataDirOwner | null {
  try {
    const value = JSON.parse(readFileSync(path, 'utf8')) as Partial<DataDirOwner>;
    if (!Number.isInteger(value.pid)) return null;
    return { pid: value.pid as number, url: typeof value.url === 'string' ? value.url : null };
  } catch {
    return null;
  }
}

/** The owner file, if the pid it names is alive; otherwise the holder has not written its own yet. */
function liveOwner(path: string): DataDirOwner | null {
  const owner = readOwner(path);
  if (!owner) return null;
  try {
    process.kill(owner.pid, 0);
    return owner;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM' ? owner : null;
  }
}

function inUse(dataDir: string, owner: DataDirOwner | null): HooklineError {
  const who = owner === null ? 'its pid is not recorded yet' : `pid ${owner.pid}, ${owner.url ?? 'still starting'}`;
  const connect = owner?.url ? `connect to it (hookline --url ${owner.url} status)` : 'connect to it';
  const stop = owner ? `stop it (kill ${owner.pid})` : 'stop it';
  return new HooklineError(
    'HOOKLINE_ERR_DATA_DIR_IN_USE',
    `Another relay is already running on the data dir ${dataDir} (${who}). Only one relay may use a data dir: ${connect}, ${stop}, or start this one with another --data-dir.`,
    { details: { pid: owner?.pid ?? null, url: owner?.url ?? null, dataDir } },
  );
}
