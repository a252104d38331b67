/**
 * The VS Code side of the health alarms: a failing hook gets one error notification with "Show Failures" and
 * "Open Endpoint Settings"; a recovery one status-bar message; the status bar item stays in the error colour
 * while any hook fails. Every notification shown is also kept in `shown` (the extension API exposes it, so
 * the extension-host tests can count them) and written to the Hookline output channel.
 */
import * as vscode from 'vscode';
import type { HookHealth } from '@hookline/core';
import { COMMANDS, VIEWS } from '../commands/command-ids.js';
import type { Disposable } from '../lifecycle.js';
import { failingSummary, failureMessage, recoveryMessage } from './health-alarms.js';
import type { HealthAlarm, HealthAlarmSink } from './health-alarms.js';

export const SHOW_FAILURES = 'Show Failures';
export const OPEN_ENDPOINT_SETTINGS = 'Open Endpoint Settings';
const RECOVERY_MESSAGE_MS = 10_000;
const SHOWN_KEPT = 100;

/** One notification the extension showed, as it showed it. */
export interface ShownAlarm {
  kind: HealthAlarm['kind'];
  hookId: number;
  /** `error` is `window.showErrorMessage`; `statusBarMessage` is `window.setStatusBarMessage` (quiet). */
  via: 'error' | 'statusBarMessage';
  message: string;
  actions: string[];
  at: number;
}

export interface HealthAlarmNotifierDeps {
  /** "hook 1 (hookline)", or "hook 1" when the hook's namespace is not known yet. */
  hookName: (hookId: number) => string;
  /** The status bar item: failing hooks' summaries, or an empty list when all are well. */
  showFailing: (summary: string[]) => void;
  log: (line: string) => void;
}

export class HealthAlarmNotifier implements HealthAlarmSink, Disposable {
  readonly shown: ShownAlarm[] = [];
  private readonly messages = new Set<vscode.Disposable>();

  constructor(private readonly deps: HealthAlarmNotifierDeps) {}

  alarm(alarm: HealthAlarm): void {
    const name = this.deps.hookName(alarm.health.hookId);
    if (alarm.kind === 'failing') {
      const message = failureMessage(alarm.health, name);
      const actions = [SHOW_FAILURES, OPEN_ENDPOINT_SETTINGS];
      this.record({ kind: alarm.kind, hookId: alarm.health.hookId, via: 'error', message, actions, at: Date.now() });
      void vscode.window.showErrorMessage(message, ...actions).then((choice) => this.act(choice));
    } else {
      const message = recoveryMessage(alarm, name);
      this.record({ kind: alarm.kind, hookId: alarm.health.hookId, via: 'statusBarMessage', message, actions: [], at: Date.now() });
      const shown = vscode.window.setStatusBarMessage(`$(pass) ${message}`, RECOVERY_MESSAGE_MS);
      this.messages.add(shown);
      setTimeout(() => this.messages.delete(shown), RECOVERY_MESSAGE_MS).unref?.();
    }
  }

  changed(failing: readonly HookHealth[]): void {
    this.deps.showFailing(failingSummary(failing, this.deps.hookName));
  }

  dispose(): void {
    for (const message of this.messages) message.dispose();
    this.messages.clear();
  }

  private record(shown: ShownAlarm): void {
    this.shown.push(shown);
    if (this.shown.length > SHOWN_KEPT) this.shown.splice(0, this.shown.length - SHOWN_KEPT);
    this.deps.log(shown.message);
  }

  private async act(choice: string | undefined): Promise<void> {
    if (choice === SHOW_FAILURES) await showFailures();
    else if (choice === OPEN_ENDPOINT_SETTINGS) await openEndpointSettings();
  }
}

/** "Show Failures": Only Show Failures in the Deliveries tree, and the tree in view. */
export async function showFailures(): Promise<void> {
  await vscode.commands.executeCommand(COMMANDS.onlyShowFailures);
  await vscode.commands.executeCommand(`${VIEWS.deliveries}.focus`);
}

/** "Open Endpoint Settings": the Company Webhooks view, where the endpoint is set. */
export async function openEndpointSettings(): Promise<void> {
  await vscode.commands.executeCommand(`${VIEWS.companyWebhooks}.focus`);
}
