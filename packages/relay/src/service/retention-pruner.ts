/**
 * The rolling retention window (28 days by default, like Procore's event history) and `hookline prune`: the log
 * is pruned in small batches off the hot path. Each batch is one short transaction sized to take about
 * `targetBatchMs` (it grows while batches are quick and halves when one is slow), and the event loop runs between
 * batches, so deliveries never wait behind a prune for long (`npm run bench` measures the longest pause while
 * pruning 1M rows). Freed pages then go back to the file system a few at a time (incremental vacuum).
 */
import { performance } from 'node:perf_hooks';
import type { Store } from '../store/store.js';
import type { PruneBatch } from '../store/retention-repo.js';
import { isStorageFullError } from '../store/sqlite-errors.js';
import type { Clock, TimerHandle } from '../delivery/clock.js';

export interface PruneResult extends PruneBatch {
  /** Everything created before this instant (ISO) was in scope. */
  before: string;
  /** Bytes given back to the file system (incremental vacuum); 0 when the file cannot shrink. */
  freedBytes: number;
  durationMs: number;
}

export interface RetentionPrunerOptions {
  store: Store;
  clock: Clock;
  /** 0 keeps everything (no background pruning; `prune` still works). */
  retentionMs: number;
  /** A final delivery with a manual attempt still running is left for the next round. */
  isBusy: (deliveryId: number) => boolean;
  /** Writes still batched are committed first, so nothing about to be written refers to a pruned row. */
  flush: () => void;
  onError: (error: unknown) => void;
  onPruned?: (result: PruneResult) => void;
  targetBatchMs?: number;
}

const MIN_BATCH = 50;
const MAX_BATCH = 20_000;
const VACUUM_STEP_PAGES = 512;

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export class RetentionPruner {
  private batch = 500;
  private running: Promise<PruneResult> | null = null;
  private timer: TimerHandle | null = null;
  private stopped = false;
  private lastRun: PruneResult | null = null;

  constructor(private readonly options: RetentionPrunerOptions) {}

  /** How often the window is applied: a twentieth of it, between 1 s and 1 min. */
  get intervalMs(): number {
    return Math.min(60_000, Math.max(1_000, Math.floor(this.options.retentionMs / 20)));
  }

  get retentionMs(): number {
    return this.options.retentionMs;
  }

  get last(): PruneResult | null {
    return this.lastRun;
  }

  start(): void {
    if (this.options.retentionMs <= 0 || this.stopped) return;
    this.schedule(0);
  }

  /** Prunes what was created before `cutoff` (epoch ms) now; a prune already running finishes first. */
  async pruneBefore(cutoff: number): Promise<PruneResult> {
    while (this.running) await this.running.catch(() => undefined);
    this.running = this.run(cutoff);
    try {
      const result = await this.running;
      this.lastRun = result;
      if (result.deliveries + result.events > 0) this.options.onPruned?.(result);
      return result;
    } finally {
      this.running = null;
    }
  }

  /** Stops the window; a prune in progress ends after its current batch. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer !== null) this.options.clock.clearTimer(this.timer);
    this.timer = null;
    await this.running?.catch(() => undefined);
  }

  private schedule(delayMs: number): void {
    this.timer = this.options.clock.setTimer(() => {
      this.timer = null;
      if (this.stopped) return;
      this.pruneBefore(this.options.clock.now() - this.options.retentionMs)
        .catch((error: unknown) => {
          // A full disk is the storage status's to report; pruning tries again next round (and then frees space).
          if (!isStorageFullError(error)) this.options.onError(error);
        })
        .finally(() => {
          if (!this.stopped) this.schedule(this.intervalMs);
        });
    }, delayMs);
  }

  private async run(cutoff: number): Promise<PruneResult> {
    const { store, clock } = this.options;
    const started = clock.now();
    const target = this.options.targetBatchMs ?? 4;
    const total: PruneBatch = { deliveries: 0, attempts: 0, events: 0 };
    for (;;) {
      if (this.stopped) break;
      this.options.flush();
      const began = performance.now();
      const ids = store.retention.candidates(cutoff, this.batch).filter((id) => !this.options.isBusy(id));
      const pruned = store.retention.pruneDeliveries(ids);
      this.adapt(performance.now() - began, target);
      total.deliveries += pruned.deliveries;
      total.attempts += pruned.attempts;
      total.events += pruned.events;
      if (pruned.deliveries === 0) break;
      await yieldToEventLoop();
    }
    for (let afterSeq: number | null = 0; afterSeq !== null && !this.stopped; ) {
      const began = performance.now();
      const step = store.retention.sweepEvents(afterSeq, cutoff, this.batch * 4);
      this.adapt(performance.now() - began, target);
      total.events += step.events;
      afterSeq = step.nextSeq;
      await yieldToEventLoop();
    }
    const freedBytes = await this.releaseFreePages();
    return { ...total, before: new Date(cutoff).toISOString(), freedBytes, durationMs: clock.now() - started };
  }

  /** Grows the batch while batches are quick, halves it when one is slow. */
  private adapt(tookMs: number, targetMs: number): void {
    if (tookMs > targetMs * 2) this.batch = Math.max(MIN_BATCH, Math.floor(this.batch / 2));
    else if (tookMs < targetMs / 2) this.batch = Math.min(MAX_BATCH, this.batch * 2);
  }

  private async releaseFreePages(): Promise<number> {
    const { retention } = this.options.store;
    const start = retention.freeSpace();
    if (start.autoVacuum !== 'incremental') return 0;
    let free = start.freePages;
    while (free > 0 && !this.stopped) {
      retention.releaseFreePages(VACUUM_STEP_PAGES);
      const now = retention.freeSpace().freePages;
      if (now >= free) break;
      free = now;
      await yieldToEventLoop();
    }
    return (start.freePages - free) * start.pageSize;
  }
}
