/**
 * How much each mode measures. Every load is bounded twice: by time and by a request cap.
 * full: the figures for the README (under 5 minutes on a 2-core machine); quick: the same under 60 s;
 * smoke: seconds, to check that the bench itself runs (its figures mean nothing).
 */
export const MODES = {
  full: {
    loopback: { warmupMs: 1500, durationMs: 6000 },
    throughput: { warmupMs: 2500, durationMs: 10_000 },
    latency: { rate: 2000, warmupMs: 2000, durationMs: 10_000 },
    log: { rows: 1_000_000, samples: 2000, deepPages: 500, sqlSamples: 5000 },
    startup: { runs: 7 },
    check: { runs: 7 },
    prune: { rows: 1_000_000 },
    frontends: { durationMs: 30_000 },
  },
  quick: {
    loopback: { warmupMs: 500, durationMs: 2000 },
    throughput: { warmupMs: 1000, durationMs: 3000 },
    latency: { rate: 2000, warmupMs: 700, durationMs: 3000 },
    log: { rows: 100_000, samples: 300, deepPages: 100, sqlSamples: 1000 },
    startup: { runs: 3 },
    check: { runs: 3 },
    prune: { rows: 100_000 },
    frontends: { durationMs: 10_000 },
  },
  smoke: {
    loopback: { warmupMs: 100, durationMs: 300 },
    throughput: { warmupMs: 100, durationMs: 400 },
    latency: { rate: 2000, warmupMs: 100, durationMs: 400 },
    log: { rows: 2000, samples: 20, deepPages: 10, sqlSamples: 50 },
    startup: { runs: 1 },
    check: { runs: 1 },
    prune: { rows: 2000 },
    frontends: { durationMs: 2000 },
  },
};

export const CONCURRENCY = 64;
/** Hard caps on requests per load, whatever the duration. */
export const MAX_REQUESTS = 2_000_000;
/** Deliveries in flight to the one hook: the same concurrency as the loopback limit. */
export const RELAY_MAX_IN_FLIGHT = 64;
/** How long the bench waits for the relay to deliver what it accepted. */
export const DRAIN_TIMEOUT_MS = 60_000;
