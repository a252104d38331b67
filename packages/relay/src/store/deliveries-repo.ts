/**
 * The `deliveries` table: one event to one hook, with its status, retry timing (`next_attempt_at`, epoch ms) and
 * the relay-wide `change_seq` of its last change. Lists are keyset pages over `id` (newest first), never OFFSET.
 */
import { initialDeliveryState } from '@hookline/core';
import type {
  AttemptErrorCode,
  Delivery,
  DeliveryStatus,
  DeliverySummary,
  EventType,
  PayloadVersion,
} from '@hookline/core';
import type { SqliteDatabase } from './database.js';
import { toEpochMsOrNull, toIso, toIsoOrNull } from './sql-values.js';

interface DeliveryRow {
  id: number;
  hook_id: number;
  event_id: string;
  event_ulid: string;
  resource_name: string;
  event_type: string;
  resource_id: string;
  project_id: string | null;
  status: string;
  payload?: string;
  payload_version: string;
  attempt_count: number;
  first_failure_at: number | null;
  next_attempt_at: number | null;
  last_response_status: number | null;
  last_duration_ms: number | null;
  last_error_code: string | null;
  change_seq: number;
  created_at: number;
  updated_at: number;
  replay_of: number | null;
}

export type NewDeliveryRow = Pick<
  Delivery,
  'hookId' | 'eventId' | 'eventUlid' | 'resourceName' | 'eventType' | 'resourceId' | 'projectId' | 'payload' | 'payloadVersion'
> & { replayOf?: number | null };

export interface DeliveryFilter {
  hookId?: number;
  status?: DeliveryStatus | 'failures';
  resourceName?: string;
  eventType?: EventType;
  resourceId?: string;
  /** created_at at or after this epoch ms. */
  createdFrom?: number;
  /** created_at before this epoch ms. */
  createdBefore?: number;
  /** Only ids below this one (the keyset cursor). */
  beforeId?: number;
}

/** One hook's deliveries as the Procore API asks for them: any of several statuses and a creation-time range. */
export interface DeliverySearchFilter {
  hookId: number;
  /** Any of these; all statuses when absent. An empty list matches nothing. */
  statuses?: readonly DeliveryStatus[];
  resourceName?: string;
  eventType?: EventType;
  /** created_at at or after this epoch ms. */
  createdFrom?: number;
  /** created_at before this epoch ms. */
  createdBefore?: number;
  /** Only ids below this one (keyset paging). */
  beforeId?: number;
}

const SUMMARY_COLUMNS =
  'id, hook_id, event_id, event_ulid, resource_name, event_type, resource_id, project_id, status, payload_version, attempt_count, ' +
  'first_failure_at, next_attempt_at, last_response_status, last_duration_ms, last_error_code, change_seq, created_at, updated_at, replay_of';
const FULL_COLUMNS = `${SUMMARY_COLUMNS}, payload`;

/** The fixed reads, by name (store-query-plans.test.ts checks the index each one uses). */
export const DELIVERY_STATEMENTS = {
  pending: `SELECT ${FULL_COLUMNS} FROM deliveries WHERE status IN ('enqueued', 'retrying') ORDER BY hook_id, id`,
  pendingForHook: `SELECT ${FULL_COLUMNS} FROM deliveries WHERE hook_id = ? AND status IN ('enqueued', 'retrying') ORDER BY id`,
  changedSince: `SELECT ${SUMMARY_COLUMNS} FROM deliveries WHERE change_seq > ? ORDER BY change_seq LIMIT ?`,
} as const;

/** A statement with its named parameters. */
export interface BoundQuery {
  sql: string;
  params: Record<string, unknown>;
}

function toSummary(row: DeliveryRow): DeliverySummary {
  return {
    id: row.id,
    hookId: row.hook_id,
    eventId: row.event_id,
    eventUlid: row.event_ulid,
    resourceName: row.resource_name,
    eventType: row.event_type as EventType,
    resourceId: row.resource_id,
    projectId: row.project_id,
    status: row.status as DeliveryStatus,
    payloadVersion: row.payload_version as PayloadVersion,
    attemptCount: row.attempt_count,
    firstFailureAt: toIsoOrNull(row.first_failure_at),
    nextAttemptAt: toIsoOrNull(row.next_attempt_at),
    lastResponseStatus: row.last_response_status,
    lastDurationMs: row.last_duration_ms,
    lastErrorCode: row.last_error_code as AttemptErrorCode | null,
    changeSeq: row.change_seq,
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
    replayOf: row.replay_of,
  };
}

