/**
 * "Hookline: Check Receiver" through VS Code's testing API: each built-in scenario is a test item in the Test
 * Explorer, each check of a run a child item with its message and Procore consequence. Runs `hookline check
 * --json` against the hook's endpoint; the verdicts are core's, made by the CLI.
 */
import * as vscode from 'vscode';
import { BUILT_IN_SCENARIOS } from '@hookline/core';
import type { Disposable } from '../lifecycle.js';
import { byScenario, checkArgs, checkMessage, parseCheckOutput, type CheckReport, type CheckTarget } from './check-report.js';
import { runCheckProcess } from './check-process.js';

export interface ReceiverChecksOptions {
  /** dist/relay/hookline.mjs of the installed extension. */
  bundledCli: string;
  /** The endpoint to check, or undefined when the person backed out (they were told why). */
  target: () => Promise<CheckTarget | undefined>;
  log: (line: string) => void;
}

export class ReceiverChecks implements Disposable {
  private readonly controller: vscode.TestController;

  constructor(private readonly options: ReceiverChecksOptions) {
    this.controller = vscode.tests.createTestController('hookline.receiverChecks', 'Hookline Receiver Checks');
    for (const scenario of BUILT_IN_SCENARIOS) {
      const item = this.controller.createTestItem(scenario.name, scenario.name);
      item.description = scenario.description;
      this.controller.items.add(item);
    }
    this.controller.createRunProfile('Check Receiver', vscode.TestRunProfileKind.Run, async (request, token) => {
      await this.run(request, token);
    }, true);
  }

  /** Runs the named scenarios as one test run; resolves with the report (undefined when nothing ran). */
  async check(scenarios: readonly string[]): Promise<CheckReport | undefined> {
    const items = scenarios.map((name) => this.controller.items.get(name)).filter((item): item is vscode.TestItem => item !== undefined);
    const cancel = new vscode.CancellationTokenSource();
    try {
      return await this.run(new vscode.TestRunRequest(items), cancel.token);
    } finally {
      cancel.dispose();
    }
  }

  dispose(): void {
    this.controller.dispose();
  }

  private scenarioItems(request: vscode.TestRunRequest): vscode.TestItem[] {
    const all: vscode.TestItem[] = [];
    this.controller.items.forEach((item) => all.push(item));
    // A check item runs its whole scenario: the CLI runs scenarios, not single checks.
    const chosen = request.include ? [...new Set(request.include.map((item) => item.parent ?? item))] : all;
    return chosen.filter((item) => !request.exclude?.includes(item));
  }

  private async run(request: vscode.TestRunRequest, token: vscode.CancellationToken): Promise<CheckReport | undefined> {
    const items = this.scenarioItems(request);
    if (items.length === 0) return undefined;
    const target = await this.options.target();
    if (!target) return undefined;
    const run = this.controller.createTestRun(request, `Hookline: Check Receiver (${target.endpoint})`);
    for (const item of items) run.started(item);
    try {
      const result = await runCheckProcess(this.options.bundledCli, checkArgs(target, items.map((i) => i.id)), token);
      const report = parseCheckOutput(result.exitCode, result.stdout, result.stderr);
      this.record(run, items, report);
      return report;
    } catch (error) {
      const message = new vscode.TestMessage(error instanceof Error ? error.message : String(error));
      for (const item of items) run.errored(item, message);
      this.options.log(`Check Receiver: ${message.message.toString()}`);
      return undefined;
    } finally {
      run.end();
    }
  }

  private record(run: vscode.TestRun, items: vscode.TestItem[], report: CheckReport): void {
    const groups = byScenario(report);
    for (const item of items) {
      const entries = groups.get(item.id) ?? [];
      const children = entries.map((entry, index) => {
        const child = this.controller.createTestItem(`${item.id}/${index}`, entry.name);
        child.description = entry.level === 'ok' ? undefined : entry.message;
        return child;
      });
      item.children.replace(children);
      entries.forEach((entry, index) => {
        const child = children[index]!;
        run.started(child);
        if (entry.ok) run.passed(child);
        else run.failed(child, new vscode.TestMessage(checkMessage(entry)));
        const glyph = entry.level === 'fail' ? '✗' : '✓';
        run.appendOutput(`${glyph} ${entry.scenario} ${entry.name}: ${entry.level === 'warn' ? 'warning: ' : ''}${checkMessage(entry).replace(/\n/g, ' ')}\r\n`, undefined, child);
      });
      if (entries.some((entry) => !entry.ok)) run.failed(item, new vscode.TestMessage(`${entries.filter((e) => !e.ok).length} of ${entries.length} checks failed.`));
      else run.passed(item);
    }
    run.appendOutput(`${report.passed} passed, ${report.failed} failed\r\n`);
  }
}
