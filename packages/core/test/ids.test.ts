import assert from 'node:assert/strict';
import { LosslessNumber } from 'lossless-json';
import { decodeTime } from 'ulid';
import { HooklineError } from '../src/errors.js';
import {
  EVENT_ID_EPOCH_MS,
  createEventIdGenerator,
  createUlidGenerator,
  formatEventTimestamp,
  parseInt64,
} from '../src/events/ids.js';

const CROCKFORD_ULID = /^[0-7][0-9A-HJKMNP-TV-Z]{25}$/;

describe('event ids', () => {
  it('are 19-digit, unique and strictly increasing over 10,000 calls', () => {
    const next = createEventIdGenerator();
    let previous = 0n;
    const seen = new Set<string>();
    for (let i = 0; i < 10_000; i++) {
      const id = next();
      assert.match(id, /^[1-9][0-9]{18}$/);
      const value = BigInt(id);
      assert.ok(value > previous, `${id} is not above ${previous}`);
      assert.ok(value > 2n ** 53n);
      previous = value;
      seen.add(id);
    }
    assert.equal(seen.size, 10_000);
  });

  it('encode the millisecond in the high bits and count within it', () => {
    const t = Date.parse('2025-02-25T16:04:43.619Z');
    const next = createEventIdGenerator(() => t);
    const base = BigInt(t - EVENT_ID_EPOCH_MS) << 22n;
    assert.equal(next(), base.toString());
    assert.equal(next(), (base + 1n).toString());
    assert.equal(next(), (base + 2n).toString());
    assert.equal(base.toString(), '2005697229725106176');
  });

  it('keep increasing when the clock goes backwards', () => {
    let now = Date.parse('2025-02-25T16:04:43.619Z');
    const next = createEventIdGenerator(() => now);
    const first = BigInt(next());
    now -= 60_000;
    const second = BigInt(next());
    assert.equal(second, first + 1n);
    now += 120_000;
    assert.equal(BigInt(next()), BigInt(now - EVENT_ID_EPOCH_MS) << 22n);
  });

  it('stay positive for a clock before the epoch', () => {
    const next = createEventIdGenerator(() => 0);
    assert.equal(next(), '1');
    assert.equal(next(), '2');
  });
});

describe('ULIDs', () => {
  it('are 26-character Crockford base32 and carry the clock time', () => {
    const t = Date.parse('2025-02-25T16:04:43.619Z');
    const next = createUlidGenerator(() => t);
    const id = next();
    assert.match(id, CROCKFORD_ULID);
    assert.equal(decodeTime(id), t);
  });

  it('are monotonic within one millisecond and unique', () => {
    const next = createUlidGenerator(() => 1_740_499_483_619);
    const ids = Array.from({ length: 1000 }, () => next());
    assert.deepEqual([...ids].sort(), ids);
    assert.equal(new Set(ids).size, 1000);
    for (const id of ids) assert.match(id, CROCKFORD_ULID);
  });

  it('stay monotonic when the clock goes backwards', () => {
    let now = 1_740_499_483_619;
    const next = createUlidGenerator(() => now);
    const a = next();
    now -= 5_000;
    const b = next();
    assert.ok(b > a);
  });
});

describe('formatEventTimestamp', () => {
  it('writes UTC with 6 fractional digits', () => {
    const ms = Date.parse('2020-07-20T15:22:01.353Z');
    assert.equal(formatEventTimestamp(ms, 581), '2020-07-20T15:22:01.353581Z');
    assert.equal(formatEventTimestamp(ms), '2020-07-20T15:22:01.353000Z');
    assert.equal(formatEventTimestamp(ms, 7), '2020-07-20T15:22:01.353007Z');
    assert.equal(formatEventTimestamp(Date.parse('2025-02-25T16:04:43.619Z') + 0.25), '2025-02-25T16:04:43.619250Z');
  });

  it('rejects bad arguments', () => {
    assert.throws(() => formatEventTimestamp(Number.NaN), { name: 'RangeError', message: 'epochMs must be a finite number; got NaN.' });
    assert.throws(() => formatEventTimestamp(0, 1000), { name: 'RangeError', message: 'micros must be an integer from 0 to 999; got 1000.' });
    assert.throws(() => formatEventTimestamp(0, 1.5), RangeError);
  });
});

