import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { rmSync, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from '../src/cli/program.js';
import { availableSqliteDrivers, selectSqliteDriver } from '../src/store/driver/select-driver.js';
import { SQLITE_DRIVER_NAMES } from '../src/store/driver/sqlite-driver.js';
import { makeDataDir, startRelayFixture } from './support/relay-fixture.js';
import { cli } from './support/run-cli.js';
import { HOOKLINE_BIN } from './support/relay-process.js';
import type { RelayFixture } from './support/relay-fixture.js';

describe('hookline CLI against a running relay', () => {
  let fx: RelayFixture;
  before(async () => {
    fx = await startRelayFixture();
  });
  after(async () => {
    await fx.stop();
  });

  it('status lists the default hook', async () => {
    const { code, out } = await cli(fx, 'status');
    assert.equal(code, 0);
    assert.match(out, /Relay .* at http:\/\/127\.0\.0\.1:\d+, up \d+ s, SQLite: (node:sqlite|better-sqlite3)/);
    assert.match(out, /hookline\s+active\s+paused\s+v2\.0\s+\(not set\)/);
  });

  it('endpoint set saves, warns about plain http and masks the secret in status', async () => {
    const saved = await cli(fx, 'endpoint', 'set', 'http://example.com/hooks', '--authorization', 'Bearer abcdefghij-67890');
    assert.equal(saved.code, 0, saved.err);
    assert.match(saved.out, /Saved endpoint for hook \d+: http:\/\/example\.com\/hooks/);
    assert.match(saved.out, /warning: .*HTTPS/);
    const status = await cli(fx, 'status');
    assert.match(status.out, /67890/);
    assert.doesNotMatch(status.out, /abcdefghij/);
  });

  it('endpoint set with a bad URL exits non-zero and says what is wrong', async () => {
    const result = await cli(fx, 'endpoint', 'set', 'javascript:alert(1)');
    assert.equal(result.code, 1);
    assert.match(result.err, /^hookline: .*javascript/);
  });

  it('subscribe and unsubscribe change the grid; an unknown resource fails with the catalogue message', async () => {
    assert.match((await cli(fx, 'subscribe', 'RFIs', 'create', 'update')).out, /RFIs: create, update/);
    assert.match((await cli(fx, 'subscribe', 'Projects')).out, /Projects: create, update$/);
    assert.match((await cli(fx, 'subscribe', 'Bids', 'create')).err, /Bids.*update/);
    assert.match((await cli(fx, 'unsubscribe', 'RFIs', 'create')).out, /RFIs: update/);
    const unknown = await cli(fx, 'subscribe', 'Unicorns');
    assert.equal(unknown.code, 1);
    assert.match(unknown.err, /Unicorns/);
  });

  it('trigger, deliveries and deliveries show work end to end', async () => {
    const triggered = await cli(fx, 'trigger', 'RFIs', 'update', '--resource-id', '54321');
    assert.equal(triggered.code, 0, triggered.err);
    assert.match(triggered.out, /Event [0-9A-HJKMNP-TV-Z]{26} \(id \d{19}\): 1 delivery/);
    const list = await cli(fx, 'deliveries', '--json');
    const page = JSON.parse(list.out) as { data: { id: number; resource_name: string }[] };
    assert.equal(page.data[0]?.resource_name, 'RFIs');
    const shown = await cli(fx, 'deliveries', 'show', String(page.data[0]?.id));
    assert.match(shown.out, /Request Payload:/);
    assert.match(shown.out, /"resource_id": 54321/);
    const missing = await cli(fx, 'trigger', 'RFIs', 'explode');
    assert.equal(missing.code, 1);
    assert.match(missing.err, /create, update or delete/);
  });

  it('says how to start a relay when none answers', async () => {
    const result = await runCli(['node', 'hookline', '--url', 'http://127.0.0.1:9', '--data-dir', fx.dataDir, 'status'], { print: () => {}, printError: (t) => assert.match(t, /hookline relay/) });
    assert.equal(result, 1);
  });
});

describe('hookline in a pipeline', function () {
  this.timeout(20_000);
  let fx: RelayFixture;
  before(async () => {
    fx = await startRelayFixture();
    await cli(fx, 'subscribe', 'RFIs', 'update');
    await cli(fx, 'trigger', 'RFIs', 'update', '--count', '30');
  });
  after(async () => {
    await fx.stop();
  });

  it('exits quietly with 0 when its reader goes away (hookline deliveries | head -1)', async () => {
    const child = spawn(process.execPath, [HOOKLINE_BIN, '--url', fx.relay.url, '--data-dir', fx.dataDir, 'deliveries'], { stdio: ['ignore', 'pipe', 'pipe'] });
    // The reader is gone before the CLI has its answer from the relay, so its first write meets EPIPE.
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    assert.equal(stderr, '');
    assert.equal(code, 0);
  });
});

describe('hookline relay as a process', function () {
  this.timeout(30_000);

  it('prints one JSON ready line, creates a 0600 token and stops on SIGTERM', async () => {
    const dataDir = makeDataDir();
    const bin = join(fileURLToPath(new URL('.', import.meta.url)), '..', 'bin', 'hookline.js');
    const child = spawn(process.execPath, [bin, 'relay', '--port', '0', '--json', '--data-dir', dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
    const lines = createInterface({ input: child.stdout });
    const first = await new Promise<string>((resolve, reject) => {
      lines.once('line', resolve);
      child.once('exit', (code) => reject(new Error(`relay exited with ${code}`)));
    });
    const ready = JSON.parse(first) as { event: string; url: string; ws: string; dataDir: string; version: string; sqliteDriver: string };
    assert.equal(ready.event, 'ready');
    assert.equal(ready.sqliteDriver, selectSqliteDriver('auto').name);
    assert.match(ready.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.match(ready.ws, /^ws:\/\/127\.0\.0\.1:\d+\/ws$/);
    assert.equal(ready.dataDir, dataDir);
    assert.equal(statSync(join(dataDir, 'token')).mode & 0o777, 0o600);
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    assert.equal(await exited, 0);
  });

  it('--sqlite-driver forces the driver; one this Node cannot load fails with what to do', async () => {
    const available = availableSqliteDrivers();
    for (const driver of SQLITE_DRIVER_NAMES) {
      const dataDir = makeDataDir();
      const child = spawn(process.execPath, [HOOKLINE_BIN, 'relay', '--port', '0', '--data-dir', dataDir, '--sqlite-driver', driver], { stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
      if (available.includes(driver)) {
        const first = await new Promise<string>((resolve) => createInterface({ input: child.stdout }).once('line', resolve));
        assert.match(first, new RegExp(`ready at http://127\\.0\\.0\\.1:\\d+ \\(SQLite: ${driver === 'node' ? 'node:sqlite' : driver}\\)$`));
        child.kill('SIGTERM');
        assert.equal(await exited, 0);
      } else {
        assert.equal(await exited, 1);
        assert.match(stderr, new RegExp(`^hookline: The SQLite driver "${driver}" cannot be loaded in Node ${process.versions.node}: .*(Node 22\\.13|npm install better-sqlite3)`));
      }
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
