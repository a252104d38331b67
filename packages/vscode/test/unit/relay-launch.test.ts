import assert from 'node:assert/strict';
import { describeLaunch, relayArgs, resolveRelayLaunch, stopPlan, workspaceCliCandidates } from '../../src/relay/relay-launch.js';
import type { LaunchContext } from '../../src/relay/relay-launch.js';
import { resolveDataDir } from '../../src/relay/relay-endpoint.js';
import { noNodeSqliteMessage, runtimeHasNodeSqlite } from '../../src/relay/runtime-support.js';

function context(platform: NodeJS.Platform, existing: string[] = []): LaunchContext {
  const execPath = platform === 'win32' ? 'C:\\Program Files\\Microsoft VS Code\\Code.exe' : platform === 'darwin' ? '/Applications/Visual Studio Code.app/Contents/MacOS/Electron' : '/usr/share/code/code';
  const bundledCli = platform === 'win32' ? 'C:\\Users\\dev\\.vscode\\extensions\\hookline.hookline-0.1.0\\dist\\relay\\hookline.mjs' : '/home/dev/.vscode/extensions/hookline.hookline-0.1.0/dist/relay/hookline.mjs';
  return { platform, execPath, bundledCli, exists: (path) => existing.includes(path) };
}

describe('which relay Start Relay runs', () => {
  for (const platform of ['linux', 'darwin', 'win32'] as const) {
    describe(`on ${platform}`, () => {
      it('runs the bundled relay with VS Code’s own runtime as Node when nothing else is set', () => {
        const ctx = context(platform);
        const launch = resolveRelayLaunch('', [platform === 'win32' ? 'C:\\work\\app' : '/work/app'], ctx);
        assert.deepEqual(launch, { source: 'bundled', command: ctx.execPath, prefix: [ctx.bundledCli], env: { ELECTRON_RUN_AS_NODE: '1' }, shell: false });
      });

      it('prefers a workspace CLI, and the setting over both', () => {
        const folder = platform === 'win32' ? 'C:\\work\\app' : '/work/app';
        const local = workspaceCliCandidates(folder, platform)[0] as string;
        const ctx = context(platform, [local]);
        const workspace = resolveRelayLaunch('', [folder], ctx);
        assert.equal(workspace.source, 'workspace');
        assert.equal(workspace.command, local);
        assert.equal(workspace.shell, platform === 'win32', 'only a Windows .cmd shim needs a shell');
        const fromSetting = resolveRelayLaunch(platform === 'win32' ? 'C:\\tools\\hookline.exe' : '/opt/hookline/bin/hookline', [folder], ctx);
        assert.equal(fromSetting.source, 'setting');
        assert.equal(fromSetting.shell, false);
      });

      it('runs a .js or .mjs setting with the runtime as Node, never a second editor window', () => {
        const ctx = context(platform);
        const launch = resolveRelayLaunch(platform === 'win32' ? 'C:\\relay\\hookline.mjs' : '/relay/hookline.mjs', [], ctx);
        assert.equal(launch.command, ctx.execPath);
        assert.equal(launch.env.ELECTRON_RUN_AS_NODE, '1');
      });
    });
  }

  it('looks for npm’s shims by each platform’s name and separator', () => {
    assert.deepEqual(workspaceCliCandidates('/work/app', 'linux'), ['/work/app/node_modules/.bin/hookline']);
    assert.deepEqual(workspaceCliCandidates('/work/app', 'darwin'), ['/work/app/node_modules/.bin/hookline']);
    assert.deepEqual(workspaceCliCandidates('C:\\work\\app', 'win32'), ['C:\\work\\app\\node_modules\\.bin\\hookline.cmd', 'C:\\work\\app\\node_modules\\.bin\\hookline.exe']);
  });

  it('stops by signal, or the whole tree with taskkill where Windows ran a shell', () => {
    assert.deepEqual(stopPlan('linux', 42, false), { signal: 'SIGTERM' });
    assert.deepEqual(stopPlan('darwin', 42, false), { signal: 'SIGTERM' });
    assert.deepEqual(stopPlan('win32', 42, false), { signal: 'SIGTERM' });
    assert.deepEqual(stopPlan('win32', 42, true), { command: 'taskkill', args: ['/pid', '42', '/T', '/F'] });
  });

  it('shows the command line quoted for the person’s shell', () => {
    const ctx = context('win32');
    const launch = resolveRelayLaunch('', [], ctx);
    assert.equal(
      describeLaunch(launch, ['relay', '--port', '4545'], 'win32'),
      'set ELECTRON_RUN_AS_NODE=1&& "C:\\Program Files\\Microsoft VS Code\\Code.exe" C:\\Users\\dev\\.vscode\\extensions\\hookline.hookline-0.1.0\\dist\\relay\\hookline.mjs relay --port 4545',
    );
    assert.equal(
      describeLaunch(resolveRelayLaunch('', [], context('darwin')), ['relay'], 'darwin'),
      "ELECTRON_RUN_AS_NODE=1 '/Applications/Visual Studio Code.app/Contents/MacOS/Electron' /home/dev/.vscode/extensions/hookline.hookline-0.1.0/dist/relay/hookline.mjs relay",
    );
  });

  it('passes host and port from the URL, IPv6 unbracketed', () => {
    assert.deepEqual(relayArgs('http://[::1]:4600', '/data'), ['relay', '--host', '::1', '--port', '4600', '--data-dir', '/data', '--json']);
  });

  it('expands ~ in the data dir with either separator', () => {
    const home = resolveDataDir('~', {});
    assert.equal(resolveDataDir('~/relay', {}), `${home}/relay`);
    assert.equal(resolveDataDir('~\\relay', {}).startsWith(home), true);
  });
});

describe('whether VS Code’s runtime can run the bundled relay', () => {
  it('needs node:sqlite, and says both ways out when it is missing', () => {
    assert.equal(runtimeHasNodeSqlite(() => ({ DatabaseSync: class {} })), true);
    assert.equal(runtimeHasNodeSqlite(() => {
      throw Object.assign(new Error('No such built-in module: node:sqlite'), { code: 'ERR_UNKNOWN_BUILTIN_MODULE' });
    }), false);
    const message = noNodeSqliteMessage('20.19.0');
    assert.match(message, /Node 20\.19\.0/);
    assert.match(message, /Update VS Code to 1\.101/);
    assert.match(message, /npm install -g @hookline\/relay/);
    assert.match(message, /hookline\.relay\.cliPath/);
  });
});
