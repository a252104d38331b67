/**
 * `npm run bench -- --soak MINUTES`: the relay under a steady load for a long while, to see that it holds.
 * One relay (the built CLI, its own process), a receiver in this process that answers 500 to every tenth
 * request (so the hook keeps pausing and retrying), and an open-loop load of SOAK_RATE events/s, all on
 * 127.0.0.1. Every interval it reports the relay's RSS and heap, its event-loop delay over that interval
 * (p99 and max, from the relay's own /metrics, which resets the histogram at each scrape), the database size
 * (relay.db + -wal), the deliveries the log holds and the age of the oldest, and the queue depth. The relay runs with a
 * retention window of a fifth of the soak (at least a minute), so the log must level off once the window is full.
 * Bounded: by the minutes asked (at most 120) and by SOAK_MAX_EVENTS.
 */
import { statSync } from 'node:fs';
import { createServer } from 'node:http';
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { relayDependency, relayDist } from './paths.mjs';
import { configureHook, startRelayProcess } from './relay-process.mjs';

const { Pool } = relayDependency('undici');

export const SOAK_RATE = 50;
export const SOAK_MAX_EVENTS = 500_000;
/** Retry delays 20 times shorter, so a failed head is retried within 50 ms and the queue keeps moving. */
const TIME_SCALE = 20;
const FAIL_EVERY = 10;

function startFailingReceiver() {
  const state = { requests: 0, failed: 0 };
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      state.requests += 1;
      const fail = state.requests % FAIL_EVERY === 0;
      if (fail) state.failed += 1;
      res.writeHead(fail ? 500 : 200, { 'content-type': 'text/plain' }).end(fail ? 'soak failure' : 'ok');
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ state, url: `http://127.0.0.1:${server.address().port}/soak`, close: () => new Promise((done) => { server.closeAllConnections(); server.close(done); }) })));
}

function metric(text, name) {
  const match = new RegExp(`^${name}(?:\\{[^}]*\\})? ([0-9.e+-]+)$`, 'm').exec(text);
  return match ? Number(match[1]) : null;
}

function sum(text, name) {
  let total = 0;
  for (const match of text.matchAll(new RegExp(`^${name}(?:\\{[^}]*\\})? ([0-9.e+-]+)$`, 'gm'))) total += Number(match[1]);
  return total;
}

