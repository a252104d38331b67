/**
 * Reconnect delays for both sockets (the page's and the extension's): exponential from `initialMs`, capped at
 * `maxMs`, with ±`jitter` spread so many windows do not reconnect in step. The relay is local, so the cap is
 * short: a restarted relay is found within seconds.
 */
export interface BackoffOptions {
  initialMs: number;
  maxMs: number;
  /** 0..1: the fraction of the delay added or removed at random. */
  jitter: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { initialMs: 500, maxMs: 10_000, jitter: 0.2 };

/** The delay before reconnect attempt `attempt` (0 = the first retry after a drop). */
export function backoffDelay(attempt: number, options: BackoffOptions = DEFAULT_BACKOFF, random: () => number = Math.random): number {
  const exponent = Math.min(Math.max(0, Math.floor(attempt)), 30);
  const base = Math.min(options.maxMs, options.initialMs * 2 ** exponent);
  const spread = base * options.jitter * (random() * 2 - 1);
  return Math.max(0, Math.round(Math.min(options.maxMs, base + spread)));
}
