import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const RUN = fileURLToPath(new URL('../../../bench/run.mjs', import.meta.url));

// Keeps `npm run bench` from rotting: its smoke mode runs every measurement with tiny counts against the built
// relay (dist/, which `npm test` builds first). It asserts that the bench runs and reports, never a timing.
describe('npm run bench (smoke mode: it runs, nothing is timed)', function () {
  this.timeout(180_000);

  // The extension flood needs the VS Code test host, which this package's tests do not install; the vscode
  // package's own tests cover the extension in that host.
  it('runs the measurements (the web page flood too) and prints the table', async () => {
    const only = 'loopback,throughput,latency,log,startup,check,prune,page';
    const child = spawn(process.execPath, [RUN, '--smoke', '--no-write', '--no-pin', '--only', only], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    assert.equal(code, 0, `bench exited ${code}: ${err.slice(-2000)}`);
    for (const label of ['1 loopback limit', '2 relay throughput', '3 latency at', '4 deliveries log', '5 start-up', '6 hookline check --scenario smoke', '8 web page in Chromium']) {
      assert.ok(out.includes(label), `the table has "${label}":\n${out}`);
    }
  });
});
