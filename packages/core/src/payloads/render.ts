/**
 * Renders an event as the exact JSON body Procore sends for a payload version: compact, fields in Procore's
 * order. v2.0/v3.0 write ids as bare JSON numbers with their exact digits (through lossless-json, never a JS
 * number); v4.0 writes every id as a string.
 */
import { LosslessNumber, isLosslessNumber, parse } from 'lossless-json';
import { HooklineError } from '../errors.js';
import type { Int64String, PayloadVersion, ResourceEvent } from '../model.js';

export function renderPayload(event: ResourceEvent, version: PayloadVersion): string {
  let body: Record<string, unknown>;
  switch (version) {
    case 'v2.0':
      body = legacyBody(event, 'v2.0');
      break;
    case 'v3.0':
      body = {
        ...legacyBody(event, 'v3.0'),
        related_resources: event.relatedResources.map((r, i) => ({
          id: idNumber(r.id, `related_resources[${i}].id`),
          name: r.name,
        })),
      };
      break;
    case 'v4.0':
      body = {
        id: event.ulid,
        timestamp: event.timestamp,
        reason: event.eventType,
        company_id: idString(event.companyId, 'company_id'),
        project_id: idString(event.projectId, 'project_id'),
        user_id: idString(event.userId, 'user_id'),
        resource_type: event.resourceName,
        resource_id: idString(event.resourceId, 'resource_id'),
      };
      break;
    default:
      throw new HooklineError('HOOKLINE_ERR_INVALID_PAYLOAD_VERSION', `Payload version ${JSON.stringify(version)} is not v2.0, v3.0 or v4.0.`, {
        field: 'payload_version',
      });
  }
  return compactJson(body);
}

/**
 * Compact JSON of a payload body (plain objects, arrays, strings, numbers, booleans, null, and ids as
 * LosslessNumber written with their exact digits): what lossless-json's `stringify` writes for these, at a
 * fraction of its cost and garbage, since every delivery renders one (`npm run bench`).
 */
function compactJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (isLosslessNumber(value)) return value.value;
  if (Array.isArray(value)) return `[${value.map(compactJson).join(',')}]`;
  let text = '';
  for (const [key, field] of Object.entries(value)) {
    if (field === undefined) continue;
    text += `${text === '' ? '' : ','}${JSON.stringify(key)}:${compactJson(field)}`;
  }
  return `{${text}}`;
}

/** Parses a payload keeping every number exact: numbers come back as lossless-json LosslessNumber values. */
export function parsePayload(text: string): unknown {
  return parse(text);
}

function legacyBody(event: ResourceEvent, apiVersion: 'v2.0' | 'v3.0'): Record<string, unknown> {
  const m = event.metadata;
  return {
    id: idNumber(event.id, 'id'),
    ulid: event.ulid,
    timestamp: event.timestamp,
    metadata: {
      source_user_id: idNumber(m.sourceUserId, 'metadata.source_user_id'),
      source_project_id: idNumber(m.sourceProjectId, 'metadata.source_project_id'),
      source_operation_id: idNumber(m.sourceOperationId, 'metadata.source_operation_id'),
      source_company_id: idNumber(m.sourceCompanyId, 'metadata.source_company_id'),
      source_application_id: m.sourceApplicationId,
    },
    user_id: idNumber(event.userId, 'user_id'),
    company_id: idNumber(event.companyId, 'company_id'),
    project_id: idNumber(event.projectId, 'project_id'),
    api_version: apiVersion,
    event_type: event.eventType,
    resource_name: event.resourceName,
    resource_id: idNumber(event.resourceId, 'resource_id'),
  };
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

function idNumber(id: Int64String | null, field: string): LosslessNumber | null {
  return id === null ? null : new LosslessNumber(checked(id, field));
}

function idString(id: Int64String | null, field: string): string | null {
  return id === null ? null : checked(id, field);
}
