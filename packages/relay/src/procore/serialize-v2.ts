/**
 * v2.0 records (the routes wrap them in `{data: ...}`), with the field names and types of Procore's v2.0
 * schemas: ids as strings, `payload_version`, `status`, lower-case event types, the Authorization value masked to
 * its last 5 characters, and per delivery the exact payload sent with every attempt.
 */
import type { Attempt, DeliveryWithAttempts, PublicHook, ResourceDefinition } from '@hookline/core';
import type { TriggerRecord } from '../service/types.js';
import { compact, payloadValue } from './shape.js';

/** `triggerCount` is included when known (always for one hook; on request for a list). */
export function hookV2(hook: PublicHook, triggerCount?: number) {
  return compact({
    id: String(hook.id),
    status: hook.status,
    payload_version: hook.payloadVersion,
    namespace: hook.namespace,
    destination_headers: hook.authorization === null ? {} : { Authorization: hook.authorization },
    destination_url: hook.destinationUrl,
    trigger_count: triggerCount,
    company_id: hook.companyId,
    project_id: hook.projectId,
    created_at: hook.createdAt,
    updated_at: hook.updatedAt,
  });
}

export function triggerV2(trigger: TriggerRecord, hook: PublicHook) {
  return compact({
    id: String(trigger.id),
    webhook_hook_id: String(trigger.hookId),
    resource_name: trigger.resourceName,
    event_type: trigger.eventType,
    company_id: hook.projectId === null ? hook.companyId : null,
    project_id: hook.projectId,
  });
}

function attemptV2(attempt: Attempt) {
  return {
    id: String(attempt.id),
    number: attempt.number,
    trigger: attempt.trigger,
    started_at: attempt.startedAt,
    completed_at: attempt.completedAt,
    duration_ms: attempt.durationMs,
    response_status: attempt.responseStatus,
    response_headers: attempt.responseHeaders,
    response_body: attempt.responseBody,
    response_error: attempt.errorMessage ?? attempt.errorCode,
  };
}

/** `id` is the event id (as Procore's schema says: "Event Id of the delivery"). */
export function deliveryV2(delivery: DeliveryWithAttempts) {
  return {
    id: delivery.eventId,
    status: delivery.status,
    payload: payloadValue(delivery.payload),
    delivery_attempts: delivery.attempts.map(attemptV2),
    created_at: delivery.createdAt,
    updated_at: delivery.updatedAt,
  };
}

export function resourceV2(resource: ResourceDefinition, payloadVersion: string) {
  return { name: resource.name, payload_version: payloadVersion, actions: [...resource.eventTypes] };
}
