/**
 * v1.0 answers, bare (not wrapped in `data`), with the field names and types of Procore's v1.0 schemas: integer
 * ids, the payload version as `api_version`, trigger event types upper-case, the Authorization value masked to
 * its last 5 characters, and per delivery the outcome and the last attempt's response.
 */
import {
  deliveryOutcome,
  renderPayload,
  type Attempt,
  type DeliveryWithAttempts,
  type PublicHook,
  type ResourceDefinition,
  type ResourceEvent,
} from '@hookline/core';
import type { TriggerRecord } from '../service/types.js';
import { exceptEventTypes } from './resources.js';
import { compact, int, payloadValue } from './shape.js';

export function hookV1(hook: PublicHook, userId: string) {
  return compact({
    id: hook.id,
    api_version: hook.payloadVersion,
    destination_headers: hook.authorization === null ? {} : { Authorization: hook.authorization },
    destination_url: hook.destinationUrl,
    owned_by_company_id: int(hook.companyId),
    owned_by_project_id: hook.projectId === null ? null : int(hook.projectId),
    owned_by_user_id: int(userId),
    namespace: hook.namespace,
  });
}

export function triggerV1(trigger: TriggerRecord, hook: PublicHook, userId: string) {
  return compact({
    id: trigger.id,
    webhook_hook_id: trigger.hookId,
    resource_name: trigger.resourceName,
    event_type: trigger.eventType.toUpperCase(),
    company_id: hook.projectId === null ? int(hook.companyId) : null,
    project_id: hook.projectId === null ? null : int(hook.projectId),
    user_id: int(userId),
  });
}

/**
 * The event as it was sent: the stored payload for v2.0 and v3.0 hooks. A v4.0 payload does not fit v1.0's
 * event schema (string ids, `reason`), so a v4.0 hook's event is shown in the v2.0 form.
 */
function eventV1(delivery: DeliveryWithAttempts, event: ResourceEvent | null): Record<string, unknown> {
  const payload = delivery.payloadVersion === 'v4.0' && event !== null ? renderPayload(event, 'v2.0') : delivery.payload;
  return compact(payloadValue(payload));
}

function responseError(attempt: Attempt): string | null {
  return attempt.errorMessage ?? attempt.errorCode;
}

export function deliveryV1(delivery: DeliveryWithAttempts, event: ResourceEvent | null) {
  const last = delivery.attempts[delivery.attempts.length - 1];
  return compact({
    id: delivery.id,
    event_id: int(delivery.eventId),
    event: eventV1(delivery, event),
    outcome: deliveryOutcome(delivery.status, delivery.attemptCount),
    response_status: last?.responseStatus ?? null,
    response_headers: last?.responseHeaders ?? {},
    response_body: last?.responseBody ?? null,
    response_error: last ? responseError(last) : null,
    started_at: last?.startedAt ?? null,
    completed_at: last?.completedAt ?? null,
  });
}

/** One resource: its name, the event types it offers (by name) and those it lacks (`except`). */
export function resourceV1(resource: ResourceDefinition, apiVersion: string) {
  const offers = (type: 'create' | 'update' | 'delete') => (resource.eventTypes.includes(type) ? type : null);
  return compact({
    name: resource.name,
    api_version: apiVersion,
    except: exceptEventTypes(resource),
    create: offers('create'),
    update: offers('update'),
    delete: offers('delete'),
  });
}
