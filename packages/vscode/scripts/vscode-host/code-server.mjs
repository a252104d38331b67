// Starts code-server 4.139.1 (on Node 24) on 127.0.0.1 with throw-away settings, in its own process group so
// the whole tree (server, extension hosts, file watcher) can be stopped by its process id.
import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { hostPaths } from '../host-paths.mjs';

const BASE_SETTINGS = {
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'workbench.enableExperiments': false,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'chat.disableAIFeatures': true,
  'update.mode': 'none',
  'security.workspace.trust.enabled': false,
  'window.commandCenter': false,
};

/** Installs a .vsix the way a person does (`code-server --install-extension`), into the given extensions dir. */
export function installExtension({ vsix, extensionsDir, userDataDir, env = process.env }) {
  const paths = hostPaths();
  mkdirSync(extensionsDir, { recursive: true });
  const result = spawnSync(paths.codeServerBin, ['--extensions-dir', extensionsDir, '--user-data-dir', userDataDir, '--install-extension', vsix], {
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...env, PATH: `${paths.node24Bin}:${env.PATH}` },
  });
  if (result.status !== 0) throw new Error(`code-server --install-extension ${vsix} failed (${result.error?.message ?? `exit ${result.status}`}):\n${result.stdout}${result.stderr}`);
  return result.stdout.trim();
}

export async function startCodeServer({ port, root, userDataDir, extensionsDir, folder, settings = {}, env = {} }) {
  const paths = hostPaths();
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  writeFileSync(join(userDataDir, 'User', 'settings.json'), JSON.stringify({ ...BASE_SETTINGS, ...settings }, null, 1));
  const config = join(root, 'config.yaml');
  writeFileSync(config, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  const log = join(root, 'code-server.log');
  const child = spawn(
    paths.codeServerBin,
    ['--config', config, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, '--disable-telemetry', '--disable-update-check',
      '--disable-workspace-trust', '--disable-getting-started-override', '--reconnection-grace-time', '60', folder],
    {
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        ...env,
        PATH: `${paths.node24Bin}:${process.env.PATH}`,
        // Keep every request on this machine: the extension gallery (open-vsx by default) points at a dead loopback port.
        EXTENSIONS_GALLERY: JSON.stringify({ serviceUrl: 'http://127.0.0.1:9/gallery', itemUrl: 'http://127.0.0.1:9/items', resourceUrlTemplate: 'http://127.0.0.1:9/{publisher}/{name}/{version}/{path}' }),
        XDG_DATA_HOME: join(root, 'xdg-data'),
        XDG_CONFIG_HOME: join(root, 'xdg-config'),
      },
    },
  );
  child.stdout.on('data', (d) => appendFileSync(log, d));
  child.stderr.on('data', (d) => appendFileSync(log, d));
  let exited = false;
  child.on('exit', () => (exited = true));
  const stop = () => {
    if (exited || child.pid === undefined) return;
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {}
    setTimeout(() => {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {}
    }, 3000).unref();
  };
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (exited) throw new Error(`code-server exited at start; see ${log}`);
    try {
      const response = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (response.ok) return { url: `http://127.0.0.1:${port}`, log, stop, pid: child.pid };
    } catch {}
    await new Promise((r) => setTimeout(r, 200));
  }
  stop();
  throw new Error(`code-server did not answer /healthz within 60 s; see ${log}`);
}
