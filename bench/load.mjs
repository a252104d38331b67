/**
 * The load generator, in a process of its own: an undici Pool with keep-alive connections POSTing to 127.0.0.1.
 * `closed`: `concurrency` requests always in flight until the time or the request cap is reached.
 * `paced`: an open loop at a fixed rate, recording when each request was sent and when its answer came back.
 * A request body is `body`, or `prefix + seq + suffix` so each one carries its own sequence number.
 */
import { monoMs, serveRequests } from './child.mjs';
import { relayDependency } from './paths.mjs';

const { Pool } = relayDependency('undici');

function checkLoopback(origin) {
  const { hostname } = new URL(origin);
  if (hostname !== '127.0.0.1') throw new Error(`the bench only loads 127.0.0.1; refusing ${origin}`);
}

function makePool(origin, connections) {
  checkLoopback(origin);
  return new Pool(origin, { connections, pipelining: 1, keepAliveTimeout: 30_000, headersTimeout: 30_000, bodyTimeout: 30_000 });
}

async function closed({ origin, path, headers, body, prefix, suffix = '', seqBase = 0, concurrency, durationMs, maxRequests }) {
  const pool = makePool(origin, concurrency);
  const statuses = {};
  let issued = 0;
  let ok = 0;
  let failed = 0;
  const startMs = monoMs();
  const deadline = startMs + durationMs;
  const worker = async () => {
    while (issued < maxRequests && monoMs() < deadline) {
      const seq = seqBase + issued;
      issued += 1;
      try {
        const response = await pool.request({ path, method: 'POST', headers, body: body ?? `${prefix}${seq}${suffix}` });
        await response.body.dump();
        statuses[response.statusCode] = (statuses[response.statusCode] ?? 0) + 1;
        if (response.statusCode < 300) ok += 1;
        else failed += 1;
      } catch {
        failed += 1;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const endMs = monoMs();
  await pool.close();
  return { issued, ok, failed, statuses, startMs, endMs };
}

async function paced({ origin, path, headers, prefix, suffix = '', seqBase = 0, rate, durationMs, maxInFlight = 512 }) {
  const pool = makePool(origin, 64);
  const total = Math.floor((rate * durationMs) / 1000);
  const sendMs = new Float64Array(total).fill(NaN);
  const ackMs = new Float64Array(total).fill(NaN);
  let sent = 0;
  let inFlight = 0;
  let ok = 0;
  let failed = 0;
  let skipped = 0;
  const startMs = monoMs();
  const one = async (i) => {
    inFlight += 1;
    sendMs[i] = monoMs();
    try {
      const response = await pool.request({ path, method: 'POST', headers, body: `${prefix}${seqBase + i}${suffix}` });
      await response.body.dump();
      ackMs[i] = monoMs();
      if (response.statusCode < 300) ok += 1;
      else failed += 1;
    } catch {
      failed += 1;
    } finally {
      inFlight -= 1;
    }
  };
  const running = [];
  await new Promise((resolve) => {
    const tick = () => {
      const due = Math.min(total, Math.floor(((monoMs() - startMs) * rate) / 1000));
      while (sent < due) {
        if (inFlight >= maxInFlight) skipped += 1; // the target fell too far behind: never pile up unbounded
        else running.push(one(sent));
        sent += 1;
      }
      if (sent >= total) resolve();
      else setTimeout(tick, 1);
    };
    tick();
  });
  await Promise.all(running);
  const endMs = monoMs();
  await pool.close();
  return { total, ok, failed, skipped, startMs, endMs, sendMs, ackMs };
}

serveRequests({ closed, paced });
