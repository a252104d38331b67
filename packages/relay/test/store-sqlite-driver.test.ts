import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { ResourceEvent } from '@hookline/core';
import { OptionError, defaultRelayOptions, parseSqliteDriverOption, validateRelayOptions } from '../src/config.js';
import { startCheckpointer } from '../src/store/checkpointer.js';
import { openDatabase } from '../src/store/database.js';
import { nodeHasSqlite } from '../src/store/driver/node-sqlite-driver.js';
import { SqliteDriverUnavailableError, availableSqliteDrivers, selectSqliteDriver, type SqliteDriverLoaders } from '../src/store/driver/select-driver.js';
import { SQLITE_DRIVER_NAMES, type SqliteDriver } from '../src/store/driver/sqlite-driver.js';
import { isSqliteExperimentalWarning, withoutSqliteWarning } from '../src/store/driver/sqlite-warning.js';
import { openStore } from '../src/store/store.js';
import { startReceiver } from './support/receiver.js';
import { configureDefaultHook, openTestService, tempDir, waitForStatus } from './support/service-fixture.js';
import { storeTestDrivers } from './support/sqlite-drivers.js';

const BIG_ID = '5982324300946918154'; // 64-bit, far beyond Number.MAX_SAFE_INTEGER

const fakeDriver = (name: SqliteDriver['name']): SqliteDriver => ({ name, workerModule: name, open: () => assert.fail('not opened in these tests') });
const failing = (message: string) => (): SqliteDriver => {
  throw new Error(message);
};

