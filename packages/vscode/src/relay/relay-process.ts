/**
 * Runs `hookline relay --json` as a child process: resolves the CLI, reads the first stdout line
 * (`{"event":"ready","url",...}`) to learn where the relay listens, and turns the JSON log lines that follow
 * into the friendly lines a person expects (`--> RFIs.update …`, `<-- 200 POST … (12 ms)`).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export interface ReadyInfo {
  url: string;
  ws: string;
  dataDir: string;
  version: string;
}

export interface CliCommand {
  command: string;
  /** Arguments that come before `relay` (e.g. a script path when the command is node). */
  prefix: string[];
}

export function resolveCli(setting: string, workspaceFolders: readonly string[]): CliCommand {
  if (setting.trim() !== '') {
    const path = setting.trim();
    return /\.(m?js|cjs)$/.test(path) ? { command: process.execPath, prefix: [path] } : { command: path, prefix: [] };
  }
  for (const folder of workspaceFolders) {
    const local = join(folder, 'node_modules', '.bin', 'hookline');
    if (existsSync(local)) return { command: local, prefix: [] };
  }
  return { command: 'hookline', prefix: [] };
}

export function relayArgs(baseUrl: string, dataDir: string): string[] {
  const url = new URL(baseUrl);
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  return ['relay', '--host', host, '--port', port, '--data-dir', dataDir, '--json'];
}

export function parseReadyLine(line: string): ReadyInfo | null {
  try {
    const value = JSON.parse(line) as Partial<ReadyInfo> & { event?: string };
    if (value.event !== 'ready' || typeof value.url !== 'string') return null;
    return { url: value.url, ws: String(value.ws ?? ''), dataDir: String(value.dataDir ?? ''), version: String(value.version ?? '') };
  } catch {
    return null;
  }
}

/** A JSON log line as people read it; anything else unchanged. */
export function formatLogLine(line: string): string {
  try {
    const value = JSON.parse(line) as { level?: unknown; message?: unknown };
    if (typeof value.message !== 'string') return line;
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

export function startRelayProcess(cli: CliCommand, args: string[], handlers: RelayProcessHandlers, env: NodeJS.ProcessEnv = process.env): RelayProcess {
  const child = spawn(cli.command, [...cli.prefix, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'], shell: process.platform === 'win32' });
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
      if (!exited && child.pid !== undefined) child.kill('SIGTERM');
    },
  };
}
