/**
 * Comparing deliveries in VS Code's diff editor, on the read-only Request Payload documents: Select for Compare
 * remembers one (the context key hookline.compareSelected then offers Compare with Selected on the others, the
 * Explorer's idiom), and Compare with Previous Delivery of this Resource finds the one before it on the relay.
 */
import * as vscode from 'vscode';
import { compareTitle, type DeliverySummary } from '@hookline/core';
import type { DeliveryLog } from '@hookline/webui/client';
import type { DeliveryDetails } from '../deliveries/delivery-details.js';
import { findPreviousDelivery, noPreviousMessage } from '../deliveries/delivery-compare.js';
import { documentUri } from '../deliveries/tree-items.js';
import type { RelayConnection } from '../relay/relay-connection.js';
import { COMMANDS, CONTEXT_KEYS } from './command-ids.js';
import { pickDeliveryId, type DeliveryArg } from './delivery-commands.js';
import { ensureConnected, errorText } from './require-connection.js';

export interface CompareCommandDeps {
  connection: RelayConnection;
  log: DeliveryLog;
  details: DeliveryDetails;
}

/** What a compare command opened: the delivery ids on the left (original) and the right. */
export interface OpenedCompare {
  left: number;
  right: number;
}

async function openPayloadDiff(left: DeliverySummary, right: DeliverySummary): Promise<OpenedCompare> {
  const uri = (deliveryId: number) => documentUri({ kind: 'requestPayload', deliveryId });
  await vscode.commands.executeCommand('vscode.diff', uri(left.id), uri(right.id), compareTitle(left, right), { preview: true } satisfies vscode.TextDocumentShowOptions);
  return { left: left.id, right: right.id };
}

export function registerCompareCommands(deps: CompareCommandDeps): vscode.Disposable[] {
  const { connection, log, details } = deps;
  let selected: DeliverySummary | null = null;
  const setSelected = (delivery: DeliverySummary | null): void => {
    selected = delivery;
    void vscode.commands.executeCommand('setContext', CONTEXT_KEYS.compareSelected, delivery !== null);
  };
  setSelected(null);

  const command = <T>(title: string, action: (delivery: DeliverySummary) => Promise<T>) => async (arg: DeliveryArg): Promise<T | undefined> => {
    if (!(await ensureConnected(connection))) return undefined;
    const deliveryId = await pickDeliveryId(arg, log, title);
    if (deliveryId === undefined) return undefined;
    try {
      return await action(await details.get(deliveryId));
    } catch (error) {
      void vscode.window.showErrorMessage(`${title} failed: ${errorText(error)}`);
      return undefined;
    }
  };

  return [
    vscode.commands.registerCommand(
      COMMANDS.selectForCompare,
      command('Select for Compare', async (delivery) => {
        setSelected(delivery);
        vscode.window.setStatusBarMessage(`$(diff) Selected delivery #${delivery.id} (${delivery.resourceName} ${delivery.resourceId}) for compare: Compare with Selected on another one opens the diff`, 6000);
        return delivery.id;
      }),
    ),
    vscode.commands.registerCommand(
      COMMANDS.compareWithSelected,
      command('Compare with Selected', async (delivery) => {
        if (selected === null) {
          void vscode.window.showInformationMessage('No delivery is selected for compare: run Select for Compare on one first.');
          return undefined;
        }
        if (selected.id === delivery.id) {
          void vscode.window.showInformationMessage(`Delivery #${delivery.id} is the one selected for compare: pick another delivery to compare it with.`);
          return undefined;
        }
        return openPayloadDiff(selected, delivery);
      }),
    ),
    vscode.commands.registerCommand(
      COMMANDS.compareWithPrevious,
      command('Compare with Previous Delivery of this Resource', async (delivery) => {
        const previous = await findPreviousDelivery(connection, delivery);
        if (previous === null) {
          void vscode.window.showInformationMessage(noPreviousMessage(delivery));
          return undefined;
        }
        return openPayloadDiff(previous, delivery);
      }),
    ),
  ];
}
