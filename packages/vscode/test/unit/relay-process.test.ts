/**
 * The relay as the extension starts it, for real: the relay bundle (packages/relay/bundle, the same folder the
 * .vsix carries as dist/relay) run by this Node through relay-launch's "bundled" plan, read through
 * startRelayProcess. Pins the answers the extension acts on: the ready line, and "the port is taken" or "the
 * data dir is held" (another window's relay), which make auto-start connect instead of failing.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import type { Server } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { resolveRelayLaunch } from '../../src/relay/relay-launch.js';
import { RelayStartError, startRelayProcess } from '../../src/relay/relay-process.js';
import type { ReadyInfo, RelayProcess } from '../../src/relay/relay-process.js';

const relayBundle = join(dirname(createRequire(import.meta.url).resolve('@hookline/relay/package.json')), 'bundle', 'hookline.mjs');
const bundled = resolveRelayLaunch('', [], { platform: process.platform, execPath: process.execPath, bundledCli: relayBundle, exists: () => false });

function listen(): Promise<{ server: Server; port: number }> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => resolve({ server, port: (server.address() as { port: number }).port }));
  });
}

function start(port: number, dataDir: string): { outcome: Promise<ReadyInfo | RelayStartError>; child: RelayProcess } {
  const lines: string[] = [];
  let child!: RelayProcess;
  const outcome = new Promise<ReadyInfo | RelayStartError>((resolve) => {
    child = startRelayProcess(bundled, ['relay', '--host', '127.0.0.1', '--port', String(port), '--data-dir', dataDir, '--json'], {
      onReady: resolve,
      onLine: (text) => lines.push(text),
      onExit: (code) => resolve(new RelayStartError(`exited ${code}`, lines)),
    });
  });
  return { outcome, child };
}

describe('the bundled relay, started as the extension starts it', function () {
  this.timeout(20_000);
  let dataDir = '';
  beforeEach(() => (dataDir = mkdtempSync(join(tmpdir(), 'hookline-launch-'))));
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('says where it listens, on which SQLite driver, and its pid', async () => {
    const { server, port } = await listen();
    await new Promise((resolve) => server.close(resolve));
    const { outcome, child } = start(port, dataDir);
    const ready = await outcome;
    try {
      assert.ok(!(ready instanceof RelayStartError), String(ready instanceof RelayStartError && ready.output.join('\n')));
      assert.equal(ready.url, `http://127.0.0.1:${port}`);
      assert.equal(ready.dataDir, dataDir);
      assert.match(ready.sqliteDriver, /^(node|better-sqlite3)$/);
      assert.equal(ready.pid, child.pid);
    } finally {
      child.stop();
    }
  });

  it('on a port another relay holds, exits before ready with an answer the extension reads as "connect to it"', async () => {
    const { server, port } = await listen();
    try {
      const failure = await start(port, dataDir).outcome;
      assert.ok(failure instanceof RelayStartError, 'the relay must not become ready');
      assert.equal(failure.portTaken, true, failure.output.join('\n'));
    } finally {
      server.close();
    }
  });

  it('on a data dir another relay holds (another port), exits before ready with an answer read as "connect to it"', async () => {
    const first = start(0, dataDir);
    const ready = await first.outcome;
    try {
      assert.ok(!(ready instanceof RelayStartError), String(ready instanceof RelayStartError && ready.output.join('\n')));
      const failure = await start(0, dataDir).outcome;
      assert.ok(failure instanceof RelayStartError, 'the second relay must not become ready');
      assert.equal(failure.dataDirHeld, true, failure.output.join('\n'));
      assert.equal(failure.portTaken, false);
      assert.equal(failure.relayAlreadyThere, true);
      assert.ok(failure.output.some((line) => line.includes(`pid ${ready.pid}`) && line.includes(ready.url)), failure.output.join('\n'));
    } finally {
      first.child.stop();
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
  });
});
