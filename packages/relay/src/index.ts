/**
 * The relay as a library, for programs that embed it (the VS Code extension's tests, benchmarks, a user's own
 * test harness): start a relay in-process, with the same options and logger the `hookline relay` command uses.
 */
export { startRelay } from './relay.js';
export type { RunningRelay } from './relay.js';
export { defaultRelayOptions, validateRelayOptions, DEFAULT_PORT } from './config.js';
export type { RelayOptions } from './config.js';
export { createLogger } from './log.js';
export type { Logger, LoggerOptions } from './log.js';
export { defaultDataDir, readToken } from './data-dir.js';
export { runCli } from './cli/program.js';
export { RELAY_VERSION } from './version.js';
