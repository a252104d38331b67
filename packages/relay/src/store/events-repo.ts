/** The `events` table: every resource change, kept. Ids stay decimal strings end to end. */
import type { EventMetadata, EventType, RelatedResource, ResourceEvent } from '@hookline/core';
import type { SqliteDatabase } from './database.js';
import { parseJsonObject } from './sql-values.js';

interface EventRow {
  id: string;
  ulid: string;
  timestamp: string;
  resource_name: string;
  resource_id: string;
  event_type: string;
  company_id: string;
  project_id: string | null;
  user_id: string | null;
  metadata: string;
  related_resources: string;
}

const EMPTY_METADATA: EventMetadata = {
  sourceUserId: null,
  sourceProjectId: null,
  sourceOperationId: null,
  sourceCompanyId: null,
  sourceApplicationId: null,
};

function toEvent(row: EventRow): ResourceEvent {
  return {
    id: row.id,
    ulid: row.ulid,
    timestamp: row.timestamp,
    resourceName: row.resource_name,
    resourceId: row.resource_id,
    eventType: row.event_type as EventType,
    companyId: row.company_id,
    projectId: row.project_id,
    userId: row.user_id,
    metadata: parseJsonObject<EventMetadata>(row.metadata, EMPTY_METADATA),
    relatedResources: parseJsonObject<RelatedResource[]>(row.related_resources, []),
  };
}

export class EventsRepo {
  private readonly insertStmt;
  private readonly byId;
  private readonly lastIdStmt;
  private readonly hasStmt;

  constructor(db: SqliteDatabase) {
    // Positional parameters on the write path (see deliveries-repo.ts).
    this.insertStmt = db.prepare(
      `INSERT INTO events (id, ulid, timestamp, resource_name, resource_id, event_type, company_id, project_id, user_id, metadata, related_resources, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.byId = db.prepare<[string], EventRow>('SELECT * FROM events WHERE id = ?');
    this.lastIdStmt = db.prepare<[], { id: string }>('SELECT id FROM events ORDER BY seq DESC LIMIT 1');
    this.hasStmt = db.prepare<[string], { found: number }>('SELECT 1 AS found FROM events WHERE id = ?');
  }

  insert(event: ResourceEvent, now: number): void {
    this.insertStmt.run(
      String(event.id),
      event.ulid,
      event.timestamp,
      event.resourceName,
      String(event.resourceId),
      event.eventType,
      String(event.companyId),
      event.projectId === null ? null : String(event.projectId),
      event.userId === null ? null : String(event.userId),
      JSON.stringify(event.metadata),
      JSON.stringify(event.relatedResources),
      now,
    );
  }

  /** The id of the newest stored event (ids are generated increasing), or null when there is none. */
  lastId(): string | null {
    return this.lastIdStmt.get()?.id ?? null;
  }

  /** Whether an event with this id is stored (events.id is UNIQUE). */
  has(id: string): boolean {
    return this.hasStmt.get(id) !== undefined;
  }

  get(id: string): ResourceEvent | undefined {
    const row = this.byId.get(id);
    return row ? toEvent(row) : undefined;
  }
}
