import assert from 'node:assert/strict';
import { request } from 'node:http';
import { join } from 'node:path';
import { DATABASE_FILE } from '../src/data-dir.js';
import { openDatabase } from '../src/store/database.js';
import { startRelayFixture } from './support/relay-fixture.js';
import type { RelayFixture } from './support/relay-fixture.js';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function send(url: string, method: string, headers: Record<string, string>, body?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** What must match between the two paths: status, the headers a client can see, and the body (ids aside). */
function comparable(answer: Answer): unknown {
  const { status, headers, body } = answer;
  const shown = { status, type: headers['content-type'], nosniff: headers['x-content-type-options'], cache: headers['cache-control'] };
  if (status !== 202) return { ...shown, body };
  const parsed = JSON.parse(body) as { event: Record<string, unknown>; deliveries: Record<string, unknown>[] };
  return { ...shown, event: Object.keys(parsed.event), deliveries: parsed.deliveries.map((d) => Object.keys(d)) };
}

describe('POST /api/events: the lean ingest path answers as express does', () => {
  let fx: RelayFixture;
  before(async () => {
    fx = await startRelayFixture();
    const hookId = fx.relay.service.listHooks()[0]!.id;
    await fx.api(`/api/hooks/${hookId}/endpoint`, { method: 'PUT', json: { destination_url: 'http://127.0.0.1:9/unused' } });
    await fx.api(`/api/hooks/${hookId}/triggers/RFIs`, { method: 'PUT', json: { update: true } });
  });
  after(async () => {
    await fx.stop();
  });

  const host = (): string => new URL(fx.relay.url).host;
  const auth = (): Record<string, string> => ({ authorization: `Bearer ${fx.relay.token}`, host: host(), 'content-type': 'application/json' });
  const cases: [string, () => Record<string, string>, string | undefined][] = [
    ['a valid event', auth, '{"resource_name":"RFIs","event_type":"update","resource_id":"5"}'],
    ['an event no hook wants', auth, '{"resource_name":"Projects","event_type":"create"}'],
    ['no token', () => ({ host: host(), 'content-type': 'application/json' }), '{}'],
    ['a wrong token', () => ({ ...auth(), authorization: 'Bearer nope' }), '{}'],
    ['a foreign Host', () => ({ ...auth(), host: 'evil.example' }), '{}'],
    ['a foreign Origin', () => ({ ...auth(), origin: 'https://evil.example' }), '{}'],
    ['malformed JSON', auth, '{"resource_name": '],
    ['text/plain', () => ({ ...auth(), 'content-type': 'text/plain' }), 'hello'],
    ['an empty body', auth, undefined],
    ['a JSON array', auth, '[1,2]'],
    ['an unknown field', auth, '{"resource_name":"RFIs","event_type":"update","payload":"x"}'],
    ['an unknown resource', auth, '{"resource_name":"Unicorns","event_type":"create"}'],
    ['a bad event type', auth, '{"resource_name":"RFIs","event_type":"destroy"}'],
    ['a bad id', auth, '{"resource_name":"RFIs","event_type":"update","resource_id":"01"}'],
    ['more than 1 MiB', auth, JSON.stringify({ resource_name: 'x'.repeat(1024 * 1024 + 10) })],
  ];

  for (const [name, headers, body] of cases) {
    it(`for ${name}`, async () => {
      // "/api/events/" (express routes it like "/api/events") is served by express, "/api/events" by the lean path.
      const viaExpress = await send(`${fx.relay.url}/api/events/`, 'POST', headers(), body);
      const viaLean = await send(`${fx.relay.url}/api/events`, 'POST', headers(), body);
      assert.deepEqual(comparable(viaLean), comparable(viaExpress));
    });
  }

  it('commits the event before answering 202', async () => {
    const answer = await send(`${fx.relay.url}/api/events`, 'POST', auth(), '{"resource_name":"RFIs","event_type":"update","resource_id":"77"}');
    assert.equal(answer.status, 202);
    const { deliveries } = JSON.parse(answer.body) as { deliveries: { id: number }[] };
    assert.equal(deliveries.length, 1);
    // Another connection sees it: it is in the database, not waiting in a batch.
    const db = openDatabase(join(fx.dataDir, DATABASE_FILE), { readonly: true, driver: fx.relay.sqliteDriver });
    try {
      assert.equal(db.prepare<[number], { resource_id: string }>('SELECT resource_id FROM deliveries WHERE id = ?').get(deliveries[0]!.id)?.resource_id, '77');
    } finally {
      db.close();
    }
  });
});
