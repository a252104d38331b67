import assert from 'node:assert/strict';
import { ERROR_CATALOGUE, HooklineError, isErrorCode, isHooklineError } from '../src/errors.js';

describe('error catalogue', () => {
  const entries = Object.entries(ERROR_CATALOGUE);

  it('has unique, well-formed codes', () => {
    assert.ok(entries.length > 0);
    const codes = entries.map(([code]) => code);
    assert.equal(new Set(codes).size, codes.length);
    for (const code of codes) assert.match(code, /^HOOKLINE_ERR_[A-Z0-9_]+$/);
  });

  it('gives every code a 4xx or 5xx integer status', () => {
    for (const [code, { status }] of entries) {
      assert.ok(Number.isInteger(status) && status >= 400 && status <= 599, `${code}: ${status}`);
    }
  });

  it('gives every code a non-empty sentence ending with a period', () => {
    for (const [code, { message }] of entries) {
      assert.ok(message.trim().length > 1, code);
      assert.ok(message.endsWith('.'), `${code}: ${message}`);
    }
    assert.equal(new Set(entries.map(([, e]) => e.message)).size, entries.length);
  });

  it('HooklineError carries code, status, field and details', () => {
    const err = new HooklineError('HOOKLINE_ERR_HOOK_NOT_FOUND');
    assert.ok(err instanceof Error);
    assert.equal(err.name, 'HooklineError');
    assert.equal(err.code, 'HOOKLINE_ERR_HOOK_NOT_FOUND');
    assert.equal(err.status, 404);
    assert.equal(err.message, 'No hook with this id.');
    assert.equal(err.field, undefined);
    assert.ok(isHooklineError(err));
    assert.equal(isHooklineError(new Error('x')), false);
  });

  it('toBody has the wire shape, with field and details only when set', () => {
    assert.deepEqual(new HooklineError('HOOKLINE_ERR_UNAUTHORIZED').toBody(), {
      error: { code: 'HOOKLINE_ERR_UNAUTHORIZED', message: 'A valid relay token is required.' },
    });
    const body = new HooklineError('HOOKLINE_ERR_INVALID_ID', 'project_id must be positive; got "-5".', {
      field: 'project_id',
      details: { got: '-5' },
    }).toBody();
    assert.deepEqual(body, {
      error: { code: 'HOOKLINE_ERR_INVALID_ID', message: 'project_id must be positive; got "-5".', field: 'project_id', details: { got: '-5' } },
    });
    assert.deepEqual(Object.keys(body.error), ['code', 'message', 'field', 'details']);
    assert.equal(JSON.stringify(body), '{"error":{"code":"HOOKLINE_ERR_INVALID_ID","message":"project_id must be positive; got \\"-5\\".","field":"project_id","details":{"got":"-5"}}}');
  });

  it('isErrorCode knows exactly the catalogue', () => {
    assert.equal(isErrorCode('HOOKLINE_ERR_INTERNAL'), true);
    assert.equal(isErrorCode('HOOKLINE_WARN_PLAIN_HTTP'), false);
    assert.equal(isErrorCode('toString'), false);
    assert.equal(isErrorCode(5), false);
  });
});
