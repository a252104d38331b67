/**
 * The inverse of `renderPayload`: a delivered payload back to the event it was rendered from. v2.0 and v3.0
 * payloads carry the whole event (v2.0 has no related resources), so `renderPayload(eventFromPayload(p), v)` gives
 * back the same bytes. A v4.0 payload has no 64-bit event id, no metadata and no related resources: the id comes
 * from the delivery record (`eventId`), the metadata is what the relay writes for its own events, and the related
 * resources are none.
 */
import { HooklineError } from '../errors.js';
import type { PayloadVersion, ResourceEvent } from '../model.js';
import { restoreResourceEvent } from '../events/restore-event.js';
import { parseInt64 } from '../events/ids.js';

export interface ParsedPayload {
  version: PayloadVersion;
  event: ResourceEvent;
}

const V4_FIELDS = ['id', 'timestamp', 'reason', 'company_id', 'project_id', 'user_id', 'resource_type', 'resource_id'] as const;

/**
 * `payload` is the parsed body (parse it with `parsePayload` so 64-bit ids stay exact). `eventId`, when known (a
 * delivery record's id), must agree with a v2.0/v3.0 payload's id and is the id of a v4.0 payload's event.
 */
export function eventFromPayload(payload: unknown, eventId?: unknown): ParsedPayload {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    throw new HooklineError('HOOKLINE_ERR_INVALID_FIELD', 'The payload must be a JSON object, as Procore delivers it.', { field: 'payload' });
  }
  const body = payload as Record<string, unknown>;
  if ('api_version' in body) return legacyPayload(body, eventId);
  if ('reason' in body || 'resource_type' in body) return v4Payload(body, eventId);
  throw new HooklineError(
    'HOOKLINE_ERR_INVALID_FIELD',
    'The payload is neither a v2.0/v3.0 payload (it has no api_version) nor a v4.0 one (it has no reason or resource_type).',
    { field: 'payload' },
  );
}

function legacyPayload(body: Record<string, unknown>, eventId: unknown): ParsedPayload {
  const { api_version: version, ...record } = body;
  if (version !== 'v2.0' && version !== 'v3.0') {
    throw new HooklineError('HOOKLINE_ERR_INVALID_PAYLOAD_VERSION', `The payload's api_version must be v2.0 or v3.0; got ${JSON.stringify(version)}.`, {
      field: 'api_version',
    });
  }
  if (version === 'v2.0' && 'related_resources' in record) {
    throw new HooklineError('HOOKLINE_ERR_UNKNOWN_FIELD', 'A v2.0 payload has no related_resources (v3.0 added them).', { field: 'related_resources' });
  }
  const event = restoreResourceEvent(record);
  if (eventId !== undefined && eventId !== null && parseInt64(eventId, 'id') !== event.id) {
    throw new HooklineError('HOOKLINE_ERR_INVALID_FIELD', `The delivery is of event ${String(eventId)} but its payload is of event ${event.id}.`, { field: 'id' });
  }
  return { version, event };
}

function v4Payload(body: Record<string, unknown>, eventId: unknown): ParsedPayload {
  for (const key of Object.keys(body)) {
    if (!(V4_FIELDS as readonly string[]).includes(key)) {
      throw new HooklineError('HOOKLINE_ERR_UNKNOWN_FIELD', `Unknown field "${key.slice(0, 60)}" in a v4.0 payload; it has ${V4_FIELDS.join(', ')}.`, { field: key });
    }
  }
  if (eventId === undefined || eventId === null) {
    throw new HooklineError('HOOKLINE_ERR_MISSING_FIELD', "A v4.0 payload carries no 64-bit event id: take it from the delivery record's id.", { field: 'id' });
  }
  const event = restoreResourceEvent({
    id: eventId,
    ulid: body.id,
    timestamp: body.timestamp,
    user_id: body.user_id,
    company_id: body.company_id,
    project_id: body.project_id,
    event_type: body.reason,
    resource_name: body.resource_type,
    resource_id: body.resource_id,
  });
  return { version: 'v4.0', event };
}
