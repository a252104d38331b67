/** The `meta` table: small relay-wide counters, today only `change_seq` (bumped on every delivery change). */
import type { SqliteDatabase } from './database.js';

export class MetaRepo {
  private readonly getStmt;
  private readonly setStmt;

  constructor(db: SqliteDatabase) {
    this.getStmt = db.prepare<[string], { value: number }>('SELECT value FROM meta WHERE key = ?');
    this.setStmt = db.prepare<[string, number]>('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  }

  get(key: string): number {
    return this.getStmt.get(key)?.value ?? 0;
  }

  set(key: string, value: number): void {
    this.setStmt.run(key, value);
  }

  changeSeq(): number {
    return this.get('change_seq');
  }

  setChangeSeq(value: number): void {
    this.set('change_seq', value);
  }
}