describe('parseInt64', () => {
  const rejects = (value: unknown, message: string) =>
    assert.throws(
      () => parseInt64(value, 'project_id'),
      (err: unknown) => {
        assert.ok(err instanceof HooklineError);
        assert.equal(err.code, 'HOOKLINE_ERR_INVALID_ID');
        assert.equal(err.field, 'project_id');
        assert.equal(err.message, message);
        return true;
      },
    );

  it('accepts positive integers as strings, safe numbers, bigints and LosslessNumbers', () => {
    assert.equal(parseInt64('5982324300946918154', 'id'), '5982324300946918154');
    assert.equal(parseInt64('9223372036854775807', 'id'), '9223372036854775807');
    assert.equal(parseInt64('1', 'id'), '1');
    assert.equal(parseInt64(2468013579, 'id'), '2468013579');
    assert.equal(parseInt64(Number.MAX_SAFE_INTEGER, 'id'), '9007199254740991');
    assert.equal(parseInt64(5982324300946918154n, 'id'), '5982324300946918154');
    assert.equal(parseInt64(new LosslessNumber('5982324300946918154'), 'id'), '5982324300946918154');
  });

  it('rejects negatives, zero, decimals, exponents, a leading "+" and leading zeros', () => {
    rejects('-5', 'project_id must be positive; got "-5".');
    rejects(-5, 'project_id must be positive; got -5.');
    rejects('0', 'project_id must be positive; got "0".');
    rejects(0, 'project_id must be positive; got 0.');
    rejects('1.5', 'project_id must be a whole number; got "1.5".');
    rejects(1.5, 'project_id must be a whole number; got 1.5.');
    rejects('1e5', 'project_id must be written in plain digits, without an exponent; got "1e5".');
    rejects('+5', 'project_id must not start with "+"; got "+5".');
    rejects('007', 'project_id must not start with 0; got "007".');
    rejects(' 5', 'project_id must not contain spaces; got " 5".');
    rejects('', 'project_id must not be empty; got "".');
    rejects('abc', 'project_id must be a positive integer; got "abc".');
    rejects(new LosslessNumber('1.5'), 'project_id must be a whole number; got 1.5.');
  });

  it('rejects numbers that were already rounded, asking for a string', () => {
    rejects(
      5982324300946918154,
      'project_id is beyond JavaScript\'s safe integers (2^53), so it may already have been rounded: send it as a string, e.g. "5982324300946918154"; got 5982324300946918000.',
    );
    rejects(2 ** 53, 'project_id is beyond JavaScript\'s safe integers (2^53), so it may already have been rounded: send it as a string, e.g. "5982324300946918154"; got 9007199254740992.');
    rejects(Number.POSITIVE_INFINITY, 'project_id must be a positive integer; got Infinity.');
  });

  it('rejects values above the largest 64-bit integer', () => {
    rejects('9223372036854775808', 'project_id must be at most 9223372036854775807 (the largest 64-bit integer); got "9223372036854775808".');
    rejects('12345678901234567890', 'project_id must be at most 9223372036854775807 (the largest 64-bit integer); got "12345678901234567890".');
    rejects(2n ** 63n, 'project_id must be at most 9223372036854775807 (the largest 64-bit integer); got 9223372036854775808.');
  });

  it('rejects other types', () => {
    rejects(null, 'project_id must be a positive integer, given as a string or a number; got null.');
    rejects(true, 'project_id must be a positive integer, given as a string or a number; got boolean.');
    rejects({}, 'project_id must be a positive integer, given as a string or a number; got object.');
  });
});
