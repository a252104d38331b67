/**
 * (5) Start-up: from just before spawning `node <entry> relay --json` to its ready line on stdout, on the data
 * dir holding the seeded log, for the two entry points there are:
 *   shipped  packages/relay/bundle/hookline.mjs, the one-file bundle the npm package's `hookline` and the VS Code
 *            extension run (the target applies to it);
 *   checkout packages/relay/bin/hookline.js, what ./node_modules/.bin/hookline runs in this repository: the tsc
 *            output, one file per module, every dependency resolved from node_modules.
 * Runs alternate between the two, so both see the same machine; each is stopped (SIGTERM) and waited for before
 * the next one.
 */
import { HOOKLINE_BIN, HOOKLINE_BUNDLE_BIN } from './paths.mjs';
import { startRelayProcess } from './relay-process.mjs';
import { round, summary } from './stats.mjs';

const ENTRIES = { shipped: HOOKLINE_BUNDLE_BIN, checkout: HOOKLINE_BIN };

export async function measureStartup({ dataDir, rows, mode }) {
  const times = { shipped: [], checkout: [] };
  // One unmeasured start of each first, so every measured run finds the same warm file-system cache.
  let sqliteDriver;
  for (const bin of Object.values(ENTRIES)) {
    const first = await startRelayProcess({ dataDir, bin });
    sqliteDriver = first.sqliteDriver;
    await first.stop();
  }
  for (let i = 0; i < mode.runs; i++) {
    for (const [entry, bin] of Object.entries(ENTRIES)) {
      const relay = await startRelayProcess({ dataDir, bin });
      times[entry].push(relay.readyMs);
      await relay.stop();
    }
  }
  const figures = (list) => ({ readyMs: summary(list), allMs: list.map((t) => round(t, 1)) });
  return { sqliteDriver, rows, runs: mode.runs, ...figures(times.shipped), checkout: figures(times.checkout) };
}
