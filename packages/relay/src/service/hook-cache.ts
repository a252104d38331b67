/**
 * Hooks as last committed, so an attempt or a health reading costs no query. The one copy the engine and the
 * health monitor share: a hook change on the feed drops the entry, and the next read loads it from the store.
 */
import type { Hook } from '@hookline/core';
import type { HookSource } from '../delivery/engine.js';

export class HookCache implements HookSource {
  private readonly hooks = new Map<number, Hook>();

  constructor(private readonly load: (hookId: number) => Hook | undefined) {}

  get(hookId: number): Hook | undefined {
    let hook = this.hooks.get(hookId);
    if (!hook) {
      hook = this.load(hookId);
      if (hook) this.hooks.set(hookId, hook);
    }
    return hook;
  }

  forget(hookId: number): void {
    this.hooks.delete(hookId);
  }
}
