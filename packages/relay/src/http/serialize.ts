/**
 * The relay API speaks snake_case JSON, as Procore's API does; core's model is camelCase. These mappers are
 * the only place the two meet. Hooks arrive here already public (authorization masked).
 */
import type {
  Attempt,
  HookHealth,
  DeliverySummary,
  DeliveryWithAttempts,
  PublicHook,
  ResourceDefinition,
  ResourceEvent,
  ValidationIssue,
} from '@hookline/core';

export function hookJson(hook: PublicHook) {
  return {
    id: hook.id,
    namespace: hook.namespace,
    destination_url: hook.destinationUrl,
    authorization: hook.authorization,
    payload_version: hook.payloadVersion,
    status: hook.status,
    company_id: hook.companyId,
    project_id: hook.projectId,
    created_at: hook.createdAt,
    updated_at: hook.updatedAt,
  };
}

export function issueJson(issue: ValidationIssue) {
  return { field: issue.field, severity: issue.severity, code: issue.code, message: issue.message };
}

export function resourceJson(resource: ResourceDefinition) {
  return { name: resource.name, scope: resource.scope, event_types: [...resource.eventTypes] };
}

export function eventJson(event: ResourceEvent) {
  return {
    id: event.id,
    ulid: event.ulid,
    timestamp: event.timestamp,
    resource_name: event.resourceName,
    resource_id: event.resourceId,
    event_type: event.eventType,
    company_id: event.companyId,
    project_id: event.projectId,
    user_id: event.userId,
  };
}

export function deliverySummaryJson(delivery: DeliverySummary) {
  return {
    id: delivery.id,
    hook_id: delivery.hookId,
    event_id: delivery.eventId,
    event_ulid: delivery.eventUlid,
    resource_name: delivery.resourceName,
    event_type: delivery.eventType,
    resource_id: delivery.resourceId,
    project_id: delivery.projectId,
    status: delivery.status,
    payload_version: delivery.payloadVersion,
    attempt_count: delivery.attemptCount,
    first_failure_at: delivery.firstFailureAt,
    next_attempt_at: delivery.nextAttemptAt,
    last_response_status: delivery.lastResponseStatus,
    last_duration_ms: delivery.lastDurationMs,
    last_error_code: delivery.lastErrorCode,
    change_seq: delivery.changeSeq,
    created_at: delivery.createdAt,
    updated_at: delivery.updatedAt,
    replay_of: delivery.replayOf,
  };
}

export function attemptJson(attempt: Attempt) {
  return {
    id: attempt.id,
    number: attempt.number,
    trigger: attempt.trigger,
    url: attempt.url,
    ok: attempt.ok,
    started_at: attempt.startedAt,
    completed_at: attempt.completedAt,
    duration_ms: attempt.durationMs,
    request_headers: attempt.requestHeaders,
    request_body: attempt.requestBody,
    response_status: attempt.responseStatus,
    response_headers: attempt.responseHeaders,
    response_body: attempt.responseBody,
    response_body_truncated: attempt.responseBodyTruncated,
    error_code: attempt.errorCode,
    error_message: attempt.errorMessage,
  };
}

export function deliveryDetailJson(delivery: DeliveryWithAttempts) {
  const { payload, attempts, ...summary } = delivery;
  return { ...deliverySummaryJson(summary), payload, attempts: attempts.map(attemptJson) };
}

export function healthJson(health: HookHealth) {
  return {
    hook_id: health.hookId,
    state: health.state,
    failure_streak: health.failureStreak,
    streak_started_at: health.streakStartedAt,
    last_success_at: health.lastSuccessAt,
    last_failure_at: health.lastFailureAt,
    last_error: health.lastError,
    window: {
      attempts: health.window.attempts,
      success_rate: health.window.successRate,
      p50_ms: health.window.p50Ms,
      p95_ms: health.window.p95Ms,
    },
  };
}