function fileBytes(path) {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

export async function runSoak({ minutes, tmpRoot, log }) {
  const durationMs = minutes * 60_000;
  const intervalMs = Math.max(5000, Math.min(60_000, Math.round(durationMs / 20)));
  const dataDir = mkdtempSync(join(tmpRoot, 'soak-'));
  const receiver = await startFailingReceiver();
  const retentionS = Math.max(60, Math.round(durationMs / 5 / 1000));
  const relay = await startRelayProcess({ dataDir, maxInFlight: 8, extraArgs: ['--time-scale', String(TIME_SCALE), '--retention', `${retentionS}s`] });
  const { openDatabase } = await relayDist('store/database.js');
  const held = () => {
    const db = openDatabase(join(dataDir, 'relay.db'), { readonly: true });
    try {
      const row = db.prepare('SELECT COUNT(*) AS n, MIN(created_at) AS oldest FROM deliveries').get();
      return { rows: row.n, oldestAgeS: row.oldest === null ? 0 : Math.round((Date.now() - row.oldest) / 1000) };
    } finally {
      db.close();
    }
  };
  await configureHook(relay, { destinationUrl: receiver.url, authorization: null, resource: 'RFIs', eventType: 'update' });
  const pool = new Pool(relay.url, { connections: 4, keepAliveTimeout: 30_000 });
  const headers = { authorization: `Bearer ${relay.token}`, 'content-type': 'application/json' };
  const load = { sent: 0, accepted: 0, refused: {}, inFlight: 0 };
  const post = async () => {
    load.sent += 1;
    load.inFlight += 1;
    try {
      const response = await pool.request({ path: '/api/events', method: 'POST', headers, body: JSON.stringify({ resource_name: 'RFIs', event_type: 'update', resource_id: load.sent }) });
      await response.body.dump();
      if (response.statusCode === 202) load.accepted += 1;
      else load.refused[response.statusCode] = (load.refused[response.statusCode] ?? 0) + 1;
    } catch (error) {
      load.refused[error.code ?? 'error'] = (load.refused[error.code ?? 'error'] ?? 0) + 1;
    } finally {
      load.inFlight -= 1;
    }
  };
  const samples = [];
  const sample = async (elapsedMs) => {
    const { text } = await relay.timedGet('/metrics');
    const row = {
      minute: Number((elapsedMs / 60_000).toFixed(2)),
      rssMiB: Number(((relay.rssBytes() ?? 0) / 2 ** 20).toFixed(1)),
      heapUsedMiB: Number(((metric(text, 'hookline_process_nodejs_heap_size_used_bytes') ?? 0) / 2 ** 20).toFixed(1)),
      loopDelayP99Ms: Number(((metric(text, 'hookline_process_nodejs_eventloop_lag_p99_seconds') ?? 0) * 1000).toFixed(1)),
      loopDelayMaxMs: Number(((metric(text, 'hookline_process_nodejs_eventloop_lag_max_seconds') ?? 0) * 1000).toFixed(1)),
      dbMiB: Number(((fileBytes(join(dataDir, 'relay.db')) + fileBytes(join(dataDir, 'relay.db-wal'))) / 2 ** 20).toFixed(1)),
      queueDepth: sum(text, 'hookline_queue_depth'),
      ...held(),
      accepted: load.accepted,
      received: receiver.state.requests,
      failedOnPurpose: receiver.state.failed,
    };
    samples.push(row);
    log(`soak ${row.minute} min: RSS ${row.rssMiB} MiB, heap ${row.heapUsedMiB} MiB, loop delay p99 ${row.loopDelayP99Ms} ms (max ${row.loopDelayMaxMs}), db ${row.dbMiB} MiB, ${row.rows} deliveries held (oldest ${row.oldestAgeS} s), queue ${row.queueDepth}, ${row.accepted} accepted, ${row.received} received`);
  };

  const started = Date.now();
  await sample(0);
  const tickMs = 1000 / SOAK_RATE;
  let nextSample = started + intervalMs;
  await new Promise((resolve) => {
    const timer = setInterval(() => {
      const now = Date.now();
      const due = Math.min(SOAK_MAX_EVENTS, Math.floor(((now - started) / 1000) * SOAK_RATE));
      while (load.sent < due) void post();
      if (now >= nextSample) {
        nextSample += intervalMs;
        void sample(now - started);
      }
      if (now - started >= durationMs || load.sent >= SOAK_MAX_EVENTS) {
        clearInterval(timer);
        resolve();
      }
    }, tickMs);
  });
  const drainDeadline = Date.now() + 60_000;
  // Every POST answered first, so `accepted` is final; then every accepted event delivered.
  while ((load.inFlight > 0 || receiver.state.requests - receiver.state.failed < load.accepted) && Date.now() < drainDeadline) await new Promise((resolve) => setTimeout(resolve, 100));
  await sample(Date.now() - started);
  await pool.close();
  await relay.stop();
  await receiver.close();
  const first = samples[1] ?? samples[0];
  const last = samples[samples.length - 1];
  return {
    minutes,
    rate: SOAK_RATE,
    timeScale: TIME_SCALE,
    retentionS,
    maxRowsHeld: Math.max(...samples.map((s) => s.rows)),
    maxOldestAgeS: Math.max(...samples.map((s) => s.oldestAgeS)),
    failEvery: FAIL_EVERY,
    sent: load.sent,
    accepted: load.accepted,
    refused: load.refused,
    delivered: receiver.state.requests - receiver.state.failed,
    drained: receiver.state.requests - receiver.state.failed >= load.accepted,
    rssGrowthMiB: Number((last.rssMiB - first.rssMiB).toFixed(1)),
    heapGrowthMiB: Number((last.heapUsedMiB - first.heapUsedMiB).toFixed(1)),
    maxLoopDelayMs: Math.max(...samples.map((s) => s.loopDelayMaxMs)),
    maxDbMiB: Math.max(...samples.map((s) => s.dbMiB)),
    samples,
  };
}

export function formatSoak(result) {
  const columns = ['minute', 'rssMiB', 'heapUsedMiB', 'loopDelayP99Ms', 'loopDelayMaxMs', 'dbMiB', 'rows', 'oldestAgeS', 'queueDepth', 'accepted', 'received'];
  const lines = [columns.join('\t'), ...result.samples.map((row) => columns.map((c) => row[c]).join('\t'))];
  lines.push(
    `soak: ${result.minutes} min at ${result.rate} events/s, receiver failing 1/${result.failEvery}, retries ${result.timeScale}x shorter; ` +
      `${result.accepted} accepted, ${result.delivered} delivered${result.drained ? ' (all)' : ' (NOT all: the drain timed out)'}; refused ${JSON.stringify(result.refused)}; ` +
      `RSS ${result.rssGrowthMiB >= 0 ? '+' : ''}${result.rssGrowthMiB} MiB and heap ${result.heapGrowthMiB >= 0 ? '+' : ''}${result.heapGrowthMiB} MiB from the first interval to the end; ` +
      `event-loop delay at most ${result.maxLoopDelayMs} ms; retention ${result.retentionS} s: the log held at most ${result.maxRowsHeld} deliveries, the oldest at most ${result.maxOldestAgeS} s old, the file at most ${result.maxDbMiB} MiB.`,
  );
  return lines.join('\n');
}
