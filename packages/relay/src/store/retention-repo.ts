/**
 * Pruning the log by age, in batches the caller sizes: deliveries in a final state created before a cutoff (their
 * attempts go with them, ON DELETE CASCADE), then events no delivery refers to any more. Deliveries still waiting
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

export class RetentionRepo {
  private readonly candidatesStmt;
  private readonly countAttemptsStmt;
  private readonly deleteDeliveriesStmt;
  private readonly deleteEventsStmt;

  constructor(private readonly db: SqliteDatabase) {
    this.candidatesStmt = db.prepare<[number, number], { id: number }>(
      `SELECT id FROM deliveries WHERE created_at < ? AND status IN (${FINAL}) ORDER BY created_at LIMIT ?`,
    );
    this.countAttemptsStmt = db.prepare<[string], { n: number }>(
      'SELECT COUNT(*) AS n FROM attempts WHERE delivery_id IN (SELECT value FROM json_each(?))',
    );
    this.deleteDeliveriesStmt = db.prepare<[string]>('DELETE FROM deliveries WHERE id IN (SELECT value FROM json_each(?))');
    this.deleteEventsStmt = db.prepare<[number, number]>(
      `DELETE FROM events WHERE seq IN (
         SELECT seq FROM events e WHERE e.created_at < ? AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.event_id = e.id)
         ORDER BY seq LIMIT ?)`,
    );
  }

  /** Up to `limit` ids of final deliveries created before `cutoff` (epoch ms), oldest first. */
  candidates(cutoff: number, limit: number): number[] {
    return this.candidatesStmt.all(cutoff, limit).map((row) => row.id);
  }

  /** Deletes these deliveries (and their attempts) and up to `eventLimit` unreferenced events created before `cutoff`, in one transaction. */
  prune(ids: readonly number[], cutoff: number, eventLimit: number): PruneBatch {
    return this.db.transaction(() => {
      const list = JSON.stringify(ids);
      const attempts = ids.length === 0 ? 0 : (this.countAttemptsStmt.get(list)?.n ?? 0);
      const deliveries = ids.length === 0 ? 0 : Number(this.deleteDeliveriesStmt.run(list).changes);
      const events = Number(this.deleteEventsStmt.run(cutoff, eventLimit).changes);
      return { deliveries, attempts, events };
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
