/** `hookline …` run in this process against a relay fixture (its URL and data dir), with what it printed. */
import { runCli } from '../../src/cli/program.js';
import type { RelayFixture } from './relay-fixture.js';

export async function cli(fx: Pick<RelayFixture, 'relay' | 'dataDir'>, ...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(['node', 'hookline', '--url', fx.relay.url, '--data-dir', fx.dataDir, ...args], {
    print: (t) => out.push(t),
    printError: (t) => err.push(t),
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}
