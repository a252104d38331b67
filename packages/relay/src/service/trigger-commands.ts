/** A hook's triggers, i.e. its resource grid. Each switch is checked against the resource catalogue. */
import {
  EVENT_TYPES,
  HooklineError,
  isHooklineError,
  assertEventTypeOffered,
  getResource,
  isEventType,
  triggerGridFromTriggers,
  type EventType,
  type TriggerGrid,
} from '@hookline/core';
import { requireHook, type ServiceContext } from './context.js';
import type { BulkEntryResult, TriggerRecord } from './types.js';

export class TriggerCommands {
  constructor(private readonly ctx: ServiceContext) {}

  grid(hookId: number): TriggerGrid {
    requireHook(this.ctx, hookId);
    return triggerGridFromTriggers(this.ctx.store.triggers.listForHook(hookId));
  }

  list(hookId: number): TriggerRecord[] {
    requireHook(this.ctx, hookId);
    return this.ctx.store.triggers.listForHook(hookId);
  }

  /**
   * Switches the given event types of one resource on or off in one transaction; returns the resource's event
   * types that are on afterwards. Switching on a type the resource does not offer is refused; switching one off
   * is a no-op.
   */
  set(hookId: number, resourceName: string, switches: Partial<Record<EventType, boolean>>): EventType[] {
    const hook = requireHook(this.ctx, hookId);
    const resource = getResource(resourceName);
    if (typeof switches !== 'object' || switches === null) {
      throw new HooklineError('HOOKLINE_ERR_INVALID_FIELD', 'Give create, update and/or delete as true or false.');
    }
    const entries = Object.entries(switches).filter(([, on]) => on !== undefined);
    for (const [eventType, on] of entries) {
      if (!isEventType(eventType)) {
        throw new HooklineError('HOOKLINE_ERR_INVALID_EVENT_TYPE', `"${eventType.slice(0, 40)}" is not an event type: use create, update or delete.`, { field: eventType.slice(0, 40) });
      }
      if (typeof on !== 'boolean') {
        throw new HooklineError('HOOKLINE_ERR_INVALID_FIELD', `"${eventType}" must be true or false.`, { field: eventType });
      }
      if (on) assertEventTypeOffered(resource.name, eventType);
    }
    const now = this.ctx.now();
    let changed = false;
    this.ctx.store.transaction(() => {
      for (const [eventType, on] of entries as [EventType, boolean][]) {
        if (on) {
          if (!this.ctx.store.triggers.find(hook.id, resource.name, eventType)) {
            this.ctx.store.triggers.add(hook.id, resource.name, eventType, now);
            changed = true;
          }
        } else if (this.ctx.store.triggers.remove(hook.id, resource.name, eventType)) {
          changed = true;
        }
      }
    });
    if (changed) this.announce(hook.id);
    const on = new Set(this.ctx.store.triggers.listForHook(hook.id).filter((t) => t.resourceName === resource.name).map((t) => t.eventType));
    return EVENT_TYPES.filter((t) => on.has(t));
  }

  add(hookId: number, resourceName: string, eventType: EventType): TriggerRecord {
    const hook = requireHook(this.ctx, hookId);
    const resource = assertEventTypeOffered(resourceName, eventType);
    const existing = this.ctx.store.triggers.find(hook.id, resource.name, eventType);
    if (existing) return existing;
    const trigger = this.ctx.store.triggers.add(hook.id, resource.name, eventType, this.ctx.now());
    this.announce(hook.id);
    return trigger;
  }

  delete(hookId: number, triggerId: number): void {
    const hook = requireHook(this.ctx, hookId);
    const trigger = Number.isSafeInteger(triggerId) ? this.ctx.store.triggers.get(triggerId) : undefined;
    if (!trigger || trigger.hookId !== hook.id) throw triggerNotFound(hook.id, triggerId);
    this.ctx.store.triggers.deleteById(trigger.id);
    this.announce(hook.id);
  }

  /** Each entry on its own (a bad one does not stop the others); the good ones in one transaction, announced once. */
  addMany(hookId: number, entries: readonly { resourceName: string; eventType: EventType }[]): BulkEntryResult<TriggerRecord>[] {
    const hook = requireHook(this.ctx, hookId);
    const now = this.ctx.now();
    let changed = false;
    const results = this.ctx.store.transaction(() =>
      entries.map((entry) =>
        eachOnItsOwn(() => {
          const resource = assertEventTypeOffered(entry.resourceName, entry.eventType);
          const existing = this.ctx.store.triggers.find(hook.id, resource.name, entry.eventType);
          if (existing) return existing;
          changed = true;
          return this.ctx.store.triggers.add(hook.id, resource.name, entry.eventType, now);
        }),
      ),
    );
    if (changed) this.announce(hook.id);
    return results;
  }

  deleteMany(hookId: number, triggerIds: readonly number[]): BulkEntryResult<number>[] {
    const hook = requireHook(this.ctx, hookId);
    let changed = false;
    const results = this.ctx.store.transaction(() =>
      triggerIds.map((triggerId) =>
        eachOnItsOwn(() => {
          const trigger = Number.isSafeInteger(triggerId) ? this.ctx.store.triggers.get(triggerId) : undefined;
          if (!trigger || trigger.hookId !== hook.id) throw triggerNotFound(hook.id, triggerId);
          this.ctx.store.triggers.deleteById(trigger.id);
          changed = true;
          return trigger.id;
        }),
      ),
    );
    if (changed) this.announce(hook.id);
    return results;
  }

  private announce(hookId: number): void {
    const grid = triggerGridFromTriggers(this.ctx.store.triggers.listForHook(hookId));
    this.ctx.feed.emit({ kind: 'triggers.updated', hookId, grid });
  }
}

function triggerNotFound(hookId: number, triggerId: number): HooklineError {
  return HooklineError.of('HOOKLINE_ERR_TRIGGER_NOT_FOUND', { hookId, triggerId: String(triggerId).slice(0, 40) }, { field: 'trigger_id' });
}

/** Runs one bulk entry: its coded error is its result; any other error is not the caller's and is thrown. */
function eachOnItsOwn<T>(work: () => T): BulkEntryResult<T> {
  try {
    return { ok: true, value: work() };
  } catch (error) {
    if (isHooklineError(error)) return { ok: false, error };
    throw error;
  }
}
