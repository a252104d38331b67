/**
 * "Start Relay": runs the relay CLI as a child process shown in a "Hookline Relay" terminal. The terminal shows
 * the relay's attempt lines; closing it (or Ctrl-C in it) stops the relay. The extension learns the relay is
 * up from its ready line and connects at once.
 */
import * as vscode from 'vscode';
import type { Disposable } from '../lifecycle.js';
import { describeLaunch } from './relay-launch.js';
import type { RelayLaunch } from './relay-launch.js';
import { RelayStartError, startRelayProcess } from './relay-process.js';
import type { ReadyInfo, RelayProcess } from './relay-process.js';

export class RelayTerminal implements Disposable {
  private terminal: vscode.Terminal | null = null;
  private process: RelayProcess | null = null;
  private readonly writeEmitter = new vscode.EventEmitter<string>();
  private buffered: string[] = [];
  private opened = false;
  private readonly userStopEmitter = new vscode.EventEmitter<void>();
  /** The person stopped the relay: closed its terminal or pressed Ctrl-C in it. */
  readonly onDidStopByUser = this.userStopEmitter.event;

  get running(): boolean {
    return this.process !== null;
  }

  show(): void {
    this.terminal?.show(true);
  }

  /** Starts the relay; resolves with its ready line, rejects if it exits first. */
  start(launch: RelayLaunch, args: string[], options: { reveal: boolean } = { reveal: true }): Promise<ReadyInfo> {
    this.stop();
    this.buffered = [];
    this.opened = false;
    const commandLine = describeLaunch(launch, args, process.platform);
    return new Promise<ReadyInfo>((resolve, reject) => {
      let ready = false;
      const lastLines: string[] = [];
      this.write(`\x1b[2m$ ${commandLine}\x1b[0m`);
      const child = startRelayProcess(launch, args, {
        onReady: (info) => {
          ready = true;
          this.write(`\x1b[32mHookline relay ${info.version} ready at ${info.url}\x1b[0m (data dir ${info.dataDir}). Close this terminal to stop it.`);
          resolve(info);
        },
        onLine: (text, stream) => {
          if (!ready && lastLines.push(text) > 10) lastLines.shift();
          this.write(stream === 'stderr' ? `\x1b[33m${text}\x1b[0m` : text);
        },
        onExit: (code, signal, error) => {
          if (this.process === child) this.process = null;
          const why = error ? error.message : signal ? `signal ${signal}` : `exit code ${code}`;
          this.write(`\x1b[2mThe relay stopped (${why}).\x1b[0m`);
          if (ready) return;
          const said = lastLines.length > 0 ? `: ${lastLines[lastLines.length - 1]}` : '';
          reject(
            new RelayStartError(
              error
                ? `Could not run "${launch.command}": ${error.message}. Set hookline.relay.cliPath to the hookline CLI, or clear it to use the relay bundled with Hookline.`
                : `The relay exited before it was ready (${why})${said}`,
              lastLines,
            ),
          );
        },
      });
      this.process = child;
      if (options.reveal) this.openTerminal();
      else this.createTerminal(false);
    });
  }

  stop(): void {
    const process = this.process;
    this.process = null;
    process?.stop();
  }

  private stopByUser(): void {
    if (this.process) this.userStopEmitter.fire();
    this.stop();
  }

  dispose(): void {
    this.stop();
    this.userStopEmitter.dispose();
    this.terminal?.dispose();
    this.terminal = null;
    this.writeEmitter.dispose();
  }

  private openTerminal(): void {
    if (this.terminal && this.terminal.exitStatus === undefined) {
      this.terminal.show(true);
      return;
    }
    this.createTerminal(true);
  }

  /** The terminal shows the relay's lines; auto-start creates it without taking the panel. */
  private createTerminal(reveal: boolean): void {
    if (this.terminal && this.terminal.exitStatus === undefined) return;
    const pty: vscode.Pseudoterminal = {
      onDidWrite: this.writeEmitter.event,
      open: () => {
        this.opened = true;
        for (const line of this.buffered.splice(0)) this.writeEmitter.fire(line);
      },
      close: () => {
        this.opened = false;
        this.terminal = null;
        this.stopByUser();
      },
      handleInput: (data) => {
        if (data === '\x03') this.stopByUser();
      },
    };
    this.terminal = vscode.window.createTerminal({ name: 'Hookline Relay', pty, iconPath: new vscode.ThemeIcon('radio-tower') });
    if (reveal) this.terminal.show(true);
  }

  private write(line: string): void {
    const text = `${line}\r\n`;
    if (this.opened) this.writeEmitter.fire(text);
    else if (this.buffered.length < 1000) this.buffered.push(text);
  }
}
