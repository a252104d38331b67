/** Deliveries tree commands: Refresh, the failures filter, More Deliveries, Redeliver, Copy Payload, Copy as cURL, Open Delivery. */
import * as vscode from 'vscode';
import type { DeliverySummary } from '@hookline/core';
import type { DeliveryLog } from '@hookline/webui/client';
import type { DeliveryFilter } from '../api.js';
import type { DeliveryDetails } from '../deliveries/delivery-details.js';
import { deliveryDescription, deliveryLabel } from '../deliveries/delivery-format.js';
import { curlCommand, replayUrl } from '../deliveries/curl.js';
import { documentUri } from '../deliveries/tree-items.js';
import type { DeliveryNode } from '../deliveries/tree-nodes.js';
import type { HookDirectory } from '../relay/hook-directory.js';
import type { RelayConnection } from '../relay/relay-connection.js';
import { COMMANDS } from './command-ids.js';
import { ensureConnected, errorText } from './require-connection.js';

export interface DeliveryCommandDeps {
  connection: RelayConnection;
  log: DeliveryLog;
  details: DeliveryDetails;
  hooks: HookDirectory;
  /** Applies the filter to the view's chrome (context key, description) and reloads. */
  setFilter: (filter: DeliveryFilter) => Promise<void>;
}

/** A tree node (context menu), a delivery id (tests, other commands) or nothing (palette: ask). */
export type DeliveryArg = DeliveryNode | number | string | undefined;

export async function pickDeliveryId(arg: DeliveryArg, log: DeliveryLog, title: string): Promise<number | undefined> {
  if (typeof arg === 'number') return arg;
  if (typeof arg === 'string' && /^\d+$/.test(arg)) return Number(arg);
  if (arg && typeof arg === 'object' && arg.kind === 'delivery') return arg.delivery.id;
  if (arg && typeof arg === 'object' && 'deliveryId' in arg && typeof arg.deliveryId === 'number') return arg.deliveryId;
  const now = Date.now();
  type Item = vscode.QuickPickItem & { id?: number };
  const items: Item[] = log.visible().map((d: DeliverySummary) => ({ label: deliveryLabel(d), description: `#${d.id} · ${deliveryDescription(d, now)}`, id: d.id }));
  items.push({ label: '$(edit) Enter a delivery id…' });
  const picked = await vscode.window.showQuickPick(items, { title, placeHolder: 'Pick a delivery' });
  if (!picked) return undefined;
  if (picked.id !== undefined) return picked.id;
  const typed = await vscode.window.showInputBox({ title, prompt: 'Delivery id', validateInput: (v) => (/^\d{1,15}$/.test(v.trim()) ? null : 'A delivery id is a number.') });
  return typed ? Number(typed.trim()) : undefined;
}

export function registerDeliveryCommands(deps: DeliveryCommandDeps): vscode.Disposable[] {
  const { connection, log, details, hooks } = deps;

  const withDelivery = (title: string, action: (deliveryId: number) => Promise<unknown>) => async (arg: DeliveryArg) => {
    if (!(await ensureConnected(connection))) return;
    const deliveryId = await pickDeliveryId(arg, log, title);
    if (deliveryId === undefined) return;
    try {
      await action(deliveryId);
    } catch (error) {
      void vscode.window.showErrorMessage(`${title} failed: ${errorText(error)}`);
    }
  };

  return [
    vscode.commands.registerCommand(COMMANDS.refresh, async () => {
      details.clear();
      if (connection.status.kind !== 'connected') {
        connection.reconnectNow();
        return;
      }
      await Promise.all([log.reload(), hooks.refresh().catch(() => undefined)]);
    }),
    vscode.commands.registerCommand(COMMANDS.onlyShowFailures, () => deps.setFilter('failures')),
    vscode.commands.registerCommand(COMMANDS.showAllDeliveries, () => deps.setFilter('all')),
    vscode.commands.registerCommand(COMMANDS.loadMoreDeliveries, () => log.loadMore()),
    vscode.commands.registerCommand(
      COMMANDS.redeliver,
      withDelivery('Redeliver', async (deliveryId) => {
        const { delivery } = await connection.request('delivery.redeliver', { deliveryId });
        details.invalidate([delivery]);
        log.merge([delivery]);
        vscode.window.setStatusBarMessage(`$(debug-restart) Redelivered ${deliveryLabel(delivery)}: ${deliveryDescription(delivery, Date.now())}`, 5000);
        return delivery;
      }),
    ),
    vscode.commands.registerCommand(
      COMMANDS.copyPayload,
      withDelivery('Copy Payload', async (deliveryId) => {
        const delivery = await details.get(deliveryId);
        await vscode.env.clipboard.writeText(delivery.payload);
        vscode.window.setStatusBarMessage(`$(copy) Copied the payload of delivery ${deliveryId}`, 4000);
      }),
    ),
    vscode.commands.registerCommand(
      COMMANDS.copyAsCurl,
      withDelivery('Copy as cURL', async (deliveryId) => {
        const delivery = await details.get(deliveryId);
        const hook = hooks.get(delivery.hookId) ?? (await hooks.refresh()).find((h) => h.id === delivery.hookId);
        const url = replayUrl(delivery, hook?.destinationUrl ?? null);
        if (url === null) throw new Error(`Hook ${delivery.hookId} has no notification endpoint.`);
        const hasAuthorization = hook !== undefined && hook.authorization !== null;
        await vscode.env.clipboard.writeText(curlCommand({ delivery, url, hasAuthorization }));
        const note = hasAuthorization ? ' It reads the Authorization header from $HOOKLINE_AUTHORIZATION, since the relay keeps it masked.' : '';
        void vscode.window.showInformationMessage(`Copied delivery ${deliveryId} as cURL.${note}`);
      }),
    ),
    vscode.commands.registerCommand(
      COMMANDS.openDelivery,
      withDelivery('Open Delivery', async (deliveryId) => {
        await details.get(deliveryId);
        const document = await vscode.workspace.openTextDocument(documentUri({ kind: 'delivery', deliveryId }));
        await vscode.window.showTextDocument(document, { preview: true });
      }),
    ),
  ];
}
