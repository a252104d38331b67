import assert from 'node:assert/strict';
import { join } from 'node:path';
import { DELIVERY_STATUSES, FAILURE_STATUSES, isFailureStatus, isSuccessStatus, type AttemptErrorCode } from '@hookline/core';
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

    it('marks exactly core\'s failure statuses as failed, and the failures filter finds exactly those', () => {
      const store = openStore(join(dir.dir, 'relay.db'), { driver });
      try {
        const hookId = store.hooks.insert({ namespace: 'ns', destinationUrl: null, authorization: null, payloadVersion: 'v2.0', status: 'active', companyId: '1', projectId: null }, 1).id;
        store.db.prepare(`INSERT INTO events (id, ulid, timestamp, resource_name, resource_id, event_type, company_id, metadata, related_resources, created_at)
          VALUES ('1', 'u', 't', 'RFIs', '1', 'create', '1', '{}', '[]', 1)`).run();
        const row = { hookId, eventId: '1', eventUlid: 'u', resourceName: 'RFIs', eventType: 'create' as const, resourceId: '1', projectId: null, payload: '{}', payloadVersion: 'v2.0' as const };
        for (const status of DELIVERY_STATUSES) {
          const delivery = store.deliveries.insert(row, 1, 1);
          store.deliveries.updateState({ ...delivery, status });
        }
        const failed = store.db.prepare<[], { status: string; failed: number }>('SELECT status, failed FROM deliveries ORDER BY id').all();
        assert.deepEqual(failed.map((r) => [r.status, r.failed === 1]), DELIVERY_STATUSES.map((s) => [s, isFailureStatus(s)]));
        const listed = store.deliveries.page({ status: 'failures' }, 100).map((d) => d.status);
        assert.deepEqual([...listed].sort(), [...FAILURE_STATUSES].sort());
      } finally {
        store.close();
      }
    });

    it('migration 3 gives older attempts ok by core\'s success rule and no url', () => {
      const db = openDatabase(join(dir.dir, 'relay.db'), { driver });
      try {
        runMigrations(db, MIGRATIONS.filter((m) => m.version < 3));
        db.exec(`INSERT INTO hooks (namespace, destination_url, payload_version, status, company_id, created_at, updated_at)
            VALUES ('ns', 'https://example.com/now', 'v2.0', 'active', '1', 1, 1);
          INSERT INTO events (id, ulid, timestamp, resource_name, resource_id, event_type, company_id, metadata, related_resources, created_at)
            VALUES ('1', 'u', 't', 'RFIs', '1', 'create', '1', '{}', '[]', 1);
          INSERT INTO deliveries (hook_id, event_id, event_ulid, resource_name, event_type, resource_id, status, payload, payload_version, change_seq, created_at, updated_at)
            VALUES (1, '1', 'u', 'RFIs', 'create', '1', 'delivered', '{}', 'v2.0', 1, 1, 1);`);
        const answers: [number | null, AttemptErrorCode | null][] = [
          [200, null], [204, null], [299, null], [300, 'http'], [199, 'http'], [404, 'http'], [503, 'http'],
          [200, 'connection'], [null, 'timeout'], [null, 'connection'], [null, 'dns'], [null, 'invalid_target'],
        ];
        const insert = db.prepare(`INSERT INTO attempts (delivery_id, number, trigger_kind, started_at, completed_at, request_headers, response_status, response_headers, error_code)
          VALUES (1, ?, 'scheduled', 1, 2, '{}', ?, '{}', ?)`);
        answers.forEach(([status, errorCode], i) => insert.run(i + 1, status, errorCode));
        assert.deepEqual(runMigrations(db, MIGRATIONS.filter((m) => m.version <= 3)), [3]);
        const rows = db.prepare<[], { url: string | null; ok: number }>('SELECT url, ok FROM attempts ORDER BY number').all();
        assert.deepEqual(rows.map((r) => r.ok === 1), answers.map(([status, errorCode]) => errorCode === null && isSuccessStatus(status)));
        assert.ok(rows.every((r) => r.url === null), 'where an older try went was not kept');
      } finally {
        db.close();
      }
    });
  });
}
