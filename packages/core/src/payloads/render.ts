/**
 * Renders an event as the exact JSON body Procore sends for a payload version: compact, fields in Procore's
 * order. v2.0/v3.0 write ids as bare JSON numbers with their exact digits (never through a JS number); v4.0
 * writes every id as a string. Written as templates, one per version: every delivery renders one, and building
 * an object for a JSON writer cost three to four times as much (`node bench/micro.mjs`); strings go through JSON.stringify.
 */
import { parse } from 'lossless-json';
import { HooklineError } from '../errors.js';
import type { Int64String, PayloadVersion, ResourceEvent } from '../model.js';

export function renderPayload(event: ResourceEvent, version: PayloadVersion): string {
  switch (version) {
    case 'v2.0':
      return `{${legacyFields(event, 'v2.0')}}`;
    case 'v3.0': {
      const legacy = legacyFields(event, 'v3.0');
      const related = event.relatedResources.map((r, i) => `{"id":${idNumber(r.id, `related_resources[${i}].id`)},"name":${text(r.name)}}`);
      return `{${legacy},"related_resources":[${related.join(',')}]}`;
    }
    case 'v4.0':
      return (
        `{"id":${text(event.ulid)},"timestamp":${text(event.timestamp)},"reason":${text(event.eventType)},` +
        `"company_id":${idString(event.companyId, 'company_id')},"project_id":${idString(event.projectId, 'project_id')},` +
        `"user_id":${idString(event.userId, 'user_id')},"resource_type":${text(event.resourceName)},` +
        `"resource_id":${idString(event.resourceId, 'resource_id')}}`
      );
    default:
      throw new HooklineError('HOOKLINE_ERR_INVALID_PAYLOAD_VERSION', `Payload version ${JSON.stringify(version)} is not v2.0, v3.0 or v4.0.`, {
        field: 'payload_version',
      });
  }
}

/** Parses a payload keeping every number exact: numbers come back as lossless-json LosslessNumber values. */
export function parsePayload(text: string): unknown {
  return parse(text);
}

function legacyFields(event: ResourceEvent, apiVersion: 'v2.0' | 'v3.0'): string {
  const m = event.metadata;
  return (
    `"id":${idNumber(event.id, 'id')},"ulid":${text(event.ulid)},"timestamp":${text(event.timestamp)},` +
    `"metadata":{"source_user_id":${idNumber(m.sourceUserId, 'metadata.source_user_id')},` +
    `"source_project_id":${idNumber(m.sourceProjectId, 'metadata.source_project_id')},` +
    `"source_operation_id":${idNumber(m.sourceOperationId, 'metadata.source_operation_id')},` +
    `"source_company_id":${idNumber(m.sourceCompanyId, 'metadata.source_company_id')},` +
    `"source_application_id":${text(m.sourceApplicationId)}},` +
    `"user_id":${idNumber(event.userId, 'user_id')},"company_id":${idNumber(event.companyId, 'company_id')},` +
    `"project_id":${idNumber(event.projectId, 'project_id')},"api_version":"${apiVersion}",` +
    `"event_type":${text(event.eventType)},"resource_name":${text(event.resourceName)},` +
    `"resource_id":${idNumber(event.resourceId, 'resource_id')}`
  );
}

/** A JSON string (or null), escaped as JSON.stringify escapes it. */
function text(value: string | null): string {
  return value === null ? 'null' : JSON.stringify(value);
}

const DIGITS = /^[1-9][0-9]{0,18}$/;

// Guards the wire format: a string such as "01" or "1e3" would otherwise be written out as invalid JSON or as
// a different number.
function checked(id: Int64String, field: string): Int64String {
  if (typeof id !== 'string' || !DIGITS.test(id)) {
    throw new HooklineError('HOOKLINE_ERR_INVALID_ID', `${field} must be a positive integer string; got ${JSON.stringify(id)}.`, { field });
  }
  return id;
}

/** An id as a bare JSON number with its exact digits, or null. */
function idNumber(id: Int64String | null, field: string): string {
  return id === null ? 'null' : checked(id, field);
}

/** An id as a JSON string, or null. */
function idString(id: Int64String | null, field: string): string {
  return id === null ? 'null' : `"${checked(id, field)}"`;
}
