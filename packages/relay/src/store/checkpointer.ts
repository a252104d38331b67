/**
 * WAL checkpoints off the event loop. SQLite's automatic checkpoint runs inside whichever commit takes the WAL
 * past 1000 pages: it copies those pages into the database file and syncs both files, a 3-4 ms stall of the
 * relay every few dozen commits under load (`npm run bench`: the tail of the latency at 2,000 events/s). Here a
 * worker thread with a connection of its own runs a PASSIVE checkpoint every `intervalMs`, which never blocks
 * the relay's writes; the relay's own connection keeps a much larger automatic checkpoint as a backstop, and
 * goes back to SQLite's default if the worker cannot run.
 *
 * Durability is unchanged in kind: every commit is in the WAL before the API answers, and with
 * synchronous=NORMAL the WAL is synced at each checkpoint, now at most `intervalMs` apart (before: every 1000
 * pages, however long that took to fill).
 *
 * Every 200 ms rather than 50: the pages each commit touches are mostly the same few (the last leaf of each
 * index), and a checkpoint copies a page once however many commits rewrote it, so the longer interval halved
 * the worker's CPU under load (`npm run bench`: about 5 % of the relay's CPU at 50 ms) for a WAL of a few MB.
 */
import { Worker } from 'node:worker_threads';
import type { SqliteDatabase } from './database.js';
import { isSqliteExperimentalWarning } from './driver/sqlite-warning.js';

export interface CheckpointerOptions {
  /** How often the worker checkpoints; default 200 ms. */
  intervalMs?: number;
  /** The relay connection's automatic checkpoint while the worker runs, in pages; default 10000 (~40 MB). */
  backstopPages?: number;
  onError: (error: unknown) => void;
}

export interface Checkpointer {
  /** Stops the worker and closes its connection (before the relay closes its own). */
  stop(): Promise<void>;
}

const SQLITE_DEFAULT_AUTOCHECKPOINT = 1000;

// CommonJS, evaluated in the worker. It opens the file with the relay's own driver: node:sqlite (its
// ExperimentalWarning on Node 22 filtered as in the relay), or better-sqlite3 resolved by the relay, as a path.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const isSqliteExperimentalWarning = ${isSqliteExperimentalWarning.toString()};
function openConnection() {
  if (workerData.driver !== 'node') {
    const Database = require(workerData.module);
    const db = new Database(workerData.path, { fileMustExist: true });
    return { pragma: (source) => db.pragma(source), close: () => db.close() };
  }
  const emitWarning = process.emitWarning;
  process.emitWarning = (warning, ...rest) => {
    if (!isSqliteExperimentalWarning(warning, rest[0])) emitWarning.call(process, warning, ...rest);
  };
  let sqlite;
  try {
    sqlite = require(workerData.module);
  } finally {
    process.emitWarning = emitWarning;
  }
  const db = new sqlite.DatabaseSync(workerData.path);
  return { pragma: (source) => db.exec('PRAGMA ' + source), close: () => db.close() };
}
const db = openConnection();
db.pragma('synchronous = NORMAL');
// A failing checkpoint (a full disk) is told once, not every interval, until one succeeds again.
let failing = null;
const timer = setInterval(() => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
    failing = null;
  } catch (error) {
    const message = String((error && error.message) || error);
    if (message !== failing) parentPort.postMessage({ error: message, code: error && error.code, errcode: error && error.errcode });
    failing = message;
  }
}, workerData.intervalMs);
parentPort.on('message', (message) => {
  if (message !== 'stop') return;
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

export function startCheckpointer(db: SqliteDatabase, path: string, options: CheckpointerOptions): Checkpointer {
  const workerData = { driver: db.driver.name, module: db.driver.workerModule, path, intervalMs: options.intervalMs ?? 200 };
  let worker: Worker;
  try {
    // execArgv [] : the relay's own node flags (a loader, --input-type, --cpu-prof) are not the worker's business.
    worker = new Worker(WORKER_SOURCE, { eval: true, execArgv: [], workerData });
  } catch (error) {
    options.onError(error);
    return { stop: async () => {} };
  }
  worker.unref();
  db.pragma(`wal_autocheckpoint = ${options.backstopPages ?? 10_000}`);
  let stopping = false;
  const fallBack = (error: unknown): void => {
    if (stopping) return;
    if (db.isOpen) db.pragma(`wal_autocheckpoint = ${SQLITE_DEFAULT_AUTOCHECKPOINT}`);
    options.onError(error);
  };
  worker.on('message', (message: { error?: string; code?: unknown; errcode?: unknown }) => {
    // The SQLite codes come along, so a full disk is told apart (sqlite-errors.ts).
    if (message?.error) options.onError(Object.assign(new Error(`WAL checkpoint: ${message.error}`), { code: message.code, errcode: message.errcode }));
  });
  worker.on('error', fallBack);
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  return {
    stop: async () => {
      if (stopping) return exited;
      stopping = true;
      worker.postMessage('stop');
      const timer = setTimeout(() => void worker.terminate(), 2000);
      await exited;
      clearTimeout(timer);
    },
  };
}
