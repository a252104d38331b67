#!/usr/bin/env node
/**
 * Micro-benchmarks behind choices on the relay's hot path, each next to the alternative it replaced, in one
 * process, alternating (these machines are noisy: compare within a run, never across runs):
 *   - binding a 12-parameter INSERT by name or by position, on each SQLite driver this Node has
 *     (store/*-repo.ts use positional parameters);
 *   - rendering a v2.0 payload with core's renderPayload, or building the body for lossless-json's stringify
 *     (core/payloads/render.ts);
 *   - one POST through undici's request() (a body stream, a promise, an abort signal) or dispatch() with one
 *     handler (delivery/http-exchange.ts), against a node:http server in a child process on 127.0.0.1.
 *
 *   node bench/micro.mjs [--rounds N]
 *   "$(node scripts/ensure-node24.mjs --print)" bench/micro.mjs    (node:sqlite too)
 */
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { relayDependency, relayDist } from './paths.mjs';

const roundsAt = process.argv.indexOf('--rounds');
const ROUNDS = roundsAt > 0 ? Number(process.argv[roundsAt + 1]) : 3;
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Microseconds of this process's CPU per call of each candidate, the median of ROUNDS alternating rounds of `count` calls. */
async function compare(title, count, candidates) {
  const times = candidates.map(() => []);
  for (let round = 0; round < ROUNDS; round++) {
    for (const [i, [, run]] of candidates.entries()) {
      const before = process.cpuUsage();
      await run(count);
      const used = process.cpuUsage(before);
      times[i].push((used.user + used.system) / count);
    }
  }
  console.log(`${title} (CPU, median of ${ROUNDS})`);
  for (const [i, [name]] of candidates.entries()) console.log(`  ${name.padEnd(44)} ${median(times[i]).toFixed(2)} us`);
}

async function sqliteBinding() {
  const { openDatabase } = await relayDist('store/database.js');
  const { nodeHasSqlite } = await relayDist('store/driver/node-sqlite-driver.js');
  for (const driver of ['better-sqlite3', ...(nodeHasSqlite() ? ['node'] : [])]) {
    const dir = mkdtempSync(join(tmpdir(), 'hookline-micro-'));
    let db;
    try {
      db = openDatabase(join(dir, 'micro.db'), { driver });
    } catch {
      console.log(`SQLite binding on ${driver}: skipped, it does not load in Node ${process.versions.node}`);
      rmSync(dir, { recursive: true, force: true });
      continue;
    }
    try {
      db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT, b TEXT, c TEXT, d TEXT, e TEXT, f TEXT, g TEXT, h TEXT, i TEXT, j INTEGER, k INTEGER, l INTEGER)');
      const named = db.prepare('INSERT INTO t (a, b, c, d, e, f, g, h, i, j, k, l) VALUES (@a, @b, @c, @d, @e, @f, @g, @h, @i, @j, @k, @l)');
      const positional = db.prepare('INSERT INTO t (a, b, c, d, e, f, g, h, i, j, k, l) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
      const inTransaction = (insert) => (count) => db.transaction(() => { for (let n = 0; n < count; n++) insert(n); });
      await compare(`SQLite INSERT of 12 values, per row (${driver}, Node ${process.versions.node})`, 50_000, [
        ['named (@a ...)', inTransaction((n) => named.run({ a: '1', b: '2', c: 'RFIs', d: 'create', e: '123', f: '1', g: 'payload', h: 'v2.0', i: 'x', j: n, k: n, l: n }))],
        ['positional (?)', inTransaction((n) => positional.run('1', '2', 'RFIs', 'create', '123', '1', 'payload', 'v2.0', 'x', n, n, n))],
      ]);
    } finally {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }
}

async function payloadRendering() {
  const { renderPayload } = await import(new URL('../packages/core/dist/payloads/render.js', import.meta.url).href);
  const { LosslessNumber, stringify } = relayDependency('lossless-json');
  const event = {
    id: '5982324300946918154', ulid: '01EDPD2J6SBY1163N77H95GW09', timestamp: '2020-07-20T15:22:01.353581Z', resourceName: 'RFIs',
    resourceId: '123456', eventType: 'update', companyId: '8', projectId: '6778', userId: '5447', relatedResources: [],
    metadata: { sourceUserId: '5447', sourceProjectId: '6778', sourceOperationId: null, sourceCompanyId: '8', sourceApplicationId: null },
  };
  const id = (value) => (value === null ? null : new LosslessNumber(value));
  const m = event.metadata;
  const viaLossless = () => stringify({
    id: id(event.id), ulid: event.ulid, timestamp: event.timestamp,
    metadata: { source_user_id: id(m.sourceUserId), source_project_id: id(m.sourceProjectId), source_operation_id: id(m.sourceOperationId), source_company_id: id(m.sourceCompanyId), source_application_id: m.sourceApplicationId },
    user_id: id(event.userId), company_id: id(event.companyId), project_id: id(event.projectId), api_version: 'v2.0',
    event_type: event.eventType, resource_name: event.resourceName, resource_id: id(event.resourceId),
  });
  if (viaLossless() !== renderPayload(event, 'v2.0')) throw new Error('micro: the two payload renderings differ');
  const times = (fn) => (count) => { for (let n = 0; n < count; n++) fn(); };
  await compare('a v2.0 payload, per render', 200_000, [
    ['body object + lossless-json stringify', times(viaLossless)],
    ['renderPayload (templates)', times(() => renderPayload(event, 'v2.0'))],
  ]);
}

async function undiciLegs() {
  const { Agent } = relayDependency('undici');
  const server = fork(fileURLToPath(new URL('./micro-server.mjs', import.meta.url)));
  const port = await new Promise((resolve) => server.once('message', resolve));
  const agent = new Agent({ keepAliveTimeout: 4000 });
  const origin = `http://127.0.0.1:${port}`;
  const body = Buffer.from('x'.repeat(420));
  const headers = { 'Content-Type': 'application/json', 'User-Agent': 'hookline-micro' };
  const viaRequest = async () => {
    const response = await agent.request({ origin, path: '/', method: 'POST', headers, body, headersTimeout: 0, bodyTimeout: 0 });
    for await (const chunk of response.body) void chunk;
  };
  const viaDispatch = () => new Promise((resolve, reject) => {
    agent.dispatch({ origin, path: '/', method: 'POST', headers, body, headersTimeout: 0, bodyTimeout: 0 }, {
      onRequestStart() {}, // undici takes a handler for its new API by this method
      onResponseData() {},
      onResponseEnd: () => resolve(),
      onResponseError: (_controller, error) => reject(error),
    });
  });
  // 64 requests in flight, as the bench gives the relay's --max-in-flight; the server's CPU is its own process's.
  const cpuPer = (send) => async (count) => {
    let left = count;
    await Promise.all(Array.from({ length: 64 }, async () => { while (left-- > 0) await send(); }));
  };
  try {
    await cpuPer(viaRequest)(5000);
    await compare('one POST to 127.0.0.1 and its answer, per request, the client side, 64 in flight', 20_000, [
      ['undici request()', cpuPer(viaRequest)],
      ['undici dispatch() with one handler', cpuPer(viaDispatch)],
    ]);
  } finally {
    await agent.close();
    server.kill();
  }
}

await sqliteBinding();
await payloadRendering();
await undiciLegs();
