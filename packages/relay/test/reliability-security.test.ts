import assert from 'node:assert/strict';
import { request } from 'node:http';
import { rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import { startReceiver } from './support/receiver.js';
import type { Receiver } from './support/receiver.js';
import { makeDataDir } from './support/relay-fixture.js';
import { spawnRelay, stopRelay } from './support/relay-process.js';
import type { RelayProcess } from './support/relay-process.js';

const SECRET = 'Bearer sup3r-s3cret-value-that-must-not-leak-A1B2C';
const SECRET_CORE = 'sup3r-s3cret-value-that-must-not-leak';

/** Every route the relay serves, with a path that exists once the test's hook and delivery do. */
function routes(hookId: number, deliveryId: number): [string, string][] {
  return [
    ['GET', '/api/resources'],
    ['GET', '/api/hooks'],
    ['POST', '/api/hooks'],
    ['GET', `/api/hooks/${hookId}`],
    ['PATCH', `/api/hooks/${hookId}`],
    ['DELETE', `/api/hooks/${hookId}`],
    ['PUT', `/api/hooks/${hookId}/endpoint`],
    ['GET', `/api/hooks/${hookId}/triggers`],
    ['PUT', `/api/hooks/${hookId}/triggers/RFIs`],
    ['POST', '/api/events'],
    ['POST', '/api/events/import'],
    ['GET', '/api/deliveries'],
    ['GET', `/api/deliveries/${deliveryId}`],
    ['POST', `/api/deliveries/${deliveryId}/redeliver`],
    ['GET', '/no-such-route'],
  ];
}

function rawStatus(url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('reliability: security checks against a relay process', function () {
  this.timeout(60_000);
  let receiver: Receiver;
  let relay: RelayProcess;
  const dataDir = makeDataDir();
  const responses: string[] = [];
  const wsMessages: string[] = [];
  let hookId = 0;
  let deliveryId = 0;

  const api = async (path: string, init: RequestInit & { json?: unknown } = {}): Promise<Response> => {
    const res = await relay.api(path, init);
    responses.push(await res.clone().text());
    return res;
  };

  before(async () => {
    receiver = await startReceiver({ status: 500, body: 'fail once' });
    relay = await spawnRelay(dataDir, ['--time-scale', '1000']);
    hookId = ((await (await api('/api/hooks')).json()) as { data: { id: number }[] }).data[0]!.id;
    const ws = new WebSocket(relay.url.replace('http', 'ws') + '/ws', { headers: { authorization: `Bearer ${relay.token}` } });
    ws.on('message', (data) => wsMessages.push(data.toString()));
    await new Promise((resolve) => ws.once('open', resolve));
    await api(`/api/hooks/${hookId}/endpoint`, { method: 'PUT', json: { destination_url: `${receiver.url}/in`, authorization: SECRET } });
    await api(`/api/hooks/${hookId}/triggers/RFIs`, { method: 'PUT', json: { create: true, update: true } });
    const created = (await (await api('/api/events', { method: 'POST', json: { resource_name: 'RFIs', event_type: 'create', resource_id: 1 } })).json()) as { deliveries: { id: number }[] };
    deliveryId = created.deliveries[0]!.id;
    await receiver.waitForRequests(2, 10_000);
    receiver.respondWith({ status: 200 });
    await receiver.waitForRequests(3, 10_000);
    await api(`/api/deliveries/${deliveryId}/redeliver`, { method: 'POST' });
    await api('/api/hooks/99/endpoint', { method: 'PUT', json: { destination_url: 'https://x.example', authorization: SECRET } });
    await api(`/api/hooks/${hookId}/endpoint`, { method: 'PUT', json: { destination_url: 'ftp://x', authorization: SECRET } });
    await api(`/api/deliveries/${deliveryId}`);
    await api('/api/hooks');
    await api('/api/deliveries');
    await new Promise((r) => setTimeout(r, 200));
    ws.close();
  });
  after(async () => {
    await stopRelay(relay);
    await receiver.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers 401 on every route but /api/health without the token', async () => {
    for (const [method, path] of routes(hookId, deliveryId)) {
      const res = await fetch(`${relay.url}${path}`, { method });
      assert.equal(res.status, 401, `${method} ${path}`);
    }
    assert.equal((await fetch(`${relay.url}/api/health`)).status, 200);
  });

  it('answers 403 to a foreign Host, and refuses a WebSocket from a foreign Origin', async () => {
    assert.equal(await rawStatus(`${relay.url}/api/health`, { host: 'attacker.example' }), 403);
    assert.equal(await rawStatus(`${relay.url}/api/hooks`, { host: 'attacker.example', authorization: `Bearer ${relay.token}` }), 403);
    const ws = new WebSocket(relay.url.replace('http', 'ws') + '/ws', { headers: { authorization: `Bearer ${relay.token}`, origin: 'https://attacker.example' } });
    const status = await new Promise<number>((resolve) => {
      ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.once('open', () => resolve(101));
    });
    assert.equal(status, 403);
  });

  it('keeps the token file at mode 0600', () => {
    assert.equal(statSync(join(dataDir, 'token')).mode & 0o777, 0o600);
  });

  it('never shows the authorization value unmasked in an API response, a WebSocket message or a log line', async () => {
    assert.equal(receiver.requests.at(-1)!.headers.authorization, SECRET, 'the receiver does get the real value');
    assert.ok(responses.length >= 10 && wsMessages.length >= 3 && relay.lines.length >= 6, `captured ${responses.length} responses, ${wsMessages.length} messages, ${relay.lines.length} log lines`);
    const masked = responses.filter((r) => r.includes('A1B2C'));
    assert.ok(masked.length > 0, 'the masked form (last 5 characters) does appear');
    for (const [where, texts] of [['API responses', responses], ['WebSocket messages', wsMessages], ['log lines', relay.lines]] as const) {
      const leaks = texts.filter((t) => t.includes(SECRET_CORE) || t.includes(SECRET));
      assert.deepEqual(leaks, [], `the secret leaked in ${where}`);
    }
    console.log(`      scanned ${responses.length} API responses, ${wsMessages.length} WebSocket messages, ${relay.lines.length} log lines: no secret`);
  });
});
