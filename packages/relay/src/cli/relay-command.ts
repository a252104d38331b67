/** `hookline relay`: runs the relay in the foreground until SIGINT/SIGTERM. */
import type { Command } from 'commander';
import { DEFAULT_SEND_TIMEOUT_MS, formatDurationOption, isHooklineError } from '@hookline/core';
import { defaultRelayOptions, parseIdOption, parseNumberOption, parseRetentionOption, parseSqliteDriverOption } from '../config.js';
import type { RelayOptions } from '../config.js';
import { createLogger } from '../log.js';
import { startRelay } from '../relay.js';
import { sqliteDriverLabel } from '../store/driver/sqlite-driver.js';

interface RelayFlags {
  host: string;
  port: string;
  dataDir?: string;
  timeScale: string;
  maxInFlight: string;
  companyId: string;
  json?: boolean;
  metricsPublic?: boolean;
  sqliteDriver?: string;
  recover?: boolean;
  retention: string;
}

export function registerRelayCommand(program: Command): void {
  const defaults = defaultRelayOptions();
  program
    .command('relay')
    .description('run the relay: API, WebSocket and webhook delivery')
    .option('--host <host>', 'address to listen on', defaults.host)
    .option('--port <port>', 'port to listen on (0 picks a free one)', String(defaults.port))
    .option('--time-scale <n>', 'make every retry-policy duration n times shorter, for testing', '1')
    .option('--max-in-flight <n>', 'deliveries in flight to one hook at once (1 = strict order)', String(defaults.maxInFlight))
    .option('--company-id <id>', 'the company this relay emulates', defaults.companyId)
    .option('--metrics-public', 'serve /metrics without the token (loopback addresses only)')
    .option('--sqlite-driver <name>', 'SQLite driver: node (node:sqlite, Node 22.13+) or better-sqlite3 (default: node where available)')
    .option('--retention <duration>', 'keep deliveries and events this long (e.g. 7d, 12h); 0 keeps everything', formatDurationOption(defaults.retentionMs))
    .option('--recover', 'if relay.db is damaged, set it aside (kept, renamed with the time) and start with a fresh one')
    .option('--json', 'machine-readable output: a ready line, then one JSON object per line')
    .action(async (flags: RelayFlags, command: Command) => {
      const globals = command.optsWithGlobals<{ dataDir?: string }>();
      const options: RelayOptions = {
        ...defaults,
        host: flags.host,
        port: parseNumberOption('port', flags.port, 0, 65535),
        dataDir: globals.dataDir ?? defaults.dataDir,
        timeScale: parseNumberOption('time-scale', flags.timeScale, 1, 1_000_000, false),
        maxInFlight: parseNumberOption('max-in-flight', flags.maxInFlight, 1, 256),
        companyId: parseIdOption('company-id', flags.companyId),
        json: Boolean(flags.json),
        metricsPublic: Boolean(flags.metricsPublic),
        sqliteDriver: flags.sqliteDriver === undefined ? defaults.sqliteDriver : parseSqliteDriverOption(flags.sqliteDriver),
        recover: Boolean(flags.recover),
        retentionMs: parseRetentionOption(flags.retention),
      };
      const logger = createLogger({ json: options.json });
      // Signal handlers go in before the ready line: whoever reads it may stop us at once. The first SIGINT or
      // SIGTERM stops gracefully (attempts in flight finish, up to the send timeout, and are recorded); a second
      // one stops at once.
      let stopRequested: () => void = () => {};
      const stopped = new Promise<void>((resolve) => (stopRequested = resolve));
      let stopping = false;
      const stop = (signal: NodeJS.Signals): void => {
        if (stopping) {
          logger.warn(`${signal} again: stopping at once; attempts still in flight are not recorded and are sent again at the next start.`);
          process.exit(signal === 'SIGINT' ? 130 : 143);
        }
        stopping = true;
        stopRequested();
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
      const relay = await startRelay(options, logger).catch((error: unknown) => {
        // Tools reading --json (the VS Code extension) learn why from a line like the ready line.
        if (options.json && isHooklineError(error)) process.stdout.write(`${JSON.stringify({ event: 'error', code: error.code, message: error.message, ...(error.details as object | undefined) })}\n`);
        throw error;
      });
      if (options.json) {
        const ready = { event: 'ready', url: relay.url, ws: relay.wsUrl, dataDir: relay.dataDir, version: relay.version, sqliteDriver: relay.sqliteDriver, pid: process.pid };
        process.stdout.write(`${JSON.stringify(ready)}\n`);
      } else {
        logger.info(`Hookline relay ${relay.version} ready at ${relay.url} (SQLite: ${sqliteDriverLabel(relay.sqliteDriver)})`);
        logger.info(`  WebSocket ${relay.wsUrl}`);
        logger.info(`  data dir  ${relay.dataDir} (token in ${relay.dataDir}/token)`);
        logger.info(`  retention ${options.retentionMs === 0 ? 'none: everything is kept' : `${formatDurationOption(options.retentionMs)}: older deliveries and events are pruned`}`);
        if (options.timeScale !== 1) logger.info(`  time scale ${options.timeScale}x: retry delays are ${options.timeScale} times shorter`);
        logger.info('Waiting for events. Ctrl-C to stop.');
      }
      await stopped;
      logger.info(`Stopping: finishing the attempts in flight (up to ${Math.round(DEFAULT_SEND_TIMEOUT_MS / 1000)} s) and recording them; signal again to stop at once.`);
      await relay.close();
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
    });
}
