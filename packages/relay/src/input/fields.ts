/**
 * Readers for untrusted request input (HTTP bodies, query strings, WebSocket params). Each one either returns
 * a value of the promised type or throws a coded HooklineError naming the field and saying what to send instead.
 */
import { HooklineError, isEventType, isHookStatus, isPayloadVersion, parseInt64 } from '@hookline/core';
import type { EventType, HookStatus, Int64String, PayloadVersion } from '@hookline/core';
import { INPUT_LIMITS } from './limits.js';

export type Input = Record<string, unknown>;

const MAX_STRING_LENGTH: number = INPUT_LIMITS.text;

export function expectObject(value: unknown, what = 'The request body'): Input {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new HooklineError('HOOKLINE_ERR_INVALID_FIELD', `${what} must be a JSON object, like {"key": "value"}.`);
  }
  return value as Input;
}

export function rejectUnknownFields(input: Input, allowed: readonly string[]): void {
  for (const key of Object.keys(input)) {
    if (!allowed.includes(key)) {
      const hint = allowed.length > 0 ? ` Allowed fields: ${allowed.join(', ')}.` : ' This request takes no fields.';
      throw new HooklineError('HOOKLINE_ERR_UNKNOWN_FIELD', `Unknown field "${truncate(key)}".${hint}`, { field: key });
    }
  }
}

function missing(field: string, description: string): HooklineError {
  return new HooklineError('HOOKLINE_ERR_MISSING_FIELD', `"${field}" is required: send ${description}.`, { field });
}

function invalid(field: string, description: string, got: unknown): HooklineError {
  return new HooklineError('HOOKLINE_ERR_INVALID_FIELD', `"${field}" must be ${description}; got ${describe(got)}.`, { field });
}

export function requiredString(input: Input, field: string, maxLength = MAX_STRING_LENGTH): string {
  const value = input[field];
  if (value === undefined || value === null) throw missing(field, 'a string');
  return checkString(field, value, maxLength);
}

export function optionalString(input: Input, field: string, maxLength = MAX_STRING_LENGTH): string | undefined {
  const value = input[field];
  if (value === undefined) return undefined;
  return checkString(field, value, maxLength);
}

/** undefined = not sent, null = explicitly cleared. */
export function optionalNullableString(input: Input, field: string, maxLength = MAX_STRING_LENGTH): string | null | undefined {
  const value = input[field];
  if (value === undefined || value === null) return value;
  return checkString(field, value, maxLength);
}

function checkString(field: string, value: unknown, maxLength: number): string {
  if (typeof value !== 'string') throw invalid(field, 'a string', value);
  if (value.length > maxLength) {
    throw new HooklineError('HOOKLINE_ERR_INVALID_FIELD', `"${field}" is ${value.length} characters long; the limit is ${maxLength}.`, { field });
  }
  return value;
}

export function optionalBoolean(input: Input, field: string): boolean | undefined {
  const value = input[field];
  if (value === undefined) return undefined;
  if (typeof value !== 'boolean') throw invalid(field, 'true or false', value);
  return value;
}

export function requiredEventType(input: Input, field: string): EventType {
  const value = input[field];
  if (value === undefined || value === null) throw missing(field, 'one of create, update, delete');
  if (!isEventType(value)) throw new HooklineError('HOOKLINE_ERR_INVALID_EVENT_TYPE', `"${field}" must be one of create, update or delete; got ${describe(value)}.`, { field });
  return value;
}

export function optionalPayloadVersion(input: Input, field: string): PayloadVersion | undefined {
  const value = input[field];
  if (value === undefined) return undefined;
  if (!isPayloadVersion(value)) throw new HooklineError('HOOKLINE_ERR_INVALID_PAYLOAD_VERSION', `"${field}" must be v2.0, v3.0 or v4.0; got ${describe(value)}.`, { field });
  return value;
}

export function optionalHookStatus(input: Input, field: string): HookStatus | undefined {
  const value = input[field];
  if (value === undefined) return undefined;
  if (!isHookStatus(value)) throw new HooklineError('HOOKLINE_ERR_INVALID_HOOK_STATUS', `"${field}" must be active or disabled; got ${describe(value)}.`, { field });
  return value;
}

/** A 64-bit id sent as a JSON number (safe range) or a digit string. */
export function optionalId(input: Input, field: string): Int64String | undefined {
  const value = input[field];
  if (value === undefined || value === null) return undefined;
  return parseInt64(value, field);
}

export function optionalInteger(input: Input, field: string, min: number, max: number): number | undefined {
  const value = input[field];
  if (value === undefined) return undefined;
  return checkInteger(field, value, min, max);
}

export function checkInteger(field: string, value: unknown, min: number, max: number): number {
  const parsed = typeof value === 'string' && /^-?\d{1,16}$/.test(value) ? Number(value) : value;
  if (typeof parsed !== 'number' || !Number.isInteger(parsed) || parsed < min || parsed > max) {
    throw invalid(field, `a whole number from ${min} to ${max}`, value);
  }
  return parsed;
}

/** A route parameter such as /api/hooks/:id. */
export function pathId(value: unknown, field: string): number {
  return checkInteger(field, value, 1, Number.MAX_SAFE_INTEGER);
}

export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `"${truncate(value)}"`;
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${truncate(String(value))}`;
}

function truncate(text: string, max = 60): string {
  const printable = text.replace(/[\u0000-\u001f\u007f]/g, '?');
  return printable.length > max ? `${printable.slice(0, max)}…` : printable;
}
