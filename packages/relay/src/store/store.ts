/** The relay's store: the database file, migrated, with one repository per table. */
import { AttemptsRepo } from './attempts-repo.js';
import { ensureIncrementalVacuum, type AutoVacuumSetup } from './auto-vacuum.js';
import { openDatabase, type OpenDatabaseOptions, type SqliteDatabase } from './database.js';
import { DeliveriesRepo } from './deliveries-repo.js';
import { EventsRepo } from './events-repo.js';
import { HooksRepo } from './hooks-repo.js';
import { MetaRepo } from './meta-repo.js';
import { runMigrations } from './migrations.js';
import { RetentionRepo } from './retention-repo.js';
import { TriggersRepo } from './triggers-repo.js';

export interface Store {
  readonly db: SqliteDatabase;
  readonly hooks: HooksRepo;
  readonly triggers: TriggersRepo;
  readonly events: EventsRepo;
  readonly deliveries: DeliveriesRepo;
  readonly attempts: AttemptsRepo;
  readonly meta: MetaRepo;
  readonly retention: RetentionRepo;
  /** How the file came to free space incrementally as this store opened it (see auto-vacuum.ts). */
  readonly autoVacuum: AutoVacuumSetup;
  /** Runs `work` in one immediate write transaction. */
  transaction<T>(work: () => T): T;
  close(): void;
}

export interface OpenStoreOptions {
  /** Default auto: node:sqlite when this Node has it, else better-sqlite3. */
  driver?: OpenDatabaseOptions['driver'];
}

export function openStore(path: string, options: OpenStoreOptions = {}): Store {
  const db = openDatabase(path, { driver: options.driver });
  try {
    const autoVacuum = ensureIncrementalVacuum(db);
    runMigrations(db);
    return {
      db,
      hooks: new HooksRepo(db),
      triggers: new TriggersRepo(db),
      events: new EventsRepo(db),
      deliveries: new DeliveriesRepo(db),
      attempts: new AttemptsRepo(db),
      meta: new MetaRepo(db),
      retention: new RetentionRepo(db),
      autoVacuum,
      transaction: <T>(work: () => T): T => db.transaction(work),
      close: () => {
        if (!db.isOpen) return;
        try {
          db.pragma('wal_checkpoint(TRUNCATE)');
        } catch {
          // Another connection may hold the WAL; closing still checkpoints what it can.
        }
        db.close();
      },
    };
  } catch (error) {
    db.close();
    throw error;
  }
}
