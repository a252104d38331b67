/**
 * Runs `hookline relay --json` as a child process (relay-launch.ts says which one and how), reads the first stdout line
 * (`{"event":"ready","url",...}`) to learn where the relay listens, and turns the JSON log lines that follow
 * into the friendly lines a person expects (`--> RFIs.update …`, `<-- 200 POST … (12 ms)`).
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { stopPlan } from './relay-launch.js';
import type { RelayLaunch } from './relay-launch.js';

export interface ReadyInfo {
  url: string;
  ws: string;
  dataDir: string;
  version: string;
  /** The SQLite driver the relay runs on; empty when the relay does not say. */
  sqliteDriver: string;
  /** The relay's process id; null when the relay does not say. */
  pid: number | null;
}

/** The relay did not become ready; `output` is what it said last (e.g. that its port is taken). */
export class RelayStartError extends Error {
  constructor(message: string, readonly output: readonly string[]) {
    super(message);
    this.name = 'RelayStartError';
  }

  /** Another relay already listens where this one was to start: connect to it instead. */
  get portTaken(): boolean {
    return this.output.some((line) => /already in use/i.test(line));
  }

  /** Another relay already runs on this data dir (HOOKLINE_ERR_DATA_DIR_IN_USE): connect to it instead. */
  get dataDirHeld(): boolean {
    return this.output.some((line) => line.includes(DATA_DIR_IN_USE));
  }

  /** A relay is already there, by its port or by its data dir. */
  get relayAlreadyThere(): boolean {
    return this.portTaken || this.dataDirHeld;
  }
}

export function parseReadyLine(line: string): ReadyInfo | null {
  try {
    const value = JSON.parse(line) as Partial<ReadyInfo> & { event?: string };
    if (value.event !== 'ready' || typeof value.url !== 'string') return null;
    return { url: value.url, ws: String(value.ws ?? ''), dataDir: String(value.dataDir ?? ''), version: String(value.version ?? ''), sqliteDriver: String(value.sqliteDriver ?? ''), pid: typeof value.pid === 'number' ? value.pid : null };
  } catch {
    return null;
  }
}

const DATA_DIR_IN_USE = 'HOOKLINE_ERR_DATA_DIR_IN_USE';

/** A JSON log line as people read it; anything else unchanged. A refusal (`{"event":"error","code",...}`) keeps its code. */
export function formatLogLine(line: string): string {
  try {
    const value = JSON.parse(line) as { level?: unknown; message?: unknown; event?: unknown; code?: unknown };
    if (typeof value.message !== 'string') return line;
    if (value.event === 'error' && typeof value.code === 'string') return `error: ${value.message} (${value.code})`;
    return value.level === 'warn' || value.level === 'error' ? `${value.level}: ${value.message}` : value.message;
  } catch {
    return line;
  }
}

export interface RelayProcessHandlers {
  onReady(info: ReadyInfo): void;
  onLine(text: string, stream: 'stdout' | 'stderr'): void;
  onExit(code: number | null, signal: NodeJS.Signals | null, error?: Error): void;
}

export interface RelayProcess {
  readonly pid: number | undefined;
  stop(): void;
}

export function startRelayProcess(launch: RelayLaunch, args: string[], handlers: RelayProcessHandlers, env: NodeJS.ProcessEnv = process.env): RelayProcess {
  const child = spawn(launch.command, [...launch.prefix, ...args], {
    env: { ...env, ...launch.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    shell: launch.shell,
    windowsHide: true,
  });
  let ready = false;
  let exited = false;
  createInterface({ input: child.stdout }).on('line', (line) => {
    if (!ready) {
      const info = parseReadyLine(line);
      if (info) {
        ready = true;
        handlers.onReady(info);
        return;
      }
    }
    handlers.onLine(formatLogLine(line), 'stdout');
  });
  createInterface({ input: child.stderr }).on('line', (line) => handlers.onLine(formatLogLine(line), 'stderr'));
  child.on('error', (error) => {
    if (exited) return;
    exited = true;
    handlers.onExit(null, null, error);
  });
  child.on('exit', (code, signal) => {
    if (exited) return;
    exited = true;
    handlers.onExit(code, signal);
  });
  return {
    pid: child.pid,
    stop: () => {
      if (exited || child.pid === undefined) return;
      const plan = stopPlan(process.platform, child.pid, launch.shell);
      if ('signal' in plan) child.kill(plan.signal);
      else spawn(plan.command, plan.args, { stdio: 'ignore', windowsHide: true }).on('error', () => child.kill());
    },
  };
}
