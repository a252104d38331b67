/**
 * Pruning the log by age, in batches the caller sizes: deliveries in a final state created before a cutoff (their
 * attempts go with them, ON DELETE CASCADE, and their events once no delivery refers to them), then, in a sweep
 * that moves forward by `seq` so no batch reads a row twice, the old events no delivery ever referred to. Deliveries still waiting
 * or retrying are never pruned, whatever their age: the engine holds them. Freed pages go back to the file's
 * free list, and with auto_vacuum=INCREMENTAL `releaseFreePages` gives them back to the file system a few at a time.
 */
import { TERMINAL_STATUSES } from '@hookline/core';
import type { SqliteDatabase } from './database.js';

export interface PruneBatch {
  deliveries: number;
  attempts: number;
  events: number;
}

const FINAL = TERMINAL_STATUSES.map((status) => `'${status}'`).join(', ');

/** The reads retention runs, by name (store-query-plans.test.ts checks the index each one uses). */
export const RETENTION_STATEMENTS = {
  // By age, oldest first: without INDEXED BY the planner takes the status index and sorts every final delivery.
  candidates: `SELECT id FROM deliveries INDEXED BY deliveries_created WHERE created_at < ? AND status IN (${FINAL}) ORDER BY created_at LIMIT ?`,
  sweepEvents: `SELECT seq, NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.event_id = e.id) AS orphan
    FROM events e WHERE seq > ? AND seq <= ? AND created_at < ? ORDER BY seq LIMIT ?`,
  lastOldEvent: 'SELECT seq FROM events WHERE created_at < ? ORDER BY created_at DESC LIMIT 1',
} as const;

export class RetentionRepo {
  private readonly candidatesStmt;
  private readonly countAttemptsStmt;
  private readonly deleteDeliveriesStmt;
  private readonly eventsOfStmt;
  private readonly deleteOrphanEventsStmt;
  private readonly sweepStmt;
  private readonly lastOldSeqStmt;
  private readonly deleteSeqsStmt;

  constructor(private readonly db: SqliteDatabase) {
    this.candidatesStmt = db.prepare<[number, number], { id: number }>(
RETENTION_STATEMENTS.candidates);
    this.countAttemptsStmt = db.prepare<[string], { n: number }>(
      'SELECT COUNT(*) AS n FROM attempts WHERE delivery_id IN (SELECT value FROM json_each(?))',
    );
    this.deleteDeliveriesStmt = db.prepare<[string]>('DELETE FROM deliveries WHERE id IN (SELECT value FROM json_each(?))');
    this.eventsOfStmt = db.prepare<[string], { event_id: string }>(
      'SELECT DISTINCT event_id FROM deliveries WHERE id IN (SELECT value FROM json_each(?))',
    );
    this.deleteOrphanEventsStmt = db.prepare<[string]>(
      'DELETE FROM events WHERE id IN (SELECT value FROM json_each(?)) AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.event_id = events.id)',
    );
    this.sweepStmt = db.prepare<[number, number, number, number], { seq: number; orphan: number }>(RETENTION_STATEMENTS.sweepEvents);
    this.lastOldSeqStmt = db.prepare<[number], { seq: number }>(RETENTION_STATEMENTS.lastOldEvent);
    this.deleteSeqsStmt = db.prepare<[string]>('DELETE FROM events WHERE seq IN (SELECT value FROM json_each(?))');
  }

  /** Up to `limit` ids of final deliveries created before `cutoff` (epoch ms), oldest first. */
  candidates(cutoff: number, limit: number): number[] {
    return this.candidatesStmt.all(cutoff, limit).map((row) => row.id);
  }

  /** Deletes these deliveries, their attempts and the events only they referred to, in one transaction. */
  pruneDeliveries(ids: readonly number[]): PruneBatch {
    if (ids.length === 0) return { deliveries: 0, attempts: 0, events: 0 };
    return this.db.transaction(() => {
      const list = JSON.stringify(ids);
      const attempts = this.countAttemptsStmt.get(list)?.n ?? 0;
      const events = JSON.stringify(this.eventsOfStmt.all(list).map((row) => row.event_id));
      const deliveries = Number(this.deleteDeliveriesStmt.run(list).changes);
      return { deliveries, attempts, events: Number(this.deleteOrphanEventsStmt.run(events).changes) };
    });
  }

  /**
   * One step of the sweep for events created before `cutoff` that no delivery refers to: reads the next `limit`
   * events after `afterSeq`, deletes the unreferenced ones, and says where the next step starts (null: done).
   */
  sweepEvents(afterSeq: number, cutoff: number, limit: number): { events: number; nextSeq: number | null } {
    return this.db.transaction(() => {
      // Events are written in time order, so the old ones end at the newest old one's seq: no step reads past it.
      const last = this.lastOldSeqStmt.get(cutoff)?.seq;
      if (last === undefined) return { events: 0, nextSeq: null };
      const rows = this.sweepStmt.all(afterSeq, last, cutoff, limit);
      const orphans = rows.filter((row) => row.orphan === 1).map((row) => row.seq);
      const events = orphans.length === 0 ? 0 : Number(this.deleteSeqsStmt.run(JSON.stringify(orphans)).changes);
      return { events, nextSeq: rows.length < limit ? null : (rows[rows.length - 1]?.seq ?? null) };
    });
  }

  /** Pages on the free list, and the page size. */
  freeSpace(): { freePages: number; pageSize: number; autoVacuum: 'none' | 'full' | 'incremental' } {
    const modes = ['none', 'full', 'incremental'] as const;
    return {
      freePages: Number(this.db.pragma('freelist_count', { simple: true })),
      pageSize: Number(this.db.pragma('page_size', { simple: true })),
      autoVacuum: modes[Number(this.db.pragma('auto_vacuum', { simple: true }))] ?? 'none',
    };
  }

  /** Gives up to `pages` free pages back to the file system (auto_vacuum=INCREMENTAL only; a no-op otherwise). */
  releaseFreePages(pages: number): void {
    this.db.pragma(`incremental_vacuum(${Math.max(1, Math.floor(pages))})`);
  }
}
