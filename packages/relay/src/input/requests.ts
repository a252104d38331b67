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
  MAX_BACKLOG,
  MAX_DELIVERY_PAGE,
  TIME_BOUND_FORMAT,
  isEventType,
  isHooklineError,
  parseTimeBound,
  restoreResourceEvent,
  type DeliveryQuery,
  type DeliveryStatus,
  type ResourceEvent,
} from '@hookline/core';
import type { EventInput, HookPatch, NewHookInput } from '../service/types.js';
import {
  checkInteger,
  describe,
  optionalBoolean,
  expectObject,
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

export type DeliveryQueryKey = 'hookId' | 'limit' | 'cursor' | 'status' | 'resourceName' | 'eventType' | 'resourceId' | 'since' | 'until';

const RESOURCE_ID = /^[0-9]{1,20}$/;

/** An ISO instant or a duration back from `nowMs`, as the ISO instant it names. */
function readTimeBound(field: string, value: unknown, nowMs: number): string {
  const ms = typeof value === 'string' ? parseTimeBound(value, nowMs) : null;
  if (ms === null) throw invalidQuery(field, TIME_BOUND_FORMAT, value);
  return new Date(ms).toISOString();
}

/**
 * GET /api/deliveries and deliveries.list (and every request that takes the same filters). Empty strings mean "not
 * given" (an HTML form's empty select). Durations in `since`/`until` count back from `nowMs`.
 */
export function readDeliveryQuery(input: Input, names: FieldNames<DeliveryQueryKey>, nowMs = Date.now()): DeliveryQuery {
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
  const resourceId = given('resourceId');
  if (resourceId) {
    const text = typeof resourceId.value === 'number' && Number.isSafeInteger(resourceId.value) ? String(resourceId.value) : resourceId.value;
    if (typeof text !== 'string' || !RESOURCE_ID.test(text)) throw invalidQuery(resourceId.field, 'a resource id (digits only, e.g. 54321)', resourceId.value);
    query.resourceId = text;
  }
  const since = given('since');
  if (since) query.since = readTimeBound(since.field, since.value, nowMs);
  const until = given('until');
  if (until) query.until = readTimeBound(until.field, until.value, nowMs);
  if (query.since !== undefined && query.until !== undefined && query.since >= query.until) {
    throw new HooklineError('HOOKLINE_ERR_INVALID_QUERY', `"${since?.field}" (${query.since}) must be before "${until?.field}" (${query.until}): swap them or widen the range.`, { field: until?.field ?? 'until' });
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

export type ReplayKey = Exclude<DeliveryQueryKey, 'limit' | 'cursor'> | 'dryRun';

/**
 * POST /api/deliveries/replay: the delivery filters (no page), `status` defaulting to `failures` (`any` matches
 * every status), and `dryRun`.
 */
export function readReplayRequest(input: Input, names: FieldNames<ReplayKey>, nowMs = Date.now()): { filter: Omit<DeliveryQuery, 'limit' | 'cursor'>; dryRun: boolean } {
  accept(input, names);
  const { dryRun: dryRunField, ...queryNames } = names;
  const rest: Input = { ...input };
  if (dryRunField !== undefined) delete rest[dryRunField];
  const status = queryNames.status === undefined ? undefined : input[queryNames.status];
  if (status === 'any' && queryNames.status !== undefined) delete rest[queryNames.status];
  const filter = readDeliveryQuery(rest, queryNames, nowMs);
  if (status === undefined || status === null || status === '') filter.status = 'failures';
  return { filter, dryRun: (dryRunField === undefined ? undefined : optionalBoolean(input, dryRunField)) ?? false };
}

export type PruneKey = 'before';

/** POST /api/prune: `before`, an ISO instant or a duration back from `nowMs`, as epoch ms. */
export function readPruneRequest(input: Input, names: FieldNames<PruneKey> & { before: string }, nowMs = Date.now()): { before: number } {
  accept(input, names);
  const text = requiredString(input, names.before, INPUT_LIMITS.name);
  const before = parseTimeBound(text, nowMs);
  if (before === null) throw new HooklineError('HOOKLINE_ERR_INVALID_FIELD', `"${names.before}" must be ${TIME_BOUND_FORMAT}; got ${describe(text)}.`, { field: names.before });
  if (before > nowMs) throw new HooklineError('HOOKLINE_ERR_INVALID_FIELD', `"${names.before}" (${new Date(before).toISOString()}) is in the future: prune only what is older than now.`, { field: names.before });
  return { before };
}

export type EventImportKey = 'events';

/** The most events one import request carries (the CLI sends batches of IMPORT_BATCH_SIZE). */
export const MAX_IMPORT_EVENTS = 1000;

/**
 * POST /api/events/import: `events`, a list of event records named as Procore's v2.0/v3.0 payloads name them
 * (id, ulid, timestamp, resource_name, event_type, resource_id, company_id, project_id, user_id, metadata,
 * related_resources; ids as digit strings), each checked by core's restoreResourceEvent. The first bad record
 * refuses the whole request, its error naming the record by index (`events[3].ulid`), so nothing is half-applied.
 */
export function readEventImport(input: Input, names: FieldNames<EventImportKey> & { events: string }): ResourceEvent[] {
  accept(input, names);
  const list = input[names.events];
  if (list === undefined || list === null) {
    throw new HooklineError('HOOKLINE_ERR_MISSING_FIELD', `"${names.events}" is required: send a list of event records, e.g. [{"id": "5982324300946918154", "ulid": …}].`, {
      field: names.events,
    });
  }
  if (!Array.isArray(list)) throw new HooklineError('HOOKLINE_ERR_INVALID_FIELD', `"${names.events}" must be a list of event records; got ${describe(list)}.`, { field: names.events });
  if (list.length > MAX_IMPORT_EVENTS) throw HooklineError.of('HOOKLINE_ERR_TOO_MANY_EVENTS', { count: list.length, max: MAX_IMPORT_EVENTS }, { field: names.events });
  return list.map((entry: unknown, i) => {
    const at = `${names.events}[${i}]`;
    try {
      return restoreResourceEvent(expectObject(entry, `Each of "${names.events}"`));
    } catch (error) {
      if (!isHooklineError(error)) throw error;
      const field = error.field === undefined ? at : `${at}.${error.field}`;
      throw new HooklineError(error.code, `${at}: ${error.message} Nothing of this request was imported; fix that record and send it again.`, { field, details: error.details });
    }
  });
}
