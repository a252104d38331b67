/** `hookline check` end to end: an ephemeral relay, each scenario in turn, every answer judged. */
import type { PayloadVersion, Scenario } from '@hookline/core';
import { summarize, type CheckSummary } from './check-result.js';
import { startEphemeralRelay } from './ephemeral-relay.js';
import { runScenario } from './scenario-runner.js';

export interface CheckRun {
  endpoint: string;
  authorization: string | null;
  payloadVersion: PayloadVersion;
  timeoutMs: number;
  scenarios: Scenario[];
  printError: (line: string) => void;
}

/** Ctrl-C (or a CI job's SIGTERM) mid-run still stops the relay and removes its temp data dir. */
function closeOnSignals(close: () => Promise<void>): () => void {
  const handlers = (['SIGINT', 'SIGTERM'] as const).map((signal) => {
    const handler = (): void => {
      void close().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
    };
    process.once(signal, handler);
    return () => process.off(signal, handler);
  });
  return () => handlers.forEach((off) => off());
}

export async function runCheck(run: CheckRun): Promise<CheckSummary> {
  const ephemeral = await startEphemeralRelay({ sendTimeoutMs: run.timeoutMs, printError: run.printError });
  const stopWatchingSignals = closeOnSignals(() => ephemeral.close());
  try {
    const target = { endpoint: run.endpoint, authorization: run.authorization, payloadVersion: run.payloadVersion, timeoutMs: run.timeoutMs };
    const checks = [];
    for (const [i, scenario] of run.scenarios.entries()) {
      checks.push(...(await runScenario(ephemeral.relay.service, scenario, target, `check-${i + 1}`)));
    }
    return summarize(checks);
  } finally {
    stopWatchingSignals();
    await ephemeral.close();
  }
}
