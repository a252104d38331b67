/**
 * Whether the relay can write to its data dir. The write path reports here: a write refused for want of space
 * (SQLITE_FULL, an I/O error, ENOSPC) makes the storage `degraded` until the next commit succeeds. While it is,
 * new events are refused with 503 HOOKLINE_ERR_STORAGE_FULL (the data dir, the space left, what to do) and
 * /api/health answers `degraded` with the reason; delivery state waits in memory and is written once space is back.
 */
import { statfsSync } from 'node:fs';
import { HooklineError, type StorageHealth } from '@hookline/core';
import { errorMessage, isDatabaseDamagedError, isStorageFullError } from './sqlite-errors.js';

/** Free space under the data dir that counts as "space is back" after a full disk. */
export const RECOVERED_FREE_BYTES = 256 * 1024;

export type StorageState =
  | { status: 'ok' }
  | { status: 'degraded'; code: 'HOOKLINE_ERR_STORAGE_FULL'; reason: string; since: string; dataDir: string; freeBytes: number | null };

export class StorageStatus {
  private degraded: Extract<StorageState, { status: 'degraded' }> | null = null;

  constructor(
    readonly dataDir: string,
    private readonly onChange: (state: StorageState) => void = () => {},
  ) {}

  state(): StorageState {
    return this.degraded ?? { status: 'ok' };
  }

  /** A write failed for want of space: degraded from now on (until a write succeeds); the coded error to answer with. */
  cannotWrite(cause: unknown): HooklineError {
    const freeBytes = freeSpace(this.dataDir);
    const reason =
      `The relay cannot write to its data dir ${this.dataDir}: the disk is full (${formatBytes(freeBytes)} free; SQLite said: ${errorMessage(cause)}). ` +
      'Free some space on that disk, or start the relay with another --data-dir. Events already accepted are kept, and the relay carries on by itself once it can write again.';
    const changed = this.degraded === null;
    this.degraded = { status: 'degraded', code: 'HOOKLINE_ERR_STORAGE_FULL', reason, since: this.degraded?.since ?? new Date().toISOString(), dataDir: this.dataDir, freeBytes };
    if (changed) this.onChange(this.degraded);
    return new HooklineError('HOOKLINE_ERR_STORAGE_FULL', reason, { details: { data_dir: this.dataDir, free_bytes: freeBytes } });
  }

  /**
   * A write committed. While degraded, that alone does not make the storage well: a small write can land in
   * WAL space SQLite already holds on a disk that is still full. It is well again once a write succeeds with
   * RECOVERED_FREE_BYTES free; until then this says false and the write path probes again.
   */
  wrote(): boolean {
    if (this.degraded === null) return true;
    const free = freeSpace(this.dataDir);
    if (free !== null && free < RECOVERED_FREE_BYTES) return false;
    this.degraded = null;
    this.onChange({ status: 'ok' });
    return true;
  }

  /** The coded error for a storage failure thrown by any write (a hook, a trigger), or undefined for anything else. */
  codedError(error: unknown): HooklineError | undefined {
    if (isStorageFullError(error)) return this.cannotWrite(error);
    if (isDatabaseDamagedError(error)) {
      return new HooklineError('HOOKLINE_ERR_DATABASE_DAMAGED', `The relay database in ${this.dataDir} is damaged (${errorMessage(error)}). Stop the relay and run: hookline doctor --data-dir ${this.dataDir}.`);
    }
    return undefined;
  }
}

function freeSpace(dir: string): number | null {
  try {
    const stats = statfsSync(dir);
    return Number(stats.bavail) * Number(stats.bsize);
  } catch {
    return null;
  }
}

export function formatBytes(bytes: number | null): string {
  if (bytes === null) return 'unknown space';
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KiB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}

/** The storage as clients are told it (the WebSocket's hello and `relay.storage`). */
export function storageHealthOf(state: StorageState): StorageHealth {
  return state.status === 'ok' ? { status: 'ok' } : { status: 'degraded', reason: state.reason };
}
