/**
 * The `attempts` table: one row per HTTP try, written once when the try ends and never changed. The request body
 * is not copied into every row: it is always the delivery's stored payload, filled in on read.
 */
import type { Attempt, AttemptErrorCode, AttemptSample, AttemptTrigger } from '@hookline/core';
import type { SqliteDatabase } from './database.js';
import { parseJsonObject, toIso, toIsoOrNull } from './sql-values.js';

interface AttemptRow {
  id: number;
  delivery_id: number;
  number: number;
  trigger_kind: string;
  url: string | null;
  ok: number;
  started_at: number;
  completed_at: number | null;
  duration_ms: number | null;
  request_headers: string;
  response_status: number | null;
  response_headers: string;
  response_body: Buffer | null;
  response_body_truncated: number;
  error_code: string | null;
  error_message: string | null;
}

export interface NewAttemptRow {
  deliveryId: number;
  number: number;
  trigger: AttemptTrigger;
  /** Where the try went; null when the hook had no endpoint. */
  url: string | null;
  ok: boolean;
  startedAt: number;
  completedAt: number | null;
  durationMs: number | null;
  requestHeaders: Record<string, string>;
  responseStatus: number | null;
  responseHeaders: Record<string, string>;
  /** The first bytes of the response body exactly as received (at most the sender's limit). */
  responseBody: Buffer | null;
  responseBodyTruncated: boolean;
  errorCode: AttemptErrorCode | null;
  errorMessage: string | null;
}

function toAttempt(row: AttemptRow, requestBody: string): Attempt {
  return {
    id: row.id,
    deliveryId: row.delivery_id,
    number: row.number,
    trigger: row.trigger_kind as AttemptTrigger,
    url: row.url,
    ok: row.ok === 1,
    startedAt: toIso(row.started_at),
    completedAt: toIsoOrNull(row.completed_at),
    durationMs: row.duration_ms,
    requestHeaders: parseJsonObject<Record<string, string>>(row.request_headers, {}),
    requestBody,
    responseStatus: row.response_status,
    responseHeaders: parseJsonObject<Record<string, string>>(row.response_headers, {}),
    responseBody: row.response_body === null ? null : Buffer.from(row.response_body).toString('utf8'),
    responseBodyTruncated: row.response_body_truncated === 1,
    errorCode: row.error_code as AttemptErrorCode | null,
    errorMessage: row.error_message,
  };
}

/** The reads by name (store-query-plans.test.ts checks the index each one uses). */
export const ATTEMPT_STATEMENTS = {
  byDelivery: 'SELECT * FROM attempts WHERE delivery_id = ? ORDER BY id',
} as const;

export class AttemptsRepo {
  private readonly insertStmt;
  private readonly byDelivery;
  private readonly countStmt;
  private readonly recentStmt;

  constructor(db: SqliteDatabase) {
    // Positional parameters on the write path (see deliveries-repo.ts).
    // Guarded by EXISTS: an attempt that ends after its hook (and so its delivery) was deleted is dropped
    // instead of failing the whole write batch on the foreign key.
    this.insertStmt = db.prepare(
      `INSERT INTO attempts (delivery_id, number, trigger_kind, url, ok, started_at, completed_at, duration_ms, request_headers,
         response_status, response_headers, response_body, response_body_truncated, error_code, error_message)
       SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?
       WHERE EXISTS (SELECT 1 FROM deliveries WHERE id = ?)`,
    );
    this.byDelivery = db.prepare<[number], AttemptRow>(ATTEMPT_STATEMENTS.byDelivery);
    this.countStmt = db.prepare<[number], { n: number }>('SELECT COUNT(*) AS n FROM attempts WHERE delivery_id = ?');
    // Newest first by id (attempt rows are written as each try ends, so id order is completion order, and it
    // holds when the wall clock steps back): walking attempts backwards stops after `limit` rows of the hook,
    // where ordering by completed_at joined every delivery of the hook and sorted them (~1 s at 1M deliveries,
    // all of it before the relay was ready).
    this.recentStmt = db.prepare<[number, number], AttemptRow>(
      `SELECT a.* FROM attempts a CROSS JOIN deliveries d ON d.id = a.delivery_id
       WHERE d.hook_id = ? AND a.completed_at IS NOT NULL ORDER BY a.id DESC LIMIT ?`,
    );
  }

  /** A hook's latest finished attempts, oldest first (what endpoint health is computed from at start-up). */
  recentForHook(hookId: number, limit: number): AttemptSample[] {
    return this.recentStmt
      .all(hookId, limit)
      .reverse()
      .map((row) => ({
        at: row.completed_at ?? row.started_at,
        ok: row.ok === 1,
        durationMs: row.duration_ms ?? 0,
        status: row.response_status,
        errorCode: row.error_code as AttemptErrorCode | null,
        errorMessage: row.error_message,
        trigger: row.trigger_kind as AttemptTrigger,
      }));
  }

  /** Returns false when the delivery no longer exists (nothing is written). */
  insert(attempt: NewAttemptRow): boolean {
    return (
      this.insertStmt.run(
        attempt.deliveryId,
        attempt.number,
        attempt.trigger,
        attempt.url,
        attempt.ok ? 1 : 0,
        attempt.startedAt,
        attempt.completedAt,
        attempt.durationMs,
        JSON.stringify(attempt.requestHeaders),
        attempt.responseStatus,
        JSON.stringify(attempt.responseHeaders),
        attempt.responseBody,
        attempt.responseBodyTruncated ? 1 : 0,
        attempt.errorCode,
        attempt.errorMessage,
        attempt.deliveryId,
      ).changes > 0
    );
  }

  listForDelivery(deliveryId: number, requestBody: string): Attempt[] {
    return this.byDelivery.all(deliveryId).map((row) => toAttempt(row, requestBody));
  }

  /** As listForDelivery, each with its response body's bytes exactly as stored (an export keeps non-UTF-8 bodies whole). */
  listWithResponseBytes(deliveryId: number, requestBody: string): { attempt: Attempt; responseBytes: Buffer | null }[] {
    return this.byDelivery.all(deliveryId).map((row) => ({
      attempt: toAttempt(row, requestBody),
      responseBytes: row.response_body === null ? null : Buffer.from(row.response_body),
    }));
  }

  countForDelivery(deliveryId: number): number {
    return this.countStmt.get(deliveryId)?.n ?? 0;
  }
}
