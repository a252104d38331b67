import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findNode24, node24Missing } from '../../../scripts/ensure-node24.mjs';
import { nodeHasSqlite } from '../src/store/driver/node-sqlite-driver.js';

const RELAY_DIR = fileURLToPath(new URL('..', import.meta.url));
const MOCHA = join(RELAY_DIR, '..', '..', 'node_modules', 'mocha', 'bin', 'mocha.js');

/** The store's tests and the delivery tests that deliver to a real receiver (service and HTTP API). */
const FILES = [
  'test/store-*.test.ts',
  'test/service-delivery.test.ts',
  'test/service-deliveries.test.ts',
  'test/service-ingest.test.ts',
  'test/service-restart.test.ts',
  'test/http-deliveries.test.ts',
  'test/storage-*.test.ts',
];

// Node 20 has no node:sqlite, so the node driver is tested by running those files again under Node 24 with
// HOOKLINE_SQLITE_DRIVER=node (test/support/sqlite-drivers.ts). The Node 24 binary comes from
// scripts/ensure-node24.mjs, which `npm test` runs first; without it this fails and says how to get it.
describe('the store and delivery tests on node:sqlite (Node 24)', function () {
  this.timeout(240_000);

  it('pass with HOOKLINE_SQLITE_DRIVER=node', async () => {
    const node = nodeHasSqlite() ? process.execPath : (findNode24() as string | null);
    if (node === null) assert.fail(node24Missing());
    const child = spawn(node, ['--import', 'tsx', MOCHA, '--no-config', '--timeout', '20000', '--reporter', 'dot', ...FILES], {
      cwd: RELAY_DIR,
      env: { ...process.env, HOOKLINE_SQLITE_DRIVER: 'node' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    assert.equal(code, 0, `mocha under ${node} exited ${code}:\n${output.slice(-6000)}`);
    const passing = Number(/(\d+) passing/.exec(output)?.[1] ?? 0);
    assert.ok(passing >= 40, `only ${passing} tests ran under Node 24:\n${output.slice(-3000)}`);
    assert.doesNotMatch(output, /pending|ExperimentalWarning/, output.slice(-3000));
  });
});