describe('store: choosing the SQLite driver', () => {
  it('picks node:sqlite when this Node has it, else better-sqlite3', () => {
    assert.equal(selectSqliteDriver('auto').name, nodeHasSqlite() ? 'node' : 'better-sqlite3');
    assert.equal(nodeHasSqlite('20.20.2'), false);
    assert.equal(nodeHasSqlite('22.12.0'), false);
    assert.equal(nodeHasSqlite('22.13.0'), true);
    assert.equal(nodeHasSqlite('24.22.3'), true);
  });

  it('prefers node, falls back to better-sqlite3, and takes a forced driver as asked', () => {
    const both: SqliteDriverLoaders = { node: () => fakeDriver('node'), 'better-sqlite3': () => fakeDriver('better-sqlite3') };
    assert.equal(selectSqliteDriver('auto', both).name, 'node');
    assert.equal(selectSqliteDriver('better-sqlite3', both).name, 'better-sqlite3');
    const noNode: SqliteDriverLoaders = { ...both, node: failing('No such built-in module: node:sqlite') };
    assert.equal(selectSqliteDriver('auto', noNode).name, 'better-sqlite3');
    const noBetter: SqliteDriverLoaders = { ...both, 'better-sqlite3': failing('not installed') };
    assert.equal(selectSqliteDriver('auto', noBetter).name, 'node');
  });

  it('says what is missing and what to do when the forced driver, or every driver, cannot be loaded', () => {
    const none: SqliteDriverLoaders = { node: failing('No such built-in module: node:sqlite'), 'better-sqlite3': failing('not installed') };
    const fails = (choice: 'auto' | 'node' | 'better-sqlite3', ...patterns: RegExp[]) =>
      assert.throws(
        () => selectSqliteDriver(choice, none),
        (error: unknown) => error instanceof SqliteDriverUnavailableError && patterns.every((p) => p.test(error.message)),
      );
    fails('node', /"node" cannot be loaded/, /node:sqlite is not available \(No such built-in module: node:sqlite; it needs Node 22\.13/, /--sqlite-driver better-sqlite3/);
    fails('better-sqlite3', /"better-sqlite3" cannot be loaded/, /better-sqlite3 is not available \(not installed\)/, /npm install better-sqlite3/);
    fails('auto', /No SQLite driver/, /node:sqlite is not available/, /better-sqlite3 is not available/, /on Node 20 install better-sqlite3: npm install better-sqlite3/);
    // A forced driver that loads is never replaced by the other one.
    assert.throws(() => selectSqliteDriver('node', { ...none, 'better-sqlite3': () => fakeDriver('better-sqlite3') }), SqliteDriverUnavailableError);
  });

  it('the relay refuses an unknown --sqlite-driver and a forced driver this Node does not have', () => {
    assert.equal(parseSqliteDriverOption('node'), 'node');
    assert.equal(parseSqliteDriverOption('better-sqlite3'), 'better-sqlite3');
    assert.throws(() => parseSqliteDriverOption('sqlite3'), (e: unknown) => e instanceof OptionError && /--sqlite-driver must be node or better-sqlite3; got "sqlite3"/.test(e.message));
    assert.throws(() => validateRelayOptions({ ...defaultRelayOptions(), sqliteDriver: 'mysql' as 'node' }), OptionError);
    // On Node 20 that is node; on Node 24 better-sqlite3 when its addon is built for Node 20.
    const missing = SQLITE_DRIVER_NAMES.find((name) => !availableSqliteDrivers().includes(name));
    if (missing === undefined) return;
    const dir = tempDir();
    try {
      assert.throws(() => openStore(join(dir.dir, 'relay.db'), { driver: missing }), (e: unknown) => e instanceof SqliteDriverUnavailableError && e.message.includes(`"${missing}" cannot be loaded`));
    } finally {
      dir.cleanup();
    }
  });

  it("drops node:sqlite's ExperimentalWarning and passes every other warning on", () => {
    const seen: unknown[][] = [];
    const original = process.emitWarning;
    process.emitWarning = ((...args: unknown[]) => void seen.push(args)) as typeof process.emitWarning;
    try {
      withoutSqliteWarning(() => {
        process.emitWarning('SQLite is an experimental feature and might change at any time', 'ExperimentalWarning');
        process.emitWarning('VM Modules is an experimental feature and might change at any time', 'ExperimentalWarning');
        process.emitWarning('SQLite is slow today', { type: 'DeprecationWarning' });
      });
    } finally {
      process.emitWarning = original;
    }
    assert.deepEqual(seen.map((args) => args[0]), ['VM Modules is an experimental feature and might change at any time', 'SQLite is slow today']);
    assert.equal(process.emitWarning, original);
    const asError = Object.assign(new Error('SQLite is an experimental feature and might change at any time'), { name: 'ExperimentalWarning' });
    assert.equal(isSqliteExperimentalWarning(asError), true);
  });
});

function event(id: string, resourceId: string): ResourceEvent {
  return {
    id,
    ulid: '01JMYXMZRBVKK0PC6XS8SA4QRE',
    timestamp: '2025-02-25T16:04:43.619085Z',
    resourceName: 'RFIs',
    resourceId,
    eventType: 'update',
    companyId: '1357908642',
    projectId: '2468013579',
    userId: '987654321',
    metadata: { sourceUserId: '987654321', sourceProjectId: '2468013579', sourceOperationId: null, sourceCompanyId: '1357908642', sourceApplicationId: null },
    relatedResources: [],
  };
}

for (const driver of storeTestDrivers()) {
  describe(`store: the ${driver} driver`, () => {
    let dir: ReturnType<typeof tempDir>;
    beforeEach(() => (dir = tempDir()));
    afterEach(() => dir.cleanup());

    it('is the one the store was opened with', () => {
      const store = openStore(join(dir.dir, 'relay.db'), { driver });
      try {
        assert.equal(store.db.driver.name, driver);
        assert.equal(store.db.isOpen, true);
      } finally {
        store.close();
      }
      assert.equal(store.db.isOpen, false);
      store.close(); // twice is fine
    });

    it('keeps the 64-bit id 5982324300946918154 byte-exact through the event path', () => {
      const store = openStore(join(dir.dir, 'relay.db'), { driver });
      try {
        const hookId = store.hooks.insert({ namespace: 'ns', destinationUrl: null, authorization: null, payloadVersion: 'v2.0', status: 'active', companyId: '1', projectId: null }, 1).id;
        store.events.insert(event(BIG_ID, BIG_ID), 1);
        const payload = `{"id":${BIG_ID},"resource_id":${BIG_ID}}`;
        const delivery = store.deliveries.insert({ hookId, eventId: BIG_ID, eventUlid: 'u', resourceName: 'RFIs', eventType: 'update', resourceId: BIG_ID, projectId: null, payload, payloadVersion: 'v2.0' }, 1, 1);
        assert.equal(store.events.get(BIG_ID)?.id, BIG_ID);
        assert.equal(store.events.get(BIG_ID)?.resourceId, BIG_ID);
        assert.equal(store.events.lastId(), BIG_ID);
        assert.equal(store.deliveries.get(delivery.id)?.eventId, BIG_ID);
        assert.equal(store.deliveries.get(delivery.id)?.payload, payload);
        const row = store.db.prepare<[], Record<string, unknown>>('SELECT id, typeof(id) AS t, resource_id FROM events').get();
        assert.deepEqual({ ...row }, { id: BIG_ID, t: 'text', resource_id: BIG_ID });
      } finally {
        store.close();
      }
    });

    it('delivers the 64-bit resource id exactly to a real receiver', async () => {
      const receiver = await startReceiver();
      const service = openTestService(join(dir.dir, 'relay.db'), { sqliteDriver: driver });
      try {
        assert.equal(service.sqliteDriver, driver);
        configureDefaultHook(service, receiver.url);
        const { event: ingested, deliveries } = await service.ingestEvent({ resourceName: 'RFIs', eventType: 'update', resourceId: BIG_ID });
        assert.equal(ingested.resourceId, BIG_ID);
        await waitForStatus(service, deliveries[0]!.id, 'delivered');
        const [request] = await receiver.waitForRequests(1);
        assert.match(request!.body.toString('utf8'), new RegExp(`"resource_id":${BIG_ID}[,}]`));
        assert.equal(service.findEvent(ingested.id)?.resourceId, BIG_ID);
      } finally {
        await service.close();
        await receiver.close();
      }
    });

    it('binds like better-sqlite3: named values, undefined as NULL, unknown keys ignored, blobs as bytes', () => {
      const db = openDatabase(join(dir.dir, 'relay.db'), { driver });
      try {
        db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, txt TEXT, n INTEGER, b BLOB)');
        const insert = db.prepare<{ txt: unknown; n: unknown; b: unknown }>('INSERT INTO t (txt, n, b) VALUES (@txt, @n, @b)');
        assert.equal(insert.run({ txt: 'a', n: 1, b: Buffer.from([0, 255]) }).lastInsertRowid, 1);
        assert.equal(insert.run({ txt: undefined, n: 2, b: null, extra: 'ignored' } as never).changes, 1);
        assert.equal(db.prepare('INSERT INTO t (txt, n) VALUES (?, ?)').run(undefined, 3).changes, 1);
        const rows = db.prepare<[], { id: number; txt: string | null; n: number; b: Uint8Array | null }>('SELECT * FROM t ORDER BY id').all();
        assert.deepEqual(rows.map((r) => [r.id, r.txt, r.n]), [[1, 'a', 1], [2, null, 2], [3, null, 3]]);
        assert.deepEqual([...Buffer.from(rows[0]!.b!)], [0, 255]);
        assert.deepEqual([...db.prepare<[], { id: number }>('SELECT id FROM t ORDER BY id').iterate()].map((r) => r.id), [1, 2, 3]);
        assert.equal(db.prepare('SELECT 1 FROM t WHERE id = ?').get(99), undefined);
        assert.equal(db.pragma('user_version', { simple: true }), 0);
      } finally {
        db.close();
      }
    });

    it('runs IMMEDIATE transactions: commit, rollback on throw, nested ones as savepoints', () => {
      const path = join(dir.dir, 'relay.db');
      const db = openDatabase(path, { driver });
      const other = openDatabase(path, { driver, busyTimeoutMs: 0 });
      try {
        db.exec('CREATE TABLE t (v INTEGER)');
        const insert = db.prepare<[number]>('INSERT INTO t (v) VALUES (?)');
        const values = () => db.prepare<[], { v: number }>('SELECT v FROM t ORDER BY v').all().map((r) => r.v);
        assert.equal(db.transaction(() => (insert.run(1), 'done')), 'done');
        assert.throws(() => db.transaction(() => {
          insert.run(2);
          throw new Error('boom');
        }), /boom/);
        db.transaction(() => {
          insert.run(3);
          assert.throws(() => other.prepare('INSERT INTO t (v) VALUES (9)').run(), /locked|busy/i, 'the write lock is taken at BEGIN');
          assert.throws(() => db.transaction(() => {
            insert.run(4);
            throw new Error('inner');
          }), /inner/);
          db.transaction(() => insert.run(5));
        });
        assert.deepEqual(values(), [1, 3, 5]);
        db.transaction(() => insert.run(6)); // still usable after all that
        assert.deepEqual(values(), [1, 3, 5, 6]);
      } finally {
        other.close();
        db.close();
      }
    });

    it('checkpoints the WAL on a worker thread with the same driver', async () => {
      const path = join(dir.dir, 'relay.db');
      const store = openStore(path, { driver });
      const before = statSync(path).size; // the migrations are in the WAL, not yet in the file
      const errors: unknown[] = [];
      const checkpoints = startCheckpointer(store.db, path, { intervalMs: 10, onError: (error) => errors.push(error) });
      try {
        for (let i = 0; i < 5; i++) store.transaction(() => store.meta.set(`k${i}`, i));
        await new Promise((resolve) => setTimeout(resolve, 100));
      } finally {
        await checkpoints.stop();
        store.close();
      }
      assert.deepEqual(errors, []);
      assert.ok(statSync(path).size > before, `the worker copied the WAL into the file (${before} bytes before)`);
    });
  });
}
