/**
 * The relay's hooks as the extension last heard of them (`hooks.list` on every hello, then `hook.updated` and
 * `hook.deleted` pushes). Commands use it to pick a hook and to find a delivery's destination URL.
 */
import type { PublicHook, PushMessage, RelayTransport } from '@hookline/core';
import type { Disposable } from '../lifecycle.js';

export class HookDirectory implements Disposable {
  private readonly hooks = new Map<number, PublicHook>();
  private readonly unsubscribe: () => void;

  constructor(private readonly transport: RelayTransport, private readonly log?: (line: string) => void) {
    this.unsubscribe = transport.onPush((message) => this.onPush(message));
  }

  list(): PublicHook[] {
    return [...this.hooks.values()].sort((a, b) => a.id - b.id);
  }

  get(hookId: number): PublicHook | undefined {
    return this.hooks.get(hookId);
  }

  async refresh(): Promise<PublicHook[]> {
    const { hooks } = await this.transport.request('hooks.list', {});
    this.hooks.clear();
    for (const hook of hooks) this.hooks.set(hook.id, hook);
    return this.list();
  }

  dispose(): void {
    this.unsubscribe();
  }

  private onPush(message: PushMessage): void {
    if (message.type === 'hello') {
      this.refresh().catch((error: unknown) => this.log?.(`Could not list hooks: ${error instanceof Error ? error.message : String(error)}`));
    } else if (message.type === 'hook.updated') {
      this.hooks.set(message.hook.id, message.hook);
    } else if (message.type === 'hook.deleted') {
      this.hooks.delete(message.hookId);
    }
  }
}
