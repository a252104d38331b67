/**
 * Keeps every hook's endpoint health current as attempts finish and hooks change, starting from the attempts
 * stored before this process, and announces each change of state as a `hook.health` change.
 */
import { HEALTH_WINDOW, emptyHealthRecord, healthState, hookHealth, recordAttempt } from '@hookline/core';
import type { AttemptSample, HealthRecord, HealthState, Hook, HookHealth } from '@hookline/core';
import type { RelayChange } from './types.js';

export interface HealthMonitorOptions {
  hooks: () => Hook[];
  hook: (hookId: number) => Hook | undefined;
  recentAttempts: (hookId: number, limit: number) => AttemptSample[];
  emit: (change: RelayChange) => void;
}

export class HealthMonitor {
  private readonly records = new Map<number, HealthRecord>();
  private readonly states = new Map<number, HealthState>();

  constructor(private readonly options: HealthMonitorOptions) {
    for (const hook of options.hooks()) {
      const record = options.recentAttempts(hook.id, HEALTH_WINDOW).reduce(recordAttempt, emptyHealthRecord(hook.id));
      this.records.set(hook.id, record);
      this.states.set(hook.id, healthState(record, hook));
    }
  }

  /** Feed every committed change through here. */
  accept(change: RelayChange): void {
    if (change.kind === 'attempt.finished') {
      const sample: AttemptSample = {
        at: change.finishedAt,
        ok: change.ok,
        durationMs: change.durationMs,
        status: change.status,
        errorCode: change.errorCode,
        errorMessage: change.errorMessage,
        trigger: change.trigger,
      };
      recordAttempt(this.record(change.delivery.hookId), sample);
      this.announce(change.delivery.hookId);
    } else if (change.kind === 'hook.updated') {
      this.announce(change.hook.id);
    } else if (change.kind === 'hook.deleted') {
      this.records.delete(change.hookId);
      this.states.delete(change.hookId);
    }
  }

  health(hookId: number): HookHealth | undefined {
    const hook = this.options.hook(hookId);
    return hook ? hookHealth(this.record(hookId), hook) : undefined;
  }

  all(): HookHealth[] {
    return this.options.hooks().map((hook) => hookHealth(this.record(hook.id), hook));
  }

  private record(hookId: number): HealthRecord {
    let record = this.records.get(hookId);
    if (!record) {
      record = emptyHealthRecord(hookId);
      this.records.set(hookId, record);
    }
    return record;
  }

  private announce(hookId: number): void {
    const hook = this.options.hook(hookId);
    if (!hook) return;
    // Runs after every attempt: the state alone is cheap; the full figures are built only for an announcement.
    const record = this.record(hookId);
    const state = healthState(record, hook);
    const previous = this.states.get(hookId) ?? 'healthy';
    this.states.set(hookId, state);
    if (previous !== state) this.options.emit({ kind: 'hook.health', health: hookHealth(record, hook), previous });
  }
}
