/** The `triggers` table: (resource name, event type) pairs switched on for a hook; together they are its grid. */
import type { EventType, Trigger } from '@hookline/core';
import type { SqliteDatabase } from './database.js';
import { toIso } from './sql-values.js';

interface TriggerRow {
  id: number;
  hook_id: number;
  resource_name: string;
  event_type: string;
  created_at: number;
}

function toTrigger(row: TriggerRow): Trigger {
  return {
    id: row.id,
    hookId: row.hook_id,
    resourceName: row.resource_name,
    eventType: row.event_type as EventType,
    createdAt: toIso(row.created_at),
  };
}

const COLUMNS = 'id, hook_id, resource_name, event_type, created_at';

export class TriggersRepo {
  private readonly byHook;
  private readonly byId;
  private readonly findStmt;
  private readonly insertStmt;
  private readonly deleteByIdStmt;
  private readonly deleteOneStmt;

  constructor(db: SqliteDatabase) {
    this.byHook = db.prepare<[number], TriggerRow>(`SELECT ${COLUMNS} FROM triggers WHERE hook_id = ? ORDER BY resource_name, event_type`);
    this.byId = db.prepare<[number], TriggerRow>(`SELECT ${COLUMNS} FROM triggers WHERE id = ?`);
    this.findStmt = db.prepare<[number, string, string], TriggerRow>(
      `SELECT ${COLUMNS} FROM triggers WHERE hook_id = ? AND resource_name = ? AND event_type = ?`,
    );
    this.insertStmt = db.prepare<[number, string, string, number]>(
      'INSERT OR IGNORE INTO triggers (hook_id, resource_name, event_type, created_at) VALUES (?, ?, ?, ?)',
    );
    this.deleteByIdStmt = db.prepare<[number]>('DELETE FROM triggers WHERE id = ?');
    this.deleteOneStmt = db.prepare<[number, string, string]>('DELETE FROM triggers WHERE hook_id = ? AND resource_name = ? AND event_type = ?');
  }

  listForHook(hookId: number): Trigger[] {
    return this.byHook.all(hookId).map(toTrigger);
  }

  get(id: number): Trigger | undefined {
    const row = this.byId.get(id);
    return row ? toTrigger(row) : undefined;
  }

  find(hookId: number, resourceName: string, eventType: EventType): Trigger | undefined {
    const row = this.findStmt.get(hookId, resourceName, eventType);
    return row ? toTrigger(row) : undefined;
  }

  /** Switches a trigger on; returns the existing row when it already was. */
  add(hookId: number, resourceName: string, eventType: EventType, now: number): Trigger {
    this.insertStmt.run(hookId, resourceName, eventType, now);
    return this.find(hookId, resourceName, eventType) as Trigger;
  }

  remove(hookId: number, resourceName: string, eventType: EventType): boolean {
    return this.deleteOneStmt.run(hookId, resourceName, eventType).changes > 0;
  }

  deleteById(id: number): boolean {
    return this.deleteByIdStmt.run(id).changes > 0;
  }
}
