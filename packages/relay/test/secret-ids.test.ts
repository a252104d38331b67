import assert from 'node:assert/strict';
import { readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ensureToken, TOKEN_FILE } from '../src/data-dir.js';
import { SECRET_ID_LENGTH } from '../src/secret-ids.js';
import { WebSessions } from '../src/web/sessions.js';
import { makeDataDir } from './support/relay-fixture.js';

const URL_SAFE_SECRET = new RegExp(`^[A-Za-z0-9_-]{${SECRET_ID_LENGTH}}$`);

describe('random identifiers for people (nanoid)', () => {
  it('the relay token is a 43-character URL-safe id in a 0600 file, kept across starts', () => {
    const dir = makeDataDir();
    try {
      const token = ensureToken(dir);
      assert.match(token, URL_SAFE_SECRET);
      assert.equal(readFileSync(join(dir, TOKEN_FILE), 'utf8'), `${token}\n`);
      assert.equal(statSync(join(dir, TOKEN_FILE)).mode & 0o777, 0o600);
      assert.equal(ensureToken(dir), token);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('login codes and session ids are URL-safe ids, never repeated', () => {
    const sessions = new WebSessions();
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const { code } = sessions.issueLoginCode();
      const session = sessions.redeemLoginCode(code);
      assert.match(code, URL_SAFE_SECRET);
      assert.match(session ?? '', URL_SAFE_SECRET);
      seen.add(code).add(session as string);
    }
    assert.equal(seen.size, 400);
  });
});
