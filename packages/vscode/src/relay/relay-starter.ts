/**
 * Starts a relay for this window: on "Start Relay", and by itself (`hookline.relay.autoStart`) when the
 * configured URL is a loopback address and nothing answers there, at activation and whenever the relay this
 * window used goes away (the window that started it closed). A relay that another window started first is found
 * by its port or its data dir: this window's start then fails with "already in use" (the port) or
 * HOOKLINE_ERR_DATA_DIR_IN_USE (the data dir's lock), and it connects to that one instead.
 */
import { existsSync } from 'node:fs';
import * as vscode from 'vscode';
import { isLoopbackHost } from '@hookline/core';
import { readSettings } from '../config/settings.js';
import type { Disposable } from '../lifecycle.js';
import type { RelayConnection, RelayStatus } from './relay-connection.js';
import { resolveDataDir } from './relay-endpoint.js';
import { relayArgs, resolveRelayLaunch } from './relay-launch.js';
import { RelayStartError } from './relay-process.js';
import type { ReadyInfo } from './relay-process.js';
import type { RelayTerminal } from './relay-terminal.js';
import { noNodeSqliteMessage, runtimeHasNodeSqlite } from './runtime-support.js';

export type StartOutcome = { kind: 'started'; info: ReadyInfo } | { kind: 'alreadyRunning' } | { kind: 'failed'; message: string };

export interface RelayStarterOptions {
  connection: RelayConnection;
  terminal: RelayTerminal;
  /** dist/relay/hookline.mjs of the installed extension. */
  bundledCli: string;
  log: (line: string) => void;
  hasNodeSqlite?: () => boolean;
}

export function isLoopbackUrl(raw: string): boolean {
  try {
    return isLoopbackHost(new URL(raw).hostname.replace(/^\[(.*)\]$/, '$1'));
  } catch {
    return false;
  }
}

export class RelayStarter implements Disposable {
  private starting: Promise<StartOutcome> | null = null;
  /** An automatic start that failed is not retried until the relay has been seen again or settings change. */
  private autoStartBlocked = false;
  private unsubscribe: (() => void) | null = null;
  private last: StartOutcome | null = null;

  constructor(private readonly options: RelayStarterOptions) {}

  /** Starts a relay unless one is starting already; never throws. */
  start(reveal: boolean): Promise<StartOutcome> {
    if (reveal) this.autoStartBlocked = false;
    this.starting ??= this.run(reveal)
      .then((outcome) => (this.last = outcome))
      .finally(() => (this.starting = null));
    return this.starting;
  }

  get lastOutcome(): StartOutcome | null {
    return this.last;
  }

  /** Follows the connection: starts a relay when nothing answers at a loopback URL and auto-start is on. */
  watch(): void {
    const unsubscribeStatus = this.options.connection.onStatus((status) => this.onStatus(status));
    // A relay the person stopped stays stopped until they start one or change the settings.
    const userStop = this.options.terminal.onDidStopByUser(() => (this.autoStartBlocked = true));
    this.unsubscribe = () => {
      unsubscribeStatus();
      userStop.dispose();
    };
    this.onStatus(this.options.connection.status);
  }

  settingsChanged(): void {
    this.autoStartBlocked = false;
  }

  dispose(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
  }

  private onStatus(status: RelayStatus): void {
    if (status.kind === 'connected') {
      this.autoStartBlocked = false;
      return;
    }
    if (status.kind !== 'notRunning' || this.autoStartBlocked || this.starting) return;
    const settings = readSettings();
    if (!settings.autoStart || !isLoopbackUrl(settings.url)) return;
    this.options.log(`Nothing answers at ${settings.url}: starting a relay (hookline.relay.autoStart).`);
    void this.start(false).then((outcome) => {
      if (outcome.kind === 'failed') {
        this.autoStartBlocked = true;
        this.options.log(`Auto-start failed: ${outcome.message}`);
      }
    });
  }

  private async run(reveal: boolean): Promise<StartOutcome> {
    const { connection, terminal, log } = this.options;
    const settings = readSettings();
    const folders = (vscode.workspace.workspaceFolders ?? []).map((folder) => folder.uri.fsPath);
    const launch = resolveRelayLaunch(settings.cliPath, folders, { platform: process.platform, execPath: process.execPath, bundledCli: this.options.bundledCli, exists: existsSync });
    if (launch.source === 'bundled' && !(this.options.hasNodeSqlite ?? runtimeHasNodeSqlite)()) {
      return { kind: 'failed', message: noNodeSqliteMessage(process.versions.node) };
    }
    let args: string[];
    try {
      args = relayArgs(settings.url, resolveDataDir(settings.dataDir));
    } catch (error) {
      return { kind: 'failed', message: `hookline.relay.url is not a valid URL: ${error instanceof Error ? error.message : String(error)}` };
    }
    log(`Starting the ${launch.source === 'bundled' ? 'bundled relay' : `relay at ${launch.command}`} on ${settings.url}.`);
    try {
      const info = await terminal.start(launch, args, { reveal });
      log(`Relay ${info.version} started at ${info.url} (SQLite driver ${info.sqliteDriver || 'not reported'}, data dir ${info.dataDir}).`);
      connection.reconnectNow();
      return { kind: 'started', info };
    } catch (error) {
      if (error instanceof RelayStartError && error.relayAlreadyThere) {
        log(error.dataDirHeld ? `A relay already runs on this data dir: connecting to ${settings.url}.` : `A relay already listens at ${settings.url}: connecting to it.`);
        connection.reconnectNow();
        return { kind: 'alreadyRunning' };
      }
      return { kind: 'failed', message: error instanceof Error ? error.message : String(error) };
    }
  }
}
