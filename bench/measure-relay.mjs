/**
 * (2) Relay throughput and (3) latency at a steady rate, each against a fresh relay process with its durable
 * log on, one hook pointing at the receiver process, and one WebSocket client connected and reading.
 *
 * Each event's resource_id carries a sequence number, so the receiver can tell which event a delivery is.
 * Times on both sides come from the machine-wide monotonic clock (CLOCK_MONOTONIC via process.hrtime), so a
 * send time taken in the load process and an arrival time taken in the receiver process are directly comparable.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pin } from './child.mjs';
import { startCpuMeter } from './cpu-meter.mjs';
import { DELIVERY_HEADERS } from './measure-loopback.mjs';
import { CONCURRENCY, DRAIN_TIMEOUT_MS, MAX_REQUESTS, RELAY_MAX_IN_FLIGHT } from './modes.mjs';
import { configureHook, startRelayProcess } from './relay-process.mjs';
import { perSecond, round, summary } from './stats.mjs';
import { connectReader } from './ws-reader.mjs';

const SEQ_BASE = 1_000_000_000;
const EVENT_PREFIX = '{"resource_name":"RFIs","event_type":"update","resource_id":';
const EVENT_SUFFIX = '}';

/**
 * A fresh relay on a temp data dir, its hook pointed at the receiver, a WebSocket client reading (unless
 * `withReader` is false). `runtime`
 * ({ node, sqliteDriver, bin }, see sqlite-runtimes.mjs) picks the Node binary, the driver and the entry (e.g. another
 * checkout's bin, to compare two builds in one run); default: the bench's
 * own Node, and the driver the relay picks there.
 */
