/**
 * GET /api/hooks/:id/activity and the hook.activity WebSocket request, against a real relay (real SQLite, real
 * HTTP) delivering to a real receiver that fails every third request and answers after varied delays. The
 * expected buckets are computed here from the attempts the delivery log lists, not from the activity query.
 */
import assert from 'node:assert/strict';
import { WebSocket } from 'ws';
import { quantile, type ServerMessage } from '@hookline/core';
import { startReceiver } from './support/receiver.js';
import type { Receiver } from './support/receiver.js';
import { startRelayFixture } from './support/relay-fixture.js';
import type { RelayFixture } from './support/relay-fixture.js';

interface BucketJson {
  at: string;
  delivered: number;
  failed: number;
  p95_ms: number | null;
}
interface ActivityJson {
  hook_id: number;
  from: string;
  to: string;
  buckets: BucketJson[];
  totals: { delivered: number; failed: number; p95_ms: number | null };
}
interface AttemptJson {
  ok: boolean;
  completed_at: string | null;
  duration_ms: number | null;
}

const MINUTE = 60_000;
const EVENTS = 24;

async function until(check: () => Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) assert.fail(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** One WebSocket request and its answer (reply or error). */
async function wsRequest(fx: RelayFixture, type: string, params: Record<string, unknown>): Promise<ServerMessage> {
  const ws = new WebSocket(fx.relay.wsUrl, { headers: { authorization: `Bearer ${fx.relay.token}` } });
  try {
    return await new Promise<ServerMessage>((resolve, reject) => {
      ws.on('message', (data) => {
        const message = JSON.parse(data.toString()) as ServerMessage;
        if (message.type === 'hello') ws.send(JSON.stringify({ type, id: 'a1', params }));
        else if ((message.type === 'reply' || message.type === 'error') && message.id === 'a1') resolve(message);
      });
      ws.once('error', reject);
    });
  } finally {
    ws.close();
  }
}

describe('hook activity through the relay API, against a real receiver', function () {
  this.timeout(60_000);
  let fx: RelayFixture;
  let receiver: Receiver;
  let hookId: number;
  let attempts: AttemptJson[] = [];

  const activity = async (query = ''): Promise<{ status: number; body: { data: ActivityJson; error?: { code: string; message: string; field?: string } } }> => {
    const res = await fx.api(`/api/hooks/${hookId}/activity${query}`);
    return { status: res.status, body: (await res.json()) as never };
  };

  before(async () => {
    let answered = 0;
    receiver = await startReceiver(() => {
      answered += 1;
      const delayMs = (answered % 5) * 15;
      return answered % 3 === 0 ? { status: 503, body: 'busy', delayMs } : { status: 200, body: 'ok', delayMs };
    });
    fx = await startRelayFixture({ timeScale: 1000 });
    hookId = fx.relay.service.listHooks()[0]!.id;
    await fx.api(`/api/hooks/${hookId}/endpoint`, { method: 'PUT', json: { destination_url: `${receiver.url}/in` } });
    await fx.api(`/api/hooks/${hookId}/triggers/RFIs`, { method: 'PUT', json: { create: true } });
    for (let i = 0; i < EVENTS; i++) {
      await fx.api('/api/events', { method: 'POST', json: { resource_name: 'RFIs', event_type: 'create', resource_id: i + 1 } });
    }
    // Every failed try is retried (time scaled) until the receiver takes it: wait until all are delivered.
    const list = async (): Promise<{ id: number; status: string }[]> =>
      ((await (await fx.api(`/api/deliveries?hook_id=${hookId}&limit=100`)).json()) as { data: { id: number; status: string }[] }).data;
    await until(async () => {
      const deliveries = await list();
      return deliveries.length === EVENTS && deliveries.every((d) => d.status === 'delivered');
    }, 'every delivery delivered');
    attempts = [];
    for (const delivery of await list()) {
      const detail = (await (await fx.api(`/api/deliveries/${delivery.id}`)).json()) as { data: { attempts: AttemptJson[] } };
      attempts.push(...detail.data.attempts);
    }
  });
  after(async () => {
    await fx?.stop();
    await receiver?.close();
  });

  it('counts delivered and failed attempts and takes p95 per minute, every minute of the last hour present', async () => {
    assert.ok(attempts.some((a) => !a.ok) && attempts.some((a) => a.ok), 'the receiver failed some requests and took others');
    const { status, body } = await activity();
    assert.equal(status, 200);
    const data = body.data;
    assert.equal(data.hook_id, hookId);
    assert.equal(data.buckets.length, 60);
    assert.equal(Date.parse(data.to) - Date.parse(data.from), 60 * MINUTE);
    data.buckets.forEach((bucket, i) => assert.equal(Date.parse(bucket.at), Date.parse(data.from) + i * MINUTE, `bucket ${i} starts its minute`));
    assert.ok(Date.parse(data.to) > Date.now() - MINUTE && Date.parse(data.to) <= Date.now() + MINUTE, 'the last bucket is the current minute');

    for (const bucket of data.buckets) {
      const start = Date.parse(bucket.at);
      const inMinute = attempts.filter((a) => a.completed_at !== null && Date.parse(a.completed_at) >= start && Date.parse(a.completed_at) < start + MINUTE);
      const durations = inMinute.flatMap((a) => (a.duration_ms === null ? [] : [a.duration_ms])).sort((x, y) => x - y);
      assert.deepEqual(bucket, {
        at: bucket.at,
        delivered: inMinute.filter((a) => a.ok).length,
        failed: inMinute.filter((a) => !a.ok).length,
        p95_ms: quantile(durations, 0.95),
      });
    }
    const zero = data.buckets.filter((b) => b.delivered === 0 && b.failed === 0);
    assert.ok(zero.length >= 58, 'the quiet minutes are there, as zeros');
    for (const bucket of zero) assert.equal(bucket.p95_ms, null);
    const all = attempts.map((a) => a.duration_ms ?? 0).sort((x, y) => x - y);
    assert.deepEqual(data.totals, { delivered: attempts.filter((a) => a.ok).length, failed: attempts.filter((a) => !a.ok).length, p95_ms: quantile(all, 0.95) });
    assert.ok(data.totals.p95_ms! >= 45, `the receiver's delays show in p95 (${data.totals.p95_ms} ms)`);
  });

  it('takes since as a duration or an ISO time, in whole minutes', async () => {
    const five = (await activity('?since=5m')).body.data;
    assert.equal(five.buckets.length, 5);
    const full = (await activity()).body.data;
    assert.deepEqual(five.buckets, full.buckets.slice(-5));
    assert.equal((await activity('?since=1h')).body.data.buckets.length, 60);
    const at = new Date(Date.parse(full.to) - 3 * MINUTE + 1234).toISOString();
    const fromIso = (await activity(`?since=${encodeURIComponent(at)}`)).body.data;
    assert.equal(fromIso.buckets.length, 3);
    assert.equal(fromIso.from, new Date(Date.parse(full.to) - 3 * MINUTE).toISOString());
    assert.deepEqual((await activity('?since=')).body.data.buckets.length, 60);
  });

  it('answers the same over the WebSocket (hook.activity)', async () => {
    const http = (await activity('?since=10m')).body.data;
    const reply = await wsRequest(fx, 'hook.activity', { hookId, since: '10m' });
    assert.equal(reply.type, 'reply');
    const result = (reply as { result: { activity: { hookId: number; buckets: { at: string; delivered: number; failed: number; p95Ms: number | null }[]; totals: unknown } } }).result.activity;
    assert.equal(result.hookId, hookId);
    assert.deepEqual(
      result.buckets.map((b) => ({ at: b.at, delivered: b.delivered, failed: b.failed, p95_ms: b.p95Ms })),
      http.buckets,
    );
  });

  it('refuses bad input with coded errors that say what to send', async () => {
    const cases: { query: string; status: number; code: string; mentions: RegExp }[] = [
      { query: '?since=abc', status: 400, code: 'HOOKLINE_ERR_INVALID_QUERY', mentions: /"since" must be a duration in whole minutes from 1m to 60m .* got "abc"/ },
      { query: '?since=90s', status: 400, code: 'HOOKLINE_ERR_INVALID_QUERY', mentions: /whole minutes/ },
      { query: '?since=15m&since=5m', status: 400, code: 'HOOKLINE_ERR_INVALID_QUERY', mentions: /got an array/ },
      { query: '?since=2h', status: 400, code: 'HOOKLINE_ERR_ACTIVITY_SINCE_OUT_OF_RANGE', mentions: /\(2h\) is outside the activity window: send a time from \S+ to now/ },
      { query: '?since=0m', status: 400, code: 'HOOKLINE_ERR_ACTIVITY_SINCE_OUT_OF_RANGE', mentions: /from 1m to 60m/ },
      { query: `?since=${new Date(Date.now() - 2 * 60 * MINUTE).toISOString()}`, status: 400, code: 'HOOKLINE_ERR_ACTIVITY_SINCE_OUT_OF_RANGE', mentions: /outside the activity window/ },
      { query: `?since=${new Date(Date.now() + 5 * MINUTE).toISOString()}`, status: 400, code: 'HOOKLINE_ERR_ACTIVITY_SINCE_OUT_OF_RANGE', mentions: /to now/ },
      { query: '?window=1h', status: 422, code: 'HOOKLINE_ERR_UNKNOWN_FIELD', mentions: /Allowed fields: since/ },
    ];
    for (const c of cases) {
      const { status, body } = await activity(c.query);
      assert.equal(status, c.status, c.query);
      assert.equal(body.error?.code, c.code, c.query);
      assert.match(body.error!.message, c.mentions, c.query);
    }
    const unknown = await fx.api('/api/hooks/999999/activity');
    assert.equal(unknown.status, 404);
    const unknownBody = (await unknown.json()) as { error: { code: string; message: string } };
    assert.equal(unknownBody.error.code, 'HOOKLINE_ERR_HOOK_NOT_FOUND');
    assert.match(unknownBody.error.message, /No hook with id 999999/);
    assert.equal((await fx.api('/api/hooks/abc/activity')).status, 422);

    const wsUnknown = await wsRequest(fx, 'hook.activity', { hookId: 999999 });
    assert.equal(wsUnknown.type === 'error' && wsUnknown.error.code, 'HOOKLINE_ERR_HOOK_NOT_FOUND');
    const wsBad = await wsRequest(fx, 'hook.activity', { hookId, since: 15 });
    assert.equal(wsBad.type === 'error' && wsBad.error.code, 'HOOKLINE_ERR_INVALID_QUERY');
    const wsMissing = await wsRequest(fx, 'hook.activity', { since: '5m' });
    assert.equal(wsMissing.type === 'error' && wsMissing.error.code, 'HOOKLINE_ERR_MISSING_FIELD');
  });
});
