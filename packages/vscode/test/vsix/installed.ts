/** The installed Hookline extension as the vsix tests see it: its API, the relay it talks to, a real receiver. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { HooklineApi } from '../../src/api.js';
import { Receiver } from '../integration/support/receiver.js';
import { ui } from '../integration/support/ui-driver.js';
import { waitFor } from '../integration/support/wait.js';

export const EXTENSION_ID = 'hookline.hookline';

export function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run these tests with scripts/test-vsix.mjs.`);
  return value;
}

export function installedExtension(): vscode.Extension<HooklineApi> {
  const extension = vscode.extensions.getExtension<HooklineApi>(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} is not installed in this extension host.`);
  return extension;
}

export async function hookline(): Promise<HooklineApi> {
  return installedExtension().activate();
}

export function relayUrl(): string {
  return vscode.workspace.getConfiguration('hookline.relay').get<string>('url', '');
}

/** The relay's token, where the relay bundled with the extension wrote it: the default data dir in the fresh HOME. */
export function relayToken(): string {
  return readFileSync(join(env('HOOKLINE_VSIX_HOME'), '.hookline', 'token'), 'utf8').trim();
}

async function relayApi<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${relayUrl()}${path}`, {
    method,
    headers: { authorization: `Bearer ${relayToken()}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

export async function waitConnected(api: HooklineApi, timeoutMs = 60_000): Promise<void> {
  await waitFor(`the extension to connect (now ${api.status().kind})`, () => api.status().kind === 'connected', timeoutMs);
}

/**
 * A resource change made against the relay, seen where a person looks: an endpoint on a real receiver, RFIs
 * switched on, an RFIs update; the receiver gets it, and the Deliveries tree shows the row.
 */
export async function resourceChangeShowsInTree(api: HooklineApi, resourceId: string): Promise<void> {
  const receiver = new Receiver();
  await receiver.start();
  try {
    const hooks = await relayApi<{ data: { id: number }[] }>('GET', '/api/hooks');
    const hookId = hooks.data[0]?.id;
    if (hookId === undefined) throw new Error('the relay has no hook');
    await relayApi('PUT', `/api/hooks/${hookId}/endpoint`, { destination_url: receiver.url });
    await relayApi('PUT', `/api/hooks/${hookId}/triggers/RFIs`, { update: true });
    await relayApi('POST', '/api/events', { resource_name: 'RFIs', event_type: 'update', resource_id: resourceId });
    await waitFor('the receiver to get the delivery', () => receiver.received.some((r) => r.body.includes(`"resource_id":${resourceId}`)), 20_000);
    await waitFor('the tree to list the delivery', () => api.deliveries.visible().some((d) => d.resourceName === 'RFIs' && d.status === 'delivered'), 20_000);
    await vscode.commands.executeCommand('hookline.deliveries.focus');
    await ui('tree.waitRow', { text: 'RFIs' });
  } finally {
    await receiver.stop();
  }
}
