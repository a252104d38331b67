/**
 * A relay of its own for one check run: a temp data dir, a free port on 127.0.0.1, real time (the check never
 * waits for a retry: see scenario-runner.ts), removed when the run ends.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultRelayOptions } from '../config.js';
import type { Logger } from '../log.js';
import { startRelay, type RunningRelay } from '../relay.js';

export interface EphemeralRelay {
  relay: RunningRelay;
  close(): Promise<void>;
}

export async function startEphemeralRelay(options: { sendTimeoutMs: number; printError: (line: string) => void }): Promise<EphemeralRelay> {
  const dataDir = mkdtempSync(join(tmpdir(), 'hookline-check-'));
  const remove = (): void => rmSync(dataDir, { recursive: true, force: true });
  // The relay's per-attempt lines and failing-endpoint warnings would drown the check's own; its errors still show.
  const quiet = (): void => {};
  const logger: Logger = { info: quiet, warn: quiet, line: quiet, error: (message) => options.printError(`hookline check: relay error: ${message}`) };
  let relay: RunningRelay;
  try {
    relay = await startRelay({ ...defaultRelayOptions(), host: '127.0.0.1', port: 0, dataDir, sendTimeoutMs: options.sendTimeoutMs }, logger);
  } catch (error) {
    remove();
    throw error;
  }
  return {
    relay,
    close: async () => {
      try {
        await relay.close();
      } finally {
        remove();
      }
    },
  };
}
