/** Runs `hookline check` with the CLI Start Relay would run (setting, workspace, else the bundled one). */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as vscode from 'vscode';
import { readSettings } from '../config/settings.js';
import { resolveRelayLaunch } from '../relay/relay-launch.js';

export interface CheckProcessResult {
  exitCode: number | null;
  stdout: string;
  stderr: string;
}

/** A check is bounded by its own per-attempt deadline; this only stops a CLI that never ends. */
const MAX_RUN_MS = 10 * 60_000;

export function runCheckProcess(bundledCli: string, args: string[], token: vscode.CancellationToken): Promise<CheckProcessResult> {
  const folders = (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.fsPath);
  const launch = resolveRelayLaunch(readSettings().cliPath, folders, { platform: process.platform, execPath: process.execPath, bundledCli, exists: existsSync });
  return new Promise((resolve, reject) => {
    const child = spawn(launch.command, [...launch.prefix, ...args], { env: { ...process.env, ...launch.env }, shell: launch.shell, stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const stop = (): void => {
      child.kill();
    };
    const timer = setTimeout(stop, MAX_RUN_MS);
    const cancel = token.onCancellationRequested(stop);
    child.once('error', (error) => {
      clearTimeout(timer);
      cancel.dispose();
      reject(error);
    });
    child.once('close', (exitCode) => {
      clearTimeout(timer);
      cancel.dispose();
      resolve({ exitCode, stdout, stderr });
    });
  });
}
