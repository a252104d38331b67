import assert from 'node:assert/strict';
import { formatDurationOption, parseDuration, parseInstant, parseTimeBound } from '../src/index.js';

describe('time bounds', () => {
  it('reads a whole number and one unit as a duration, and 0 alone', () => {
    assert.equal(parseDuration('90s'), 90_000);
    assert.equal(parseDuration('15m'), 900_000);
    assert.equal(parseDuration('2h'), 7_200_000);
    assert.equal(parseDuration('7d'), 604_800_000);
    assert.equal(parseDuration('28d'), 28 * 86_400_000);
    assert.equal(parseDuration('1w'), 604_800_000);
    assert.equal(parseDuration(' 3 d '), 259_200_000);
    assert.equal(parseDuration('0'), 0);
    for (const bad of ['7', '1.5h', '-1d', '1y', 'd', '', '7dd', '1h30m']) assert.equal(parseDuration(bad), null, bad);
  });

  it('reads ISO 8601 dates (UTC midnight) and date-times, and nothing looser', () => {
    assert.equal(parseInstant('2024-05-01'), Date.UTC(2024, 4, 1));
    assert.equal(parseInstant('2024-05-01T12:30:00Z'), Date.UTC(2024, 4, 1, 12, 30));
    assert.equal(parseInstant('2024-05-01T12:30:00.250+02:00'), Date.UTC(2024, 4, 1, 10, 30, 0, 250));
    for (const bad of ['May 1 2024', '2024-5-1', '1714521600', '2024-13-45', 'yesterday']) assert.equal(parseInstant(bad), null, bad);
  });

  it('takes an instant as it is and a duration back from now', () => {
    const now = Date.UTC(2026, 11, 2, 12);
    assert.equal(parseTimeBound('2h', now), Date.UTC(2026, 11, 2, 10));
    assert.equal(parseTimeBound('2026-12-01', now), Date.UTC(2026, 11, 1));
    assert.equal(parseTimeBound('soon', now), null);
  });

  it('writes a duration in the largest unit that fits exactly', () => {
    assert.equal(formatDurationOption(28 * 86_400_000), '28d');
    assert.equal(formatDurationOption(3 * 86_400_000), '3d');
    assert.equal(formatDurationOption(5_400_000), '90m');
    assert.equal(formatDurationOption(0), '0');
    for (const text of ['90s', '7d', '2h']) assert.equal(parseDuration(formatDurationOption(parseDuration(text)!)), parseDuration(text));
  });
});
