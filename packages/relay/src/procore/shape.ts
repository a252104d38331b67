/**
 * Small helpers the serializers share. Procore's response schemas type every field without null, so a field
 * whose value is null is left out rather than sent as null; 64-bit ids that v1.0 types as integers are
 * LosslessNumber values, so they are written digit for digit.
 */
import { LosslessNumber } from 'lossless-json';
import { parsePayload, type Int64String } from '@hookline/core';

/** The object without its null and undefined fields. */
export function compact<T extends Record<string, unknown>>(object: T): Partial<T> {
  const out: Partial<T> = {};
  for (const key of Object.keys(object) as (keyof T)[]) {
    if (object[key] !== null && object[key] !== undefined) out[key] = object[key];
  }
  return out;
}

/** A decimal id as a JSON integer with its exact digits. */
export function int(id: Int64String | number): LosslessNumber {
  return new LosslessNumber(String(id));
}

/** A stored payload as a value that serializes back with its numbers exact. */
export function payloadValue(payload: string): Record<string, unknown> {
  const value = parsePayload(payload);
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
