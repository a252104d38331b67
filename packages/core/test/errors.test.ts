import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ERROR_CATALOGUE, HooklineError, errorMessage, isErrorCode, isHooklineError } from '../src/errors.js';

const PACKAGES = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CATALOGUE_FILE = join(PACKAGES, 'core', 'src', 'errors.ts');

/** Every TypeScript source of every package, except the catalogue itself. */
function sourcesOutsideCatalogue(): string {
  const texts: string[] = [];
  for (const pkg of readdirSync(PACKAGES)) {
    const src = join(PACKAGES, pkg, 'src');
    let files: string[];
    try {
      files = readdirSync(src, { recursive: true, encoding: 'utf8' });
    } catch {
      continue;
    }
    for (const file of files) {
      const path = join(src, file);
      if (/\.tsx?$/.test(file) && path !== CATALOGUE_FILE) texts.push(readFileSync(path, 'utf8'));
    }
  }
  return texts.join('\n');
}

describe('error catalogue', () => {
  const entries = Object.entries(ERROR_CATALOGUE);

  it('has no code that no source uses: a code nobody throws or reads is deleted, or implemented', () => {
    const sources = sourcesOutsideCatalogue();
    assert.ok(sources.length > 100_000, 'the sources of every package were read');
    const unused = entries.map(([code]) => code).filter((code) => !sources.includes(`'${code}'`));
    assert.deepEqual(unused, []);
  });

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
    const err = new HooklineError('HOOKLINE_ERR_NOT_FOUND');
    assert.ok(err instanceof Error);
    assert.equal(err.name, 'HooklineError');
    assert.equal(err.code, 'HOOKLINE_ERR_NOT_FOUND');
    assert.equal(err.status, 404);
    assert.equal(err.message, 'No such route.');
    assert.equal(err.field, undefined);
    assert.ok(isHooklineError(err));
    assert.equal(isHooklineError(new Error('x')), false);
  });

  it('fills a template with the values its throw site passes, every one of them, typed', () => {
    const err = HooklineError.of('HOOKLINE_ERR_TRIGGER_NOT_FOUND', { hookId: 7, triggerId: '12' }, { field: 'trigger_id' });
    assert.equal(err.message, 'Hook 7 has no trigger with id 12.');
    assert.equal(err.field, 'trigger_id');
    assert.equal(errorMessage('HOOKLINE_ERR_TOO_MANY_TRIGGERS', { count: 501, max: 500 }), 'The request has 501 triggers; at most 500 may be sent in one bulk request. Split it.');
    // @ts-expect-error a template's values are required
    HooklineError.of('HOOKLINE_ERR_HOOK_NOT_FOUND', {});
    // @ts-expect-error a template is never thrown without its values
    new HooklineError('HOOKLINE_ERR_HOOK_NOT_FOUND');
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
