/**
 * Event identity: 64-bit Procore-style ids (kept as decimal strings, computed with BigInt), ULIDs, timestamps
 * with microseconds, and the parser every id from the outside goes through.
 */
import { isLosslessNumber } from 'lossless-json';
import { isValid as isValidUlid, monotonicFactory } from 'ulid';
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

/** Reads an event's ULID (26 Crockford base32 characters, as the payloads carry it), kept exactly as given. */
export function parseUlid(value: unknown, field: string): string {
  if (value === undefined || value === null) {
    throw new HooklineError('HOOKLINE_ERR_MISSING_FIELD', `${field} is required: send the event's 26-character ULID, e.g. "01EDPD2J6SBY1163N77H95GW09".`, { field });
  }
  // isValid checks the length and the alphabet; a first character above 7 would overflow the 128 bits.
  if (typeof value !== 'string' || !isValidUlid(value) || !/^[0-7]/.test(value)) {
    const shown = typeof value === 'string' ? JSON.stringify(truncate(value)) : typeof value;
    throw new HooklineError('HOOKLINE_ERR_INVALID_FIELD', `${field} must be a ULID: 26 characters of Crockford base32 such as "01EDPD2J6SBY1163N77H95GW09"; got ${shown}.`, { field });
  }
  return value;
}

/** ISO 8601 with a date, a time to the second, optional fractional digits and a zone, as Procore's payloads write it. */
const EVENT_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

/** Reads an event's timestamp, such as "2020-07-20T15:22:01.353581Z", kept exactly as given (digit for digit). */
export function parseEventTimestamp(value: unknown, field: string): string {
  if (value === undefined || value === null) {
    throw new HooklineError('HOOKLINE_ERR_MISSING_FIELD', `${field} is required: send the time of the change, e.g. "2020-07-20T15:22:01.353581Z".`, { field });
  }
  if (typeof value !== 'string' || !EVENT_TIMESTAMP.test(value) || !Number.isFinite(Date.parse(value)) || !realDate(value)) {
    const shown = typeof value === 'string' ? JSON.stringify(truncate(value)) : typeof value;
    throw new HooklineError('HOOKLINE_ERR_INVALID_FIELD', `${field} must be an ISO 8601 time with a zone, such as "2020-07-20T15:22:01.353581Z"; got ${shown}.`, { field });
  }
  return value;
}

/** Date.parse rolls "2021-02-30" over to March; a timestamp must name a real day and time. */
function realDate(text: string): boolean {
  const [y, mo, d, h, mi, s] = text.slice(0, 19).split(/[-T:]/).map(Number) as [number, number, number, number, number, number];
  const probe = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  return probe.getUTCFullYear() === y && probe.getUTCMonth() === mo - 1 && probe.getUTCDate() === d && probe.getUTCHours() === h && probe.getUTCMinutes() === mi && probe.getUTCSeconds() === s;
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
