/**
 * One reader per relay request: the HTTP API and the WebSocket read each request's parameters here, so the two
 * accept exactly the same values. Each transport passes a table of the field names it uses (snake_case over HTTP,
 * camelCase over the WebSocket) for the keys it accepts; a key left out of the table is refused as unknown, and
 * every error names the field as the caller sent it. The service receives typed values and checks only its own
 * rules (a hook exists, a namespace is free, core's endpoint validation).
 */
import {
  DELIVERY_STATUSES,
  HooklineError,
  MAX_ACTIVITY_MINUTES,
  MAX_BACKLOG,
  MAX_DELIVERY_PAGE,
  isEventType,
  type ActivitySince,
  type DeliveryQuery,
  type DeliveryStatus,
} from '@hookline/core';
import type { EventInput, HookPatch, NewHookInput } from '../service/types.js';
import {
  checkInteger,
  describe,
  optionalHookStatus,
  optionalId,
  optionalInteger,
  optionalNullableString,
  optionalPayloadVersion,
  optionalString,
  rejectUnknownFields,
  requiredEventType,
  requiredString,
  type Input,
} from './fields.js';
import { INPUT_LIMITS } from './limits.js';

/** For each key a request takes, the name the caller uses for it. */
export type FieldNames<K extends string> = { readonly [key in K]?: string };

function invalidQuery(field: string, allowed: string, got: unknown): HooklineError {
  return new HooklineError('HOOKLINE_ERR_INVALID_QUERY', `"${field}" must be ${allowed}; got ${describe(got)}.`, { field });
}

function accept<K extends string>(input: Input, names: FieldNames<K>): void {
  rejectUnknownFields(input, Object.values(names).filter((name): name is string => typeof name === 'string'));
}

/** The value under the caller's name for `key`, or undefined when this transport does not take the key. */
function named<K extends string>(input: Input, names: FieldNames<K>, key: K): { value: unknown; field: string } | undefined {
  const field = names[key];
  return field === undefined ? undefined : { value: input[field], field };
}

export type DeliveryQueryKey = 'hookId' | 'limit' | 'cursor' | 'status' | 'resourceName' | 'eventType';

/** GET /api/deliveries and deliveries.list. Empty strings mean "not given" (an HTML form's empty select). */
export function readDeliveryQuery(input: Input, names: FieldNames<DeliveryQueryKey>): DeliveryQuery {
  accept(input, names);
  const query: DeliveryQuery = {};
  const given = (key: DeliveryQueryKey) => {
    const entry = named(input, names, key);
    return entry === undefined || entry.value === undefined || entry.value === null || entry.value === '' ? undefined : entry;
  };
  const hookId = given('hookId');
  if (hookId) query.hookId = checkInteger(hookId.field, hookId.value, 1, Number.MAX_SAFE_INTEGER);
  const limit = given('limit');
  if (limit) query.limit = checkInteger(limit.field, limit.value, 1, MAX_DELIVERY_PAGE);
  const cursor = given('cursor');
  if (cursor) query.cursor = String(cursor.value);
  const status = given('status');
  if (status) {
    if (status.value !== 'failures' && !(DELIVERY_STATUSES as readonly unknown[]).includes(status.value)) {
      throw invalidQuery(status.field, `failures or one of ${DELIVERY_STATUSES.join(', ')}`, status.value);
    }
    query.status = status.value as DeliveryStatus | 'failures';
  }
  const resourceName = given('resourceName');
  if (resourceName) query.resourceName = String(resourceName.value).slice(0, INPUT_LIMITS.name);
  const eventType = given('eventType');
  if (eventType) {
    if (!isEventType(eventType.value)) throw invalidQuery(eventType.field, 'create, update or delete', eventType.value);
    query.eventType = eventType.value;
  }
  return query;
}

export type HookKey = 'namespace' | 'destinationUrl' | 'authorization' | 'payloadVersion' | 'status';

function readHookFields(input: Input, names: FieldNames<HookKey>): HookPatch {
  const patch: HookPatch = {};
  const name = (key: HookKey): string | undefined => names[key];
  const fields = {
    namespace: name('namespace') && optionalString(input, name('namespace')!, INPUT_LIMITS.name),
    destinationUrl: name('destinationUrl') && optionalNullableString(input, name('destinationUrl')!, INPUT_LIMITS.url),
    authorization: name('authorization') && optionalNullableString(input, name('authorization')!, INPUT_LIMITS.authorization),
    payloadVersion: name('payloadVersion') && optionalPayloadVersion(input, name('payloadVersion')!),
    status: name('status') && optionalHookStatus(input, name('status')!),
  };
  for (const [key, value] of Object.entries(fields)) {
    if (value !== undefined) (patch as Record<string, unknown>)[key] = value;
  }
  return patch;
}

