/**
 * The few things the store needs from a SQLite library, so the same SQL, migrations, WAL settings and group
 * commit run on either driver: Node's built-in `node:sqlite` (Node 22.13+, 24) or `better-sqlite3` (Node 20).
 *
 * What both drivers do alike (and the store relies on):
 * - parameters are positional (`?`) or one object of named values (`@name` in the SQL, `name` in the object);
 *   `undefined` binds as NULL, keys the SQL does not name are ignored, JS numbers bind as REAL (so an INTEGER
 *   column stores them as integers and a TEXT column as "77.0": ids go in as strings);
 * - INTEGER columns read as JS numbers. The store keeps nothing beyond 2^53 in an INTEGER column (64-bit event
 *   ids are TEXT), because there the drivers differ: node:sqlite throws, better-sqlite3 would round;
 * - BLOBs read as Uint8Array (a Buffer with better-sqlite3); wrap them with Buffer.from before decoding;
 * - rows are plain records, but node:sqlite's have a null prototype: map them to the model's objects (as the
 *   repositories do) or spread them before comparing them with deepStrictEqual.
 */

export const SQLITE_DRIVER_NAMES = ['node', 'better-sqlite3'] as const;

/** `node` is Node's built-in node:sqlite; `better-sqlite3` the npm package. */
export type SqliteDriverName = (typeof SQLITE_DRIVER_NAMES)[number];

/** How people know the driver: node:sqlite or better-sqlite3. */
export function sqliteDriverLabel(name: string): string {
  return name === 'node' ? 'node:sqlite' : name;
}

export type SqlValue = null | number | bigint | string | Uint8Array;

export interface SqliteRunResult {
  changes: number;
  lastInsertRowid: number | bigint;
}

/** `P` is the positional parameters as a tuple, or the one object of named parameters. */
type StatementArgs<P> = P extends readonly unknown[] ? P : [P];

export interface SqliteStatement<P extends readonly unknown[] | object = unknown[], R = unknown> {
  run(...params: StatementArgs<P>): SqliteRunResult;
  /** The first row, or undefined when there is none. */
  get(...params: StatementArgs<P>): R | undefined;
  all(...params: StatementArgs<P>): R[];
  iterate(...params: StatementArgs<P>): IterableIterator<R>;
}

export interface SqliteOpenOptions {
  readonly?: boolean;
}

export interface SqliteConnection {
  /** The driver that opened this connection. */
  readonly driver: SqliteDriver;
  readonly isOpen: boolean;
  prepare<P extends readonly unknown[] | object = unknown[], R = unknown>(sql: string): SqliteStatement<P, R>;
  /** Runs one or more statements that return no rows. */
  exec(sql: string): void;
  /**
   * Runs `work` in one IMMEDIATE transaction (the write lock is taken at BEGIN), committed when it returns and
   * rolled back when it throws. Called inside another transaction it becomes a savepoint of that one.
   */
  transaction<T>(work: () => T): T;
  /** `PRAGMA <source>`: its rows, or with `simple` the first column of the first row. */
  pragma(source: string, options?: { simple?: boolean }): unknown;
  close(): void;
}

export interface SqliteDriver {
  readonly name: SqliteDriverName;
  /**
   * What a worker thread passes to `require` to open the same file with the same driver: `node:sqlite`, or the
   * resolved path of better-sqlite3 (the one this process loaded).
   */
  readonly workerModule: string;
  open(path: string, options?: SqliteOpenOptions): SqliteConnection;
}
