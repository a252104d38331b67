/**
 * The activity query on a real SQLite file, on every driver: attempts spread over several minutes, two hooks,
 * attempts outside the window, and a large log behind the window that the query must not read (its plan is a
 * range of the covering index of migration 5, each attempt joined to its delivery by primary key).
 */
import assert from 'node:assert/strict';
import { ACTIVITY_MINUTE_MS, activityWindow, bucketActivity, quantile } from '@hookline/core';
import { ACTIVITY_GROUPS_SQL } from '../src/store/activity-repo.js';
import type { Store } from '../src/store/store.js';
import { COMPANY_ID, useTempStore } from './support/service-fixture.js';
import { storeTestDrivers } from './support/sqlite-drivers.js';

const NOW = Date.parse('2026-03-04T10:20:30.000Z');

interface Row {
  hookId: number;
  completedAt: number;
  ok: boolean;
  durationMs: number;
}

function addHook(store: Store, namespace: string): number {
  return store.hooks.insert({ namespace, destinationUrl: null, authorization: null, payloadVersion: 'v2.0', status: 'active', companyId: COMPANY_ID, projectId: null }, NOW).id;
}

/** One event and delivery per row (raw SQL: thousands of them), then the row's attempt. */
function addAttempts(store: Store, rows: readonly Row[]): void {
  const event = store.db.prepare(
    `INSERT INTO events (id, ulid, timestamp, resource_name, resource_id, event_type, company_id, metadata, related_resources, created_at)
     VALUES (?, 'u', 't', 'RFIs', '1', 'create', ?, '{}', '[]', 0)`,
  );
  const delivery = store.db.prepare(
    `INSERT INTO deliveries (hook_id, event_id, event_ulid, resource_name, event_type, resource_id, status, payload, payload_version, change_seq, created_at, updated_at)
     VALUES (?, ?, 'u', 'RFIs', 'create', '1', 'delivered', '{}', 'v2.0', 0, 0, 0)`,
  );
  const attempt = store.db.prepare(
    `INSERT INTO attempts (delivery_id, number, trigger_kind, started_at, completed_at, duration_ms, request_headers, response_headers, ok)
     VALUES (?, 1, 'scheduled', ?, ?, ?, '{}', '{}', ?)`,
  );
  let next = (store.db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM events').get()?.n ?? 0) + 1;
  store.transaction(() => {
    for (const row of rows) {
      const eventId = String(next++);
      event.run(eventId, COMPANY_ID);
      const deliveryId = Number(delivery.run(row.hookId, eventId).lastInsertRowid);
      attempt.run(deliveryId, row.completedAt - row.durationMs, row.completedAt, row.durationMs, row.ok ? 1 : 0);
    }
  });
}

for (const driver of storeTestDrivers()) {
  describe(`activity query (${driver})`, () => {
    const ctx = useTempStore(driver);

    it('groups one hook’s attempts by minute of the window into core’s buckets, other hooks and other times left out', () => {
      const { store } = ctx;
      const hook = addHook(store, 'charted');
      const other = addHook(store, 'other');
      const window = activityWindow({ minutes: 10 }, NOW);
      const rows: Row[] = [];
      // Minutes 0, 3, 9 of the window; durations vary; every fourth fails.
      for (const [minute, n] of [[0, 7], [3, 40], [9, 13]] as const) {
        for (let i = 0; i < n; i++) {
          rows.push({ hookId: hook, completedAt: window.from + minute * ACTIVITY_MINUTE_MS + i * 1000, ok: i % 4 !== 0, durationMs: 5 + ((i * 37) % 90) });
        }
      }
      const outside: Row[] = [
        { hookId: hook, completedAt: window.from - 1, ok: true, durationMs: 1 },
        { hookId: hook, completedAt: window.to, ok: true, durationMs: 1 },
        { hookId: other, completedAt: window.from + 3 * ACTIVITY_MINUTE_MS, ok: false, durationMs: 999 },
      ];
      addAttempts(store, [...rows, ...outside]);

      const activity = bucketActivity(hook, window, store.activity.groups(hook, window));
      assert.equal(activity.buckets.length, 10);
      activity.buckets.forEach((bucket, minute) => {
        const start = window.from + minute * ACTIVITY_MINUTE_MS;
        const inMinute = rows.filter((r) => r.completedAt >= start && r.completedAt < start + ACTIVITY_MINUTE_MS);
        assert.deepEqual(bucket, {
          at: new Date(start).toISOString(),
          delivered: inMinute.filter((r) => r.ok).length,
          failed: inMinute.filter((r) => !r.ok).length,
          p95Ms: quantile(inMinute.map((r) => r.durationMs).sort((a, b) => a - b), 0.95),
        });
      });
      assert.deepEqual(activity.totals, {
        delivered: rows.filter((r) => r.ok).length,
        failed: rows.filter((r) => !r.ok).length,
        p95Ms: quantile(rows.map((r) => r.durationMs).sort((a, b) => a - b), 0.95),
      });
      assert.equal(store.activity.groups(other, window).reduce((sum, g) => sum + g.count, 0), 1);
    });

    it('reads the window through the covering index, however long the log behind it', () => {
      const { store } = ctx;
      const hook = addHook(store, 'busy');
      const window = activityWindow(undefined, NOW);
      const old = Array.from({ length: 20_000 }, (_, i): Row => ({ hookId: hook, completedAt: window.from - 1 - i * 1000, ok: true, durationMs: 10 }));
      addAttempts(store, [...old, { hookId: hook, completedAt: window.from + 5, ok: true, durationMs: 10 }]);
      store.db.exec('ANALYZE');
      const plan = store.db
        .prepare<[object], { detail: string }>(`EXPLAIN QUERY PLAN ${ACTIVITY_GROUPS_SQL}`)
        .all({ from: window.from, to: window.to, hookId: hook, minuteMs: ACTIVITY_MINUTE_MS })
        .map((row) => row.detail)
        .join('\n');
      assert.match(plan, /SEARCH a USING COVERING INDEX attempts_completed \(completed_at>\? AND completed_at<\?\)/, plan);
      // The delivery by its id (the primary key, or deliveries_hook's (hook_id, id)): one lookup per attempt.
      assert.match(plan, /SEARCH d USING (INTEGER PRIMARY KEY \(rowid=\?\)|COVERING INDEX deliveries_hook \(hook_id=\? AND id=\?)/, plan);
      assert.doesNotMatch(plan, /\bSCAN\b/, plan);
      assert.deepEqual(
        store.activity.groups(hook, window).map((g) => ({ ...g })),
        [{ minute: 0, ok: true, durationMs: 10, count: 1 }],
      );
    });
  });
}
