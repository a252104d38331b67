#!/usr/bin/env node
// Installs what the integration tests need to run a real VS Code extension host on this machine, once:
// Debian's Chromium (and the Kerberos headers code-server's native build needs), Node 24 and code-server from
// npm (Node 24 through scripts/ensure-node24.mjs, which the relay's tests and the bench share). Everything lands
// outside the repository (see host-paths.mjs); a finished install is remembered by a marker file, so later runs
// take milliseconds. Fails with a message that says what to do.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { ensureNode24 as ensureNode24Once } from '../../../scripts/ensure-node24.mjs';
import { CODE_SERVER_VERSION, NODE24_VERSION, hostPaths } from './host-paths.mjs';
import { codeServerInstallEnv } from './host-install-env.mjs';

const paths = hostPaths();
const log = (line) => console.log(`[install-host] ${line}`);

const RERUN = 'node packages/vscode/scripts/install-host.mjs';

function fail(message) {
  console.error(`[install-host] ${message}`);
  console.error(`[install-host] The VS Code host tests cannot run without it. Fix the cause above, then rerun: ${RERUN}`);
  process.exit(1);
}

function run(command, args, options = {}) {
  const started = Date.now();
  const result = spawnSync(command, args, { stdio: ['ignore', 'inherit', 'inherit'], timeout: 15 * 60_000, ...options });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.error) return { ok: false, detail: result.error.message, seconds };
  return { ok: result.status === 0, detail: `exit code ${result.status}`, seconds };
}

function ensureDebianPackages() {
  const missing = [];
  if (!existsSync(paths.chromium)) missing.push('chromium');
  const needsCodeServer = !existsSync(paths.readyMarker);
  if (needsCodeServer && !existsSync('/usr/include/gssapi/gssapi.h')) missing.push('libkrb5-dev');
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0) fail(`Missing ${missing.join(', ')}; run as root: apt-get update && apt-get install -y ${missing.join(' ')}`);
  log(`apt-get install ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const update = run('apt-get', ['update', '-q'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  if (!update.ok) fail(`apt-get update failed (${update.detail}); Debian's package mirror must be reachable.`);
  const install = run('apt-get', ['install', '-y', '-q', ...missing], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  if (!install.ok) fail(`apt-get install -y ${missing.join(' ')} failed (${install.detail}).`);
  log(`installed ${missing.join(', ')} in ${install.seconds} s`);
}

function ensureNode24() {
  try {
    // Always the cached copy, never $HOOKLINE_NODE24: code-server is built against its headers (node24Dir).
    ensureNode24Once({ log, env: { ...process.env, HOOKLINE_NODE24: '' } });
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
}

function ensureCodeServer() {
  if (existsSync(paths.readyMarker) && existsSync(paths.codeServerBin)) return;
  log(`npm install code-server@${CODE_SERVER_VERSION} under Node 24 (builds native modules; about 2 minutes)`);
  mkdirSync(paths.codeServerPrefix, { recursive: true });
  const env = codeServerInstallEnv(paths.node24Dir, paths.node24Bin);
  const result = run('npm', ['install', '--prefix', paths.codeServerPrefix, '--no-audit', '--no-fund', '--no-save', `code-server@${CODE_SERVER_VERSION}`], { env });
  if (!result.ok || !existsSync(paths.codeServerBin)) {
    rmSync(paths.codeServerPrefix, { recursive: true, force: true });
    fail(`Installing code-server ${CODE_SERVER_VERSION} under Node ${NODE24_VERSION} failed (${result.detail}); the npm output above says why.`);
  }
  writeFileSync(paths.readyMarker, `${new Date().toISOString()}\n`);
  log(`code-server ${CODE_SERVER_VERSION} ready in ${result.seconds} s`);
}

if (process.platform !== 'linux' || process.arch !== 'x64') {
  fail(`The integration host recipe needs linux-x64 (this is ${process.platform}-${process.arch}).`);
}
const started = Date.now();
ensureDebianPackages();
ensureNode24();
ensureCodeServer();
log(`host ready (${((Date.now() - started) / 1000).toFixed(1)} s): ${paths.cache}`);
