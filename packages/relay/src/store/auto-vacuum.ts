/**
 * Space that pruning frees goes back to the file system only when the file is in auto_vacuum=INCREMENTAL mode,
 * which SQLite allows to be chosen before the first table is created, or later through a VACUUM that rewrites the
 * whole file. A new file gets it at once; a file made by an older relay is rewritten when that is quick (up to
 * `maxVacuumBytes`), else left as it is: its freed pages are still reused for new rows, the file just does not shrink.
 */
import type { SqliteDatabase } from './database.js';

export type AutoVacuumSetup = 'new' | 'already' | 'converted' | 'too-large';

/** 64 MB: a VACUUM of that takes well under a second here. */
export const MAX_CONVERT_BYTES = 64 * 1024 * 1024;

const INCREMENTAL = 2;

export function ensureIncrementalVacuum(db: SqliteDatabase, maxVacuumBytes = MAX_CONVERT_BYTES): AutoVacuumSetup {
  if (Number(db.pragma('auto_vacuum', { simple: true })) === INCREMENTAL) return 'already';
  const tables = (db.prepare("SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table'").get() as { n: number }).n;
  const bytes = Number(db.pragma('page_count', { simple: true })) * Number(db.pragma('page_size', { simple: true }));
  if (tables > 0 && bytes > maxVacuumBytes) return 'too-large';
  // Once the file has a header (WAL mode writes one at once), the new mode takes effect only through a VACUUM:
  // instant on an empty file.
  db.pragma('auto_vacuum = INCREMENTAL');
  db.exec('VACUUM');
  return tables === 0 ? 'new' : 'converted';
}
