/** State the ordered integration specs share: the extension's API, the relay under test and the receiver. */
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { DeliverySummary } from '@hookline/core';
import type { HooklineApi } from '../../../src/api.js';
import type { RelayStatus } from '../../../src/relay/relay-connection.js';
import { testEnv } from './env.js';
import { Receiver } from './receiver.js';
import { cliPath } from './relay-process.js';
import type { RelayHandle } from './relay-process.js';
import { waitFor } from './wait.js';

export const EXTENSION_ID = 'hookline.hookline';

export const shared: { api?: HooklineApi; relay?: RelayHandle; port: number; dataDir: string; receiver: Receiver; hookId: number } = {
  port: 0,
  dataDir: '',
  receiver: new Receiver(),
  hookId: 1,
};

export async function extensionApi(): Promise<HooklineApi> {
  if (shared.api) return shared.api;
  const extension = vscode.extensions.getExtension<HooklineApi>(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} is not installed in this extension host.`);
  shared.api = await extension.activate();
  return shared.api;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export function tempDir(prefix: string): string {
  return mkdtempSync(join(testEnv.scratch(), prefix));
}

/** A `hookline` executable for Start Relay that runs the built CLI on the repository's Node. */
export function writeCliWrapper(): string {
  const path = join(tempDir('cli-'), 'hookline');
  writeFileSync(path, `#!/bin/sh\nexec "${testEnv.node()}" "${cliPath()}" "$@"\n`);
  chmodSync(path, 0o755);
  return path;
}

export async function configure(settings: Record<string, string>): Promise<void> {
  const config = vscode.workspace.getConfiguration('hookline.relay');
  for (const [key, value] of Object.entries(settings)) await config.update(key, value, vscode.ConfigurationTarget.Global);
}

export async function waitForStatus(api: HooklineApi, accept: (status: RelayStatus) => boolean, what: string, timeoutMs = 20_000): Promise<RelayStatus> {
  return waitFor(`connection ${what} (now ${api.status().kind})`, () => (accept(api.status()) ? api.status() : undefined), timeoutMs);
}

/** The deliveries the tree shows at its root, in order. */
export async function treeDeliveries(api: HooklineApi): Promise<DeliverySummary[]> {
  const nodes = await api.deliveries.rootNodes();
  return nodes.flatMap((node) => (node.kind === 'delivery' ? [node.delivery] : []));
}

export async function treeHasMore(api: HooklineApi): Promise<boolean> {
  return (await api.deliveries.rootNodes()).some((node) => node.kind === 'loadMore');
}
