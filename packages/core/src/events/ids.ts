/**
 * Event identity: 64-bit Procore-style ids (kept as decimal strings, computed with BigInt), ULIDs, timestamps
 * with microseconds, and the parser every id from the outside goes through.
 */
import { isLosslessNumber } from 'lossless-json';
import { monotonicFactory } from 'ulid';
import { HooklineError } from '../errors.js';
import type { Int64String } from '../model.js';

export const INT64_MAX = 9223372036854775807n;
/** 2010-01-01T00:00:00Z. With 22 sequence bits this keeps ids 19 digits long and positive until 2079. */
export const EVENT_ID_EPOCH_MS = 1_262_304_000_000;
const SEQUENCE_BITS = 22n;

/**
 * Snowflake-style ids: (ms since EVENT_ID_EPOCH_MS) << 22 | sequence. Strictly increasing for the generator's
 * life: within one millisecond, or when the clock goes backwards, the next id is the previous one plus 1.
 */
export function createEventIdGenerator(now: () => number = Date.now): () => Int64String {
  let last = 0n;
  return () => {
    const elapsed = Math.max(0, Math.floor(now()) - EVENT_ID_EPOCH_MS);
    const candidate = BigInt(elapsed) << SEQUENCE_BITS;
    last = candidate > last ? candidate : last + 1n;
    if (last > INT64_MAX) throw new RangeError('The event id generator ran past the largest 64-bit integer.');
    return last.toString();
  };
}

/**
 * Real 26-character Crockford base32 ULIDs, monotonic within one millisecond and across clock steps back.
 * `random` returns values in [0, 1) (default: the ulid package's, one crypto call per character).
 */
export function createUlidGenerator(now: () => number = Date.now, random?: () => number): () => string {
  const next = monotonicFactory(random);
  return () => next(Math.max(0, Math.floor(now())));
}

/**
 * "2020-07-20T15:22:01.353581Z": UTC with 6 fractional digits, as Procore sends. `micros` (0..999) are the
 * microseconds within the millisecond; when omitted they come from the fractional part of `epochMs`.
 */
export function formatEventTimestamp(epochMs: number, micros?: number): string {
  if (!Number.isFinite(epochMs)) throw new RangeError(`epochMs must be a finite number; got ${epochMs}.`);
  const ms = Math.floor(epochMs);
  const sub = micros ?? Math.min(999, Math.round((epochMs - ms) * 1000));
  if (!Number.isInteger(sub) || sub < 0 || sub > 999) {
    throw new RangeError(`micros must be an integer from 0 to 999; got ${micros}.`);
  }
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, -1)}${String(sub).padStart(3, '0')}Z`;
}

/**
 * Reads a positive 64-bit id (1..9223372036854775807) given as a decimal string, a safe integer number, a
 * bigint or a lossless-json LosslessNumber. Throws HOOKLINE_ERR_INVALID_ID naming `field`.
 */
export function parseInt64(value: unknown, field: string): Int64String {
  if (typeof value === 'string') return parseDigits(value, field, JSON.stringify(truncate(value)));
  if (isLosslessNumber(value)) return parseDigits(value.value, field, truncate(value.value));
  if (typeof value === 'bigint') {
    if (value <= 0n) throw invalidId(field, 'must be positive', value.toString());
    if (value > INT64_MAX) throw invalidId(field, tooLarge(), value.toString());
    return value.toString();
  }
  if (typeof value === 'number') {
    const shown = String(value);
    if (!Number.isFinite(value)) throw invalidId(field, 'must be a positive integer', shown);
    if (!Number.isInteger(value)) throw invalidId(field, 'must be a whole number', shown);
    if (value <= 0) throw invalidId(field, 'must be positive', shown);
    if (!Number.isSafeInteger(value)) {
      throw invalidId(
        field,
        'is beyond JavaScript\'s safe integers (2^53), so it may already have been rounded: send it as a string, e.g. "5982324300946918154"',
        shown,
      );
    }
    return shown;
  }
  const shown = value === null ? 'null' : typeof value;
  throw invalidId(field, 'must be a positive integer, given as a string or a number', shown);
}

function parseDigits(text: string, field: string, shown: string): Int64String {
  if (/^[1-9][0-9]*$/.test(text)) {
    if (text.length > 19 || BigInt(text) > INT64_MAX) throw invalidId(field, tooLarge(), shown);
    return text;
  }
  let reason = 'must be a positive integer';
  if (text.trim() === '') reason = 'must not be empty';
  else if (text !== text.trim() || /\s/.test(text)) reason = 'must not contain spaces';
  else if (text.startsWith('-')) reason = 'must be positive';
  else if (text.startsWith('+')) reason = 'must not start with "+"';
  else if (/^[0-9.]*[eE]/.test(text)) reason = 'must be written in plain digits, without an exponent';
  else if (/^[0-9]*\.[0-9]*$/.test(text)) reason = 'must be a whole number';
  else if (/^0+$/.test(text)) reason = 'must be positive';
  else if (/^0[0-9]+$/.test(text)) reason = 'must not start with 0';
  throw invalidId(field, reason, shown);
}

function tooLarge(): string {
  return `must be at most ${INT64_MAX} (the largest 64-bit integer)`;
}

function truncate(text: string): string {
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

function invalidId(field: string, reason: string, shown: string): HooklineError {
  return new HooklineError('HOOKLINE_ERR_INVALID_ID', `${field} ${reason}; got ${shown}.`, { field });
}
