import assert from 'node:assert/strict';
import { WebSessions } from '../src/web/sessions.js';
import { readCookie, sessionCookieName } from '../src/web/cookies.js';
import { AssetStore } from '../src/web/assets.js';
import type { IncomingMessage } from 'node:http';

describe('WebSessions', () => {
  it('a code works once and only before it expires', () => {
    let now = 1_000;
    const sessions = new WebSessions({ now: () => now, codeTtlMs: 100, sessionTtlMs: 1000 });
    const a = sessions.issueLoginCode();
    assert.equal(a.expiresAt.getTime(), 1_100);
    const session = sessions.redeemLoginCode(a.code);
    assert.ok(session && session !== a.code);
    assert.equal(sessions.redeemLoginCode(a.code), null);
    const b = sessions.issueLoginCode();
    now += 100;
    assert.equal(sessions.redeemLoginCode(b.code), null);
    assert.equal(sessions.redeemLoginCode('never-issued'), null);
  });

  it('a session holds until it expires or is revoked', () => {
    let now = 0;
    const sessions = new WebSessions({ now: () => now, sessionTtlMs: 1000 });
    const s1 = sessions.redeemLoginCode(sessions.issueLoginCode().code) as string;
    const s2 = sessions.redeemLoginCode(sessions.issueLoginCode().code) as string;
    assert.equal(sessions.verify(s1), true);
    sessions.revoke(s1);
    assert.equal(sessions.verify(s1), false);
    now = 999;
    assert.equal(sessions.verify(s2), true);
    now = 1000;
    assert.equal(sessions.verify(s2), false);
  });

  it('keeps a bounded number of codes: the oldest go first', () => {
    const sessions = new WebSessions();
    const first = sessions.issueLoginCode().code;
    for (let i = 0; i < 40; i++) sessions.issueLoginCode();
    assert.equal(sessions.redeemLoginCode(first), null);
  });

  it('reads only a well-formed session cookie of the right name', () => {
    const req = (cookie: string): IncomingMessage => ({ headers: { cookie } }) as IncomingMessage;
    const value = 'A'.repeat(43);
    assert.equal(sessionCookieName(4545), 'hookline_session_4545');
    assert.equal(readCookie(req(`a=1; hookline_session_4545=${value}; b=2`), 'hookline_session_4545'), value);
    assert.equal(readCookie(req(`hookline_session_4546=${value}`), 'hookline_session_4545'), undefined);
    assert.equal(readCookie(req('hookline_session_4545=bad value;'), 'hookline_session_4545'), undefined);
  });
});

describe('AssetStore', () => {
  it('serves only bundle files by name, and nothing when the page is not built', async () => {
    const built = new AssetStore();
    assert.match((await built.read('page.js'))?.contentType ?? '', /^text\/javascript/);
    assert.equal(await built.read('../package.json'), null);
    assert.equal(await built.read('page.js/'), null);
    assert.equal(await built.read('Page.JS'), null);
    assert.equal(await new AssetStore('/nonexistent-hookline-bundle').read('page.js'), null);
  });
});
