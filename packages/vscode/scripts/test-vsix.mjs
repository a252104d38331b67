#!/usr/bin/env node
// The extension as a person gets it: packs the .vsix (vsce), installs it alone into a fresh code-server
// (`--install-extension`, a fresh HOME, an empty workspace, no `hookline` on PATH), and runs test/vsix/ in that
// extension host three times: starting the relay from the command palette (auto-start off); with the defaults,
// where the extension starts its bundled relay by itself (and again when that relay dies); and as a second window,
// which connects to the relay another window started and takes over when that window's relay goes away. The tests drive the installed extension from
// a throw-away test-driver extension; nothing of the repository is on their PATH or in their workspace.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTests } from '@vscode/test-electron';
import { hostPaths } from './host-paths.mjs';
import { cleanNpmEnv } from './host-install-env.mjs';
import { installExtension } from './vscode-host/code-server.mjs';
import { freePort } from './vscode-host/free-port.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const MAX_VSIX_BYTES = 5 * 1024 * 1024;
const fail = (message) => {
  console.error(`[test-vsix] ${message}`);
  process.exit(1);
};

const host = hostPaths();
if (!existsSync(host.readyMarker) || !existsSync(host.chromium)) fail('The test host is not installed: run "node scripts/install-host.mjs".');
const scratch = mkdtempSync(join(tmpdir(), 'hookline-vsix-'));
const vsix = join(scratch, 'hookline.vsix');

const packed = spawnSync(join(root, 'node_modules', '.bin', 'vsce'), ['package', '--no-dependencies', '--out', vsix], { cwd: root, stdio: 'inherit', env: cleanNpmEnv(process.env) });
if (packed.status !== 0 || !existsSync(vsix)) fail(`vsce package failed (exit ${packed.status}).`);
const bytes = statSync(vsix).size;
console.log(`[test-vsix] ${vsix}: ${(bytes / 1024 / 1024).toFixed(2)} MB`);
if (bytes >= MAX_VSIX_BYTES) fail(`the .vsix is ${(bytes / 1024 / 1024).toFixed(2)} MB; it must stay under 5 MB.`);

// A test-driver extension: the extensionTestsPath protocol needs a development extension; Hookline itself is
// only the installed .vsix.
const driver = join(scratch, 'driver');
mkdirSync(driver);
writeFileSync(join(driver, 'package.json'), JSON.stringify({ name: 'hookline-vsix-driver', publisher: 'hookline-tests', version: '0.0.0', engines: { vscode: '^1.101.0' } }));

/** "Another window's relay": the relay from the installed extension, started on Node 24 before this window opens. */
async function startOtherWindowsRelay({ extensions, env, port, home }) {
  const [folder] = readdirSync(extensions).filter((name) => name.startsWith('hookline.hookline-'));
  if (!folder) throw new Error(`no installed hookline extension in ${extensions}`);
  const cli = join(extensions, folder, 'dist', 'relay', 'hookline.mjs');
  const child = spawn(join(host.node24Bin, 'node'), [cli, 'relay', '--host', '127.0.0.1', '--port', String(port), '--data-dir', join(home, '.hookline'), '--json'], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  const ready = await new Promise((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', (line) => resolve(JSON.parse(line)));
    child.once('exit', (code) => reject(new Error(`the other window's relay exited with ${code}`)));
  });
  console.log(`[test-vsix] the other window's relay: pid ${ready.pid} at ${ready.url}`);
  return { extraEnv: { HOOKLINE_VSIX_OTHER_RELAY_PID: String(ready.pid) }, stop: () => child.kill('SIGTERM') };
}

async function scenario(name, settings, prepare) {
  const dir = join(scratch, name);
  const home = join(dir, 'home');
  const workspace = join(dir, 'workspace');
  const userData = join(dir, 'user-data');
  const extensions = join(dir, 'extensions');
  for (const path of [home, workspace]) mkdirSync(path, { recursive: true });
  // The machine's environment without the repository: no node_modules/.bin (where pnpm puts `hookline`) on
  // PATH, no npm or pnpm variables, and a HOME nobody has used.
  // The test host itself (code-server, Node 24) stays where install-host.mjs put it.
  const env = { ...cleanNpmEnv(process.env), HOME: home, HOOKLINE_VSCODE_HOST_CACHE: host.cache };
  delete env.HOOKLINE_HOME;
  console.log(`[test-vsix] ${name}: ${installExtension({ vsix, extensionsDir: extensions, userDataDir: userData, env })}`);
  const port = await freePort();
  const prepared = prepare ? await prepare({ extensions, env, port, home }) : { extraEnv: {}, stop: () => {} };
  const saved = { ...process.env };
  for (const key of Object.keys(process.env)) delete process.env[key];
  Object.assign(process.env, env);
  try {
    return await runTests({
      vscodeExecutablePath: join(root, 'scripts', 'vscode-host', 'code'),
      extensionDevelopmentPath: driver,
      extensionTestsPath: join(root, 'out', 'vsix', 'index.js'),
      launchArgs: [workspace, `--user-data-dir=${userData}`, `--extensions-dir=${extensions}`],
      extensionTestsEnv: {
        HOOKLINE_VSIX_SCENARIO: name,
        HOOKLINE_VSIX_HOME: home,
        HOOKLINE_VSIX_EXTENSIONS: extensions,
        HOOKLINE_TEST_RESULTS: join(root, 'test-results'),
        HOOKLINE_HOST_TMP: dir,
        HOOKLINE_HOST_TIMEOUT_MS: process.env.HOOKLINE_HOST_TIMEOUT_MS ?? '180000',
        HOOKLINE_HOST_SETTINGS: JSON.stringify({ 'hookline.relay.url': `http://127.0.0.1:${port}`, ...settings }),
        ...prepared.extraEnv,
      },
    });
  } catch (error) {
    console.error(`[test-vsix] ${name}: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    prepared.stop();
    for (const key of Object.keys(process.env)) delete process.env[key];
    Object.assign(process.env, saved);
  }
}

const started = Date.now();
const results = {
  palette: await scenario('palette', { 'hookline.relay.autoStart': false }),
  autostart: await scenario('autostart', {}),
  'second-window': await scenario('second-window', {}, startOtherWindowsRelay),
};
const failed = Object.entries(results).filter(([, code]) => code !== 0).map(([name]) => name);
console.log(`[test-vsix] ${failed.length === 0 ? 'passed' : `FAILED: ${failed.join(', ')}`} after ${((Date.now() - started) / 1000).toFixed(1)} s`);
if (failed.length === 0) rmSync(scratch, { recursive: true, force: true });
else console.error(`[test-vsix] scratch kept in ${scratch}`);
process.exit(failed.length === 0 ? 0 : 1);
