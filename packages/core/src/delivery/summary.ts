/** Deliveries as announced and listed: everything but the payload. */
import type { Delivery, DeliverySummary } from '../model.js';

/**
 * A delivery without its payload. Cheap: copies the fields, not the bytes, one by one (a rest pattern,
 * `{ payload, ...summary }`, costs several times as much, and this runs several times per delivery).
 */
export function summarizeDelivery(delivery: Delivery): DeliverySummary {
  return {
    id: delivery.id,
    hookId: delivery.hookId,
    eventId: delivery.eventId,
    eventUlid: delivery.eventUlid,
    resourceName: delivery.resourceName,
    eventType: delivery.eventType,
    resourceId: delivery.resourceId,
    projectId: delivery.projectId,
    status: delivery.status,
    payloadVersion: delivery.payloadVersion,
    attemptCount: delivery.attemptCount,
    firstFailureAt: delivery.firstFailureAt,
    nextAttemptAt: delivery.nextAttemptAt,
    lastResponseStatus: delivery.lastResponseStatus,
    lastDurationMs: delivery.lastDurationMs,
    lastErrorCode: delivery.lastErrorCode,
    changeSeq: delivery.changeSeq,
    createdAt: delivery.createdAt,
    updatedAt: delivery.updatedAt,
    replayOf: delivery.replayOf,
  };
}
