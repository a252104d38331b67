/// <reference path="./types/parse-prometheus-text-format.d.ts" />
import assert from 'node:assert/strict';
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { WebSocket } from 'ws';
import type { HookHealthMessage } from '@hookline/core';
import { startReceiver } from './support/receiver.js';
import type { Receiver } from './support/receiver.js';
import { startRelayFixture } from './support/relay-fixture.js';
import type { RelayFixture } from './support/relay-fixture.js';

interface HealthJson {
  state: string;
  failure_streak: number;
  streak_started_at: string | null;
  last_success_at: string | null;
  last_error: { code: string; status: number | null; message: string | null } | null;
  window: { attempts: number; success_rate: number | null; p50_ms: number | null; p95_ms: number | null };
}

async function waitUntil(check: () => Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

function sampleValue(text: string, name: string, labels: Record<string, string>): number {
  const family = parsePrometheusTextFormat(text).find((f) => f.name === name);
  const sample = family?.metrics.find((m) => Object.entries(labels).every(([k, v]) => m.labels?.[k] === v));
  return sample?.value === undefined ? 0 : Number(sample.value);
}

describe('monitoring: endpoint health, alarms and metrics', function () {
  this.timeout(30_000);
  let fx: RelayFixture;
  let receiver: Receiver;
  let hookId: number;
  const pushes: HookHealthMessage[] = [];
  let ws: WebSocket;

  before(async () => {
    receiver = await startReceiver({ status: 200 });
    fx = await startRelayFixture({ timeScale: 2000, maxInFlight: 1 });
    hookId = fx.relay.service.listHooks()[0]!.id;
    ws = new WebSocket(fx.relay.wsUrl, { headers: { authorization: `Bearer ${fx.relay.token}` } });
    ws.on('message', (data) => {
      const message = JSON.parse(data.toString()) as { type: string };
      if (message.type === 'hook.health') pushes.push(message as HookHealthMessage);
    });
    await new Promise((resolve) => ws.once('open', resolve));
  });
  after(async () => {
    ws.close();
    await fx.stop();
    await receiver.close();
  });

  const health = async (): Promise<HealthJson> => ((await (await fx.api(`/api/hooks/${hookId}/health`)).json()) as { data: HealthJson }).data;
  const post = async (n: number): Promise<void> => {
    for (let i = 0; i < n; i++) {
      assert.equal((await fx.api('/api/events', { method: 'POST', json: { resource_name: 'RFIs', event_type: 'create', resource_id: i + 1 } })).status, 202);
    }
  };

  it('follows a hook from paused to healthy, through a failure, to recovery, with one alarm per outage', async () => {
    assert.equal((await health()).state, 'paused', 'no endpoint yet');
    await fx.api(`/api/hooks/${hookId}/endpoint`, { method: 'PUT', json: { destination_url: `${receiver.url}/in` } });
    await fx.api(`/api/hooks/${hookId}/triggers/RFIs`, { method: 'PUT', json: { create: true } });
    await waitUntil(async () => pushes.some((p) => p.health.state === 'healthy'), 'healthy push');

    await post(5);
    await receiver.waitForRequests(5);
    await waitUntil(async () => (await health()).window.attempts === 5, 'five attempts counted');
    const good = await health();
    assert.equal(good.state, 'healthy');
    assert.equal(good.window.success_rate, 1);
    assert.ok(good.window.p50_ms !== null && good.window.p95_ms! >= good.window.p50_ms);

    receiver.respondWith({ status: 503, body: 'maintenance' });
    await post(3);
    await waitUntil(async () => (await health()).failure_streak >= 4, 'a failure streak');
    const bad = await health();
    assert.equal(bad.state, 'failing');
    assert.deepEqual(bad.last_error && { code: bad.last_error.code, status: bad.last_error.status }, { code: 'http', status: 503 });
    assert.ok(bad.streak_started_at);
    const failingPushes = pushes.filter((p) => p.health.state === 'failing');
    assert.equal(failingPushes.length, 1, 'one alarm for the outage, not one per attempt');
    assert.equal(failingPushes[0]!.previous, 'healthy');
    assert.equal(fx.lines.filter((l) => /hook \d+ is failing \(HTTP 503/.test(l)).length, 1, 'the log says once that the hook is failing');

    receiver.respondWith({ status: 200 });
    await waitUntil(async () => (await health()).state === 'healthy', 'recovery');
    await receiver.waitForRequests(5 + 3 + bad.failure_streak, 10_000);
    await new Promise((r) => setTimeout(r, 100));
    const recoveries = pushes.filter((p) => p.previous === 'failing' && p.health.state === 'healthy');
    assert.equal(recoveries.length, 1, 'recovery is announced once');
    assert.equal(pushes.filter((p) => p.health.state === 'failing').length, 1);
    assert.equal(fx.lines.filter((l) => /hook \d+ recovered/.test(l)).length, 1);
    assert.equal((await health()).failure_streak, 0);
  });

  it('serves Prometheus metrics whose counts match the deliveries made', async () => {
    const res = await fx.api('/metrics');
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /text\/plain/);
    const text = await res.text();
    const page = (await (await fx.api(`/api/deliveries?hook_id=${hookId}&limit=100`)).json()) as { data: { id: number; status: string }[] };
    const delivered = page.data.filter((d) => d.status === 'delivered').length;
    assert.equal(delivered, 8);
    const labels = { hook: String(hookId), resource: 'RFIs', event_type: 'create' };
    assert.equal(sampleValue(text, 'hookline_deliveries_total', { ...labels, status: 'enqueued' }), page.data.length);
    assert.equal(sampleValue(text, 'hookline_deliveries_total', { ...labels, status: 'delivered' }), delivered);
    assert.equal(sampleValue(text, 'hookline_deliveries_total', { ...labels, status: 'retrying' }), 1, 'one delivery went into retrying');

    let attempts = 0;
    for (const d of page.data) {
      attempts += ((await (await fx.api(`/api/deliveries/${d.id}`)).json()) as { data: { attempts: unknown[] } }).data.attempts.length;
    }
    const ok = sampleValue(text, 'hookline_attempts_total', { hook: String(hookId), error_code: 'none' });
    const http = sampleValue(text, 'hookline_attempts_total', { hook: String(hookId), error_code: 'http' });
    assert.equal(ok, 8);
    assert.equal(ok + http, attempts, 'attempts by error code add up to the attempts stored');
    const histogram = parsePrometheusTextFormat(text).find((f) => f.name === 'hookline_attempt_duration_seconds')!;
    assert.equal(histogram.type, 'HISTOGRAM');
    // This parser folds a labelled histogram into its buckets; with one hook, the +Inf bucket is that hook's count.
    assert.equal(Number(histogram.metrics[0]!.buckets!['+Inf']), attempts);
    assert.equal(sampleValue(text, 'hookline_queue_depth', { hook: String(hookId) }), 0);
    assert.equal(sampleValue(text, 'hookline_in_flight', { hook: String(hookId) }), 0);
    assert.equal(sampleValue(text, 'hookline_hook_health', { hook: String(hookId), state: 'healthy' }), 1);
    assert.equal(sampleValue(text, 'hookline_hook_health', { hook: String(hookId), state: 'failing' }), 0);
  });

  it('protects /metrics like the API unless --metrics-public on loopback', async () => {
    assert.equal((await fetch(`${fx.relay.url}/metrics`)).status, 401);
    const open = await startRelayFixture({ metricsPublic: true });
    try {
      const res = await fetch(`${open.relay.url}/metrics`);
      assert.equal(res.status, 200);
      assert.match(await res.text(), /hookline_hook_health/);
      assert.equal((await fetch(`${open.relay.url}/api/hooks`)).status, 401, 'only /metrics is opened');
    } finally {
      await open.stop();
    }
    await assert.rejects(startRelayFixture({ metricsPublic: true, host: '0.0.0.0' }), /--metrics-public is only allowed/);
  });
});
