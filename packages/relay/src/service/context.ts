/** What the service's command modules share: the store, the write path, the engine and the change feed. */
import { HooklineError, type Hook } from '@hookline/core';
import type { ChangeWriter } from '../delivery/change-writer.js';
import type { DeliveryEngine } from '../delivery/engine.js';
import type { Store } from '../store/store.js';
import type { ChangeHub } from './change-feed.js';
import type { HookMatcher } from './hook-matcher.js';

export interface ServiceContext {
  readonly store: Store;
  readonly writer: ChangeWriter;
  readonly engine: DeliveryEngine;
  readonly feed: ChangeHub;
  /** Follows hook and trigger changes from the feed (hook-followers.ts). */
  readonly matcher: HookMatcher;
  readonly companyId: string;
  readonly now: () => number;
}

/** Reads an id given by a caller; anything that is not a positive safe integer names no row. */
export function isRowId(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0;
}

export function requireHook(ctx: ServiceContext, hookId: number): Hook {
  const hook = isRowId(hookId) ? ctx.store.hooks.get(hookId) : undefined;
  if (!hook) throw HooklineError.of('HOOKLINE_ERR_HOOK_NOT_FOUND', { id: String(hookId).slice(0, 40) }, { field: 'hook_id' });
  return hook;
}
