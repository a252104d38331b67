#!/usr/bin/env node
// Runs the integration tests in a real VS Code extension host: @vscode/test-electron's runTests with
// vscodeExecutablePath pointing at the code-server shim (scripts/vscode-host/code). The tests start their own
// relay (the built CLI, a free port, a temp data dir) and receiver on 127.0.0.1. Needs `npm run build` first and
// the host from install-host.mjs. Screenshots land in packages/vscode/test-results/ (git-ignored).
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTests } from '@vscode/test-electron';
import { freePort } from './vscode-host/free-port.mjs';
import { hostPaths } from './host-paths.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const repo = join(root, '..', '..');
const fail = (message) => {
  console.error(`[test-integration] ${message}`);
  process.exit(1);
};

const required = {
  'dist/extension.js': join(root, 'dist', 'extension.js'),
  'dist/webview/main.js': join(root, 'dist', 'webview', 'main.js'),
  'out/integration/index.js': join(root, 'out', 'integration', 'index.js'),
  'packages/relay/dist/cli.js': join(repo, 'packages', 'relay', 'dist', 'cli.js'),
};
for (const [name, path] of Object.entries(required)) {
  if (!existsSync(path)) fail(`${name} is missing: run "npm run build" at the repository root first.`);
}
const host = hostPaths();
if (!existsSync(host.readyMarker) || !existsSync(host.chromium)) fail('The test host is not installed: run "node scripts/install-host.mjs".');

const results = join(root, 'test-results');
mkdirSync(results, { recursive: true });
const scratch = mkdtempSync(join(tmpdir(), 'hookline-it-'));
const workspace = join(scratch, 'workspace');
mkdirSync(workspace);
// Nothing listens on this port, so the extension starts out "Not running" whatever runs on 4545 here.
const idlePort = await freePort();
const started = Date.now();
// A last resort if the host hangs past its own timeouts (the shim stops code-server by process group on exit).
const budgetMs = Number(process.env.HOOKLINE_HOST_TIMEOUT_MS ?? 300_000) + 120_000;
setTimeout(() => fail(`the integration run exceeded ${Math.round(budgetMs / 1000)} s; scratch kept in ${scratch}`), budgetMs).unref();
let code = 1;
try {
  code = await runTests({
    vscodeExecutablePath: join(root, 'scripts', 'vscode-host', 'code'),
    extensionDevelopmentPath: root,
    extensionTestsPath: join(root, 'out', 'integration', 'index.js'),
    launchArgs: [workspace, `--user-data-dir=${join(scratch, 'user-data')}`, `--extensions-dir=${join(scratch, 'extensions')}`],
    extensionTestsEnv: {
      HOOKLINE_TEST_NODE: process.execPath,
      HOOKLINE_REPO_ROOT: repo,
      HOOKLINE_TEST_RESULTS: results,
      HOOKLINE_HOST_TMP: scratch,
      HOOKLINE_HOST_TIMEOUT_MS: process.env.HOOKLINE_HOST_TIMEOUT_MS ?? '300000',
      HOOKLINE_HOST_SETTINGS: JSON.stringify({
        'hookline.relay.url': `http://127.0.0.1:${idlePort}`,
        'hookline.relay.dataDir': join(scratch, 'no-relay-here'),
        // These specs start and stop relays themselves; scripts/test-vsix.mjs covers auto-start.
        'hookline.relay.autoStart': false,
      }),
    },
  });
} catch (error) {
  console.error(`[test-integration] ${error instanceof Error ? error.message : String(error)}`);
  code = typeof error === 'number' ? error : 1;
}
console.log(`[test-integration] exit code ${code} after ${((Date.now() - started) / 1000).toFixed(1)} s; screenshots in ${results}`);
if (code === 0) rmSync(scratch, { recursive: true, force: true });
else console.error(`[test-integration] scratch kept in ${scratch}`);
process.exit(code === 0 ? 0 : 1);
