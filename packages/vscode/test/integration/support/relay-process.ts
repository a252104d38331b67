/**
 * A real relay for the tests: the built CLI (`packages/relay/dist/cli.js relay --json`) on 127.0.0.1 with a
 * temp data dir, started and stopped by process id, plus a small client for its HTTP API.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { testEnv } from './env.js';

export interface RelayHandle {
  url: string;
  port: number;
  dataDir: string;
  lines: string[];
  stop(): Promise<void>;
  api<T = unknown>(method: string, path: string, body?: unknown): Promise<T>;
}

export function cliPath(): string {
  return join(testEnv.repoRoot(), 'packages', 'relay', 'dist', 'cli.js');
}

export async function startRelay(options: { port: number; dataDir: string; timeScale?: number }): Promise<RelayHandle> {
  const args = [cliPath(), 'relay', '--host', '127.0.0.1', '--port', String(options.port), '--data-dir', options.dataDir, '--json', '--time-scale', String(options.timeScale ?? 10)];
  const child: ChildProcess = spawn(testEnv.node(), args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.stderr?.on('data', (d: Buffer) => lines.push(d.toString()));
  const ready = await new Promise<{ url: string }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`relay did not print its ready line within 15 s: ${lines.join('')}`)), 15_000);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      lines.push(line);
      if (line.startsWith('{"event":"ready"')) {
        clearTimeout(timer);
        resolve(JSON.parse(line) as { url: string });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`relay exited (${code}) before it was ready: ${lines.join('\n')}`));
    });
  });
  const token = readFileSync(join(options.dataDir, 'token'), 'utf8').trim();
  return {
    url: ready.url,
    port: options.port,
    dataDir: options.dataDir,
    lines,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
    api: async <T>(method: string, path: string, body?: unknown): Promise<T> => {
      const response = await fetch(`${ready.url}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(10_000),
      });
      const text = await response.text();
      if (!response.ok) throw new Error(`${method} ${path} → ${response.status} ${text}`);
      return JSON.parse(text) as T;
    },
  };
}
