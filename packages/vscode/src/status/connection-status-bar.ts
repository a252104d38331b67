/**
 * The status bar item: Connected, Reconnecting or Not running, and (while connected) a relay that cannot write
 * (storage-watch.ts) or any hook whose endpoint is failing, in the error colour until it recovers. Clicking it offers the next step.
 */
import * as vscode from 'vscode';
import { COMMANDS } from '../commands/command-ids.js';
import type { Disposable } from '../lifecycle.js';
import type { RelayStatus } from '../relay/relay-connection.js';
import type { StorageLook } from './storage-watch.js';

export type StatusTone = 'normal' | 'warning' | 'error';

export interface StatusLook {
  text: string;
  tooltip: string;
  tone: StatusTone;
}

const BACKGROUND: Record<StatusTone, string | undefined> = {
  normal: undefined,
  warning: 'statusBarItem.warningBackground',
  error: 'statusBarItem.errorBackground',
};

export function connectionLook(status: RelayStatus): StatusLook {
  switch (status.kind) {
    case 'connected':
      return { text: '$(radio-tower) Hookline: Connected', tooltip: `Connected to relay ${status.relayVersion} at ${status.url}`, tone: 'normal' };
    case 'connecting':
      return { text: '$(sync~spin) Hookline: Connecting', tooltip: `Connecting to ${status.url}…`, tone: 'normal' };
    case 'reconnecting':
      return { text: '$(sync~spin) Hookline: Reconnecting', tooltip: `${status.reason} Retrying (attempt ${status.attempt}).`, tone: 'warning' };
    case 'notRunning':
      return { text: '$(debug-disconnect) Hookline: Not running', tooltip: `${status.reason} Click to start the relay.`, tone: 'warning' };
    case 'unauthorized':
      return { text: '$(key) Hookline: Token refused', tooltip: status.reason, tone: 'warning' };
    case 'stopped':
      return { text: '$(debug-disconnect) Hookline: Disconnected', tooltip: 'Not connected to the Hookline relay.', tone: 'normal' };
  }
}

/**
 * The connection's look, unless connected with failing hooks (one summary line each): then the error colour.
 * While not connected the connection comes first, and the tooltip says what was failing when it was lost.
 */
export function statusLook(status: RelayStatus, failing: readonly string[] = [], storage: StorageLook | null = null): StatusLook {
  const look = connectionLook(status);
  if (storage && status.kind === 'connected') {
    return { text: storage.text, tooltip: [storage.tooltip, ...failing, look.tooltip].join('\n\n'), tone: 'error' };
  }
  if (failing.length === 0) return look;
  if (status.kind !== 'connected') return { ...look, tooltip: `${look.tooltip}\n\nWhen last connected:\n${failing.join('\n')}` };
  const count = failing.length === 1 ? '1 hook failing' : `${failing.length} hooks failing`;
  return { text: `$(error) Hookline: ${count}`, tooltip: `${failing.join('\n')}\n\n${look.tooltip}`, tone: 'error' };
}

export class ConnectionStatusBar implements Disposable {
  private readonly item: vscode.StatusBarItem;
  private status: RelayStatus = { kind: 'stopped' };
  private failing: readonly string[] = [];
  private storage: StorageLook | null = null;
  private current: StatusLook = connectionLook(this.status);

  constructor() {
    this.item = vscode.window.createStatusBarItem('hookline.connection', vscode.StatusBarAlignment.Left, 20);
    this.item.name = 'Hookline Connection';
    this.item.command = COMMANDS.showConnectionActions;
    this.item.show();
  }

  /** What the item shows now (the tests read it; `background` is the ThemeColor id, if any). */
  get look(): StatusLook & { background: string | undefined } {
    return { ...this.current, background: BACKGROUND[this.current.tone] };
  }

  update(status: RelayStatus): void {
    this.status = status;
    this.render();
  }

  /** One line per failing hook; empty when every hook is well. */
  setFailing(failing: readonly string[]): void {
    this.failing = failing;
    this.render();
  }

  /** The relay's storage (storage-watch.ts): null while it writes. */
  setStorage(storage: StorageLook | null): void {
    this.storage = storage;
    this.render();
  }

  dispose(): void {
    this.item.dispose();
  }

  private render(): void {
    const look = statusLook(this.status, this.failing, this.storage);
    this.current = look;
    const background = BACKGROUND[look.tone];
    this.item.text = look.text;
    this.item.tooltip = `${look.tooltip}\n\nClick for actions.`;
    this.item.backgroundColor = background ? new vscode.ThemeColor(background) : undefined;
    this.item.accessibilityInformation = { label: look.text.replace(/\$\([^)]*\)\s*/g, '') };
  }
}
