/**
 * Node 22 prints "ExperimentalWarning: SQLite is an experimental feature and might change at any time" the
 * first time node:sqlite is loaded (Node 24 no longer does). To keep the relay's output clean, that one warning
 * is dropped while node:sqlite loads; every other warning still goes through.
 */

/** True for node:sqlite's ExperimentalWarning only. Self-contained: the checkpoint worker gets its source. */
export function isSqliteExperimentalWarning(warning: unknown, typeOrOptions?: unknown): boolean {
  const option = typeOrOptions as { type?: unknown } | undefined;
  const type = typeof typeOrOptions === 'string' ? typeOrOptions : (option?.type ?? (warning instanceof Error ? warning.name : undefined));
  const message = warning instanceof Error ? warning.message : String(warning);
  return type === 'ExperimentalWarning' && message.startsWith('SQLite is an experimental feature');
}

/** Runs `load` with node:sqlite's ExperimentalWarning filtered out of process.emitWarning. */
export function withoutSqliteWarning<T>(load: () => T): T {
  const emitWarning = process.emitWarning;
  process.emitWarning = function (this: unknown, warning: string | Error, ...rest: unknown[]): void {
    if (isSqliteExperimentalWarning(warning, rest[0])) return;
    (emitWarning as (...args: unknown[]) => void).call(process, warning, ...rest);
  } as typeof process.emitWarning;
  try {
    return load();
  } finally {
    process.emitWarning = emitWarning;
  }
}
