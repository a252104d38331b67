/**
 * Every delivery write goes through here: new events with their deliveries (group-committed before the ingest
 * resolves), status changes and attempt rows (batched). After each committed batch it announces what changed,
 * once per batch: `delivery.created`, the `attempt.finished` of each attempt written, then `delivery.updated`
 * with the latest state of each delivery touched and every status transition committed.
 */
import { summarizeDelivery, type Delivery, type DeliveryStatus, type DeliverySummary, type ResourceEvent } from '@hookline/core';
import type { NewAttemptRow } from '../store/attempts-repo.js';
import type { NewDeliveryRow } from '../store/deliveries-repo.js';
import type { Store } from '../store/store.js';
import { WriteBatcher, type StorageReporter } from '../store/write-batcher.js';
import type { AttemptAnnouncement, DeliveryChange, StatusTransition } from './changes.js';

export interface ChangeWriterOptions {
  emit: (change: DeliveryChange) => void;
  onError: (error: unknown) => void;
  now: () => number;
  maxRows?: number;
  maxDelayMs?: number;
  /** Told when writes fail for want of space and when they commit again (store/storage-status.ts). */
  storage?: StorageReporter;
  /** While the disk is full, how often the kept delivery state is tried again. */
  retryFullMs?: number;
}

/** One new event and the delivery rows rendered for it. */
export interface NewEventEntry {
  event: ResourceEvent;
  rows: NewDeliveryRow[];
}

/** The part of the write path the engine uses. */
export type DeliveryWriter = Pick<ChangeWriter, 'updateDelivery' | 'flushNow'>;

export class ChangeWriter {
  private readonly batcher: WriteBatcher;
  private created: Delivery[] = [];
  private finished: { delivery: Delivery; info: AttemptAnnouncement }[] = [];
  private updated = new Map<number, Delivery>();
  private transitions: StatusTransition[] = [];

  constructor(
    private readonly store: Store,
    private readonly options: ChangeWriterOptions,
  ) {
    this.batcher = new WriteBatcher(store.db, store.meta, {
      maxRows: options.maxRows,
      maxDelayMs: options.maxDelayMs,
      onFlushed: () => this.announce(),
      onError: options.onError,
      storage: options.storage,
      retryFullMs: options.retryFullMs,
    });
  }

  get lastSeq(): number {
    return this.batcher.lastSeq;
  }

  /** Commits the event and one delivery per row in the next group commit; resolves once committed. */
  createDeliveries(event: ResourceEvent, rows: NewDeliveryRow[]): Promise<Delivery[]> {
    return this.createEvents([{ event, rows }], false).then((stored) => stored[0] ?? []);
  }

  /** New deliveries of events stored already (a replay's), in the next group commit; resolves once committed. */
  createReplays(rows: NewDeliveryRow[]): Promise<Delivery[]> {
    return new Promise((resolve, reject) => {
      let stored: Delivery[] = [];
      this.batcher.enqueue({
        rows: rows.length,
        urgent: true,
        apply: (tx) => {
          const now = this.options.now();
          stored = rows.map((row) => this.store.deliveries.insert(row, tx.nextSeq(), now));
        },
        committed: () => {
          this.created.push(...stored);
          resolve(stored);
        },
        failed: reject,
      });
    });
  }

  /**
   * Commits several events, each with its deliveries, in one transaction: all of them or none. With `skipStored`,
   * an event whose id is stored already (or came earlier in `entries`) is left out with its rows, and its place in
   * the answer is null. Resolves once committed, with each entry's stored deliveries.
   */
  createEvents(entries: NewEventEntry[], skipStored: boolean): Promise<(Delivery[] | null)[]> {
    return new Promise((resolve, reject) => {
      let stored: (Delivery[] | null)[] = [];
      this.batcher.enqueue({
        rows: entries.reduce((sum, entry) => sum + 1 + entry.rows.length, 0),
        urgent: true,
        apply: (tx) => {
          const now = this.options.now();
          const seen = skipStored ? new Set<string>() : null;
          stored = entries.map(({ event, rows }) => {
            if (seen) {
              if (seen.has(event.id) || this.store.events.has(event.id)) return null;
              seen.add(event.id);
            }
            this.store.events.insert(event, now);
            return rows.map((row) => this.store.deliveries.insert(row, tx.nextSeq(), now));
          });
        },
        committed: () => {
          for (const deliveries of stored) if (deliveries) this.created.push(...deliveries);
          resolve(stored);
        },
        failed: reject,
      });
    });
  }

  /**
   * Persists the delivery's current state, changed from status `from` (and, when given, the attempt that produced
   * it). While the disk is full the write waits and is retried; any other failure goes to `failed` (the engine
   * then reloads the hook's queue from the store).
   */
  updateDelivery(delivery: Delivery, from: DeliveryStatus, attempt?: { row: NewAttemptRow; info: AttemptAnnouncement }, failed?: (error: unknown) => void): void {
    const to = delivery.status;
    this.batcher.enqueue({
      rows: attempt ? 2 : 1,
      keepWhenFull: true,
      failed,
      apply: (tx) => {
        if (attempt) this.store.attempts.insert(attempt.row);
        delivery.changeSeq = tx.nextSeq();
        this.store.deliveries.updateState(delivery);
      },
      committed: () => {
        if (attempt) this.finished.push({ delivery, info: attempt.info });
        this.updated.set(delivery.id, delivery);
        if (from !== to) this.transitions.push({ deliveryId: delivery.id, from, to });
      },
    });
  }

  /** Applies everything queued now (before a direct write that must see it, and at close). */
  flushNow(): void {
    this.batcher.flushNow();
  }

  close(): void {
    this.batcher.close();
  }

  private announce(): void {
    const created = this.created;
    const finished = this.finished;
    const updated = this.updated;
    const transitions = this.transitions;
    this.created = [];
    this.finished = [];
    this.updated = new Map();
    this.transitions = [];
    if (created.length > 0) {
      this.options.emit({ kind: 'delivery.created', deliveries: created.map(summarizeDelivery) });
    }
    for (const { delivery, info } of finished) {
      this.options.emit({ kind: 'attempt.finished', delivery: summarizeDelivery(delivery), ...info });
    }
    if (updated.size > 0) {
      const deliveries: DeliverySummary[] = [...updated.values()].map(summarizeDelivery);
      this.options.emit({ kind: 'delivery.updated', deliveries, transitions });
    }
  }
}
