/** Delivery summaries for tests: `summary(id, changeSeq, status)`, and `page(from, to)` as a relay page returns them. */
import type { DeliveryStatus, DeliverySummary } from '@hookline/core';

export function summary(id: number, changeSeq = id, status: DeliveryStatus = 'delivered', extra: Partial<DeliverySummary> = {}): DeliverySummary {
  return {
    id, hookId: 1, eventId: String(5982324300946918000n + BigInt(id)), eventUlid: `01JF3Q4XG7M2N8P5R6S9T0V${String(id).padStart(3, '0')}`,
    resourceName: 'RFIs', eventType: 'update', resourceId: '54321', projectId: '1', status, payloadVersion: 'v2.0',
    attemptCount: status === 'enqueued' ? 0 : 1, firstFailureAt: null, nextAttemptAt: null,
    lastResponseStatus: status === 'delivered' ? 200 : status === 'enqueued' ? null : 500, lastDurationMs: status === 'enqueued' ? null : 12,
    lastErrorCode: null, changeSeq, createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z', replayOf: null, ...extra,
  };
}

/** ids from `from` down to `to`, newest first. */
export function page(from: number, to: number, status: DeliveryStatus = 'delivered'): DeliverySummary[] {
  return Array.from({ length: from - to + 1 }, (_, i) => summary(from - i, from - i, status));
}
