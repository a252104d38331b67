/**
 * A hook's recent activity, read with one aggregating query: its finished attempts in a window, grouped by
 * (minute of the window, ok, duration). Grouping by duration keeps the answer small (a minute has few distinct
 * millisecond durations, however many attempts it holds) and keeps every duration for core's nearest-rank p95,
 * which `bucketActivity` takes from the groups; the percentile and window rules are core's, not SQL's.
 */
import type { ActivityGroup, ActivityWindow } from '@hookline/core';
import { ACTIVITY_MINUTE_MS } from '@hookline/core';
import type { SqliteDatabase } from './database.js';

interface GroupRow {
  minute: number;
  ok: number;
  duration_ms: number | null;
  n: number;
}

/**
 * CROSS JOIN keeps attempts outermost: a range of attempts_completed (migration 5, covering) for the window, each
 * joined by primary key to its delivery for the hook. Starting from the hook's deliveries would walk its history.
 */
export const ACTIVITY_GROUPS_SQL = `SELECT CAST((a.completed_at - @from) / @minuteMs AS INTEGER) AS minute, a.ok AS ok, a.duration_ms AS duration_ms, COUNT(*) AS n
  FROM attempts a CROSS JOIN deliveries d ON d.id = a.delivery_id
  WHERE a.completed_at >= @from AND a.completed_at < @to AND d.hook_id = @hookId
  GROUP BY minute, a.ok, a.duration_ms
  ORDER BY minute, a.duration_ms`;

export class ActivityRepo {
  private readonly groupsStmt;

  constructor(db: SqliteDatabase) {
    this.groupsStmt = db.prepare<[{ from: number; to: number; hookId: number; minuteMs: number }], GroupRow>(ACTIVITY_GROUPS_SQL);
  }

  /** The hook's attempts finished in [from, to), grouped by minute of the window, outcome and duration. */
  groups(hookId: number, window: ActivityWindow): ActivityGroup[] {
    return this.groupsStmt
      .all({ from: window.from, to: window.to, hookId, minuteMs: ACTIVITY_MINUTE_MS })
      .map((row) => ({ minute: row.minute, ok: row.ok === 1, durationMs: row.duration_ms, count: row.n }));
  }
}