function toDelivery(row: DeliveryRow): Delivery {
  return { ...toSummary(row), payload: row.payload ?? '' };
}

export class DeliveriesRepo {
  private readonly insertStmt;
  private readonly updateStmt;
  private readonly byId;
  private readonly pendingStmt;
  private readonly pendingForHookStmt;
  private readonly backlogStmt;
  private readonly pageStatements = new Map<string, ReturnType<SqliteDatabase['prepare']>>();

  constructor(private readonly db: SqliteDatabase) {
    // Positional parameters on the write path: node:sqlite binds a named one several times slower (`node bench/micro.mjs`);
    // plain `?` only, since better-sqlite3 refuses a numbered one (`?1`) given twice.
    this.insertStmt = db.prepare(
      `INSERT INTO deliveries (hook_id, event_id, event_ulid, resource_name, event_type, resource_id, project_id, status, payload, payload_version, change_seq, created_at, updated_at, replay_of)
       VALUES (?, ?, ?, ?, ?, ?, ?, 'enqueued', ?, ?, ?, ?, ?, ?)`,
    );
    this.updateStmt = db.prepare(
      `UPDATE deliveries SET status = ?, attempt_count = ?, first_failure_at = ?, next_attempt_at = ?,
         last_response_status = ?, last_duration_ms = ?, last_error_code = ?, change_seq = ?, updated_at = ?
       WHERE id = ?`,
    );
    this.byId = db.prepare<[number], DeliveryRow>(`SELECT ${FULL_COLUMNS} FROM deliveries WHERE id = ?`);
    this.pendingStmt = db.prepare<[], DeliveryRow>(DELIVERY_STATEMENTS.pending);
    this.pendingForHookStmt = db.prepare<[number], DeliveryRow>(DELIVERY_STATEMENTS.pendingForHook);
    this.backlogStmt = db.prepare<[number, number], DeliveryRow>(DELIVERY_STATEMENTS.changedSince);
  }

  /** Inserts a new 'enqueued' delivery and returns it as stored. */
  insert(row: NewDeliveryRow, changeSeq: number, now: number): Delivery {
    // Field by field, not `{ ...row, ...state }`: that shape takes V8's slow path, ~8 KB of garbage per delivery
    // and a visible share of the ingest CPU (`npm run bench`).
    const { hookId, eventId, eventUlid, resourceName, eventType, resourceId, projectId, payload, payloadVersion } = row;
    const replayOf = row.replayOf ?? null;
    const result = this.insertStmt.run(hookId, eventId, eventUlid, resourceName, eventType, resourceId, projectId, payload, payloadVersion, changeSeq, now, now, replayOf);
    const nowIso = toIso(now);
    const state = initialDeliveryState();
    return {
      hookId,
      eventId,
      eventUlid,
      resourceName,
      eventType,
      resourceId,
      projectId,
      payload,
      payloadVersion,
      id: Number(result.lastInsertRowid),
      status: state.status,
      attemptCount: state.attemptCount,
      firstFailureAt: state.firstFailureAt,
      nextAttemptAt: state.nextAttemptAt,
      lastResponseStatus: state.lastResponseStatus,
      lastDurationMs: state.lastDurationMs,
      lastErrorCode: state.lastErrorCode,
      changeSeq,
      createdAt: nowIso,
      updatedAt: nowIso,
      replayOf,
    };
  }

  /** Writes the delivery's status fields, change_seq and updated_at. Returns false when the row is gone. */
  updateState(delivery: Delivery | DeliverySummary): boolean {
    return (
      this.updateStmt.run(
        delivery.status,
        delivery.attemptCount,
        toEpochMsOrNull(delivery.firstFailureAt),
        toEpochMsOrNull(delivery.nextAttemptAt),
        delivery.lastResponseStatus,
        delivery.lastDurationMs,
        delivery.lastErrorCode,
        delivery.changeSeq,
        toEpochMsOrNull(delivery.updatedAt) ?? Date.now(),
        delivery.id,
      ).changes > 0
    );
  }

  get(id: number): Delivery | undefined {
    const row = this.byId.get(id);
    return row ? toDelivery(row) : undefined;
  }

  /** Every enqueued or retrying delivery, by hook then id: what the engine resumes at start. */
  pending(): Delivery[] {
    return this.pendingStmt.all().map(toDelivery);
  }

