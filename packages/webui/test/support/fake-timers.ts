/** Timers the test advances by hand, for the shared client's timeouts (no waiting, no wall-clock tolerance). */
import type { Timers } from '../../src/client/index.js';

export class FakeTimers implements Timers {
  now = 0;
  private next = 1;
  private readonly due = new Map<number, { at: number; callback: () => void }>();

  setTimeout(callback: () => void, ms: number): unknown {
    const handle = this.next++;
    this.due.set(handle, { at: this.now + ms, callback });
    return handle;
  }

  clearTimeout(handle: unknown): void {
    this.due.delete(handle as number);
  }

  get pending(): number {
    return this.due.size;
  }

  /** Moves time on, firing what falls due, in order. */
  advance(ms: number): void {
    const until = this.now + ms;
    for (;;) {
      const [handle, timer] = [...this.due].sort((a, b) => a[1].at - b[1].at)[0] ?? [];
      if (handle === undefined || timer === undefined || timer.at > until) break;
      this.due.delete(handle);
      this.now = timer.at;
      timer.callback();
    }
    this.now = until;
  }
}
