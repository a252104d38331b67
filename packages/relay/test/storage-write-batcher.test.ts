/**
 * The write batcher on a disk that refuses writes (SQLITE_FULL, injected): what must not be lost is kept and
 * written once the disk takes writes again; the rest fails at once with the storage's coded error.
 */
import assert from 'node:assert/strict';
import { WriteBatcher, type StorageReporter } from '../src/store/write-batcher.js';
import { useTempStore } from './support/service-fixture.js';
import { storeTestDrivers } from './support/sqlite-drivers.js';

const full = (): Error => Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });

class FakeStorage implements StorageReporter {
  full = 0;
  writes = 0;
  /** What wrote() answers: false while there is still too little space. */
  roomy = true;
  cannotWrite(): Error {
    this.full += 1;
    return new Error('coded: storage full');
  }
  wrote(): boolean {
    this.writes += 1;
    return this.roomy;
  }
}

const settle = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

for (const driver of storeTestDrivers()) {
  describe(`write batcher on a full disk (${driver})`, () => {
    const fixture = useTempStore(driver);

    it('keeps the kept ops in order and writes them once the disk takes writes; fails the others with the coded error', async () => {
      const storage = new FakeStorage();
      const batcher = new WriteBatcher(fixture.store.db, fixture.store.meta, { storage, retryFullMs: 5, maxDelayMs: 0 });
      let diskFull = true;
      const committed: string[] = [];
      const failed: string[] = [];
      const op = (name: string, keep: boolean) => ({
        keepWhenFull: keep,
        apply: () => {
          if (diskFull) throw full();
          fixture.store.meta.set(name, committed.length + 1);
        },
        committed: () => committed.push(name),
        failed: (error: unknown) => failed.push(`${name}: ${(error as Error).message}`),
      });
      batcher.enqueue(op('state-1', true));
      batcher.enqueue(op('ingest', false));
      batcher.enqueue(op('state-2', true));
      batcher.flushNow();
      assert.deepEqual(failed, ['ingest: coded: storage full']);
      assert.equal(batcher.pending, 2, 'the two kept ops wait');
      await settle(30);
      assert.deepEqual(committed, [], 'still full: nothing written, nothing dropped');
      diskFull = false;
      for (let i = 0; i < 100 && committed.length < 2; i++) await settle(5);
      assert.deepEqual(committed, ['state-1', 'state-2']);
      assert.equal(batcher.pending, 0);
      batcher.close();
    });

    it('with nothing kept, probes now and then until the storage says it is well, then stops', async () => {
      const storage = new FakeStorage();
      storage.roomy = false;
      const batcher = new WriteBatcher(fixture.store.db, fixture.store.meta, { storage, retryFullMs: 5, maxDelayMs: 0 });
      batcher.enqueue({ apply: () => { throw full(); }, failed: () => undefined });
      batcher.flushNow();
      for (let i = 0; i < 100 && storage.writes < 3; i++) await settle(5);
      assert.ok(storage.writes >= 3, 'probes are written while the storage is still short of space');
      assert.ok(storage.writes < 50, `one probe per retry, not a busy loop (${storage.writes})`);
      storage.roomy = true;
      const settled = storage.writes + 1;
      for (let i = 0; i < 100 && storage.writes < settled; i++) await settle(5);
      await settle(30);
      assert.equal(storage.writes, settled, 'no more probes once well');
      assert.ok(fixture.store.meta.get('storage_probe_at') > 0);
      batcher.close();
    });
  });
}
