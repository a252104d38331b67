/** The `hooks` table: one notification endpoint of a company (or project) with its secret Authorization value. */
import type { Hook, HookStatus, PayloadVersion } from '@hookline/core';
import type { SqliteDatabase } from './database.js';
import { toIso } from './sql-values.js';

interface HookRow {
  id: number;
  namespace: string;
  destination_url: string | null;
  authorization: string | null;
  payload_version: string;
  status: string;
  company_id: string;
  project_id: string | null;
  created_at: number;
  updated_at: number;
}

export interface NewHookRow {
  namespace: string;
  destinationUrl: string | null;
  authorization: string | null;
  payloadVersion: PayloadVersion;
  status: HookStatus;
  companyId: string;
  projectId: string | null;
}

export type HookRowPatch = Partial<Omit<NewHookRow, 'companyId' | 'projectId'>>;

const COLUMNS = 'id, namespace, destination_url, "authorization", payload_version, status, company_id, project_id, created_at, updated_at';

function toHook(row: HookRow): Hook {
  return {
    id: row.id,
    namespace: row.namespace,
    destinationUrl: row.destination_url,
    authorization: row.authorization,
    payloadVersion: row.payload_version as PayloadVersion,
    status: row.status as HookStatus,
    companyId: row.company_id,
    projectId: row.project_id,
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
  };
}

export class HooksRepo {
  private readonly byId;
  private readonly all;
  private readonly byScopeNamespace;
  private readonly insertStmt;
  private readonly deleteStmt;
  private readonly matchingStmt;

  constructor(private readonly db: SqliteDatabase) {
    this.byId = db.prepare<[number], HookRow>(`SELECT ${COLUMNS} FROM hooks WHERE id = ?`);
    this.all = db.prepare<[], HookRow>(`SELECT ${COLUMNS} FROM hooks ORDER BY id`);
    this.byScopeNamespace = db.prepare<[string, string, string], HookRow>(
      `SELECT ${COLUMNS} FROM hooks WHERE company_id = ? AND IFNULL(project_id, '') = ? AND namespace = ?`,
    );
    this.insertStmt = db.prepare(
      `INSERT INTO hooks (namespace, destination_url, "authorization", payload_version, status, company_id, project_id, created_at, updated_at)
       VALUES (@namespace, @destinationUrl, @authorization, @payloadVersion, @status, @companyId, @projectId, @now, @now)`,
    );
    this.deleteStmt = db.prepare<[number]>('DELETE FROM hooks WHERE id = ?');
    this.matchingStmt = db.prepare<[string, string], HookRow>(
      `SELECT ${COLUMNS.split(', ').map((c) => `h.${c}`).join(', ')} FROM triggers t JOIN hooks h ON h.id = t.hook_id
       WHERE t.resource_name = ? AND t.event_type = ? AND h.status = 'active' AND h.destination_url IS NOT NULL
       ORDER BY h.id`,
    );
  }

  get(id: number): Hook | undefined {
    const row = this.byId.get(id);
    return row ? toHook(row) : undefined;
  }

  list(): Hook[] {
    return this.all.all().map(toHook);
  }

  findByNamespace(companyId: string, projectId: string | null, namespace: string): Hook | undefined {
    const row = this.byScopeNamespace.get(companyId, projectId ?? '', namespace);
    return row ? toHook(row) : undefined;
  }

  /** Active hooks with an endpoint and a trigger for (resourceName, eventType): the ones an event is delivered to. */
  matching(resourceName: string, eventType: string): Hook[] {
    return this.matchingStmt.all(resourceName, eventType).map(toHook);
  }

  insert(hook: NewHookRow, now: number): Hook {
    const result = this.insertStmt.run({ ...hook, now });
    return this.get(Number(result.lastInsertRowid)) as Hook;
  }

  update(id: number, patch: HookRowPatch, now: number): Hook | undefined {
    const sets: string[] = [];
    const values: Record<string, unknown> = { id, now };
    const columns: Record<keyof HookRowPatch, string> = {
      namespace: 'namespace',
      destinationUrl: 'destination_url',
      authorization: '"authorization"',
      payloadVersion: 'payload_version',
      status: 'status',
    };
    for (const key of Object.keys(columns) as (keyof HookRowPatch)[]) {
      if (patch[key] === undefined) continue;
      sets.push(`${columns[key]} = @${key}`);
      values[key] = patch[key];
    }
    sets.push('updated_at = @now');
    this.db.prepare(`UPDATE hooks SET ${sets.join(', ')} WHERE id = @id`).run(values);
    return this.get(id);
  }

  delete(id: number): boolean {
    return this.deleteStmt.run(id).changes > 0;
  }
}
