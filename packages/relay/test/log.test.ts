import assert from 'node:assert/strict';
import { createLogger, jsonLine } from '../src/log.js';

describe('relay log lines', () => {
  it('writes --json lines as one JSON object: level, time, message, then the fields', () => {
    const lines: string[] = [];
    const logger = createLogger({ json: true, out: (line) => lines.push(line), err: (line) => lines.push(`err ${line}`) });
    logger.line('<-- 200 POST http://127.0.0.1:1/ (3 ms)', { event: 'attempt.finished', delivery_id: 7, status: 200, error_code: null, note: 'quote " and \n newline' });
    logger.warn('hook 1 is failing');
    logger.info('ready', {});
    const first = JSON.parse(lines[0]!) as Record<string, unknown>;
    assert.deepEqual(Object.keys(first), ['level', 'time', 'message', 'event', 'delivery_id', 'status', 'error_code', 'note']);
    assert.equal(first.level, 'line');
    assert.equal(first.message, '<-- 200 POST http://127.0.0.1:1/ (3 ms)');
    assert.equal(first.note, 'quote " and \n newline');
    assert.ok(!Number.isNaN(Date.parse(first.time as string)));
    assert.ok(lines[1]!.startsWith('err '));
    assert.deepEqual(Object.keys(JSON.parse(lines[1]!.slice(4)) as object), ['level', 'time', 'message']);
    assert.deepEqual(Object.keys(JSON.parse(lines[2]!) as object), ['level', 'time', 'message']);
  });

  it('gives the same object the spread form gave', () => {
    const fields = { event: 'attempt.started', hook_id: 2, url: 'http://127.0.0.1:9/x?y=1' };
    const parsed = JSON.parse(jsonLine('line', '--> RFIs.update', fields)) as Record<string, unknown>;
    const { time, ...rest } = parsed;
    assert.equal(typeof time, 'string');
    assert.deepEqual(rest, { level: 'line', message: '--> RFIs.update', ...fields });
  });

  it('writes people lines without JSON, warnings and errors prefixed', () => {
    const lines: string[] = [];
    const logger = createLogger({ json: false, out: (line) => lines.push(line), err: (line) => lines.push(line) });
    logger.line('--> RFIs.create', { event: 'x' });
    logger.error('boom');
    assert.deepEqual(lines, ['--> RFIs.create', 'error: boom']);
  });
});
