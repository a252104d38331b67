#!/usr/bin/env node
// Runs the pinned pnpm (from package.json "packageManager") without requiring a global install:
// a fresh machine has only Node and npm, so pnpm comes through npx and npm's cache.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { packageManager } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const pnpmSpec = String(packageManager).split('+')[0];

export function runPnpm(args, options = {}) {
  const result = spawnSync('npx', ['--yes', pnpmSpec, ...args], {
    cwd: options.cwd ?? root,
    stdio: 'inherit',
    env: { ...process.env, npm_config_update_notifier: 'false' },
  });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exit(runPnpm(process.argv.slice(2)));
}
