import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const RUN = fileURLToPath(new URL('../../../bench/run.mjs', import.meta.url));
const MICRO = fileURLToPath(new URL('../../../bench/micro.mjs', import.meta.url));

async function runNode(args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  return { code, out, err };
}

// Keeps `npm run bench` from rotting: its smoke mode runs every measurement with tiny counts against the built
// relay (dist/, which `npm test` builds first). It asserts that the bench runs and reports, never a timing.
describe('npm run bench (smoke mode: it runs, nothing is timed)', function () {
  this.timeout(180_000);

  // The extension flood needs the VS Code test host, which this package's tests do not install; the vscode
  // package's own tests cover the extension in that host.
  it('runs the measurements (the web page flood too) and prints the table', async () => {
    const only = 'loopback,throughput,latency,log,startup,check,prune,page';
    const { code, out, err } = await runNode([RUN, '--smoke', '--no-write', '--no-pin', '--only', only]);
    assert.equal(code, 0, `bench exited ${code}: ${err.slice(-2000)}`);
    for (const label of ['1 loopback limit', '2 relay throughput', '3 latency at', '4 deliveries log', '5 start-up', '6 hookline check --scenario smoke', '8 web page in Chromium']) {
      assert.ok(out.includes(label), `the table has "${label}":\n${out}`);
    }
  });

  it('runs the micro-benchmarks (bench/micro.mjs), each beside the alternative it replaced', async () => {
    const { code, out, err } = await runNode([MICRO, '--rounds', '1']);
    assert.equal(code, 0, `micro.mjs exited ${code}: ${err.slice(-2000)}`);
    for (const label of ['SQLite INSERT of 12 values', 'positional (?)', 'renderPayload (templates)', 'undici dispatch() with one handler']) {
      assert.ok(out.includes(label), `micro.mjs printed "${label}":\n${out}`);
    }
  });
});
