/**
 * The in-process feed of committed changes. A listener that throws is reported, never allowed to break the relay.
 * A change emitted while listeners are still hearing another one waits until they all have, so every listener
 * hears changes in the order they happened (a `hook.health` after the attempt that caused it).
 */
import type { ChangeFeed, RelayChange } from './types.js';

export class ChangeHub implements ChangeFeed {
  private readonly listeners = new Set<(change: RelayChange) => void>();
  private readonly queued: RelayChange[] = [];
  private emitting = false;

  constructor(private readonly onError: (error: unknown) => void) {}

  subscribe(listener: (change: RelayChange) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  emit(change: RelayChange): void {
    this.queued.push(change);
    if (this.emitting) return;
    this.emitting = true;
    try {
      for (let next = this.queued.shift(); next !== undefined; next = this.queued.shift()) this.tell(next);
    } finally {
      this.emitting = false;
    }
  }

  private tell(change: RelayChange): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(change);
      } catch (error) {
        this.onError(error);
      }
    }
  }
}
