/** A damaged relay.db, for real: start refuses naming the file and the way out; doctor says what it found; --recover starts afresh and keeps the damaged file. */
import assert from 'node:assert/strict';
import { closeSync, existsSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { makeDataDir } from './support/relay-fixture.js';
import { runHookline, spawnRelay, stopRelay, waitForLine } from './support/relay-process.js';
import { fixtureDriver } from './support/sqlite-drivers.js';

const PAGE = 4096;

/** A data dir whose relay.db holds a few events, the relay stopped (its WAL checkpointed into the file). */
async function usedDataDir(): Promise<string> {
  const dataDir = makeDataDir();
  const relay = await spawnRelay(dataDir);
  for (let i = 0; i < 20; i++) {
    const response = await relay.api('/api/events', { method: 'POST', json: { resource_name: 'RFIs', event_type: 'update' } });
    assert.equal(response.status, 202);
  }
  await stopRelay(relay);
  return dataDir;
}

function overwrite(path: string, offset: number, length: number): void {
  const fd = openSync(path, 'r+');
  try {
    writeSync(fd, Buffer.alloc(length, 0x5a), 0, length, offset);
  } finally {
    closeSync(fd);
  }
}

const driverArgs = fixtureDriver() === 'auto' ? [] : ['--sqlite-driver', fixtureDriver()];

describe('a damaged relay.db', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  for (const [damage, harm] of [
    ['garbage over its header', (path: string) => overwrite(path, 0, 100)],
    ['garbage over every page after the first', (path: string) => overwrite(path, PAGE, statSync(path).size - PAGE)],
  ] as const) {
    it(`(${damage}) is refused at start with its name and the way out; doctor reports it and exits 1`, async () => {
      const dataDir = await usedDataDir();
      dirs.push(dataDir);
      const database = join(dataDir, 'relay.db');
      harm(database);
      const refused = await runHookline(['relay', '--port', '0', '--data-dir', dataDir, ...driverArgs]);
      assert.equal(refused.code, 1, refused.stdout + refused.stderr);
      assert.ok(refused.stderr.includes(`The relay database ${database} is damaged`), refused.stderr);
      assert.match(refused.stderr, /hookline doctor --data-dir/);
      assert.match(refused.stderr, /hookline relay --recover --data-dir/);
      const doctor = await runHookline(['doctor', '--data-dir', dataDir]);
      assert.equal(doctor.code, 1, doctor.stdout + doctor.stderr);
      assert.ok(doctor.stdout.includes(`${database} (`), doctor.stdout);
      assert.match(doctor.stdout, /damaged/);
      assert.match(doctor.stdout, /hookline relay --recover/);
    });
  }

  it('--recover keeps the damaged file (renamed with the time) and starts a fresh log with the same token', async () => {
    const dataDir = await usedDataDir();
    dirs.push(dataDir);
    const token = readFileSync(join(dataDir, 'token'), 'utf8');
    overwrite(join(dataDir, 'relay.db'), 0, 100);
    const relay = await spawnRelay(dataDir, ['--recover']);
    try {
      const kept = readdirSync(dataDir).filter((name) => /^relay\.db\.damaged-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ$/.test(name));
      assert.equal(kept.length, 1, readdirSync(dataDir).join(', '));
      assert.equal(readFileSync(join(dataDir, kept[0]!), 'utf8').slice(0, 100), 'Z'.repeat(100));
      assert.ok((await waitForLine(relay, /was damaged/)).includes(kept[0]!));
      assert.equal(readFileSync(join(dataDir, 'token'), 'utf8'), token);
      const deliveries = (await (await relay.api('/api/deliveries')).json()) as { data: unknown[] };
      assert.deepEqual(deliveries.data, []);
      assert.equal((await relay.api('/api/events', { method: 'POST', json: { resource_name: 'RFIs', event_type: 'create' } })).status, 202);
    } finally {
      await stopRelay(relay);
    }
    const doctor = await runHookline(['doctor', '--data-dir', dataDir]);
    assert.equal(doctor.code, 0, doctor.stdout + doctor.stderr);
    assert.match(doctor.stdout, /ok, its integrity check found no damage/);
  });

  it('--recover on a sound database changes nothing; doctor on a dir without one says so and exits 1', async () => {
    const dataDir = await usedDataDir();
    dirs.push(dataDir);
    const relay = await spawnRelay(dataDir, ['--recover']);
    try {
      await waitForLine(relay, /nothing to recover/);
      assert.ok(!readdirSync(dataDir).some((name) => name.includes('damaged')));
    } finally {
      await stopRelay(relay);
    }
    const empty = makeDataDir();
    dirs.push(empty);
    const doctor = await runHookline(['doctor', '--data-dir', empty]);
    assert.equal(doctor.code, 1);
    assert.match(doctor.stdout, /No relay database at/);
    assert.ok(!existsSync(join(empty, 'relay.db')));
  });
});
