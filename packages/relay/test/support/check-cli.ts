/** Runs the built `hookline` (and `hookline check`) as a user or a CI job would, bounded in time, and reads what it printed. */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HOOKLINE_BIN } from './relay-process.js';

export interface CheckCliResult {
  code: number | null;
  stdout: string;
  stderr: string;
  lines: string[];
}

/** The built `hookline` with these arguments, bounded in time: its exit code and what it printed. */
export function runBuiltCli(args: string[], timeoutMs = 20_000, env: NodeJS.ProcessEnv = process.env): Promise<CheckCliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [HOOKLINE_BIN, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`hookline ${args.join(' ')} ran over ${timeoutMs} ms:\n${stdout}\n${stderr}`));
    }, timeoutMs);
    child.once('error', reject);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, lines: stdout.split('\n').filter((l) => l !== '') });
    });
  });
}

export function runCheckCli(args: string[], timeoutMs = 20_000, env: NodeJS.ProcessEnv = process.env): Promise<CheckCliResult> {
  return runBuiltCli(['check', ...args], timeoutMs, env);
}

/** A temp dir for scenario files and JUnit output, removed by `remove`. */
export function scratchDir(): { dir: string; file(name: string, content?: unknown): string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'hookline-check-test-'));
  return {
    dir,
    file(name, content) {
      const path = join(dir, name);
      if (content !== undefined) writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
      return path;
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** The body of a delivery as a plain object (ids as JS numbers are fine for the fields tests look at). */
export function payloadOf(body: Buffer): Record<string, unknown> {
  return JSON.parse(body.toString('utf8')) as Record<string, unknown>;
}
