/** What the health banner shows: the hooks that are failing now, each as one sentence a person can act on. */
import { describeHealthError } from '@hookline/core';
import type { HookHealth } from '@hookline/core';

export class HealthModel {
  private readonly byHook = new Map<number, HookHealth>();

  /** Replaces everything (the answer to health.get). */
  reset(all: readonly HookHealth[]): void {
    this.byHook.clear();
    for (const health of all) this.byHook.set(health.hookId, health);
  }

  update(health: HookHealth): void {
    this.byHook.set(health.hookId, health);
  }

  remove(hookId: number): void {
    this.byHook.delete(hookId);
  }

  failing(): HookHealth[] {
    return [...this.byHook.values()].filter((h) => h.state === 'failing').sort((a, b) => a.hookId - b.hookId);
  }
}

export function describeFailure(health: HookHealth, hookName: string): string {
  const what = describeHealthError(health.lastError);
  const since = health.streakStartedAt ? ` since ${new Date(health.streakStartedAt).toLocaleTimeString()}` : '';
  // No attempt count: pushes come on changes of state only, so a count here would go stale.
  return `${hookName}: ${what}${since}. New deliveries wait until it succeeds again.`;
}
