/**
 * Every hook's endpoint health as the relay last said, for the page's health banner and the extension's alarms:
 * `HealthFeed` asks `health.get` on every hello (start and reconnect) and follows `hook.health` and
 * `hook.deleted` pushes in between; `HealthList` holds the result and lists the failing hooks.
 */
import type { HookHealth, PushMessage, RelayTransport } from '@hookline/core';

export type HealthChange =
  /** The answer to `health.get`: every hook's health; hooks it leaves out are gone. */
  | { kind: 'snapshot'; health: readonly HookHealth[] }
  /** A `hook.health` push: one hook changed state. */
  | { kind: 'update'; health: HookHealth }
  /** A `hook.deleted` push. */
  | { kind: 'remove'; hookId: number }
  /** Another relay: nothing known carries over. */
  | { kind: 'forget' };

export class HealthList {
  private readonly byHook = new Map<number, HookHealth>();

  apply(change: HealthChange): void {
    switch (change.kind) {
      case 'snapshot':
        this.byHook.clear();
        for (const health of change.health) this.byHook.set(health.hookId, health);
        return;
      case 'update':
        this.byHook.set(change.health.hookId, change.health);
        return;
      case 'remove':
        this.byHook.delete(change.hookId);
        return;
      case 'forget':
        this.byHook.clear();
        return;
    }
  }

  get(hookId: number): HookHealth | undefined {
    return this.byHook.get(hookId);
  }

  /** The hooks failing now, by id. */
  failing(): HookHealth[] {
    return [...this.byHook.values()].filter((health) => health.state === 'failing').sort((a, b) => a.hookId - b.hookId);
  }
}

/** Turns the relay's health answers and pushes into HealthChanges for `onChange` (a HealthList, or more). */
export class HealthFeed {
  private readonly unsubscribe: () => void;
  private generation = 0;

  constructor(
    private readonly transport: RelayTransport,
    private readonly onChange: (change: HealthChange) => void,
    private readonly log?: (line: string) => void,
  ) {
    this.unsubscribe = transport.onPush((message) => this.onPush(message));
  }

  /** Asks the relay for every hook's health. A reply that arrives after `forget()` or a newer refresh is dropped. */
  async refresh(): Promise<void> {
    const generation = ++this.generation;
    try {
      const { health } = await this.transport.request('health.get', {});
      if (generation === this.generation) this.onChange({ kind: 'snapshot', health });
    } catch (error) {
      this.log?.(`Could not read endpoint health: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  forget(): void {
    this.generation += 1;
    this.onChange({ kind: 'forget' });
  }

  dispose(): void {
    this.generation += 1;
    this.unsubscribe();
  }

  private onPush(message: PushMessage): void {
    if (message.type === 'hello') void this.refresh();
    else if (message.type === 'hook.health') this.onChange({ kind: 'update', health: message.health });
    else if (message.type === 'hook.deleted') this.onChange({ kind: 'remove', hookId: message.hookId });
  }
}
