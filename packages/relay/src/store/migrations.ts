/**
 * Numbered schema migrations. `PRAGMA user_version` holds the number of the last one applied; each runs in its
 * own transaction together with the version bump, so running them again (or after a crash) is a no-op.
 * Append new migrations at the end; never edit one that has shipped.
 */
import type { SqliteDatabase } from './database.js';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'hooks, triggers, events, deliveries, attempts, meta',
    sql: `
      CREATE TABLE hooks (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        namespace TEXT NOT NULL,
        destination_url TEXT,
        authorization TEXT,
        payload_version TEXT NOT NULL,
        status TEXT NOT NULL,
        company_id TEXT NOT NULL,
        project_id TEXT,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE UNIQUE INDEX hooks_scope_namespace ON hooks (company_id, IFNULL(project_id, ''), namespace);

      CREATE TABLE triggers (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        hook_id INTEGER NOT NULL REFERENCES hooks (id) ON DELETE CASCADE,
        resource_name TEXT NOT NULL,
        event_type TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        UNIQUE (hook_id, resource_name, event_type)
      );
      CREATE INDEX triggers_match ON triggers (resource_name, event_type);

      -- Events are kept; the 64-bit id is stored as its decimal text so it never passes through a JS number.
      CREATE TABLE events (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        ulid TEXT NOT NULL,
        timestamp TEXT NOT NULL,
        resource_name TEXT NOT NULL,
        resource_id TEXT NOT NULL,
        event_type TEXT NOT NULL,
        company_id TEXT NOT NULL,
        project_id TEXT,
        user_id TEXT,
        metadata TEXT NOT NULL,
        related_resources TEXT NOT NULL,
        created_at INTEGER NOT NULL
      );

      CREATE TABLE deliveries (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        hook_id INTEGER NOT NULL REFERENCES hooks (id) ON DELETE CASCADE,
        event_id TEXT NOT NULL REFERENCES events (id),
        event_ulid TEXT NOT NULL,
        resource_name TEXT NOT NULL,
        event_type TEXT NOT NULL,
        resource_id TEXT NOT NULL,
        project_id TEXT,
        status TEXT NOT NULL,
        failed INTEGER GENERATED ALWAYS AS (status IN ('failed', 'retrying', 'discarded')) STORED,
        payload TEXT NOT NULL,
        payload_version TEXT NOT NULL,
        attempt_count INTEGER NOT NULL DEFAULT 0,
        first_failure_at INTEGER,
        next_attempt_at INTEGER,
        last_response_status INTEGER,
        last_duration_ms INTEGER,
        last_error_code TEXT,
        change_seq INTEGER NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE INDEX deliveries_hook ON deliveries (hook_id, id);
      CREATE INDEX deliveries_failed ON deliveries (failed, id);
      CREATE INDEX deliveries_hook_failed ON deliveries (hook_id, failed, id);
      CREATE INDEX deliveries_status ON deliveries (status, id);
      CREATE INDEX deliveries_resource ON deliveries (resource_name, event_type, id);
      CREATE INDEX deliveries_event_type ON deliveries (event_type, id);
      CREATE INDEX deliveries_due ON deliveries (status, next_attempt_at);
      CREATE INDEX deliveries_change_seq ON deliveries (change_seq);

      -- One row per HTTP try, written once when the try ends. The request body is the delivery's payload.
      CREATE TABLE attempts (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        delivery_id INTEGER NOT NULL REFERENCES deliveries (id) ON DELETE CASCADE,
        number INTEGER NOT NULL,
        trigger_kind TEXT NOT NULL,
        started_at INTEGER NOT NULL,
        completed_at INTEGER,
        duration_ms INTEGER,
        request_headers TEXT NOT NULL,
        response_status INTEGER,
        response_headers TEXT NOT NULL,
        response_body BLOB,
        response_body_truncated INTEGER NOT NULL DEFAULT 0,
        error_code TEXT,
        error_message TEXT
      );
      CREATE INDEX attempts_delivery ON attempts (delivery_id, id);

      CREATE TABLE meta (
        key TEXT PRIMARY KEY,
        value INTEGER NOT NULL
      ) WITHOUT ROWID;
      INSERT INTO meta (key, value) VALUES ('change_seq', 0);
    `,
  },
  {
    version: 2,
    name: "indexes for the Procore API's delivery queries: one hook by status, one hook by creation time",
    sql: `
      CREATE INDEX deliveries_hook_status ON deliveries (hook_id, status, id);
      CREATE INDEX deliveries_hook_created ON deliveries (hook_id, created_at);
    `,
  },
  {
    version: 3,
    name: 'attempts keep where each try went (url) and whether it succeeded (ok)',
    // Older tries get ok from their answer, by the rule the sender applied (core's isSuccessStatus, and no error
    // while reading the answer), and url NULL: where they went was not kept, and the hook's endpoint now may not
    // be the one they were sent to.
    sql: `
      ALTER TABLE attempts ADD COLUMN url TEXT;
      ALTER TABLE attempts ADD COLUMN ok INTEGER NOT NULL DEFAULT 0;
      UPDATE attempts SET ok = CASE WHEN error_code IS NULL AND response_status BETWEEN 200 AND 299 THEN 1 ELSE 0 END;
    `,
  },
  {
    version: 4,
    name: 'history: find by resource id and time, replays linked to what they replay, retention by age',
    // replay_of has no foreign key on purpose: retention may prune the original before its replay.
    sql: `
      ALTER TABLE deliveries ADD COLUMN replay_of INTEGER;
      CREATE INDEX deliveries_resource_id ON deliveries (resource_id, id);
      CREATE INDEX deliveries_created ON deliveries (created_at);
      CREATE INDEX deliveries_event ON deliveries (event_id);
      CREATE INDEX events_created ON events (created_at);
    `,
  },
  {
    version: 5,
    name: "a covering index of attempts by completion time, for a hook's activity chart",
    // The activity query reads one recent window of attempts: a range of this index, joined to deliveries by
    // primary key for the hook, without touching the attempt rows (or the rest of a large log). Version 4 is
    // another change's.
    sql: `
      CREATE INDEX attempts_completed ON attempts (completed_at, delivery_id, ok, duration_ms);
    `,
  },
  {
    version: 6,
    name: 'fewer index writes per delivery: no index for a query the code never runs, failures in partial indexes',
    // deliveries_due served no query (retry timing is in memory). The failure filters read only failing rows, so
    // their indexes hold only those: a delivery that never fails (the common case) writes neither of them, where
    // the full indexes took a write at insert and another at each status change. store-query-plans.test.ts runs
    // the repositories' own statements through EXPLAIN QUERY PLAN to keep every remaining index earning its place.
    sql: `
      DROP INDEX deliveries_due;
      DROP INDEX deliveries_failed;
      DROP INDEX deliveries_hook_failed;
      CREATE INDEX deliveries_failures ON deliveries (id) WHERE failed = 1;
      CREATE INDEX deliveries_hook_failures ON deliveries (hook_id, id) WHERE failed = 1;
    `,
  },
];

export function schemaVersion(db: SqliteDatabase): number {
  return Number(db.pragma('user_version', { simple: true }));
}

/** Applies every migration newer than the file's user_version, each in its own transaction. Returns the versions applied. */
export function runMigrations(db: SqliteDatabase, migrations: readonly Migration[] = MIGRATIONS): number[] {
  const applied: number[] = [];
  for (const migration of migrations) {
    const done = db.transaction(() => {
      // Re-read inside the write transaction: another process may have migrated the file meanwhile.
      if (schemaVersion(db) >= migration.version) return false;
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
      return true;
    });
    if (done) applied.push(migration.version);
  }
  return applied;
}
