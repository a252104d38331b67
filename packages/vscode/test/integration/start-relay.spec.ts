import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { configure, extensionApi, freePort, shared, tempDir, waitForStatus, writeCliWrapper } from './support/context.js';
import { startRelay } from './support/relay-process.js';
import { waitFor } from './support/wait.js';

describe('Start Relay and connecting', () => {
  before(async () => {
    shared.port = await freePort();
    shared.dataDir = tempDir('relay-data-');
  });

  it('Start Relay runs the relay CLI in a terminal, reads its ready line and connects', async () => {
    const api = await extensionApi();
    await configure({ url: `http://127.0.0.1:${shared.port}`, dataDir: shared.dataDir, cliPath: writeCliWrapper() });
    const started = await vscode.commands.executeCommand<boolean>('hookline.startRelay');
    assert.equal(started, true);
    const status = await waitForStatus(api, (s) => s.kind === 'connected', 'connected');
    assert.equal(status.kind === 'connected' && status.url, `http://127.0.0.1:${shared.port}`);
    assert.ok(vscode.window.terminals.some((t) => t.name === 'Hookline Relay'));
  });

  it('closing the relay terminal stops the relay, and the status says so', async () => {
    const api = await extensionApi();
    vscode.window.terminals.find((t) => t.name === 'Hookline Relay')?.dispose();
    await waitForStatus(api, (s) => s.kind !== 'connected' && s.kind !== 'connecting', 'lost');
    await waitFor('the relay port to close', async () => {
      try {
        await fetch(`http://127.0.0.1:${shared.port}/api/health`, { signal: AbortSignal.timeout(1000) });
        return false;
      } catch {
        return true;
      }
    });
  });

  it('reconnects by itself when a relay comes back at the URL', async () => {
    const api = await extensionApi();
    shared.relay = await startRelay({ port: shared.port, dataDir: shared.dataDir });
    await waitForStatus(api, (s) => s.kind === 'connected', 'connected again', 20_000);
    const hooks = await shared.relay.api<{ data: { id: number }[] }>('GET', '/api/hooks');
    shared.hookId = hooks.data[0]?.id ?? 1;
  });
});
