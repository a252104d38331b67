/**
 * One wait on the engine's Clock for a time of day (epoch ms): a hook queue's next try of its head, or the grace
 * period of close(). A timer may fire early (setTimeout caps its delay, and a clock need not be the system's),
 * so it checks the clock when it fires and waits again for what is left.
 */
import type { Clock, TimerHandle } from './clock.js';

export class HeadTimer {
  private handle: TimerHandle | null = null;
  private at = 0;
  private fire: (() => void) | null = null;
  private readonly onTimer = (): void => {
    this.handle = null;
    if (this.clock.now() < this.at) {
      this.arm();
      return;
    }
    const fire = this.fire;
    this.fire = null;
    fire?.();
  };

  constructor(private readonly clock: Clock) {}

  get pending(): boolean {
    return this.fire !== null;
  }

  /** Calls `fire` once the clock reaches `at`; replaces any earlier wait. */
  set(at: number, fire: () => void): void {
    this.cancel();
    this.at = at;
    this.fire = fire;
    this.arm();
  }

  cancel(): void {
    if (this.handle !== null) this.clock.clearTimer(this.handle);
    this.handle = null;
    this.fire = null;
  }

  /** Resolves once `ms` have passed on the clock; `cancel` leaves it unresolved. */
  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => this.set(this.clock.now() + ms, resolve));
  }

  private arm(): void {
    this.handle = this.clock.setTimer(this.onTimer, Math.max(0, this.at - this.clock.now()));
  }
}
