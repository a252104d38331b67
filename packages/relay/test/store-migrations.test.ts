import assert from 'node:assert/strict';
import { join } from 'node:path';
import { openDatabase } from '../src/store/database.js';
import { MIGRATIONS, runMigrations, schemaVersion } from '../src/store/migrations.js';
import { openStore } from '../src/store/store.js';
import { tempDir } from './support/service-fixture.js';
import { storeTestDrivers } from './support/sqlite-drivers.js';

for (const driver of storeTestDrivers()) {
  describe(`store: database and migrations (${driver})`, () => {
    let dir: ReturnType<typeof tempDir>;
    beforeEach(() => (dir = tempDir()));
    afterEach(() => dir.cleanup());

    it('opens the file in WAL mode with synchronous=NORMAL, foreign keys and a busy timeout', () => {
      const db = openDatabase(join(dir.dir, 'relay.db'), { driver });
      try {
        assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
        assert.equal(db.pragma('synchronous', { simple: true }), 1);
        assert.equal(db.pragma('foreign_keys', { simple: true }), 1);
        assert.ok(Number(db.pragma('busy_timeout', { simple: true })) > 0);
      } finally {
        db.close();
      }
    });

    it('applies every migration once and is a no-op the second time (and on reopen)', () => {
      const path = join(dir.dir, 'relay.db');
      const db = openDatabase(path, { driver });
      const latest = MIGRATIONS[MIGRATIONS.length - 1]?.version;
      assert.deepEqual(runMigrations(db), MIGRATIONS.map((m) => m.version));
      assert.equal(schemaVersion(db), latest);
      assert.deepEqual(runMigrations(db), []);
      assert.equal(schemaVersion(db), latest);
      db.close();

      const store = openStore(path, { driver });
      try {
        assert.equal(schemaVersion(store.db), latest);
        const tables = store.db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all().map((r) => r.name);
        assert.deepEqual(tables, ['attempts', 'deliveries', 'events', 'hooks', 'meta', 'triggers']);
      } finally {
        store.close();
      }
      const again = openStore(path, { driver });
      assert.equal(schemaVersion(again.db), latest);
      again.close();
    });

    it('has the indexes the list, failure filter, scheduler and backlog queries need', () => {
      const store = openStore(join(dir.dir, 'relay.db'), { driver });
      try {
        const plan = (sql: string, ...params: unknown[]): string =>
          store.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params).map((r) => (r as { detail: string }).detail).join(' | ');
        assert.match(plan('SELECT id FROM deliveries WHERE hook_id = ? AND id < ? ORDER BY id DESC LIMIT 26', 1, 100), /deliveries_hook\b/);
        assert.match(plan('SELECT id FROM deliveries WHERE failed = 1 ORDER BY id DESC LIMIT 26'), /deliveries_failed\b/);
        assert.match(plan('SELECT id FROM deliveries WHERE hook_id = ? AND failed = 1 ORDER BY id DESC LIMIT 26', 1), /deliveries_hook_failed/);
        assert.match(plan("SELECT id FROM deliveries WHERE status = 'retrying' AND next_attempt_at <= ?", 5), /deliveries_(due|status)/);
        assert.match(plan('SELECT id FROM deliveries WHERE change_seq > ? ORDER BY change_seq LIMIT 500', 0), /deliveries_change_seq/);
        assert.match(plan('SELECT id FROM deliveries WHERE resource_name = ? AND event_type = ? ORDER BY id DESC LIMIT 26', 'RFIs', 'create'), /deliveries_resource/);
        for (const line of [plan('SELECT id FROM deliveries WHERE failed = 1 AND id < 5 ORDER BY id DESC LIMIT 26')]) {
          assert.doesNotMatch(line, /TEMP B-TREE/, 'keyset pages must not sort');
        }
      } finally {
        store.close();
      }
    });
  });
}
