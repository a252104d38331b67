// Understands the arguments @vscode/test-electron passes to a VS Code executable (--extensionDevelopmentPath=,
// --extensionTestsPath=, --user-data-dir=, --extensions-dir=, a folder) and runs the tests in code-server instead:
// free loopback ports, throw-away data dirs, the UI driver's URL in the extension host's environment, and
// everything stopped by process group at the end. Exit code = the tests' exit code.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startCodeServer } from './code-server.mjs';
import { freePort } from './free-port.mjs';
import { runWorkbench } from './workbench.mjs';
import { CODE_SERVER_VERSION } from '../host-paths.mjs';

const args = process.argv.slice(2);
if (args.includes('--version')) {
  console.log(`1.139.1\ncode-server-${CODE_SERVER_VERSION}\nx64`);
  process.exit(0);
}
const option = (name) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const devPath = option('extensionDevelopmentPath');
const testsPath = option('extensionTestsPath');
if (!devPath || !testsPath) {
  console.error('[vscode-host] expected --extensionDevelopmentPath= and --extensionTestsPath= (this shim only runs extension tests).');
  process.exit(2);
}
const root = mkdtempSync(join(process.env.HOOKLINE_HOST_TMP || tmpdir(), 'hookline-vscode-host-'));
const folder = resolve(args.find((a) => !a.startsWith('-')) ?? mkdtempSync(join(root, 'workspace-')));
const results = resolve(process.env.HOOKLINE_TEST_RESULTS || join(root, 'results'));
const timeoutMs = Number(process.env.HOOKLINE_HOST_TIMEOUT_MS || 300_000);
let settings = {};
try {
  settings = JSON.parse(process.env.HOOKLINE_HOST_SETTINGS || '{}');
} catch {
  console.error('[vscode-host] HOOKLINE_HOST_SETTINGS is not JSON; ignored.');
}

let server;
const cleanup = () => server?.stop();
process.on('exit', cleanup);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(130));

let code = 1;
try {
  const [port, driverPort] = [await freePort(), await freePort()];
  server = await startCodeServer({
    port,
    root,
    userDataDir: option('user-data-dir') ?? join(root, 'user-data'),
    extensionsDir: option('extensions-dir') ?? join(root, 'extensions'),
    folder,
    settings,
    env: { HOOKLINE_UI_DRIVER_URL: `http://127.0.0.1:${driverPort}` },
  });
  console.log(`[vscode-host] code-server ${CODE_SERVER_VERSION} at ${server.url} (log ${server.log})`);
  code = await runWorkbench({ baseUrl: server.url, devPath: resolve(devPath), testsPath: resolve(testsPath), folder, root, results, driverPort, timeoutMs });
} catch (error) {
  console.error(`[vscode-host] ${error instanceof Error ? error.message : String(error)}`);
  code = 1;
} finally {
  cleanup();
  server = undefined;
}
if (code === 0) setTimeout(() => rmSync(root, { recursive: true, force: true }), 500);
else console.error(`[vscode-host] logs kept in ${root}`);
setTimeout(() => process.exit(code), 700);
