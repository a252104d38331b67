/**
 * The packaged .vsix, installed alone (scripts/test-vsix.mjs): no `hookline` on PATH, an empty workspace, a fresh
 * HOME. HOOKLINE_VSIX_SCENARIO says which run this is: "palette" (auto-start off; a person runs "Hookline: Start
 * Relay" from the command palette) or "autostart" (the defaults: the extension starts its bundled relay itself).
 */
import assert from 'node:assert/strict';
import { accessSync, constants, readdirSync } from 'node:fs';
import { delimiter, join, relative } from 'node:path';
import * as vscode from 'vscode';
import { ui } from '../integration/support/ui-driver.js';
import { waitFor } from '../integration/support/wait.js';
import { env, hookline, installedExtension, relayUrl, resourceChangeShowsInTree, waitConnected } from './installed.js';

function onPath(name: string): string | null {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    try {
      accessSync(join(dir, name), constants.X_OK);
      return join(dir, name);
    } catch {
      // not here
    }
  }
  return null;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

const scenario = env('HOOKLINE_VSIX_SCENARIO');

describe(`the .vsix installed alone (${scenario})`, () => {
  it('is the installed extension, with its relay bundled and no native module, in a bare environment', () => {
    const extension = installedExtension();
    assert.equal(relative(env('HOOKLINE_VSIX_EXTENSIONS'), extension.extensionPath).startsWith('..'), false, 'installed from the .vsix');
    const files = filesUnder(extension.extensionPath).map((file) => relative(extension.extensionPath, file));
    assert.ok(files.includes(join('dist', 'relay', 'hookline.mjs')), 'the relay is bundled');
    assert.deepEqual(files.filter((file) => file.endsWith('.node')), [], 'no native module in the .vsix');
    assert.equal(onPath('hookline'), null, 'no hookline on PATH');
    assert.deepEqual(readdirSync(vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? ''), [], 'an empty workspace');
  });

  if (scenario === 'palette') {
    it('starts nothing by itself while auto-start is off', async () => {
      const api = await hookline();
      await waitFor('the extension to find no relay', () => api.status().kind === 'notRunning', 20_000);
      assert.equal(api.relay.lastStart(), null);
    });

    it('"Hookline: Start Relay" from the command palette starts the bundled relay, and the extension connects', async () => {
      const api = await hookline();
      await ui('palette.run', { command: 'Hookline: Start Relay' });
      await waitConnected(api);
      const outcome = api.relay.lastStart();
      assert.equal(outcome?.kind, 'started');
      assert.equal(outcome?.kind === 'started' && outcome.info.url, relayUrl());
      assert.equal(outcome?.kind === 'started' && outcome.info.sqliteDriver, 'node');
      assert.ok(vscode.window.terminals.some((terminal) => terminal.name === 'Hookline Relay'));
    });
  } else if (scenario === 'autostart') {
    it('starts the bundled relay by itself, with no command, and connects', async () => {
      const api = await hookline();
      await waitConnected(api);
      const outcome = api.relay.lastStart();
      assert.equal(outcome?.kind, 'started');
      assert.equal(outcome?.kind === 'started' && outcome.info.dataDir, join(env('HOOKLINE_VSIX_HOME'), '.hookline'));
    });
  } else {
    it('as a second window, connects to the relay another window started instead of starting one', async () => {
      const api = await hookline();
      await waitConnected(api);
      assert.equal(api.relay.lastStart(), null);
    });
  }

  const resourceId = { palette: '54321', autostart: '65432', 'second-window': '76543' }[scenario] ?? '1';

  it('shows a resource change made against that relay in the Deliveries tree', async () => {
    await resourceChangeShowsInTree(await hookline(), resourceId);
    await ui('screenshot', { name: `vsix-${scenario}` });
  });

  if (scenario !== 'palette') {
    it('when that relay goes away (the window that ran it closed), starts a new one on the same data dir and carries on', async () => {
      const api = await hookline();
      const before = api.relay.lastStart();
      const pid = scenario === 'second-window' ? Number(env('HOOKLINE_VSIX_OTHER_RELAY_PID')) : before?.kind === 'started' ? before.info.pid : null;
      assert.ok(pid, 'the relay says its pid');
      process.kill(pid, 'SIGTERM');
      await waitFor('the connection to drop', () => api.status().kind !== 'connected', 20_000);
      await waitConnected(api);
      const after = api.relay.lastStart();
      assert.equal(after?.kind, 'started');
      assert.notEqual(after?.kind === 'started' && after.info.pid, pid);
      await waitFor('the log from before to be listed again', () => api.deliveries.visible().some((d) => d.resourceId === resourceId), 20_000);
    });
  }

  after(async () => {
    for (const terminal of vscode.window.terminals) terminal.dispose();
    await new Promise((resolve) => setTimeout(resolve, 500));
  });
});
