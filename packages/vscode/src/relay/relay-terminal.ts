/**
 * "Start Relay": runs the relay CLI as a child process shown in a "Hookline Relay" terminal. The terminal shows
 * the relay's attempt lines; closing it (or Ctrl-C in it) stops the relay. The extension learns the relay is
 * up from its ready line and connects at once.
 */
import * as vscode from 'vscode';
import type { Disposable } from '../lifecycle.js';
import { startRelayProcess } from './relay-process.js';
import type { CliCommand, ReadyInfo, RelayProcess } from './relay-process.js';

export class RelayTerminal implements Disposable {
  private terminal: vscode.Terminal | null = null;
  private process: RelayProcess | null = null;
  private readonly writeEmitter = new vscode.EventEmitter<string>();
  private buffered: string[] = [];
  private opened = false;

  get running(): boolean {
    return this.process !== null;
  }

  show(): void {
    this.terminal?.show(true);
  }

  /** Starts the relay; resolves with its ready line, rejects if it exits first. */
  start(cli: CliCommand, args: string[]): Promise<ReadyInfo> {
    this.stop();
    this.buffered = [];
    this.opened = false;
    const commandLine = [cli.command, ...cli.prefix, ...args].join(' ');
    return new Promise<ReadyInfo>((resolve, reject) => {
      let ready = false;
      this.write(`\x1b[2m$ ${commandLine}\x1b[0m`);
      const process = startRelayProcess(cli, args, {
        onReady: (info) => {
          ready = true;
          this.write(`\x1b[32mHookline relay ${info.version} ready at ${info.url}\x1b[0m (data dir ${info.dataDir}). Close this terminal to stop it.`);
          resolve(info);
        },
        onLine: (text, stream) => this.write(stream === 'stderr' ? `\x1b[33m${text}\x1b[0m` : text),
        onExit: (code, signal, error) => {
          if (this.process === process) this.process = null;
          const why = error ? error.message : signal ? `signal ${signal}` : `exit code ${code}`;
          this.write(`\x1b[2mThe relay stopped (${why}).\x1b[0m`);
          if (!ready) reject(new Error(error ? `Could not run "${cli.command}": ${error.message}. Set hookline.relay.cliPath to the hookline CLI.` : `The relay exited before it was ready (${why}); see the Hookline Relay terminal.`));
        },
      });
      this.process = process;
      this.openTerminal();
    });
  }

  stop(): void {
    const process = this.process;
    this.process = null;
    process?.stop();
  }

  dispose(): void {
    this.stop();
    this.terminal?.dispose();
    this.terminal = null;
    this.writeEmitter.dispose();
  }

  private openTerminal(): void {
    if (this.terminal && this.terminal.exitStatus === undefined) {
      this.terminal.show(true);
      return;
    }
    const pty: vscode.Pseudoterminal = {
      onDidWrite: this.writeEmitter.event,
      open: () => {
        this.opened = true;
        for (const line of this.buffered.splice(0)) this.writeEmitter.fire(line);
      },
      close: () => {
        this.opened = false;
        this.terminal = null;
        this.stop();
      },
      handleInput: (data) => {
        if (data === '\x03') this.stop();
      },
    };
    this.terminal = vscode.window.createTerminal({ name: 'Hookline Relay', pty, iconPath: new vscode.ThemeIcon('radio-tower') });
    this.terminal.show(true);
  }

  private write(line: string): void {
    const text = `${line}\r\n`;
    if (this.opened) this.writeEmitter.fire(text);
    else if (this.buffered.length < 1000) this.buffered.push(text);
  }
}
