/**
 * The two timer functions the client needs, typed here so the client compiles without the DOM or Node typings
 * (it runs in both). Tests pass their own to run timeouts without waiting.
 */
export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const host = globalThis as unknown as Timers;

export const systemTimers: Timers = {
  setTimeout: (callback, ms) => host.setTimeout(callback, ms),
  clearTimeout: (handle) => host.clearTimeout(handle),
};
