/**
 * Getting into the web page without a browser: login codes only for the token, one use each, the session
 * cookie's attributes, and the rule that a cookie counts only on requests from the relay's own page (Origin or
 * Sec-Fetch-Site), over HTTP and at the WebSocket upgrade. Also the page shell, its CSP and its assets.
 */
import assert from 'node:assert/strict';
import { WebSocket } from 'ws';
import { startWebRelay } from './support/web-fixture.js';
import type { WebRelay } from './support/web-fixture.js';

function cookiePair(setCookie: string | null): string {
  assert.ok(setCookie, 'Set-Cookie expected');
  return setCookie.split(';')[0] as string;
}

function upgrade(url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    ws.once('open', () => {
      ws.close();
      resolve(101);
    });
    ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.once('error', reject);
  });
}

describe('web page access', () => {
  let relay: WebRelay;
  let origin: string;

  before(async () => {
    relay = await startWebRelay();
    origin = relay.url;
  });
  after(() => relay.stop());

  const code = async (): Promise<string> => {
    const { status, body } = await relay.api<{ code: string; expires_at: string }>('POST', '/api/web/login-codes');
    assert.equal(status, 201);
    assert.ok(Date.parse(body.expires_at) > Date.now());
    return body.code;
  };
  const exchange = (value: string, headers: Record<string, string> = { origin }): Promise<Response> =>
    fetch(`${relay.url}/api/web/session`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ code: value }) });
  const session = async (): Promise<string> => cookiePair((await exchange(await code())).headers.get('set-cookie'));

  it('serves the page shell without a session, locked down by its CSP, and the bundled assets', async () => {
    const page = await fetch(`${relay.url}/`);
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-security-policy') ?? '', /default-src 'none'; script-src 'self'; style-src 'self'/);
    assert.equal(page.headers.get('x-frame-options'), 'DENY');
    const html = await page.text();
    assert.match(html, /<script type="module" src="\/assets\/page\.js"><\/script>/);
    assert.doesNotMatch(html, /https?:\/\//, 'no CDN or other outside address');
    const script = await fetch(`${relay.url}/assets/page.js`);
    assert.equal(script.status, 200);
    assert.match(script.headers.get('content-type') ?? '', /^text\/javascript/);
    const style = await fetch(`${relay.url}/assets/page-style.css`);
    assert.match(style.headers.get('content-type') ?? '', /^text\/css/);
    assert.match(await style.text(), /--vscode-foreground/);
    assert.equal((await fetch(`${relay.url}/assets/..%2Fpackage.json`)).status, 401, 'nothing else is served without a session');
  });

  it('issues login codes to the token only', async () => {
    assert.equal((await fetch(`${relay.url}/api/web/login-codes`, { method: 'POST' })).status, 401);
    const cookie = await session();
    const withCookie = await fetch(`${relay.url}/api/web/login-codes`, { method: 'POST', headers: { cookie, origin } });
    assert.equal(withCookie.status, 401, 'a session cannot mint more sessions');
  });

  it('trades a code once for an HttpOnly SameSite=Strict cookie named for the port', async () => {
    const value = await code();
    const first = await exchange(value);
    assert.equal(first.status, 200);
    const setCookie = first.headers.get('set-cookie') ?? '';
    const port = new URL(relay.url).port;
    assert.match(setCookie, new RegExp(`^hookline_session_${port}=[A-Za-z0-9_-]{40,}; Path=/; HttpOnly; SameSite=Strict; Max-Age=\\d+$`));
    const again = await exchange(value);
    assert.equal(again.status, 401);
    assert.match(((await again.json()) as { error: { message: string } }).error.message, /expired or was already used/);
    assert.equal((await exchange('x'.repeat(43))).status, 401);
  });

  it('refuses the exchange from another origin or from outside a browser page', async () => {
    const value = await code();
    assert.equal((await exchange(value, { origin: 'http://evil.example' })).status, 403);
    assert.equal((await exchange(value, {})).status, 403, 'no Origin and no Sec-Fetch-Site');
    assert.equal((await exchange(value, { 'sec-fetch-site': 'same-origin' })).status, 200, 'the code survived the refused tries');
  });

  it('accepts the cookie instead of the token only on same-origin requests', async () => {
    const cookie = await session();
    const get = (headers: Record<string, string>): Promise<number> => fetch(`${relay.url}/api/hooks`, { headers }).then((r) => r.status);
    assert.equal(await get({ cookie, origin }), 200);
    assert.equal(await get({ cookie, 'sec-fetch-site': 'same-origin' }), 200);
    assert.equal(await get({ cookie }), 401, 'a cookie without proof of the own page');
    assert.equal(await get({ cookie, 'sec-fetch-site': 'cross-site' }), 401);
    assert.equal(await get({ cookie, origin: 'http://evil.example' }), 403);
    assert.equal(await get({ origin }), 401, 'the own origin without a session');
    const other = cookie.replace(/^hookline_session_\d+/, 'hookline_session_1');
    assert.equal(await get({ cookie: other, origin }), 401, 'another port\'s cookie');
    const { status, body } = await fetch(`${relay.url}/api/web/session`, { headers: { cookie, origin } }).then(async (r) => ({ status: r.status, body: await r.json() }));
    assert.equal(status, 200);
    assert.deepEqual(body, { authenticated: true, via: 'cookie' });
  });

  it('accepts the cookie at the WebSocket upgrade only with the relay\'s own Origin', async () => {
    const cookie = await session();
    const ws = `${relay.url.replace('http', 'ws')}/ws`;
    assert.equal(await upgrade(ws, { cookie, origin }), 101);
    assert.equal(await upgrade(ws, { cookie }), 401);
    assert.equal(await upgrade(ws, { cookie, origin: 'http://evil.example' }), 403);
    assert.equal(await upgrade(ws, { origin }), 401);
  });

  it('signing out ends the session', async () => {
    const cookie = await session();
    const out = await fetch(`${relay.url}/api/web/session`, { method: 'DELETE', headers: { cookie, origin } });
    assert.equal(out.status, 204);
    assert.match(out.headers.get('set-cookie') ?? '', /Max-Age=0/);
    assert.equal((await fetch(`${relay.url}/api/hooks`, { headers: { cookie, origin } })).status, 401);
  });
});
