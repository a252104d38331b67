/**
 * Request bodies of the Procore API, read leniently where Procore is lenient (extra fields are ignored, event
 * types in any case, "v2" as well as "v2.0") and strictly where a wrong value would silently do something else.
 */
import { HooklineError, isEventType, type EventType, type PayloadVersion } from '@hookline/core';
import {
  describe,
  expectObject,
  optionalHookStatus,
  optionalNullableString,
  optionalString,
  requiredString,
  type Input,
} from '../input/fields.js';
import { INPUT_LIMITS } from '../input/limits.js';
import type { HookPatch } from '../service/types.js';
import { invalidParam, MAX_BULK_TRIGGERS, missingParam, tooManyTriggers } from './errors.js';

const { url: URL_MAX, authorization: AUTHORIZATION_MAX, name: NAME_MAX } = INPUT_LIMITS;

/** "v2", "v2.0", "2" … → "v2.0". The v1.0 API calls the payload version `api_version`. */
export function readPayloadVersion(value: unknown, field: string): PayloadVersion {
  const match = typeof value === 'string' ? /^v?([234])(?:\.0)?$/i.exec(value.trim()) : null;
  if (!match) {
    throw new HooklineError('HOOKLINE_ERR_INVALID_PAYLOAD_VERSION', `"${field}" must be v2.0, v3.0 or v4.0; got ${describe(value)}.`, { field });
  }
  return `v${match[1]}.0` as PayloadVersion;
}

/** create, update or delete, in any case (the v1.0 API answers them upper-case). */
export function readEventType(value: unknown, field: string): EventType {
  if (value === undefined || value === null || value === '') throw missingParam(field, `"${field}" is required: send create, update or delete.`);
  const lower = typeof value === 'string' ? value.trim().toLowerCase() : value;
  if (!isEventType(lower)) {
    throw new HooklineError('HOOKLINE_ERR_INVALID_EVENT_TYPE', `"${field}" must be create, update or delete; got ${describe(value)}.`, { field });
  }
  return lower;
}

/**
 * `destination_headers`: only Authorization is documented, and it is all a hook keeps. undefined = not sent,
 * null = none (an empty object, or a null or empty Authorization).
 */
export function readDestinationHeaders(input: Input): string | null | undefined {
  const value = input.destination_headers;
  if (value === undefined) return undefined;
  if (value === null) return null;
  const headers = expectObject(value, '"destination_headers"');
  let authorization: string | null = null;
  for (const [name, header] of Object.entries(headers)) {
    if (name.toLowerCase() !== 'authorization') {
      throw new HooklineError('HOOKLINE_ERR_UNKNOWN_FIELD', `destination_headers may hold only Authorization (as in Procore); got "${name.slice(0, 60)}".`, {
        field: `destination_headers.${name.slice(0, 60)}`,
      });
    }
    authorization = optionalNullableString(headers, name, AUTHORIZATION_MAX) || null;
  }
  return authorization;
}

/** The hook fields of a create or update body; `versionField` is api_version (v1.0) or payload_version (v2.0). */
export function readHookFields(input: Input, versionField: 'api_version' | 'payload_version'): HookPatch {
  const patch: HookPatch = {};
  const namespace = optionalString(input, 'namespace', NAME_MAX);
  if (namespace !== undefined) patch.namespace = namespace;
  const destinationUrl = optionalNullableString(input, 'destination_url', URL_MAX);
  if (destinationUrl !== undefined) patch.destinationUrl = destinationUrl;
  const authorization = readDestinationHeaders(input);
  if (authorization !== undefined) patch.authorization = authorization;
  if (input[versionField] !== undefined) patch.payloadVersion = readPayloadVersion(input[versionField], versionField);
  const status = optionalHookStatus(input, 'status');
  if (status !== undefined) patch.status = status;
  return patch;
}

/** v1.0 wraps hook fields in `hook` (Procore's examples); a flat body is read as well. */
export function v1HookInput(body: Input): Input {
  return body.hook === undefined ? body : expectObject(body.hook, '"hook"');
}

export interface TriggerInput {
  resourceName: string;
  eventType: EventType;
}

export function readTriggerInput(value: unknown): TriggerInput {
  const input = expectObject(value, 'A trigger');
  return { resourceName: requiredString(input, 'resource_name', NAME_MAX), eventType: readEventType(input.event_type, 'event_type') };
}

/** A bulk request's list: the body itself (v2.0) or its `triggers` field (v1.0); at most 500 entries. */
export function readBulkList(body: unknown): unknown[] {
  const list = Array.isArray(body) ? body : typeof body === 'object' && body !== null ? (body as Input).triggers : undefined;
  if (list === undefined) throw missingParam('triggers', 'Send the triggers as a JSON array (or as {"triggers": [...]}).');
  if (!Array.isArray(list)) throw invalidParam('triggers', `"triggers" must be an array; got ${describe(list)}.`);
  if (list.length > MAX_BULK_TRIGGERS) throw tooManyTriggers(list.length);
  return list;
}
