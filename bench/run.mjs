#!/usr/bin/env node
/**
 * `npm run bench`: the relay against the loopback limit, in one run. See the README's "Performance" section.
 *
 *   node bench/run.mjs [--quick | --smoke] [--no-pin]
 *                      [--only loopback,throughput,latency,log,startup,check,prune,page,extension]
 *                      [--profile DIR] [--no-write]
 *   node bench/run.mjs --soak MINUTES [--no-write]
 *
 * --quick runs the same measurements with smaller counts (under 60 s); --smoke only checks that the bench runs.
 * --soak MINUTES runs only the soak (soak.mjs): a steady load with a receiver failing 1 request in 10, reporting
 * RSS, event-loop delay and database size at intervals (bench-soak-results.json).
 * --profile writes a V8 CPU profile of each relay process (node --cpu-prof) into DIR; read one with
 * `node bench/profile-summary.mjs FILE`. For diagnosis, BENCH_RELAY_NODE_ARGS adds node flags to the relay
 * processes (e.g. "--trace-gc") and BENCH_RELAY_STDERR=1 passes their stderr and non-JSON stdout through.
 * Every load goes to 127.0.0.1 only, is bounded in time and count, and temp data dirs are removed at the end.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { canPin, pin, startWorker, unpin } from './child.mjs';
import { measureLoopback } from './measure-loopback.mjs';
import { measureLog, prepareLog } from './measure-log.mjs';
import { measureLatency, measureThroughput } from './measure-relay.mjs';
import { measureCheck } from './measure-check.mjs';
import { measureStartup } from './measure-startup.mjs';
import { measurePrune } from './measure-prune.mjs';
import { MODES, RELAY_MAX_IN_FLIGHT } from './modes.mjs';
import { ROOT } from './paths.mjs';
import { killRelays } from './relay-process.mjs';
import { formatSoak, runSoak } from './soak.mjs';
import { DRIVER_LABELS, sqliteRuntimes } from './sqlite-runtimes.mjs';
import { formatTable, machine, verdicts, writeResults } from './report.mjs';

const ALL = ['loopback', 'throughput', 'latency', 'log', 'startup', 'check', 'prune', 'page', 'extension'];

class UsageError extends Error {}

function parseArgs(argv) {
  const options = { mode: 'full', pin: true, only: ALL, profileDir: null, write: true, soakMinutes: null };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--quick') options.mode = 'quick';
    else if (arg === '--smoke') options.mode = 'smoke';
    else if (arg === '--no-pin') options.pin = false;
    else if (arg === '--no-write') options.write = false;
    else if (arg === '--soak') {
      const minutes = Number(argv[++i]);
      if (!Number.isFinite(minutes) || minutes < 0.1 || minutes > 120) throw new UsageError(`--soak takes the minutes to run, from 0.1 to 120; got ${argv[i]}`);
      options.soakMinutes = minutes;
    }
    else if (arg === '--only') options.only = String(argv[++i] ?? '').split(',').filter(Boolean);
    else if (arg === '--profile') {
      const dir = argv[++i];
      if (!dir || dir.startsWith('--')) throw new UsageError('--profile takes the directory the CPU profiles go to');
      options.profileDir = resolve(dir);
    }
    else throw new UsageError(`unknown option ${arg}; see the top of bench/run.mjs`);
  }
  for (const name of options.only) if (!ALL.includes(name)) throw new UsageError(`--only takes ${ALL.join(',')}; got ${name}`);
  if (options.only.includes('throughput') && !options.only.includes('loopback')) options.only.push('loopback');
  if (options.only.includes('startup') && !options.only.includes('log')) options.only.push('log');
  return options;
}

const log = (text) => process.stderr.write(`bench: ${text}\n`);

/** --soak: the soak run alone (soak.mjs), its figures printed and written to bench-soak-results.json. */
async function soak(options) {
  const tmpRoot = mkdtempSync(join(tmpdir(), 'hookline-soak-'));
  process.once('SIGINT', () => {
    killRelays();
    rmSync(tmpRoot, { recursive: true, force: true });
    process.exit(130);
  });
  try {
    log(`soak for ${options.soakMinutes} min`);
    const result = await runSoak({ minutes: options.soakMinutes, tmpRoot, log });
    process.stdout.write(`\n${formatSoak(result)}\n`);
    if (options.write) {
      const path = join(ROOT, 'bench-soak-results.json');
      writeFileSync(path, `${JSON.stringify({ date: new Date().toISOString(), command: `npm run bench -- --soak ${options.soakMinutes}`, machine: machine(), ...result }, null, 2)}\n`);
      log(`wrote ${path}`);
    }
  } finally {
    killRelays();
    rmSync(tmpRoot, { recursive: true, force: true });
  }
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  if (options.soakMinutes !== null) return soak(options);
  const mode = MODES[options.mode];
  const m = machine();
  const pinning = options.pin && canPin() && m.cpus >= 2;
  // Each side of a measurement gets a core: loopback = load | receiver; relay runs = load + receiver | relay.
  const cpu = pinning
    ? { load: 0, receiverLoopback: 1, relay: 1, receiverRelay: m.cpus >= 3 ? 2 : 0, bench: 0 }
    : { load: null, receiverLoopback: null, relay: null, receiverRelay: null, bench: null };
  const layout = pinning
    ? `pinned with taskset for (1) and (2): loopback = load cpu${cpu.load} | receiver cpu${cpu.receiverLoopback}; throughput = relay cpu${cpu.relay} | load cpu${cpu.load}, receiver cpu${cpu.receiverRelay}, WS client cpu${cpu.bench}; (3)-(5) unpinned`
    : 'not pinned: the OS schedules every process on any core';
  const nodeArgs = [...(options.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.profileDir}`] : []), ...(process.env.BENCH_RELAY_NODE_ARGS ? process.env.BENCH_RELAY_NODE_ARGS.split(' ') : [])];

  // Every relay data dir of this run lives under one temp dir, removed at the end (and on Ctrl-C).
  const tmpRoot = mkdtempSync(join(tmpdir(), 'hookline-bench-'));
  const workers = [];
  const cleanUp = async () => {
    killRelays();
    await Promise.all(workers.map((w) => w.stop()));
    rmSync(tmpRoot, { recursive: true, force: true });
  };
  process.once('SIGINT', () => {
    log('interrupted: stopping processes and removing temp data');
    void cleanUp().finally(() => process.exit(130));
  });

  const results = {};
  const started = Date.now();
  // (2) runs once per SQLite driver; node:sqlite may need Node 24 first (an npm install on the first run).
  const runtimes = options.only.includes('throughput') ? await sqliteRuntimes((line) => log(line)) : [];
  try {
    const receiver = startWorker('receiver');
    const load = startWorker('load');
    workers.push(receiver, load);
    pin(load.pid, cpu.load);
    const { url: receiverUrl } = await receiver.call('listen');
    const shared = { receiver, receiverUrl, load, relayCpu: cpu.relay, nodeArgs, tmpRoot };

    if (options.only.includes('loopback')) {
      log('1/6 loopback limit');
      pin(receiver.pid, cpu.receiverLoopback);
      results.loopback = await measureLoopback({ ...shared, mode: mode.loopback });
    }
    pin(receiver.pid, cpu.receiverRelay);
    pin(process.pid, cpu.bench); // the WebSocket client runs here
    if (options.only.includes('throughput')) {
      results.throughput = {};
      for (const runtime of runtimes) {
        log(`2/6 relay throughput on ${DRIVER_LABELS[runtime.sqliteDriver]} (Node ${runtime.nodeVersion})`);
        const figures = await measureThroughput({ ...shared, mode: mode.throughput, runtime });
        results.throughput[runtime.sqliteDriver] = { node: runtime.nodeVersion, ...figures };
      }
    }
    // From here on nothing is pinned. Latency and the page queries are about waiting, not throughput, and a
    // pinned process waits for its core whenever anything else runs there, which is then all a p99 shows.
    if (pinning) for (const pid of [process.pid, receiver.pid, load.pid]) unpin(pid, m.cpus);
    if (options.only.includes('latency')) {
      log(`3/6 latency at ${mode.latency.rate} events/s`);
      results.latency = await measureLatency({ ...shared, relayCpu: null, mode: mode.latency });
    }
    if (options.only.includes('log')) {
      const dataDir = mkdtempSync(join(tmpRoot, 'log-'));
      log(`4/6 seeding ${mode.log.rows.toLocaleString('en-US')} deliveries`);
      const seeded = await prepareLog(dataDir, mode.log.rows);
      log(`    seeded in ${(seeded.seedMs / 1000).toFixed(1)} s; querying`);
      const logRun = await measureLog({ ...shared, relayCpu: null, dataDir, rows: mode.log.rows, mode: mode.log });
      results.log = { ...logRun, seedMs: seeded.seedMs };
      await Promise.all(workers.map((w) => w.stop()));
      if (options.only.includes('startup')) {
        log('5/6 start-up');
        results.startup = await measureStartup({ dataDir, rows: mode.log.rows, mode: mode.startup });
      }
    }
    if (options.only.includes('check')) {
      await Promise.all(workers.map((w) => w.stop()));
      log('6/6 hookline check --scenario smoke');
      results.check = await measureCheck({ mode: mode.check });
    }
    if (options.only.includes('prune')) {
      await Promise.all(workers.map((w) => w.stop()));
      log(`7/7 pruning ${mode.prune.rows.toLocaleString('en-US')} deliveries (retention)`);
      results.prune = await measurePrune({ rows: mode.prune.rows });
    }
    if (options.only.includes('page')) {
      log(`8/9 the web page in Chromium under ${mode.frontends.durationMs / 1000} s of 1,000 events/s`);
      const { measurePageFlood } = await import('./measure-page-flood.mjs');
      results.page = await measurePageFlood({ tmpRoot, durationMs: mode.frontends.durationMs, log });
    }
    if (options.only.includes('extension')) {
      log(`9/9 the extension in the VS Code host under ${mode.frontends.durationMs / 1000} s of 1,000 events/s`);
      const { measureExtensionFlood } = await import('./measure-extension-flood.mjs');
      results.extension = await measureExtensionFlood({ tmpRoot, durationMs: mode.frontends.durationMs, log });
    }
  } finally {
    await cleanUp();
  }

  const report = {
    date: new Date().toISOString(),
    mode: options.mode,
    command: options.mode === 'full' ? 'npm run bench' : `npm run bench -- --${options.mode}`,
    machine: m,
    layout,
    durationS: Math.round((Date.now() - started) / 1000),
    results,
    verdicts: verdicts(results),
    notes: [
      `relay: the built CLI, "hookline relay --json --max-in-flight ${RELAY_MAX_IN_FLIGHT}" (deliveries in flight to the one hook = the load's concurrency), durable log on, one WebSocket client parsing every frame.`,
      `SQLite drivers: (2) runs once per driver (--sqlite-driver): ${runtimes.map((r) => `${DRIVER_LABELS[r.sqliteDriver]} on Node ${r.nodeVersion}`).join(', ') || 'not this run'}; each ratio is to the loopback limit of this run.${new Set(runtimes.map((r) => r.nodeVersion)).size > 1 ? ' node:sqlite needs Node 22.13+, so that run is on Node 24: the two runs differ in the Node version too.' : ''} (3)-(5) run the relay on the bench's own Node with the driver it picks there.`,
      'delivered/s = deliveries the receiver had / (last arrival - first POST): the drain after the load is included.',
      'latency: "accepted" is the relay\'s own stamp on the event (the payload\'s timestamp, in microseconds, taken as the relay takes the event in, before the commit); the receiver stamps each arrival. The load also stamps each POST as it sends it, with a sequence number in resource_id, for the figures from "POST sent". Times are compared on CLOCK_MONOTONIC (process.hrtime), which all processes on a host share; the relay\'s stamp is moved onto it with the receiver\'s offset between the wall and monotonic clocks (the same in every process to within microseconds).',
      'page queries: the target is judged on the query itself (DeliveriesRepo.page, the relay\'s own code and indexes, on a read-only connection). The API figures are sequential GETs over one keep-alive connection, the whole round trip, shown with the same round trip to the minimal node:http receiver (the floor any HTTP answer has here).',
      'start-up: spawn of node ENTRY relay --json to its ready line, on the seeded data dir, after one unmeasured start of each; the target is judged on the shipped entry, packages/relay/bundle/hookline.mjs (what the npm package and the VS Code extension run), with runs alternating with this checkout\'s packages/relay/bin/hookline.js (tsc output, every dependency resolved from node_modules).',
      'prune: the relay\'s RetentionPruner (adaptive batches, incremental vacuum) prunes a seeded log of final deliveries in the bench process; the longest pause is the longest gap between the ticks of a 1 ms interval timer while it runs, beside the same timer over idle time in the same run.',
      `page: the relay's web page signed in, in Debian's Chromium (playwright-core), while the load sends ${'1,000'} events/s to a relay whose hook delivers to the receiver; long tasks from a PerformanceObserver('longtask') in the page, main-thread share and heap from the DevTools protocol's Performance.getMetrics once a second.`,
      'extension: code-server (the real VS Code host) with the built extension as a development extension, its workbench in Chromium with the Hookline view open and connected to the flood\'s relay; the extension host is found in code-server\'s process group (--type=extensionHost) and its CPU and RSS read from /proc each second, its V8 heap by a probe extension in the same host (bench/extension-probe.mjs).',
      'check: spawn of node packages/relay/bin/hookline.js check --endpoint URL --scenario smoke to its exit (the ephemeral relay\'s start, the 8 smoke events, its close and clean-up), against a node:http receiver in the bench process; the floor is hookline --version, the same CLI loading and nothing run.',
    ],
  };
  process.stdout.write(`\n${formatTable(report)}\n`);
  if (options.write) {
    const path = join(ROOT, 'bench-results.json');
    writeResults(path, report);
    log(`wrote ${path} (${report.durationS} s)`);
  }
}

main().catch((error) => {
  log(`failed: ${error instanceof UsageError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exitCode = 1;
});
