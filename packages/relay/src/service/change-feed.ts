/** The in-process feed of committed changes. A listener that throws is reported, never allowed to break the relay. */
import type { ChangeFeed, RelayChange } from './types.js';

export class ChangeHub implements ChangeFeed {
  private readonly listeners = new Set<(change: RelayChange) => void>();

  constructor(private readonly onError: (error: unknown) => void) {}

  subscribe(listener: (change: RelayChange) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  emit(change: RelayChange): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(change);
      } catch (error) {
        this.onError(error);
      }
    }
  }
}
