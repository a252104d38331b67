/** Check Receiver: pick a scenario, run it against the hook's endpoint, results in the Test Explorer. */
import * as vscode from 'vscode';
import { BUILT_IN_SCENARIOS } from '@hookline/core';
import type { CheckReport, CheckTarget } from '../check/check-report.js';
import type { ReceiverChecks } from '../check/receiver-checks.js';
import type { HookDirectory } from '../relay/hook-directory.js';
import type { RelayConnection } from '../relay/relay-connection.js';
import { COMMANDS } from './command-ids.js';
import { pickHook } from './hook-commands.js';
import { ensureConnected } from './require-connection.js';

/** The relay shows a hook's Authorization only masked, so the check sends this variable's value, as Copy as cURL does. */
export const AUTHORIZATION_ENV = 'HOOKLINE_AUTHORIZATION';

/** The endpoint of the hook to check; undefined (after saying why) when there is none. */
export async function checkTarget(connection: RelayConnection, hooks: HookDirectory, log: (line: string) => void): Promise<CheckTarget | undefined> {
  if (!(await ensureConnected(connection))) return undefined;
  const hook = await pickHook(hooks, 'Check Receiver');
  if (!hook) return undefined;
  if (hook.destinationUrl === null) {
    const choice = await vscode.window.showWarningMessage(`Hook ${hook.id} (${hook.namespace}) has no notification endpoint to check.`, 'Set Endpoint');
    if (choice === 'Set Endpoint') await vscode.commands.executeCommand(COMMANDS.setEndpoint);
    return undefined;
  }
  const authorization = process.env[AUTHORIZATION_ENV] ?? null;
  if (hook.authorization !== null && authorization === null) {
    log(`Check Receiver: hook ${hook.id} has an Authorization header, which the relay shows only masked; set $${AUTHORIZATION_ENV} to send it.`);
  }
  return { endpoint: hook.destinationUrl, payloadVersion: hook.payloadVersion, authorization };
}

async function pickScenario(): Promise<string | undefined> {
  const picked = await vscode.window.showQuickPick(
    BUILT_IN_SCENARIOS.map((s) => ({ label: s.name, detail: s.description })),
    { title: 'Check Receiver', placeHolder: 'Pick the Procore traffic to send to the endpoint' },
  );
  return picked?.label;
}

async function checkReceiver(checks: ReceiverChecks, scenario?: string): Promise<CheckReport | undefined> {
  const name = typeof scenario === 'string' ? scenario : await pickScenario();
  if (!name) return undefined;
  const report = await checks.check([name]);
  if (report) {
    const text = `Hookline: ${name}: ${report.passed} passed, ${report.failed} failed.`;
    const show = report.failed > 0 ? vscode.window.showWarningMessage(text, 'Show Test Results') : vscode.window.showInformationMessage(text, 'Show Test Results');
    void show.then((choice) => (choice ? vscode.commands.executeCommand('workbench.view.testing.focus') : undefined));
  }
  return report;
}

export function registerCheckCommands(checks: ReceiverChecks): vscode.Disposable[] {
  return [vscode.commands.registerCommand(COMMANDS.checkReceiver, (scenario?: string) => checkReceiver(checks, scenario))];
}
