/**
 * An event that already happened elsewhere (a Procore delivery's payload, another relay's history), read back
 * with its own id, ULID and timestamp and checked as strictly as a new one: the resource and event type against
 * the catalogue, every id as a 64-bit integer, the timestamp and ULID by format. Fields are named as Procore's
 * v2.0/v3.0 payloads name them (snake_case), which is also how the relay's import API takes them.
 */
import { HooklineError } from '../errors.js';
import type { EventMetadata, EventType, Int64String, ResourceEvent } from '../model.js';
import { assertEventTypeOffered } from '../resources/catalogue.js';
import { checkRelatedResources, companyLevelProjectId, eventMetadataFor } from './create-event.js';
import { parseEventTimestamp, parseInt64, parseUlid } from './ids.js';

/** The fields of an event record, in the order the v2.0/v3.0 payloads write them. */
export const EVENT_RECORD_FIELDS = [
  'id',
  'ulid',
  'timestamp',
  'metadata',
  'user_id',
  'company_id',
  'project_id',
  'event_type',
  'resource_name',
  'resource_id',
  'related_resources',
] as const;

const METADATA_FIELDS = ['source_user_id', 'source_project_id', 'source_operation_id', 'source_company_id', 'source_application_id'] as const;

/** At most this long: a source application id is an opaque identifier. */
const MAX_APPLICATION_ID_LENGTH = 200;

/**
 * Reads one event record (snake_case, ids as digit strings, safe numbers or lossless-json numbers). `metadata`
 * may be left out: it is then what the relay writes for its own events (the event's user, project and company);
 * `related_resources` may be left out for none. Unknown fields are refused: they could not be sent on unchanged.
 */
export function restoreResourceEvent(record: Record<string, unknown>): ResourceEvent {
  refuseUnknown(record, EVENT_RECORD_FIELDS, '');
  const id = requiredId(record, 'id');
  const ulid = parseUlid(record.ulid, 'ulid');
  const timestamp = parseEventTimestamp(record.timestamp, 'timestamp');
  const resourceName = requiredText(record, 'resource_name', 'a resource name such as "RFIs"');
  const eventTypeText = requiredText(record, 'event_type', 'create, update or delete');
  const resource = assertEventTypeOffered(resourceName, eventTypeText);
  const eventType = eventTypeText as EventType; // assertEventTypeOffered has checked it
  const resourceId = requiredId(record, 'resource_id');
  const companyId = requiredId(record, 'company_id');
  const userId = optionalId(record.user_id, 'user_id');
  const projectId = optionalId(record.project_id, 'project_id');
  if (resource.scope === 'company' && projectId !== null) throw companyLevelProjectId(resource.name);
  const metadata = record.metadata === undefined ? eventMetadataFor(userId, projectId, companyId) : readMetadata(record.metadata);
  const relatedResources = record.related_resources === undefined || record.related_resources === null ? [] : checkRelatedResources(record.related_resources);
  return { id, ulid, timestamp, resourceName: resource.name, resourceId, eventType, companyId, projectId, userId, metadata, relatedResources };
}

/** The record form of an event, as restoreResourceEvent reads it back: snake_case, every id a digit string. */
export function eventRecord(event: ResourceEvent): Record<(typeof EVENT_RECORD_FIELDS)[number], unknown> {
  const m = event.metadata;
  return {
    id: event.id,
    ulid: event.ulid,
    timestamp: event.timestamp,
    metadata: {
      source_user_id: m.sourceUserId,
      source_project_id: m.sourceProjectId,
      source_operation_id: m.sourceOperationId,
      source_company_id: m.sourceCompanyId,
      source_application_id: m.sourceApplicationId,
    },
    user_id: event.userId,
    company_id: event.companyId,
    project_id: event.projectId,
    event_type: event.eventType,
    resource_name: event.resourceName,
    resource_id: event.resourceId,
    related_resources: event.relatedResources.map((r) => ({ id: r.id, name: r.name })),
  };
}

function refuseUnknown(record: Record<string, unknown>, allowed: readonly string[], prefix: string): void {
  for (const key of Object.keys(record)) {
    if (!allowed.includes(key)) {
      throw new HooklineError('HOOKLINE_ERR_UNKNOWN_FIELD', `Unknown field "${prefix}${key.slice(0, 60)}". An event record has ${allowed.map((f) => prefix + f).join(', ')}.`, {
        field: `${prefix}${key}`,
      });
    }
  }
}

function requiredId(record: Record<string, unknown>, field: string): Int64String {
  const value = record[field];
  if (value === undefined || value === null) {
    throw new HooklineError('HOOKLINE_ERR_MISSING_FIELD', `${field} is required: send it as a decimal string, e.g. "5982324300946918154".`, { field });
  }
  return parseInt64(value, field);
}

function optionalId(value: unknown, field: string): Int64String | null {
  return value === undefined || value === null ? null : parseInt64(value, field);
}

function requiredText(record: Record<string, unknown>, field: string, what: string): string {
  const value = record[field];
  if (value === undefined || value === null) throw new HooklineError('HOOKLINE_ERR_MISSING_FIELD', `${field} is required: send ${what}.`, { field });
  if (typeof value !== 'string') throw new HooklineError('HOOKLINE_ERR_INVALID_FIELD', `${field} must be a string: ${what}.`, { field });
  return value;
}

function readMetadata(value: unknown): EventMetadata {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new HooklineError('HOOKLINE_ERR_INVALID_FIELD', `metadata must be an object with ${METADATA_FIELDS.join(', ')} (each may be null).`, { field: 'metadata' });
  }
  const m = value as Record<string, unknown>;
  refuseUnknown(m, METADATA_FIELDS, 'metadata.');
  const application = m.source_application_id;
  if (application !== undefined && application !== null && (typeof application !== 'string' || application.length > MAX_APPLICATION_ID_LENGTH)) {
    throw new HooklineError(
      'HOOKLINE_ERR_INVALID_FIELD',
      `metadata.source_application_id must be a string of at most ${MAX_APPLICATION_ID_LENGTH} characters, or null.`,
      { field: 'metadata.source_application_id' },
    );
  }
  return {
    sourceUserId: optionalId(m.source_user_id, 'metadata.source_user_id'),
    sourceProjectId: optionalId(m.source_project_id, 'metadata.source_project_id'),
    sourceOperationId: optionalId(m.source_operation_id, 'metadata.source_operation_id'),
    sourceCompanyId: optionalId(m.source_company_id, 'metadata.source_company_id'),
    sourceApplicationId: (application as string | null | undefined) ?? null,
  };
}
