/** The attempts in flight, so that close() can wait for them to finish, up to a grace period on the clock. */
import type { Clock } from './clock.js';
import { HeadTimer } from './head-timer.js';

export class AttemptTracker {
  private readonly running = new Set<Promise<unknown>>();

  constructor(private readonly clock: Clock) {}

  track<T>(promise: Promise<T>): Promise<T> {
    this.running.add(promise);
    const forget = (): void => void this.running.delete(promise);
    promise.then(forget, forget);
    return promise;
  }

  /** Resolves once every attempt tracked now has settled, or `graceMs` later on the clock, whichever comes first. */
  async settle(graceMs: number): Promise<void> {
    if (this.running.size === 0) return;
    const grace = new HeadTimer(this.clock);
    await Promise.race([Promise.allSettled([...this.running]), grace.sleep(graceMs)]);
    grace.cancel();
  }
}