  /** One hook's enqueued or retrying deliveries, in id order: what the engine reloads after a failed write. */
  pendingForHook(hookId: number): Delivery[] {
    return this.pendingForHookStmt.all(hookId).map(toDelivery);
  }

  /** Deliveries whose last change is newer than `since`, oldest change first. */
  changedSince(since: number, limit: number): DeliverySummary[] {
    return this.backlogStmt.all(since, limit).map(toSummary);
  }

  /** Newest first, at most `limit` rows matching the filter, below `filter.beforeId` when given. */
  page(filter: DeliveryFilter, limit: number): DeliverySummary[] {
    const { sql, params } = pageQuery(filter, limit);
    return (this.statement(sql).all(params) as DeliveryRow[]).map(toSummary);
  }

  /** Newest first, with payloads: `limit` rows after skipping `offset` (page paging) of those matching. */
  search(filter: DeliverySearchFilter, limit: number, offset = 0): Delivery[] {
    const { sql, params } = searchQuery(filter, limit, offset);
    return (this.statement(sql).all(params) as DeliveryRow[]).map(toDelivery);
  }

  /** How many deliveries match the filter (for totals beside a page). */
  count(filter: DeliverySearchFilter): number {
    const { sql, params } = countQuery(filter);
    return (this.statement(sql).get(params) as { n: number }).n;
  }

  private statement(sql: string): ReturnType<SqliteDatabase['prepare']> {
    let stmt = this.pageStatements.get(sql);
    if (!stmt) {
      stmt = this.db.prepare(sql);
      this.pageStatements.set(sql, stmt);
    }
    return stmt;
  }
}

/** The filter fields both lists share, each a column compared to a parameter of the same name. */
const FILTER_CLAUSES = {
  hookId: 'hook_id = @hookId',
  resourceName: 'resource_name = @resourceName',
  eventType: 'event_type = @eventType',
  resourceId: 'resource_id = @resourceId',
  createdFrom: 'created_at >= @createdFrom',
  createdBefore: 'created_at < @createdBefore',
  beforeId: 'id < @beforeId',
} as const satisfies Partial<Record<keyof DeliveryFilter | keyof DeliverySearchFilter, string>>;

function addFilterClauses(filter: Partial<Record<keyof typeof FILTER_CLAUSES, unknown>>, where: string[], params: Record<string, unknown>): void {
  for (const [key, clause] of Object.entries(FILTER_CLAUSES) as [keyof typeof FILTER_CLAUSES, string][]) {
    if (filter[key] === undefined) continue;
    where.push(clause);
    params[key] = filter[key];
  }
}

/** DeliveriesRepo.page's statement: newest first, keyset below `filter.beforeId`. */
export function pageQuery(filter: DeliveryFilter, limit: number): BoundQuery {
  const where: string[] = [];
  const params: Record<string, unknown> = { limit };
  if (filter.status === 'failures') {
    where.push('failed = 1');
  } else if (filter.status !== undefined) {
    where.push('status = @status');
    params.status = filter.status;
  }
  addFilterClauses(filter, where, params);
  const sql = `SELECT ${SUMMARY_COLUMNS} FROM deliveries ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT @limit`;
  return { sql, params };
}

/** DeliveriesRepo.search's statement (the Procore API's list): newest first, page paging. */
export function searchQuery(filter: DeliverySearchFilter, limit: number, offset: number): BoundQuery {
  const { where, params } = searchWhere(filter);
  return { sql: `SELECT ${FULL_COLUMNS} FROM deliveries WHERE ${where} ORDER BY id DESC LIMIT @limit OFFSET @offset`, params: { ...params, limit, offset } };
}

/** DeliveriesRepo.count's statement. */
export function countQuery(filter: DeliverySearchFilter): BoundQuery {
  const { where, params } = searchWhere(filter);
  return { sql: `SELECT COUNT(*) AS n FROM deliveries WHERE ${where}`, params };
}

function searchWhere(filter: DeliverySearchFilter): { where: string; params: Record<string, unknown> } {
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  if (filter.statuses !== undefined) {
    const names = filter.statuses.map((status, i) => {
      params[`status${i}`] = status;
      return `@status${i}`;
    });
    where.push(names.length === 0 ? '0' : `status IN (${names.join(', ')})`);
  }
  addFilterClauses(filter, where, params);
  return { where: where.join(' AND '), params };
}
