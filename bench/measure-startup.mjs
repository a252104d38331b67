/**
 * (5) Start-up: from just before spawning `node packages/relay/bin/hookline.js relay --json` (what
 * ./node_modules/.bin/hookline runs) to its ready line on stdout, on the data dir holding the seeded log.
 * Each run is stopped (SIGTERM) and waited for before the next one.
 */
import { startRelayProcess } from './relay-process.mjs';
import { round, summary } from './stats.mjs';

export async function measureStartup({ dataDir, rows, mode }) {
  const times = [];
  // One unmeasured start first, so every measured run finds the same warm file-system cache.
  const first = await startRelayProcess({ dataDir });
  await first.stop();
  for (let i = 0; i < mode.runs; i++) {
    const relay = await startRelayProcess({ dataDir });
    times.push(relay.readyMs);
    await relay.stop();
  }
  return { sqliteDriver: first.sqliteDriver, rows, runs: times.length, readyMs: summary(times), allMs: times.map((t) => round(t, 1)) };
}
