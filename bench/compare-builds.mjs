#!/usr/bin/env node
/**
 * Compares this checkout's relay with another build of it, in one process, alternating: the relay CPU per event
 * (and for --latency, p50/p99 at 2,000 events/s) of each, round by round, then the medians. These machines are
 * shared and noisy, so a change is judged against a baseline measured in the same minutes, never against a
 * figure from another run.
 *
 *   node bench/compare-builds.mjs --base DIR [--rounds N] [--latency]
 *
 * DIR is another checkout of this repository, built (e.g. `git worktree add /tmp/base HEAD~1`, then
 * `node scripts/pnpm.mjs install --offline --frozen-lockfile && node scripts/pnpm.mjs run build:all` in it).
 * Throughput runs once per SQLite driver, pinned as in (2); --latency runs unpinned on better-sqlite3, as (3).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { canPin, pin, startWorker } from './child.mjs';
import { measureLatency, measureThroughput } from './measure-relay.mjs';
import { HOOKLINE_BIN } from './paths.mjs';
import { sqliteRuntimes } from './sqlite-runtimes.mjs';

const args = process.argv.slice(2);
const valueOf = (name) => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
};
const baseDir = valueOf('--base');
const rounds = Number(valueOf('--rounds') ?? 3);
const latency = args.includes('--latency');
const baseBin = baseDir ? join(resolve(baseDir), 'packages', 'relay', 'bin', 'hookline.js') : null;
if (!baseBin || !existsSync(baseBin) || !Number.isInteger(rounds) || rounds < 1) {
  process.stderr.write('usage: node bench/compare-builds.mjs --base DIR [--rounds N] [--latency]\n  DIR: another built checkout (its packages/relay/bin/hookline.js must exist)\n');
  process.exit(2);
}
const builds = [['base', baseBin], ['this', HOOKLINE_BIN]];
const mode = latency ? { rate: 2000, warmupMs: 2000, durationMs: 8000 } : { warmupMs: 1500, durationMs: 6000 };
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const runtimes = (await sqliteRuntimes((line) => process.stderr.write(`${line}\n`))).filter((rt) => !latency || rt.sqliteDriver === 'better-sqlite3');
const tmpRoot = mkdtempSync(join(tmpdir(), 'hookline-compare-'));
const receiver = startWorker('receiver');
const load = startWorker('load');
const pinned = !latency && canPin();
if (pinned) for (const pid of [load.pid, receiver.pid, process.pid]) pin(pid, 0);
const results = new Map();
try {
  const { url: receiverUrl } = await receiver.call('listen');
  for (let round = 0; round < rounds; round++) {
    for (const runtime of runtimes) {
      // Alternate which build goes first, so neither always runs on a warmer machine.
      for (const [name, bin] of round % 2 === 0 ? builds : [...builds].reverse()) {
        const shared = { receiver, receiverUrl, load, mode, nodeArgs: [], tmpRoot, runtime: { ...runtime, bin } };
        const out = latency ? await measureLatency({ ...shared, relayCpu: null }) : await measureThroughput({ ...shared, relayCpu: pinned ? 1 : null });
        const key = `${name} ${runtime.sqliteDriver}`;
        const entry = { cpu: out.relayCpuUsPerEvent, p50: out.acceptedToReceivedMs?.p50, p99: out.acceptedToReceivedMs?.p99, perSec: out.deliveredPerSec };
        results.set(key, [...(results.get(key) ?? []), entry]);
        const detail = latency ? `p50 ${entry.p50} / p99 ${entry.p99} ms` : `${entry.perSec} events/s`;
        console.log(`round ${round + 1} ${key}: ${entry.cpu} us of relay CPU per event, ${detail}`);
      }
    }
  }
} finally {
  await Promise.all([receiver.stop(), load.stop()]);
  rmSync(tmpRoot, { recursive: true, force: true });
}
for (const [key, entries] of results) {
  const p99 = latency ? `, p99 median ${median(entries.map((e) => e.p99))} ms` : '';
  console.log(`${key}: median ${median(entries.map((e) => e.cpu))} us per event (${entries.map((e) => e.cpu).join(', ')})${p99}`);
}
