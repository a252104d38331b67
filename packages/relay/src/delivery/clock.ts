/** Time as the engine sees it: injected so a test can run 12 hours of retries in no time (test/delivery-engine.test.ts). */

export type TimerHandle = unknown;

export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
  /** Calls `fn` once `delayMs` have passed on this clock (it may call early: callers check `now`). */
  setTimer(fn: () => void, delayMs: number): TimerHandle;
  clearTimer(handle: TimerHandle): void;
}

/** Node's own timers, with an optional replacement for `now`. Timers never hold the process open. */
export function systemClock(now: () => number = Date.now): Clock {
  return {
    now,
    setTimer: (fn, delayMs) => {
      // setTimeout caps at 2^31-1 ms; a longer wait is re-checked by whoever set it.
      const timer = setTimeout(fn, Math.min(Math.max(0, delayMs), 2_147_483_647));
      timer.unref();
      return timer;
    },
    clearTimer: (handle) => clearTimeout(handle as NodeJS.Timeout),
  };
}
