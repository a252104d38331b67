/**
 * (4) The deliveries log at N stored deliveries: a relay data dir is created by the relay itself (token,
 * schema, default hook), seeded directly (seed.mjs), then the running relay is asked for pages as the CLI, the
 * web page and the extension ask: the newest 25, a page deep in the cursor chain, the newest 25 failures.
 * Each is timed twice: as the store's query alone (DeliveriesRepo.page on a read-only connection in the bench
 * process), and through the API (one keep-alive connection, sequential GETs, the whole round trip), next to the
 * same round trips to the minimal receiver: the floor any HTTP answer has on this machine.
 */
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { monoMs, pin } from './child.mjs';
import { relayDependency, relayDist } from './paths.mjs';
import { startRelayProcess } from './relay-process.mjs';
import { seedDeliveries } from './seed.mjs';
import { summary } from './stats.mjs';

const { Client } = relayDependency('undici');
const PAGE = 25;

/** Creates the data dir with the relay (and stops it), then seeds `rows` deliveries to its default hook. */
export async function prepareLog(dataDir, rows) {
  const relay = await startRelayProcess({ dataDir });
  let hookId;
  try {
    const { data } = await relay.api('GET', '/api/hooks');
    hookId = (data.find((h) => h.namespace === 'hookline') ?? data[0]).id;
  } finally {
    await relay.stop();
  }
  const t0 = performance.now();
  await seedDeliveries(join(dataDir, 'relay.db'), rows, hookId);
  return { rows, seedMs: Math.round(performance.now() - t0) };
}

// The client checks each page without parsing it (parsing 12 KB per request would put the bench's own garbage
// collection into the timings): 25 rows, and the chain's next cursor.
const ROW = /"event_ulid":/g;
const NEXT_CURSOR = /"next_cursor":"([^"]+)"/;

function checkPage(path, text) {
  const rows = text.match(ROW)?.length ?? 0;
  if (rows !== PAGE) throw new Error(`GET ${path} gave ${rows} rows, not ${PAGE}: ${text.slice(0, 200)}`);
}

async function timeApi(relay, path, count) {
  const times = [];
  for (let i = 0; i < count; i++) {
    const { ms, text } = await relay.timedGet(path);
    checkPage(path, text);
    times.push(ms);
  }
  return times;
}

/** Follows next_cursor from a page deep in the chain, `count` pages in all (starting over when it ends). */
async function walkChain(relay, firstCursor, count) {
  const times = [];
  let cursor = firstCursor;
  while (times.length < count) {
    const path = `/api/deliveries?limit=${PAGE}&cursor=${cursor}`;
    const { ms, text } = await relay.timedGet(path);
    checkPage(path, text);
    times.push(ms);
    cursor = NEXT_CURSOR.exec(text.slice(-200))?.[1] ?? firstCursor;
  }
  return times;
}

/** The same sequential round trips to the minimal receiver: what any HTTP answer costs here, the floor under the API figures. */
async function timeFloor(receiverUrl, count) {
  const client = new Client(receiverUrl, { keepAliveTimeout: 30_000 });
  try {
    const times = [];
    for (let i = 0; i < count; i++) {
      const t0 = monoMs();
      const response = await client.request({ method: 'GET', path: '/floor' });
      await response.body.text();
      times.push(monoMs() - t0);
    }
    return times;
  } finally {
    await client.close();
  }
}

function timeSql(repo, filterFor, count) {
  const times = [];
  for (let i = 0; i < count; i++) {
    const filter = filterFor(i);
    const t0 = performance.now();
    const rows = repo.page(filter, PAGE + 1);
    times.push(performance.now() - t0);
    if (rows.length !== PAGE + 1) throw new Error(`the store gave ${rows.length} rows for ${JSON.stringify(filter)}`);
  }
  return times;
}

export async function measureLog({ dataDir, rows, mode, relayCpu, nodeArgs, receiver, receiverUrl }) {
  const { encodeCursor } = await relayDist('store/cursor.js');
  const { openDatabase } = await relayDist('store/database.js');
  const { DeliveriesRepo } = await relayDist('store/deliveries-repo.js');
  const deepId = Math.floor(rows / 2); // the cursor the chain hands out half way down
  const deepCursor = encodeCursor(deepId);
  const relay = await startRelayProcess({ dataDir, nodeArgs });
  try {
    pin(relay.pid, relayCpu);
    const newest = `/api/deliveries?limit=${PAGE}`;
    const failures = `/api/deliveries?limit=${PAGE}&status=failures`;
    const warm = Math.min(100, mode.samples);
    await timeApi(relay, newest, warm);
    await timeApi(relay, failures, warm);
    await walkChain(relay, deepCursor, warm);
    const api = {
      newest: summary(await timeApi(relay, newest, mode.samples)),
      deepPage: summary(await walkChain(relay, deepCursor, mode.samples)),
      failures: summary(await timeApi(relay, failures, mode.samples)),
    };
    const rssBytes = relay.rssBytes();
    let floor = null;
    if (receiver) {
      await timeFloor(receiverUrl, warm);
      floor = summary(await timeFloor(receiverUrl, mode.samples));
    }

    const db = openDatabase(join(dataDir, 'relay.db'), { readonly: true });
    let sql;
    try {
      const repo = new DeliveriesRepo(db);
      const deepFilter = (i) => ({ beforeId: deepId - (i % mode.deepPages) * PAGE });
      timeSql(repo, () => ({}), warm);
      timeSql(repo, deepFilter, warm);
      timeSql(repo, () => ({ status: 'failures' }), warm);
      sql = {
        newest: summary(timeSql(repo, () => ({}), mode.sqlSamples)),
        deepPage: summary(timeSql(repo, deepFilter, mode.sqlSamples)),
        failures: summary(timeSql(repo, () => ({ status: 'failures' }), mode.sqlSamples)),
      };
    } finally {
      db.close();
    }
    return { sqliteDriver: relay.sqliteDriver, rows, pageSize: PAGE, deepPageStartsBelowId: deepId, api, sql, httpFloor: floor, relayRssBytes: rssBytes };
  } finally {
    await relay.stop();
  }
}
