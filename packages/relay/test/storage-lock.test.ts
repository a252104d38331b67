/** One relay per data dir, with real processes: the second is refused with the first's pid and URL; kill -9 frees the dir at once. */
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { acquireDataDirLock } from '../src/data-dir-lock.js';
import { resolveDriver } from '../src/store/database.js';
import { makeDataDir } from './support/relay-fixture.js';
import { runHookline, spawnRelay, stopRelay, type RelayProcess } from './support/relay-process.js';
import { fixtureDriver } from './support/sqlite-drivers.js';

describe('one relay per data dir', () => {
  let dataDir: string;
  const running: RelayProcess[] = [];

  beforeEach(() => {
    dataDir = makeDataDir();
  });
  afterEach(async () => {
    for (const relay of running.splice(0)) await stopRelay(relay, 'SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses a second relay on the same data dir, naming the first one\'s pid and URL and the ways out', async () => {
    const first = await spawnRelay(dataDir);
    running.push(first);
    const second = await runHookline(['relay', '--port', '0', '--data-dir', dataDir]);
    assert.equal(second.code, 1);
    assert.match(second.stderr, /Another relay is already running on the data dir/);
    assert.ok(second.stderr.includes(`pid ${first.child.pid}`), second.stderr);
    assert.ok(second.stderr.includes(first.url), second.stderr);
    assert.match(second.stderr, /another --data-dir/);
    assert.match(second.stderr, /kill \d+/);
  });

  it('with --json, the refusal is also one machine-readable line carrying the code, pid and URL', async () => {
    const first = await spawnRelay(dataDir);
    running.push(first);
    const second = await runHookline(['relay', '--json', '--port', '0', '--data-dir', dataDir]);
    assert.equal(second.code, 1);
    const line = JSON.parse(second.stdout.trim().split('\n')[0] ?? '') as { event: string; code: string; pid: number; url: string };
    assert.deepEqual([line.event, line.code, line.pid, line.url], ['error', 'HOOKLINE_ERR_DATA_DIR_IN_USE', first.child.pid, first.url]);
  });

  it('after kill -9 of the holder, a new relay starts on that data dir at once', async () => {
    const first = await spawnRelay(dataDir);
    await stopRelay(first, 'SIGKILL');
    const next = await spawnRelay(dataDir);
    running.push(next);
    const health = await next.api('/api/health');
    assert.equal(health.status, 200);
  });

  it('a relay stopped normally leaves the data dir free, and another data dir is never blocked', async () => {
    const first = await spawnRelay(dataDir);
    const elsewhere = makeDataDir();
    try {
      const other = await spawnRelay(elsewhere);
      running.push(other);
      await stopRelay(first);
      running.push(await spawnRelay(dataDir));
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });

  it('in one process, a second lock on the same dir is refused and the first one\'s release frees it', () => {
    const driver = resolveDriver(fixtureDriver());
    const lock = acquireDataDirLock(dataDir, driver);
    lock.announce('http://127.0.0.1:1');
    assert.throws(() => acquireDataDirLock(dataDir, driver), (error: Error & { code?: string }) => error.code === 'HOOKLINE_ERR_DATA_DIR_IN_USE' && /http:\/\/127\.0\.0\.1:1/.test(error.message));
    lock.release();
    acquireDataDirLock(dataDir, driver).release();
  });
});
