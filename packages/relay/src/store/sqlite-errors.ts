/**
 * What a SQLite error means for the relay, on either driver: better-sqlite3 names the (extended) result code
 * (`code: 'SQLITE_FULL'`, `'SQLITE_IOERR_WRITE'`), node:sqlite gives its number (`errcode: 13`).
 */

const SQLITE_CORRUPT = 11;
const SQLITE_FULL = 13;
const SQLITE_IOERR = 10;
const SQLITE_NOTADB = 26;

const PRIMARY_BY_NAME: Record<string, number> = { SQLITE_CORRUPT, SQLITE_FULL, SQLITE_IOERR, SQLITE_NOTADB };

/** The primary result code of a SQLite error (extended codes folded), or null for anything else. */
export function sqliteResultCode(error: unknown): number | null {
  if (typeof error !== 'object' || error === null) return null;
  const { code, errcode } = error as { code?: unknown; errcode?: unknown };
  if (typeof errcode === 'number') return errcode & 0xff;
  if (typeof code === 'string' && code.startsWith('SQLITE_')) {
    const primary = /^SQLITE_[A-Z]+/.exec(code)?.[0] ?? code;
    return PRIMARY_BY_NAME[primary] ?? -1;
  }
  return null;
}

/** The disk (or the file system under the data dir) refused a write: worth retrying once space is back. */
export function isStorageFullError(error: unknown): boolean {
  const code = sqliteResultCode(error);
  if (code === SQLITE_FULL || code === SQLITE_IOERR) return true;
  return (error as NodeJS.ErrnoException | null)?.code === 'ENOSPC';
}

/** The file is not a SQLite database, or its pages are inconsistent. */
export function isDatabaseDamagedError(error: unknown): boolean {
  const code = sqliteResultCode(error);
  return code === SQLITE_CORRUPT || code === SQLITE_NOTADB;
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
