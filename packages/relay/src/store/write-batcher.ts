/**
 * Group commit for the hot path. Writes are queued as small operations and applied together, about 100 rows per
 * transaction (PERFORMANCE.md: ~2.7x the throughput of one transaction per row, with short event-loop blocks).
 * Urgent work (an ingest someone is waiting for) is flushed on the next turn of the event loop; the rest (attempt
 * results, state changes) waits up to `maxDelayMs` in a queue of its own and is not swept into every urgent
 * commit: at a steady rate an urgent commit carries one or two events, and each commit writes every page it
 * touched to the WAL, so updates riding along wrote their pages (attempts, the status and change_seq indexes)
 * once per event instead of once per window (`npm run bench`: SQLite's share at 2,000 events/s). The relay-wide
 * change sequence is assigned inside the transaction, so change_seq grows in commit order and `lastSeq` only ever
 * names committed changes.
 */
import type { SqliteDatabase } from './database.js';
import type { MetaRepo } from './meta-repo.js';
import { isStorageFullError } from './sqlite-errors.js';

export interface WriteContext {
  /** The next relay-wide change_seq; committed with the transaction. */
  nextSeq(): number;
}

export interface WriteOp {
  /** Rows this operation writes, for sizing batches (default 1). */
  rows?: number;
  /** Flush on the next event-loop turn instead of after the batching delay. */
  urgent?: boolean;
  /** Runs inside the transaction. Throwing rolls back the batch; the batch is then retried one op at a time. */
  apply(tx: WriteContext): void;
  committed?(): void;
  failed?(error: unknown): void;
  /** While the disk is full, keep this op queued and retry it (a delivery's state: never dropped) instead of failing it. */
  keepWhenFull?: boolean;
}

/** Told when writes fail for want of space, and when one commits. */
export interface StorageReporter {
  /** Returns the error the ops that are not kept fail with. */
  cannotWrite(error: unknown): unknown;
  /** A commit; returns false while the storage still counts as degraded (then the batcher probes again later). */
  wrote(): boolean;
}

export interface WriteBatcherOptions {
  maxRows?: number;
  /** How long an op that is not urgent may wait for others to share its commit; default 10 ms. */
  maxDelayMs?: number;
  /** Called after each committed transaction, once its ops' `committed` callbacks ran. */
  onFlushed?: () => void;
  /** Called when an op's own `failed` callback is missing. */
  onError?: (error: unknown) => void;
  storage?: StorageReporter;
  /** While the disk is full, how long until the kept ops are tried again; default 500 ms. */
  retryFullMs?: number;
}

/** The meta row the full-disk probe writes (the time of the last probe, epoch ms). */
const STORAGE_PROBE_KEY = 'storage_probe_at';

export class WriteBatcher {
  private urgent: WriteOp[] = [];
  private deferred: WriteOp[] = [];
  private deferredRows = 0;
  /** The deferred ops go into the next batch: their delay is over, they fill a batch, or a flush asks for all. */
  private deferredDue = false;
  private timer: NodeJS.Timeout | null = null;
  private immediate: NodeJS.Immediate | null = null;
  private committedSeq: number;
  private workingSeq: number;
  private closed = false;
  /** Set while the disk is full: the queue waits for this retry (an urgent op still tries at once). */
  private retryTimer: NodeJS.Timeout | null = null;
  private readonly maxRows: number;
  private readonly maxDelayMs: number;
  private readonly retryFullMs: number;
  private readonly context: WriteContext = { nextSeq: () => ++this.workingSeq };

  constructor(
    private readonly db: SqliteDatabase,
    private readonly meta: MetaRepo,
    private readonly options: WriteBatcherOptions = {},
  ) {
    this.maxRows = Math.max(1, options.maxRows ?? 100);
    this.maxDelayMs = Math.max(0, options.maxDelayMs ?? 10);
    this.retryFullMs = Math.max(1, options.retryFullMs ?? 500);
    this.committedSeq = meta.changeSeq();
    this.workingSeq = this.committedSeq;
  }

  /** The change_seq of the newest committed change. */
  get lastSeq(): number {
    return this.committedSeq;
  }

  get pending(): number {
    return this.urgent.length + this.deferred.length;
  }

  enqueue(op: WriteOp): void {
    if (this.closed) {
      const error = new Error('The relay store is closed.');
      if (op.failed) op.failed(error);
      else this.options.onError?.(error);
      return;
    }
    if (op.urgent) {
      this.urgent.push(op);
      this.scheduleImmediate();
      return;
    }
    this.deferred.push(op);
    this.deferredRows += op.rows ?? 1;
    if (this.retryTimer) return;
    if (this.deferredRows >= this.maxRows) {
      this.deferredDue = true;
      this.scheduleImmediate();
    } else if (!this.timer) {
      this.timer = setTimeout(() => this.onTimer(), this.maxDelayMs);
    }
  }

  /** Applies everything queued, synchronously; while the disk is full, what is kept stays queued. */
  flushNow(): void {
    this.clearTimers();
    this.deferredDue = true;
    while (this.hasWork() && this.flushBatch()) {
      // next batch
    }
    if (this.deferred.length === 0) this.deferredDue = false;
  }

  /** Flushes what is queued and refuses new work. Ops still kept for a full disk are reported lost. */
  close(): void {
    this.flushNow();
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    const lost = [...this.urgent.splice(0), ...this.deferred.splice(0)].filter((op) => op !== this.probe);
    this.deferredRows = 0;
    if (lost.length > 0) {
      this.options.onError?.(new Error(`${lost.length} delivery state change(s) could not be written before stopping (the disk is full); those deliveries are sent again after the next start.`));
    }
  }

