import assert from 'node:assert/strict';
import { request } from 'node:http';
import { startRelayFixture } from './support/relay-fixture.js';
import type { RelayFixture } from './support/relay-fixture.js';

/** A raw request, for headers fetch will not let us set (Host). */
function rawRequest(url: string, options: { method?: string; headers?: Record<string, string>; body?: string }): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: options.method ?? 'GET', headers: options.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

describe('relay HTTP API', () => {
  let fx: RelayFixture;
  before(async () => {
    fx = await startRelayFixture();
  });
  after(async () => {
    await fx.stop();
  });

  it('answers /api/health without a token', async () => {
    const res = await fetch(`${fx.relay.url}/api/health`);
    assert.equal(res.status, 200);
    const body = (await res.json()) as { status: string; version: string; sqlite_driver: string };
    assert.equal(body.status, 'ok');
    assert.equal(body.version, fx.relay.version);
    assert.equal(body.sqlite_driver, fx.relay.sqliteDriver);
    assert.ok(['node', 'better-sqlite3'].includes(body.sqlite_driver), body.sqlite_driver);
  });

  it('answers 401 with a coded error on every other route without the token', async () => {
    for (const [method, path] of [['GET', '/api/hooks'], ['GET', '/api/resources'], ['POST', '/api/events'], ['GET', '/api/deliveries'], ['GET', '/nope']] as const) {
      const res = await fetch(`${fx.relay.url}${path}`, { method });
      assert.equal(res.status, 401, `${method} ${path}`);
      const body = (await res.json()) as { error: { code: string; message: string } };
      assert.equal(body.error.code, 'HOOKLINE_ERR_UNAUTHORIZED');
      assert.match(body.error.message, /Bearer/);
    }
    const wrong = await fx.api('/api/hooks', { headers: { authorization: 'Bearer not-the-token' } });
    assert.equal(wrong.status, 401);
  });

  it('answers 403 to a foreign Host (DNS rebinding) and a foreign Origin', async () => {
    const foreignHost = await rawRequest(`${fx.relay.url}/api/health`, { headers: { host: 'evil.example:4545' } });
    assert.equal(foreignHost.status, 403);
    assert.equal(JSON.parse(foreignHost.body).error.code, 'HOOKLINE_ERR_FORBIDDEN_HOST');
    const foreignOrigin = await fx.api('/api/hooks', { headers: { origin: 'https://evil.example' } });
    assert.equal(foreignOrigin.status, 403);
    assert.equal(((await foreignOrigin.json()) as { error: { code: string } }).error.code, 'HOOKLINE_ERR_FORBIDDEN_ORIGIN');
    const ownOrigin = await fx.api('/api/hooks', { headers: { origin: fx.relay.url } });
    assert.equal(ownOrigin.status, 200);
  });

  it('answers 400 with a code for malformed JSON, 415 for other media, 413 above 1 MiB', async () => {
    const malformed = await fx.api('/api/events', { method: 'POST', body: '{"resource_name": ', headers: { 'content-type': 'application/json' } });
    assert.equal(malformed.status, 400);
    assert.equal(((await malformed.json()) as { error: { code: string } }).error.code, 'HOOKLINE_ERR_MALFORMED_JSON');
    const text = await fx.api('/api/events', { method: 'POST', body: 'hello', headers: { 'content-type': 'text/plain' } });
    assert.equal(text.status, 415);
    const huge = await fx.api('/api/events', { method: 'POST', body: JSON.stringify({ resource_name: 'x'.repeat(1024 * 1024 + 10) }), headers: { 'content-type': 'application/json' } });
    assert.equal(huge.status, 413);
    assert.equal(((await huge.json()) as { error: { code: string } }).error.code, 'HOOKLINE_ERR_BODY_TOO_LARGE');
  });

  it('serves the catalogue of 121 resources', async () => {
    const res = await fx.api('/api/resources');
    const { data } = (await res.json()) as { data: { name: string; scope: string; event_types: string[] }[] };
    assert.equal(data.length, 121);
    assert.deepEqual(data.find((r) => r.name === 'Bids'), { name: 'Bids', scope: 'company', event_types: ['update'] });
  });

  it('has a default hook from the first start', async () => {
    const { data } = (await (await fx.api('/api/hooks')).json()) as { data: { id: number; namespace: string; payload_version: string; destination_url: string | null; status: string }[] };
    assert.equal(data.length, 1);
    assert.equal(data[0]?.namespace, 'hookline');
    assert.equal(data[0]?.payload_version, 'v2.0');
    assert.equal(data[0]?.destination_url, null);
    assert.equal(data[0]?.status, 'active');
  });

  it('saves an endpoint with warnings, masks the authorization, and explains a bad URL with 422', async () => {
    const hookId = await defaultHookId(fx);
    const ok = await fx.api(`/api/hooks/${hookId}/endpoint`, { method: 'PUT', json: { destination_url: 'http://example.com/hooks', authorization: 'Bearer s3cr3t-token-12345' } });
    assert.equal(ok.status, 200);
    const saved = (await ok.json()) as { data: { authorization: string; destination_url: string }; warnings: { code: string }[] };
    assert.equal(saved.data.destination_url, 'http://example.com/hooks');
    assert.ok(saved.data.authorization.endsWith('12345'));
    assert.ok(!saved.data.authorization.includes('s3cr3t'));
    assert.deepEqual(saved.warnings.map((w) => w.code), ['HOOKLINE_WARN_PLAIN_HTTP']);

    const bad = await fx.api(`/api/hooks/${hookId}/endpoint`, { method: 'PUT', json: { destination_url: 'ftp://example.com/x' } });
    assert.equal(bad.status, 422);
    const error = ((await bad.json()) as { error: { code: string; field: string; message: string } }).error;
    assert.equal(error.code, 'HOOKLINE_ERR_UNSUPPORTED_URL_SCHEME');
    assert.equal(error.field, 'destination_url');
    assert.match(error.message, /ftp/);

    const injected = await fx.api(`/api/hooks/${hookId}/endpoint`, { method: 'PUT', json: { destination_url: 'https://example.com', authorization: 'Bearer a\r\nX-Evil: 1' } });
    assert.equal(injected.status, 422);
    assert.equal(((await injected.json()) as { error: { field: string } }).error.field, 'authorization');
    const after = (await (await fx.api(`/api/hooks/${hookId}`)).json()) as { data: { destination_url: string } };
    assert.equal(after.data.destination_url, 'http://example.com/hooks', 'a rejected save changes nothing');
  });

  it('sets triggers at once and answers 422 for an unknown resource or an event type it does not offer', async () => {
    const hookId = await defaultHookId(fx);
    const res = await fx.api(`/api/hooks/${hookId}/triggers/RFIs`, { method: 'PUT', json: { create: true, update: true } });
    assert.equal(res.status, 200);
    assert.deepEqual(((await res.json()) as { data: { event_types: string[] } }).data.event_types, ['create', 'update']);
    const grid = (await (await fx.api(`/api/hooks/${hookId}/triggers`)).json()) as { data: { grid: Record<string, string[]> } };
    assert.deepEqual(grid.data.grid.RFIs, ['create', 'update']);

    const unknown = await fx.api(`/api/hooks/${hookId}/triggers/${encodeURIComponent('Not A Resource')}`, { method: 'PUT', json: { create: true } });
    assert.equal(unknown.status, 422);
    assert.equal(((await unknown.json()) as { error: { code: string } }).error.code, 'HOOKLINE_ERR_UNKNOWN_RESOURCE');
    const notOffered = await fx.api(`/api/hooks/${hookId}/triggers/Bids`, { method: 'PUT', json: { create: true } });
    assert.equal(notOffered.status, 422);
    assert.equal(((await notOffered.json()) as { error: { code: string } }).error.code, 'HOOKLINE_ERR_EVENT_TYPE_NOT_OFFERED');
    const wrongType = await fx.api(`/api/hooks/${hookId}/triggers/RFIs`, { method: 'PUT', json: { create: 'yes' } });
    assert.equal(wrongType.status, 422);
    const unknownField = await fx.api(`/api/hooks/${hookId}/triggers/RFIs`, { method: 'PUT', json: { explode: true } });
    assert.equal(((await unknownField.json()) as { error: { code: string } }).error.code, 'HOOKLINE_ERR_UNKNOWN_FIELD');
  });

  it('answers 422 for an event on an unknown resource and 404 for unknown hooks and deliveries', async () => {
    const unknown = await fx.api('/api/events', { method: 'POST', json: { resource_name: 'Unicorns', event_type: 'create' } });
    assert.equal(unknown.status, 422);
    assert.equal(((await unknown.json()) as { error: { code: string } }).error.code, 'HOOKLINE_ERR_UNKNOWN_RESOURCE');
    assert.equal((await fx.api('/api/hooks/99999')).status, 404);
    assert.equal((await fx.api('/api/deliveries/99999')).status, 404);
    assert.equal((await fx.api('/api/deliveries?status=bogus')).status, 400);
  });

  it('answers 405 with Allow for a route that exists under other methods, 404 for a path no route has', async () => {
    const cases: [string, string, string][] = [
      ['DELETE', '/api/resources', 'GET, HEAD'],
      ['POST', '/api/hooks/1', 'DELETE, GET, HEAD, PATCH'],
      ['GET', '/api/events', 'POST'],
      ['PUT', '/api/deliveries/1/redeliver', 'POST'],
      ['DELETE', '/rest/v1.0/webhooks/resources', 'GET, HEAD'],
    ];
    for (const [method, path, allow] of cases) {
      const response = await fx.api(path, { method });
      assert.equal(response.status, 405, `${method} ${path}`);
      assert.equal(response.headers.get('allow'), allow, `${method} ${path}`);
      const { error } = (await response.json()) as { error: { code: string; message: string } };
      assert.equal(error.code, 'HOOKLINE_ERR_METHOD_NOT_ALLOWED');
      assert.match(error.message, new RegExp(`${method} is not allowed on .*; it answers ${allow}`));
    }
    const missing = await fx.api('/api/unicorns', { method: 'DELETE' });
    assert.equal(missing.status, 404);
    assert.equal(((await missing.json()) as { error: { code: string } }).error.code, 'HOOKLINE_ERR_NOT_FOUND');
  });
});

async function defaultHookId(fx: RelayFixture): Promise<number> {
  const { data } = (await (await fx.api('/api/hooks')).json()) as { data: { id: number; namespace: string }[] };
  const hook = data.find((h) => h.namespace === 'hookline');
  assert.ok(hook);
  return hook.id;
}
