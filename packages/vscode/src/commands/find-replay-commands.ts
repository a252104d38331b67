/**
 * Deliveries tree: "Find by Resource Id…" (and clearing it), and "Replay These" on a filtered tree, which sends
 * the deliveries the tree's filter matches again through the relay (`deliveries.replay`, the same request the web
 * page's "Replay these" makes, from the same `replayParamsOf`), after saying how many and asking.
 */
import * as vscode from 'vscode';
import { isFiltered, replayParamsOf, type DeliveryLog, type DeliveryLogFilter } from '@hookline/webui/client';
import { describeTreeFilter } from '../deliveries/delivery-format.js';
import type { RelayConnection } from '../relay/relay-connection.js';
import { COMMANDS } from './command-ids.js';
import { ensureConnected, errorText } from './require-connection.js';

export interface FindReplayDeps {
  connection: RelayConnection;
  log: DeliveryLog;
  /** Applies a filter change to the log and to the view's chrome (context keys, description). */
  changeFilter: (change: Partial<DeliveryLogFilter>) => Promise<void>;
}

const RESOURCE_ID = /^[0-9]{1,20}$/;

/** From a test or another command: the id (or '' to clear); from the palette or the title bar: ask. */
async function askResourceId(arg: unknown, current: string | null): Promise<string | null | undefined> {
  if (typeof arg === 'string' || typeof arg === 'number') return String(arg).trim() === '' ? null : String(arg).trim();
  const typed = await vscode.window.showInputBox({
    title: 'Find Deliveries by Resource Id',
    prompt: 'The id of the changed resource (e.g. an RFI\'s id); leave empty to show every resource',
    value: current ?? '',
    validateInput: (value) => (value.trim() === '' || RESOURCE_ID.test(value.trim()) ? null : 'A resource id is digits only, e.g. 54321.'),
  });
  if (typed === undefined) return undefined;
  return typed.trim() === '' ? null : typed.trim();
}

export function registerFindReplayCommands(deps: FindReplayDeps): vscode.Disposable[] {
  const { connection, log } = deps;
  return [
    vscode.commands.registerCommand(COMMANDS.findByResourceId, async (arg?: unknown) => {
      const resourceId = await askResourceId(arg, log.filter.resourceId);
      if (resourceId === undefined) return;
      if (resourceId !== null && !RESOURCE_ID.test(resourceId)) {
        void vscode.window.showErrorMessage(`"${resourceId.slice(0, 40)}" is not a resource id: a resource id is digits only, e.g. 54321.`);
        return;
      }
      await deps.changeFilter({ resourceId });
    }),
    vscode.commands.registerCommand(COMMANDS.clearResourceFilter, () => deps.changeFilter({ resourceId: null })),
    /** `{ confirm: false }` skips the question (tests, scripts). Resolves with the new delivery ids. */
    vscode.commands.registerCommand(COMMANDS.replayShown, async (options?: { confirm?: boolean }) => {
      const filter = log.filter;
      if (!isFiltered(filter)) {
        void vscode.window.showInformationMessage('Replay These works on a filtered list: show only failures or find a resource id first.');
        return [];
      }
      if (!(await ensureConnected(connection))) return [];
      try {
        const { deliveries: matching } = await connection.request('deliveries.replay', replayParamsOf(filter, true));
        if (matching.length === 0) {
          void vscode.window.showInformationMessage('No delivery matches this filter: nothing to replay.');
          return [];
        }
        const what = `${matching.length} ${matching.length === 1 ? 'delivery' : 'deliveries'}`;
        if (options?.confirm !== false) {
          const answer = await vscode.window.showWarningMessage(
            `Replay ${what} (${describeTreeFilter(filter)})?`,
            { modal: true, detail: 'Each is sent again, oldest first, as a new delivery of the same event with the same payload bytes, under the queue\'s rules.' },
            'Replay',
          );
          if (answer !== 'Replay') return [];
        }
        const { deliveries } = await connection.request('deliveries.replay', replayParamsOf(filter, false));
        vscode.window.setStatusBarMessage(`$(debug-rerun) Replayed ${what}`, 5000);
        return deliveries.map((d) => d.id);
      } catch (error) {
        void vscode.window.showErrorMessage(`Replay failed: ${errorText(error)}`);
        return [];
      }
    }),
  ];
}
