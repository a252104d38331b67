/**
 * Pruning a large log while the event loop keeps turning: a log of `rows` deliveries (one attempt each, one event
 * each) is seeded, then the relay's own RetentionPruner prunes all of it (`pruneBefore(now)`), in its adaptive
 * batches with incremental vacuum, on the relay's own connection settings and WAL checkpointer. A 1 ms interval timer in the same process records every gap between its
 * ticks: the longest gap is the longest time a delivery would have waited behind the prune. The baseline is the
 * same timer over the same length of idle time, in the same run.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance, monitorEventLoopDelay } from 'node:perf_hooks';
import { relayDist } from './paths.mjs';
import { seedDeliveries } from './seed.mjs';

/** The longest gap between 1 ms ticks while `work` runs (and its ticks' p99), in ms. */
async function gapsDuring(work) {
  let last = performance.now();
  let longest = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 1);
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  histogram.enable();
  try {
    const value = await work();
    return { value, longestMs: longest, p99DelayMs: histogram.percentile(99) / 1e6 };
  } finally {
    histogram.disable();
    clearInterval(timer);
  }
}

export async function measurePrune({ rows }) {
  const dir = mkdtempSync(join(tmpdir(), 'hookline-bench-prune-'));
  const path = join(dir, 'relay.db');
  try {
    const { openStore } = await relayDist('store/store.js');
    const { RetentionPruner } = await relayDist('service/retention-pruner.js');
    const { systemClock } = await relayDist('delivery/clock.js');
    const { startCheckpointer } = await relayDist('store/checkpointer.js');
    let store = openStore(path);
    const hook = store.hooks.insert({ namespace: 'bench', destinationUrl: 'http://127.0.0.1:9/', authorization: null, payloadVersion: 'v2.0', status: 'active', companyId: '1', projectId: null }, Date.now());
    store.close();
    const seedStart = performance.now();
    await seedDeliveries(path, rows, hook.id);
    const seedMs = performance.now() - seedStart;
    store = openStore(path);
    const checkpoints = startCheckpointer(store.db, path, { onError: (error) => { throw error; } });
    const bytesBefore = statSync(path).size;
    const pruner = new RetentionPruner({ store, clock: systemClock(), retentionMs: 0, isBusy: () => false, flush: () => {}, onError: (error) => { throw error; } });
    const started = performance.now();
    const pruning = await gapsDuring(() => pruner.pruneBefore(Date.now()));
    const pruneMs = performance.now() - started;
    const idle = await gapsDuring(() => new Promise((resolve) => setTimeout(resolve, Math.min(pruneMs, 10_000))));
    await checkpoints.stop();
    store.db.pragma('wal_checkpoint(TRUNCATE)');
    const result = pruning.value;
    const left = store.db.prepare('SELECT COUNT(*) AS n FROM deliveries').get().n;
    store.close();
    return {
      rows,
      seedMs,
      pruned: { deliveries: result.deliveries, attempts: result.attempts, events: result.events, left },
      pruneMs,
      rowsPerS: result.deliveries / (pruneMs / 1000),
      longestPauseMs: pruning.longestMs,
      p99DelayMs: pruning.p99DelayMs,
      idleLongestPauseMs: idle.longestMs,
      idleP99DelayMs: idle.p99DelayMs,
      fileBytesBefore: bytesBefore,
      fileBytesAfter: statSync(path).size,
      freedBytes: result.freedBytes,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
