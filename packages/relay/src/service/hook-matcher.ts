/**
 * Which hooks an event goes to: active, with an endpoint, with a trigger for (resource, event type), and for a
 * project-scoped hook, of the event's project. Answers are cached per (resource, event type) and dropped on any
 * hook or trigger change, so the ingest hot path costs no query.
 */
import type { Hook } from '@hookline/core';
import type { HooksRepo } from '../store/hooks-repo.js';

export class HookMatcher {
  private readonly cache = new Map<string, Hook[]>();

  constructor(private readonly hooks: HooksRepo) {}

  match(resourceName: string, eventType: string, projectId: string | null): Hook[] {
    const key = `${eventType}\u0000${resourceName}`;
    let candidates = this.cache.get(key);
    if (!candidates) {
      candidates = this.hooks.matching(resourceName, eventType);
      if (this.cache.size > 2000) this.cache.clear();
      this.cache.set(key, candidates);
    }
    return candidates.filter((hook) => hook.projectId === null || hook.projectId === projectId);
  }

  invalidate(): void {
    this.cache.clear();
  }
}