  private onTimer(): void {
    this.timer = null;
    this.deferredDue = this.deferred.length > 0;
    this.flushSome();
  }

  private hasWork(): boolean {
    return this.urgent.length > 0 || (this.deferredDue && this.deferred.length > 0);
  }

  private scheduleImmediate(): void {
    if (this.immediate) return;
    this.immediate = setImmediate(() => {
      this.immediate = null;
      this.flushSome();
    });
  }

  /** One batch now; if more is waiting, the next batch after the event loop had a turn. */
  private flushSome(): void {
    if (!this.hasWork()) return;
    if (this.flushBatch() && this.hasWork()) this.scheduleImmediate();
  }

  private clearTimers(): void {
    if (this.timer) clearTimeout(this.timer);
    if (this.immediate) clearImmediate(this.immediate);
    this.timer = null;
    this.immediate = null;
  }

  /** Urgent ops first, then the deferred ones when they are due, up to maxRows rows (at least one op). */
  private takeBatch(): WriteOp[] {
    let rows = 0;
    const take = (queue: WriteOp[]): WriteOp[] => {
      let count = 0;
      while (count < queue.length && (rows === 0 || rows + (queue[count]?.rows ?? 1) <= this.maxRows)) {
        rows += queue[count]?.rows ?? 1;
        count += 1;
      }
      return queue.splice(0, count);
    };
    const batch = take(this.urgent);
    if (!this.deferredDue || rows >= this.maxRows) return batch;
    const before = rows;
    batch.push(...take(this.deferred));
    this.deferredRows -= rows - before;
    if (this.deferred.length === 0) {
      this.deferredDue = false;
      if (this.timer) clearTimeout(this.timer);
      this.timer = null;
    }
    return batch;
  }

  /** Returns false when the disk is full (the kept ops are back at the front of the queue, a retry is set). */
  private flushBatch(): boolean {
    const batch = this.takeBatch();
    try {
      this.transaction(() => {
        for (const op of batch) op.apply(this.context);
      });
    } catch (error) {
      if (isStorageFullError(error)) return this.stall(batch, error);
      // One bad op must not sink its neighbours: retry each on its own.
      for (let i = 0; i < batch.length; i++) {
        if (!this.flushOne(batch[i] as WriteOp)) {
          this.options.onFlushed?.();
          return this.stall(batch.slice(i), undefined);
        }
      }
      this.options.onFlushed?.();
      return true;
    }
    this.wrote();
    for (const op of batch) this.safeCall(() => op.committed?.());
    this.options.onFlushed?.();
    return true;
  }

  /** Returns false, with nothing done, when the disk is full. */
  private flushOne(op: WriteOp): boolean {
    try {
      this.transaction(() => op.apply(this.context));
    } catch (error) {
      if (isStorageFullError(error)) {
        this.lastFullError = error;
        return false;
      }
      this.fail(op, error);
      return true;
    }
    this.wrote();
    this.safeCall(() => op.committed?.());
    return true;
  }

  private lastFullError: unknown = undefined;
  /** Set from a full disk until the storage says it is well again. */
  private probing = false;
  private readonly probe: WriteOp = { keepWhenFull: true, apply: () => this.meta.set(STORAGE_PROBE_KEY, Date.now()) };

  /** The disk is full: the ops that must not be lost go back to the front of the queue, the rest fail now. */
  private stall(ops: WriteOp[], error: unknown): false {
    const cause = error ?? this.lastFullError;
    const coded = this.options.storage ? this.options.storage.cannotWrite(cause) : cause;
    const kept = ops.filter((op) => op.keepWhenFull);
    for (const op of ops) if (!op.keepWhenFull) this.fail(op, coded);
    this.deferred.unshift(...kept);
    for (const op of kept) this.deferredRows += op.rows ?? 1;
    this.probing = true;
    this.clearTimers();
    this.scheduleRetry();
    return false;
  }

  /** A commit: the storage may be well again; while it still says degraded (little space), probe again later. */
  private wrote(): void {
    if (this.options.storage?.wrote() ?? true) {
      this.probing = false;
      return;
    }
    this.probing = true;
    this.scheduleRetry();
  }

  /** One retry after retryFullMs: what is kept, or else a probe, so recovery is seen without waiting for work. */
  private scheduleRetry(): void {
    if (this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (this.probing && this.urgent.length === 0 && this.deferred.length === 0) this.deferred.push(this.probe);
      this.deferredDue = true;
      this.flushSome();
    }, this.retryFullMs);
  }

  private fail(op: WriteOp, error: unknown): void {
    if (op.failed) this.safeCall(() => op.failed?.(error));
    else this.options.onError?.(error);
  }

  private transaction<T>(work: () => T): T {
    this.workingSeq = this.committedSeq;
    try {
      const result = this.db.transaction(() => {
        const value = work();
        if (this.workingSeq !== this.committedSeq) this.meta.setChangeSeq(this.workingSeq);
        return value;
      });
      this.committedSeq = this.workingSeq;
      return result;
    } catch (error) {
      this.workingSeq = this.committedSeq;
      throw error;
    }
  }

  private safeCall(fn: () => void): void {
    try {
      fn();
    } catch (error) {
      this.options.onError?.(error);
    }
  }
}
