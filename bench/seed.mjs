/**
 * Fills a relay's SQLite file with a deliveries log, fast: no HTTP, no per-row JavaScript. The file is opened
 * and migrated by the relay's own store code (so the schema and indexes are exactly the relay's), then each
 * chunk of events, deliveries and their attempts is written by INSERT … SELECT over a generated series, one
 * transaction per chunk. 98 % of deliveries are delivered, 1 % failed and 1 % discarded (the failures);
 * none is pending, as in a quiet log. No ANALYZE: a relay's own file never has planner statistics either.
 */
import { relayDist } from './paths.mjs';

const CHUNK = 100_000;
const RESOURCES = ['RFIs', 'Submittals', 'Change Events', 'Projects'];
const EVENT_TYPES = ['create', 'update', 'delete'];

export async function seedDeliveries(dbPath, rows, hookId) {
  const { openDatabase } = await relayDist('store/database.js');
  const { runMigrations } = await relayDist('store/migrations.js');
  const db = openDatabase(dbPath);
  try {
    runMigrations(db);
    db.pragma('cache_size = -262144'); // 256 MiB for this connection: the indexes stay in memory while seeding
    const offset = db.prepare('SELECT IFNULL(MAX(id), 0) AS n FROM deliveries').get().n;
    const seqOffset = db.prepare("SELECT value FROM meta WHERE key = 'change_seq'").get().value;
    const t0 = Date.now() - rows * 50 - 60_000;
    const series = 'WITH RECURSIVE s(n) AS (SELECT CAST(@first AS INTEGER) UNION ALL SELECT n + 1 FROM s WHERE n < @last)';
    const pick = (list) => `CASE n % ${list.length} ${list.map((v, i) => `WHEN ${i} THEN '${v}'`).join(' ')} END`;
    const resource = pick(RESOURCES);
    const eventType = `CASE (n / ${RESOURCES.length}) % 3 ${EVENT_TYPES.map((v, i) => `WHEN ${i} THEN '${v}'`).join(' ')} END`;
    const eventId = "CAST(2200000000000000000 + n AS TEXT)";
    const ulid = "printf('01JBENCH%018d', n)";
    const at = `(@t0 + n * 50)`;
    const iso = `strftime('%Y-%m-%dT%H:%M:%fZ', ${at} / 1000.0, 'unixepoch')`;
    const status = "CASE n % 100 WHEN 0 THEN 'discarded' WHEN 50 THEN 'failed' ELSE 'delivered' END";
    const failure = 'n % 50 = 0';
    const insertEvents = db.prepare(`${series}
      INSERT INTO events (id, ulid, timestamp, resource_name, resource_id, event_type, company_id, project_id, user_id, metadata, related_resources, created_at)
      SELECT ${eventId}, ${ulid}, ${iso}, ${resource}, CAST(100000 + n AS TEXT), ${eventType}, '1', '1', '1',
        '{"sourceUserId":"1","sourceProjectId":"1","sourceOperationId":null,"sourceCompanyId":"1","sourceApplicationId":null}', '[]', ${at}
      FROM s`);
    const insertDeliveries = db.prepare(`${series}
      INSERT INTO deliveries (id, hook_id, event_id, event_ulid, resource_name, event_type, resource_id, project_id, status, payload, payload_version,
        attempt_count, first_failure_at, next_attempt_at, last_response_status, last_duration_ms, last_error_code, change_seq, created_at, updated_at)
      SELECT @offset + n, @hookId, ${eventId}, ${ulid}, ${resource}, ${eventType}, CAST(100000 + n AS TEXT), '1', ${status},
        printf('{"id":%s,"ulid":"%s","timestamp":"%s","metadata":{"source_user_id":1,"source_project_id":1,"source_operation_id":null,"source_company_id":1,"source_application_id":null},"user_id":1,"company_id":1,"project_id":1,"api_version":"v2.0","event_type":"%s","resource_name":"%s","resource_id":%d}',
          ${eventId}, ${ulid}, ${iso}, ${eventType}, ${resource}, 100000 + n),
        'v2.0', CASE WHEN ${failure} THEN 12 ELSE 1 END, CASE WHEN ${failure} THEN ${at} ELSE NULL END, NULL,
        CASE WHEN ${failure} THEN 500 ELSE 200 END, 3, CASE WHEN ${failure} THEN 'http' ELSE NULL END,
        @seqOffset + 2 * n, ${at}, ${at} + 5
      FROM s`);
    const insertAttempts = db.prepare(`${series}
      INSERT INTO attempts (delivery_id, number, trigger_kind, started_at, completed_at, duration_ms, request_headers, response_status,
        response_headers, response_body, response_body_truncated, error_code, error_message)
      SELECT @offset + n, 1, 'scheduled', ${at}, ${at} + 3, 3,
        '{"Content-Type":"application/json","Content-Length":"404","User-Agent":"Hookline/0.1.0","Authorization":"*****ecret"}',
        CASE WHEN ${failure} THEN 500 ELSE 200 END, '{"content-type":"text/plain","content-length":"2"}', CAST('ok' AS BLOB), 0,
        CASE WHEN ${failure} THEN 'http' ELSE NULL END, CASE WHEN ${failure} THEN 'The endpoint answered 500.' ELSE NULL END
      FROM s`);
    const chunk = (first, last) =>
      db.transaction(() => {
        insertEvents.run({ first, last, t0 });
        insertDeliveries.run({ first, last, t0, offset, seqOffset, hookId });
        insertAttempts.run({ first, last, t0, offset });
      });
    for (let first = 1; first <= rows; first += CHUNK) chunk(first, Math.min(rows, first + CHUNK - 1));
    db.prepare("UPDATE meta SET value = ? WHERE key = 'change_seq'").run(seqOffset + 2 * rows);
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
}
