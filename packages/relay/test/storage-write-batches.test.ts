/**
 * The write batcher's group commit: urgent ops (ingests) commit on the next turn of the event loop without the
 * deferred ones (attempt results), which wait for their window and then share one commit; a flush takes all.
 */
import assert from 'node:assert/strict';
import { WriteBatcher, type WriteOp } from '../src/store/write-batcher.js';
import { useTempStore } from './support/service-fixture.js';
import { storeTestDrivers } from './support/sqlite-drivers.js';

const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
const settle = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

for (const driver of storeTestDrivers()) {
  describe(`write batcher: urgent and deferred ops (${driver})`, () => {
    const fixture = useTempStore(driver);

    function recorder() {
      const commits: string[][] = [];
      let current: string[] = [];
      const op = (name: string, urgent: boolean, rows = 1): WriteOp => ({
        urgent,
        rows,
        apply: (tx) => {
          tx.nextSeq();
          current.push(name);
        },
      });
      const onFlushed = (): void => {
        if (current.length > 0) commits.push(current);
        current = [];
      };
      return { commits, op, onFlushed };
    }

    it('commits an urgent op on the next turn, leaving deferred ops for their window, then commits those together', async () => {
      const { commits, op, onFlushed } = recorder();
      const batcher = new WriteBatcher(fixture.store.db, fixture.store.meta, { maxDelayMs: 40, onFlushed });
      batcher.enqueue(op('update 1', false));
      batcher.enqueue(op('update 2', false));
      batcher.enqueue(op('ingest 1', true));
      await turn();
      await turn();
      assert.deepEqual(commits, [['ingest 1']], 'the urgent op went alone');
      batcher.enqueue(op('ingest 2', true));
      await turn();
      await turn();
      assert.deepEqual(commits, [['ingest 1'], ['ingest 2']]);
      for (let i = 0; i < 40 && commits.length < 3; i++) await settle(5);
      assert.deepEqual(commits[2], ['update 1', 'update 2'], 'the deferred ops shared one commit once their window ended');
      assert.equal(batcher.lastSeq, 4, 'every op committed its change_seq');
      batcher.close();
    });

    it('after a flush with nothing deferred, the next deferred op still waits for its window', async () => {
      const { commits, op, onFlushed } = recorder();
      const batcher = new WriteBatcher(fixture.store.db, fixture.store.meta, { maxDelayMs: 10_000, onFlushed });
      batcher.flushNow();
      batcher.enqueue(op('update', false));
      batcher.enqueue(op('ingest', true));
      await turn();
      await turn();
      assert.deepEqual(commits, [['ingest']]);
      batcher.close();
      assert.deepEqual(commits, [['ingest'], ['update']], 'close flushes what waits');
    });

    it('commits deferred ops at once when they fill a batch, and flushNow commits everything', async () => {
      const { commits, op, onFlushed } = recorder();
      const batcher = new WriteBatcher(fixture.store.db, fixture.store.meta, { maxDelayMs: 10_000, maxRows: 4, onFlushed });
      for (let i = 1; i <= 4; i++) batcher.enqueue(op(`update ${i}`, false));
      await turn();
      await turn();
      assert.deepEqual(commits, [['update 1', 'update 2', 'update 3', 'update 4']], 'a full batch does not wait for the window');
      batcher.enqueue(op('update 5', false));
      batcher.enqueue(op('ingest', true, 2));
      batcher.flushNow();
      assert.deepEqual(commits.slice(1), [['ingest', 'update 5']], 'flushNow: the urgent ops first, then the deferred');
      assert.equal(batcher.pending, 0);
      batcher.close();
    });
  });
}