/** POST /api/hooks and hook.create: a namespace, the rest optional. */
export function readNewHook(input: Input, names: FieldNames<HookKey> & { namespace: string }): NewHookInput {
  accept(input, names);
  const namespace = requiredString(input, names.namespace, INPUT_LIMITS.name);
  return { ...readHookFields(input, names), namespace };
}

/** PATCH /api/hooks/:id and hook.update: only what is sent changes. */
export function readHookPatch(input: Input, names: FieldNames<HookKey>): HookPatch {
  accept(input, names);
  return readHookFields(input, names);
}

export type EndpointKey = 'destinationUrl' | 'authorization';

/** "Save Endpoint": PUT /api/hooks/:id/endpoint and endpoint.set. */
export function readEndpoint(input: Input, names: FieldNames<EndpointKey> & { destinationUrl: string }): { destinationUrl: string; authorization: string | null | undefined } {
  accept(input, names);
  return {
    destinationUrl: requiredString(input, names.destinationUrl, INPUT_LIMITS.url),
    authorization: names.authorization === undefined ? undefined : optionalNullableString(input, names.authorization, INPUT_LIMITS.authorization),
  };
}

export type EventKey = 'resourceName' | 'eventType' | 'resourceId' | 'projectId' | 'companyId' | 'userId' | 'count';

/** The most events one event.trigger makes. */
export const MAX_EVENT_COUNT = 1000;

/** POST /api/events and event.trigger (which may ask for `count` copies). */
export function readEventInput(input: Input, names: FieldNames<EventKey> & { resourceName: string; eventType: string }): { event: EventInput; count: number } {
  accept(input, names);
  const id = (key: 'resourceId' | 'projectId' | 'companyId' | 'userId') => (names[key] === undefined ? undefined : optionalId(input, names[key]!));
  const event: EventInput = {
    resourceName: requiredString(input, names.resourceName, INPUT_LIMITS.name),
    eventType: requiredEventType(input, names.eventType),
    resourceId: id('resourceId'),
    projectId: id('projectId'),
    companyId: id('companyId'),
    userId: id('userId'),
  };
  const count = names.count === undefined ? undefined : optionalInteger(input, names.count, 1, MAX_EVENT_COUNT);
  return { event, count: count ?? 1 };
}

export type BacklogKey = 'since' | 'limit';

/** backlog.get: changes after `since`, at most `limit` (MAX_BACKLOG). */
export function readBacklogQuery(input: Input, names: FieldNames<BacklogKey>): { since: number; limit: number | undefined } {
  accept(input, names);
  const since = names.since === undefined ? 0 : checkInteger(names.since, input[names.since] ?? 0, 0, Number.MAX_SAFE_INTEGER);
  const limit = names.limit === undefined ? undefined : optionalInteger(input, names.limit, 1, MAX_BACKLOG);
  return { since, limit };
}

export type ActivityKey = 'since';

const ACTIVITY_DURATION = /^([0-9]{1,6})(m|h)$/;
/** A date and time with its zone (Z or ±hh:mm): a time without one would mean the relay's local time. */
const ISO_TIME = /^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{1,9})?)?(Z|[+-][0-9]{2}:[0-9]{2})$/i;

/**
 * GET /api/hooks/:id/activity and hook.activity: `since` is a duration back from now (`15m`, `1h`) or an ISO 8601
 * time with its zone; absent or empty, the default window (core's `activityWindow`, which also checks the range).
 */
export function readActivityQuery(input: Input, names: FieldNames<ActivityKey>): ActivitySince | undefined {
  accept(input, names);
  const entry = named(input, names, 'since');
  if (entry === undefined || entry.value === undefined || entry.value === null || entry.value === '') return undefined;
  const { value, field } = entry;
  const allowed = `a duration from 1m to ${MAX_ACTIVITY_MINUTES}m (e.g. 15m or 1h) or an ISO 8601 time with its zone (e.g. 2026-03-04T10:05:00Z)`;
  if (typeof value !== 'string') throw invalidQuery(field, allowed, value);
  const duration = ACTIVITY_DURATION.exec(value);
  if (duration) return { minutes: Number(duration[1]) * (duration[2] === 'h' ? 60 : 1), given: value };
  const at = ISO_TIME.test(value) ? Date.parse(value) : Number.NaN;
  if (!Number.isFinite(at)) throw invalidQuery(field, allowed, value);
  return { at, given: value };
}
