/** Hooks as last stored, so an attempt costs no query: kept current by the engine's hookChanged/hookDeleted; a miss reads the store. */
import type { Hook } from '@hookline/core';

export class HookCache {
  private readonly hooks = new Map<number, Hook>();

  constructor(private readonly lookup: (hookId: number) => Hook | undefined) {}

  get(hookId: number): Hook | undefined {
    let hook = this.hooks.get(hookId);
    if (!hook) {
      hook = this.lookup(hookId);
      if (hook) this.hooks.set(hookId, hook);
    }
    return hook;
  }

  set(hook: Hook): void {
    this.hooks.set(hook.id, hook);
  }

  delete(hookId: number): void {
    this.hooks.delete(hookId);
  }
}
