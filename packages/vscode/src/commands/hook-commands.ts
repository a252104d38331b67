/** Trigger Event (pick the resource, then the event type) and Set Endpoint. */
import * as vscode from 'vscode';
import type { EventType, PublicHook, ResourceDefinition } from '@hookline/core';
import type { HookDirectory } from '../relay/hook-directory.js';
import type { RelayConnection } from '../relay/relay-connection.js';
import { COMMANDS } from './command-ids.js';
import { ensureConnected, errorText } from './require-connection.js';

export interface HookCommandDeps {
  connection: RelayConnection;
  hooks: HookDirectory;
}

export interface TriggerOptions {
  count?: number;
  resourceId?: string;
  projectId?: string;
}

async function pickResource(connection: RelayConnection): Promise<ResourceDefinition | undefined> {
  const { resources } = await connection.request('resources.list', {});
  type Item = vscode.QuickPickItem & { resource?: ResourceDefinition };
  const items: Item[] = [];
  for (const scope of ['company', 'project'] as const) {
    items.push({ label: scope === 'company' ? 'Company' : 'Project', kind: vscode.QuickPickItemKind.Separator });
    for (const resource of resources.filter((r) => r.scope === scope)) {
      items.push({ label: resource.name, description: resource.eventTypes.join(', '), resource });
    }
  }
  const picked = await vscode.window.showQuickPick(items, { title: 'Trigger Event (1/2)', placeHolder: 'Pick the resource that changed', matchOnDescription: true });
  return picked?.resource;
}

async function pickEventType(resource: ResourceDefinition): Promise<EventType | undefined> {
  if (resource.eventTypes.length === 1) return resource.eventTypes[0];
  return (await vscode.window.showQuickPick([...resource.eventTypes], { title: `Trigger Event (2/2): ${resource.name}`, placeHolder: 'Pick the event type' })) as EventType | undefined;
}

export async function pickHook(hooks: HookDirectory, title: string): Promise<PublicHook | undefined> {
  const list = hooks.list().length > 0 ? hooks.list() : await hooks.refresh();
  if (list.length <= 1) return list[0];
  const picked = await vscode.window.showQuickPick(
    list.map((hook) => ({ label: hook.namespace, description: hook.destinationUrl ?? '(no endpoint)', detail: `hook ${hook.id} · ${hook.payloadVersion} · ${hook.status}`, hook })),
    { title, placeHolder: 'Pick a hook' },
  );
  return picked?.hook;
}

async function triggerEvent(deps: HookCommandDeps, resourceName?: string, eventType?: EventType, options: TriggerOptions = {}): Promise<number | undefined> {
  const { connection } = deps;
  if (!(await ensureConnected(connection))) return undefined;
  try {
    let name = resourceName;
    let type = eventType;
    if (!name) {
      const resource = await pickResource(connection);
      if (!resource) return undefined;
      name = resource.name;
      type = type ?? (await pickEventType(resource));
    }
    if (!type) return undefined;
    const params: { resourceName: string; eventType: EventType; count?: number; resourceId?: string; projectId?: string } = { resourceName: name, eventType: type };
    if (options.count !== undefined) params.count = options.count;
    if (options.resourceId !== undefined) params.resourceId = options.resourceId;
    if (options.projectId !== undefined) params.projectId = options.projectId;
    const { deliveries, events } = await connection.request('event.trigger', params);
    if (deliveries.length === 0) {
      void vscode.window.showWarningMessage(`${name} · ${type} happened, but no active hook with an endpoint subscribes to it. Switch it on in Company Webhooks.`);
    } else {
      vscode.window.setStatusBarMessage(`$(zap) ${name} · ${type}: ${events.length} event(s), ${deliveries.length} delivery(ies)`, 5000);
    }
    return deliveries.length;
  } catch (error) {
    void vscode.window.showErrorMessage(`Trigger Event failed: ${errorText(error)}`);
    return undefined;
  }
}

async function setEndpoint(deps: HookCommandDeps, url?: string, authorization?: string | null): Promise<boolean> {
  const { connection, hooks } = deps;
  if (!(await ensureConnected(connection))) return false;
  try {
    const hook = await pickHook(hooks, 'Set Endpoint');
    if (!hook) return false;
    const destinationUrl =
      url ??
      (await vscode.window.showInputBox({ title: `Notification Endpoint (${hook.namespace})`, prompt: 'The URL that receives the POST requests', value: hook.destinationUrl ?? 'http://127.0.0.1:3000/webhooks' }));
    if (destinationUrl === undefined) return false;
    let auth = authorization;
    if (auth === undefined) {
      const entered = await vscode.window.showInputBox({
        title: 'Authorization Header (optional)',
        prompt: hook.authorization ? `Currently ${hook.authorization}. Leave empty to remove it.` : 'For example: Bearer my-secret. Leave empty for none.',
        password: true,
      });
      if (entered === undefined) return false;
      auth = entered.trim() === '' ? null : entered;
    }
    const { warnings } = await connection.request('endpoint.set', { hookId: hook.id, destinationUrl, authorization: auth });
    if (warnings.length > 0) void vscode.window.showWarningMessage(`Endpoint saved, with a warning: ${warnings.map((w) => w.message).join(' ')}`);
    else void vscode.window.showInformationMessage(`Endpoint saved: ${destinationUrl}`);
    return true;
  } catch (error) {
    void vscode.window.showErrorMessage(`The endpoint was not saved: ${errorText(error)}`);
    return false;
  }
}

export function registerHookCommands(deps: HookCommandDeps): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(COMMANDS.triggerEvent, (resourceName?: string, eventType?: EventType, options?: TriggerOptions) =>
      triggerEvent(deps, typeof resourceName === 'string' ? resourceName : undefined, eventType, options),
    ),
    vscode.commands.registerCommand(COMMANDS.setEndpoint, (url?: string, authorization?: string | null) => setEndpoint(deps, typeof url === 'string' ? url : undefined, authorization)),
  ];
}