export async function freshRelay({ receiverUrl, cpu, nodeArgs, tmpRoot, runtime = {}, withReader = true }) {
  const dataDir = mkdtempSync(join(tmpRoot ?? tmpdir(), 'relay-'));
  let relay;
  let reader;
  try {
    relay = await startRelayProcess({ dataDir, maxInFlight: RELAY_MAX_IN_FLIGHT, nodeArgs, node: runtime.node, sqliteDriver: runtime.sqliteDriver, bin: runtime.bin });
    pin(relay.pid, cpu);
    await configureHook(relay, { destinationUrl: `${receiverUrl}/hook`, authorization: DELIVERY_HEADERS.authorization, resource: 'RFIs', eventType: 'update' });
    if (withReader) reader = await connectReader(relay);
  } catch (error) {
    await relay?.stop();
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  return {
    relay,
    reader,
    dataDir,
    ingest: { origin: relay.url, path: '/api/events', headers: { authorization: `Bearer ${relay.token}`, 'content-type': 'application/json' }, prefix: EVENT_PREFIX, suffix: EVENT_SUFFIX },
    async close() {
      await reader?.close();
      await relay.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Waits until the receiver has `expected` deliveries (or stops making progress for a while). */
export async function drain(receiver, expected) {
  const deadline = Date.now() + DRAIN_TIMEOUT_MS;
  let last = -1;
  let stalledSince = Date.now();
  for (;;) {
    const stats = await receiver.call('stats');
    if (stats.count >= expected) return stats;
    if (stats.count !== last) {
      last = stats.count;
      stalledSince = Date.now();
    }
    if (Date.now() > deadline || Date.now() - stalledSince > 10_000) return stats;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

export async function measureThroughput({ receiver, receiverUrl, load, mode, relayCpu, nodeArgs, tmpRoot, runtime }) {
  const setup = await freshRelay({ receiverUrl, cpu: relayCpu, nodeArgs, tmpRoot, runtime });
  try {
    const { ingest, reader, relay } = setup;
    await receiver.call('reset', {});
    const warm = await load.call('closed', { ...ingest, seqBase: SEQ_BASE, concurrency: CONCURRENCY, durationMs: mode.warmupMs, maxRequests: MAX_REQUESTS });
    await drain(receiver, warm.ok);
    await receiver.call('reset', {});
    reader.reset();
    const cpuBefore = relay.cpuMs();
    const meter = startCpuMeter(() => [process.pid, receiver.pid, load.pid, relay.pid]);
    const run = await load.call('closed', { ...ingest, seqBase: SEQ_BASE, concurrency: CONCURRENCY, durationMs: mode.durationMs, maxRequests: MAX_REQUESTS });
    const stats = await drain(receiver, run.ok);
    const machineCpu = meter.stop();
    await new Promise((resolve) => setTimeout(resolve, 150)); // the last WebSocket batch window
    const elapsed = stats.lastMs - run.startMs;
    const cpuMs = cpuBefore === null ? null : relay.cpuMs() - cpuBefore;
    return {
      sqliteDriver: relay.sqliteDriver,
      concurrency: CONCURRENCY,
      maxInFlight: RELAY_MAX_IN_FLIGHT,
      events: run.ok,
      rejected: run.failed,
      delivered: stats.count,
      durationMs: Math.round(elapsed),
      acceptedPerSec: perSecond(run.ok, run.endMs - run.startMs),
      deliveredPerSec: perSecond(stats.count, elapsed),
      relayCpuUsPerEvent: cpuMs === null || stats.count === 0 ? null : round((cpuMs * 1000) / stats.count, 1),
      relayCpuShare: cpuMs === null ? null : round(cpuMs / elapsed, 2),
      machineCpu,
      wsFrames: reader.counts.frames,
      wsDeliveredSeen: reader.counts.delivered,
      relayRssBytes: relay.rssBytes(),
    };
  } finally {
    await setup.close();
  }
}

export async function measureLatency({ receiver, receiverUrl, load, mode, relayCpu, nodeArgs, tmpRoot, runtime }) {
  const setup = await freshRelay({ receiverUrl, cpu: relayCpu, nodeArgs, tmpRoot, runtime });
  try {
    const { ingest } = setup;
    await receiver.call('reset', {});
    const warm = await load.call('paced', { ...ingest, seqBase: SEQ_BASE, rate: mode.rate, durationMs: mode.warmupMs });
    await drain(receiver, warm.ok);
    const base = SEQ_BASE + 10_000_000;
    await receiver.call('reset', { record: true, seqBase: base });
    const cpuBefore = setup.relay.cpuMs();
    const meter = startCpuMeter(() => [process.pid, receiver.pid, load.pid, setup.relay.pid]);
    const run = await load.call('paced', { ...ingest, seqBase: base, rate: mode.rate, durationMs: mode.durationMs });
    const stats = await drain(receiver, run.ok);
    const machineCpu = meter.stop();
    const cpuMs = cpuBefore === null ? null : setup.relay.cpuMs() - cpuBefore;
    const { seqs, arrivals, accepted } = await receiver.call('arrivals');
    const endToEnd = [];
    const acceptedToReceived = [];
    for (let i = 0; i < seqs.length; i++) {
      const sent = run.sendMs[seqs[i]];
      if (sent !== undefined && !Number.isNaN(sent)) endToEnd.push(arrivals[i] - sent);
      if (!Number.isNaN(accepted[i])) acceptedToReceived.push(arrivals[i] - accepted[i]);
    }
    const accept = [];
    for (let i = 0; i < run.total; i++) if (!Number.isNaN(run.ackMs[i])) accept.push(run.ackMs[i] - run.sendMs[i]);
    return {
      sqliteDriver: setup.relay.sqliteDriver,
      rate: mode.rate,
      achievedRate: perSecond(run.total - run.skipped, run.endMs - run.startMs),
      events: run.ok,
      rejected: run.failed,
      skipped: run.skipped,
      delivered: endToEnd.length,
      acceptedToReceivedMs: summary(acceptedToReceived),
      endToEndMs: summary(endToEnd),
      acceptMs: summary(accept),
      clock: 'CLOCK_MONOTONIC (process.hrtime) in the load and the receiver; the relay\'s event timestamp (performance.timeOrigin + now()) moved onto it with the receiver\'s offset',
      relayCpuUsPerEvent: cpuMs === null || stats.count === 0 ? null : round((cpuMs * 1000) / stats.count, 1),
      relayCpuShare: cpuMs === null ? null : round(cpuMs / (stats.lastMs - run.startMs), 2),
      machineCpu,
      endToEndMeanMs: round(endToEnd.reduce((a, b) => a + b, 0) / Math.max(1, endToEnd.length), 3),
    };
  } finally {
    await setup.close();
  }
}
