/**
 * Bulk trigger changes, shared by v1.0 and v2.0. Every entry is read and applied on its own through the service
 * (the same triggers the grid shows, changed in one transaction and announced once); an entry that fails is
 * reported by position with its coded error, so the route can answer 207 Multi-Status naming it.
 */
import { isHooklineError, parseInt64, type HooklineError } from '@hookline/core';
import type { RelayService, TriggerRecord } from '../service/types.js';
import { readTriggerInput, type TriggerInput } from './bodies.js';
import { itemError } from './errors.js';

export interface CreateFailure {
  index: number;
  resource_name: unknown;
  event_type: unknown;
  error: ReturnType<typeof itemError>;
}

export interface DeleteFailure {
  index: number;
  id: unknown;
  error: ReturnType<typeof itemError>;
}

/** Reads every entry; the ones that cannot be read become failures, by position. */
function readEach<T>(entries: readonly unknown[], read: (entry: unknown) => T): { index: number; value?: T; error?: HooklineError }[] {
  return entries.map((entry, index) => {
    try {
      return { index, value: read(entry) };
    } catch (error) {
      if (isHooklineError(error)) return { index, error };
      throw error;
    }
  });
}

function field(entry: unknown, name: string): unknown {
  return typeof entry === 'object' && entry !== null ? ((entry as Record<string, unknown>)[name] ?? null) : null;
}

export function bulkCreate(service: RelayService, hookId: number, entries: readonly unknown[]): { created: TriggerRecord[]; failed: CreateFailure[] } {
  const read = readEach(entries, readTriggerInput);
  const valid = read.filter((r): r is { index: number; value: TriggerInput } => r.value !== undefined);
  const results = service.addTriggers(hookId, valid.map((r) => r.value));
  const errors = new Map<number, HooklineError>(read.flatMap((r) => (r.error ? [[r.index, r.error] as const] : [])));
  const created: TriggerRecord[] = [];
  results.forEach((result, i) => {
    const index = valid[i]?.index ?? -1;
    if (result.ok) created.push(result.value);
    else errors.set(index, result.error);
  });
  const failed = [...errors]
    .sort(([a], [b]) => a - b)
    .map(([index, error]) => ({ index, resource_name: field(entries[index], 'resource_name'), event_type: field(entries[index], 'event_type'), error: itemError(error) }));
  return { created, failed };
}

/** Trigger ids, as numbers or digit strings. */
export function bulkDelete(service: RelayService, hookId: number, ids: readonly unknown[]): { deleted: number[]; failed: DeleteFailure[] } {
  // An id beyond the safe integers names no trigger of this relay: NaN, which the service reports as not found.
  const read = readEach(ids, (raw) => Number(parseInt64(raw, 'id')));
  const valid = read.filter((r): r is { index: number; value: number } => r.value !== undefined);
  const results = service.deleteTriggers(hookId, valid.map((r) => (Number.isSafeInteger(r.value) ? r.value : Number.NaN)));
  const errors = new Map<number, HooklineError>(read.flatMap((r) => (r.error ? [[r.index, r.error] as const] : [])));
  const deleted: number[] = [];
  results.forEach((result, i) => {
    if (result.ok) deleted.push(result.value);
    else errors.set(valid[i]?.index ?? -1, result.error);
  });
  const failed = [...errors].sort(([a], [b]) => a - b).map(([index, error]) => ({ index, id: ids[index] ?? null, error: itemError(error) }));
  return { deleted, failed };
}
