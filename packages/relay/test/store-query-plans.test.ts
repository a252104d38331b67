/**
 * Every index on the log's tables earns its place: each query shape the repositories run (their own statements,
 * not copies) uses the index meant for it, keyset pages never sort, and no index is left that no statement uses.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ACTIVITY_GROUPS_SQL } from '../src/store/activity-repo.js';
import { ATTEMPT_STATEMENTS } from '../src/store/attempts-repo.js';
import { countQuery, DELIVERY_STATEMENTS, pageQuery, searchQuery, type BoundQuery, type DeliveryFilter } from '../src/store/deliveries-repo.js';
import { RETENTION_STATEMENTS } from '../src/store/retention-repo.js';
import { openStore, type Store } from '../src/store/store.js';
import { tempDir } from './support/service-fixture.js';
import { storeTestDrivers } from './support/sqlite-drivers.js';

const LOG_TABLES = ['deliveries', 'events', 'attempts'];

function planOf(store: Store, sql: string, params: unknown[] | Record<string, unknown> = []): string {
  const stmt = store.db.prepare(`EXPLAIN QUERY PLAN ${sql}`);
  const rows = Array.isArray(params) ? stmt.all(...params) : stmt.all(params);
  return rows.map((r) => (r as { detail: string }).detail).join(' | ');
}

const page = (filter: DeliveryFilter): BoundQuery => pageQuery(filter, 26);

/** Query shape → the index its plan must name. */
const SHAPES: { name: string; query: BoundQuery | { sql: string; params: unknown[] }; index: RegExp | null; keyset?: boolean }[] = [
  { name: 'newest deliveries', query: page({ beforeId: 500 }), index: null, keyset: true },
  { name: "one hook's deliveries", query: page({ hookId: 1, beforeId: 500 }), index: /deliveries_hook\b/, keyset: true },
  { name: 'failures', query: page({ status: 'failures', beforeId: 500 }), index: /deliveries_failures\b/, keyset: true },
  { name: "one hook's failures", query: page({ hookId: 1, status: 'failures', beforeId: 500 }), index: /deliveries_hook_failures\b/, keyset: true },
  { name: 'one status', query: page({ status: 'retrying', beforeId: 500 }), index: /deliveries_status\b/, keyset: true },
  { name: 'one resource and event type', query: page({ resourceName: 'RFIs', eventType: 'create' }), index: /deliveries_resource\b/, keyset: true },
  { name: 'one event type', query: page({ eventType: 'delete' }), index: /deliveries_event_type\b/, keyset: true },
  { name: 'one resource id', query: page({ resourceId: '54321', beforeId: 500 }), index: /deliveries_resource_id\b/, keyset: true },
  { name: "Procore API: one hook's deliveries of a status", query: searchQuery({ hookId: 1, statuses: ['delivered'] }, 101, 0), index: /deliveries_hook_status\b/, keyset: true },
  { name: "Procore API: one hook's count of statuses", query: countQuery({ hookId: 1, statuses: ['failed', 'retrying'] }), index: /deliveries_hook_status\b/ },
  { name: "Procore API: one hook's count in a time range", query: countQuery({ hookId: 1, createdFrom: 0, createdBefore: 10 }), index: /deliveries_hook_created\b/ },
  { name: 'deliveries to resume at start', query: { sql: DELIVERY_STATEMENTS.pending, params: [] }, index: /deliveries_status\b/ },
  { name: "one hook's deliveries to resume", query: { sql: DELIVERY_STATEMENTS.pendingForHook, params: [1] }, index: /deliveries_hook(_status)?\b/ },
  { name: 'the change backlog', query: { sql: DELIVERY_STATEMENTS.changedSince, params: [0, 500] }, index: /deliveries_change_seq\b/ },
  { name: 'retention candidates', query: { sql: RETENTION_STATEMENTS.candidates, params: [5, 500] }, index: /deliveries_created\b/ },
  { name: 'retention: events no delivery refers to', query: { sql: RETENTION_STATEMENTS.sweepEvents, params: [0, 10, 5, 500] }, index: /deliveries_event\b/ },
  { name: 'retention: the newest old event', query: { sql: RETENTION_STATEMENTS.lastOldEvent, params: [5] }, index: /events_created\b/ },
  { name: "one delivery's attempts", query: { sql: ATTEMPT_STATEMENTS.byDelivery, params: [1] }, index: /attempts_delivery\b/ },
  { name: "a hook's activity", query: { sql: ACTIVITY_GROUPS_SQL, params: { from: 0, to: 10, hookId: 1, minuteMs: 60_000 } }, index: /attempts_completed\b/ },
];

for (const driver of storeTestDrivers()) {
  describe(`store: query plans (${driver})`, () => {
    let dir: ReturnType<typeof tempDir>;
    let store: Store;
    before(() => {
      dir = tempDir();
      store = openStore(join(dir.dir, 'relay.db'), { driver });
    });
    after(() => {
      store.close();
      dir.cleanup();
    });

    for (const shape of SHAPES) {
      it(`${shape.name}: ${shape.index ? shape.index.source.replace(/\\b/g, '') : 'the primary key'}`, () => {
        const plan = planOf(store, shape.query.sql, shape.query.params);
        if (shape.index) assert.match(plan, shape.index);
        else assert.doesNotMatch(plan, /USING (COVERING )?INDEX/);
        if (shape.keyset) assert.doesNotMatch(plan, /TEMP B-TREE/, 'a keyset page must not sort');
      });
    }

    it('has no index on the log tables that none of those statements uses', () => {
      const used = SHAPES.map((shape) => planOf(store, shape.query.sql, shape.query.params)).join(' | ');
      const indexes = store.db
        .prepare<[], { name: string; tbl_name: string }>("SELECT name, tbl_name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")
        .all()
        .filter((row) => LOG_TABLES.includes(row.tbl_name))
        .map((row) => row.name);
      assert.ok(indexes.length >= 10, `expected the log's indexes, got ${indexes.join(', ')}`);
      const unused = indexes.filter((name) => !new RegExp(`\\b${name}\\b`).test(used));
      assert.deepEqual(unused, [], 'every index serves a query the code runs');
    });
  });
}
