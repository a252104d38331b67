/** Runs the built `hookline relay --json` as a child process, as a user would, and reads its output. */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { fixtureDriver } from './sqlite-drivers.js';

export const HOOKLINE_BIN = join(fileURLToPath(new URL('.', import.meta.url)), '..', '..', 'bin', 'hookline.js');

export interface RelayProcess {
  child: ChildProcess;
  url: string;
  token: string;
  /** Every stdout and stderr line so far. */
  lines: string[];
  /** Resolves with the exit code or signal. */
  exited: Promise<number | string | null>;
  peakRssBytes(): number;
  api(path: string, init?: RequestInit & { json?: unknown }): Promise<Response>;
}

export async function spawnRelay(dataDir: string, args: string[] = []): Promise<RelayProcess> {
  const driver = fixtureDriver();
  const driverArgs = driver === 'auto' || args.includes('--sqlite-driver') ? [] : ['--sqlite-driver', driver];
  const child = spawn(process.execPath, [HOOKLINE_BIN, 'relay', '--json', '--port', '0', '--data-dir', dataDir, ...driverArgs, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const exited = new Promise<number | string | null>((resolve) => child.once('exit', (code, signal) => resolve(signal ?? code)));
  createInterface({ input: child.stderr! }).on('line', (line) => lines.push(line));
  const stdout = createInterface({ input: child.stdout! });
  const ready = await new Promise<{ url: string }>((resolve, reject) => {
    const onLine = (line: string): void => {
      lines.push(line);
      try {
        const parsed = JSON.parse(line) as { event?: string; url?: string };
        if (parsed.event === 'ready' && parsed.url) resolve({ url: parsed.url });
      } catch {
        // a log line before ready; keep waiting
      }
    };
    stdout.on('line', onLine);
    void exited.then((code) => reject(new Error(`relay exited (${String(code)}) before ready:\n${lines.join('\n')}`)));
  });
  const token = readFileSync(join(dataDir, 'token'), 'utf8').trim();
  let peak = 0;
  const sampler = setInterval(() => {
    try {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      const match = /VmHWM:\s+(\d+) kB/.exec(status);
      if (match) peak = Math.max(peak, Number(match[1]) * 1024);
    } catch {
      // process gone
    }
  }, 100);
  sampler.unref();
  void exited.then(() => clearInterval(sampler));
  return {
    child,
    url: ready.url,
    token,
    lines,
    exited,
    peakRssBytes: () => peak,
    api: (path, init = {}) => {
      const { json, headers, ...rest } = init;
      return fetch(`${ready.url}${path}`, {
        ...rest,
        headers: {
          authorization: `Bearer ${token}`,
          ...(json === undefined ? {} : { 'content-type': 'application/json' }),
          ...(headers as Record<string, string> | undefined),
        },
        body: json === undefined ? rest.body : JSON.stringify(json),
      });
    },
  };
}

export async function stopRelay(relay: RelayProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (relay.child.exitCode !== null || relay.child.signalCode !== null) return;
  relay.child.kill(signal);
  await relay.exited;
}

/** Runs `hookline ...args` to its end (a relay that is refused, `doctor`): exit code and every line. */
export function runHookline(args: string[], timeoutMs = 15_000): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [HOOKLINE_BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`hookline ${args.join(' ')} still ran after ${timeoutMs} ms:\n${stdout}\n${stderr}`));
    }, timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** Resolves once the relay has printed a line matching `pattern` (lines after the ready line arrive a moment later). */
export async function waitForLine(relay: RelayProcess, pattern: RegExp, timeoutMs = 5000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const line = relay.lines.find((candidate) => pattern.test(candidate));
    if (line !== undefined) return line;
    if (Date.now() > deadline) throw new Error(`no line matching ${pattern} within ${timeoutMs} ms:\n${relay.lines.join('\n')}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
