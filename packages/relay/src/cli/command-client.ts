/** What every command that talks to a running relay starts from: the global options and a client for them. */
import type { Command } from 'commander';
import { DEFAULT_PORT } from '../config.js';
import { defaultDataDir } from '../data-dir.js';
import { RelayClient } from './api-client.js';

export interface GlobalOptions {
  url?: string;
  dataDir?: string;
  hook?: string;
}

export function clientFrom(command: Command): { client: RelayClient; globals: GlobalOptions } {
  const globals = command.optsWithGlobals<GlobalOptions>();
  const url = globals.url ?? process.env.HOOKLINE_URL ?? `http://127.0.0.1:${DEFAULT_PORT}`;
  return { client: new RelayClient({ url, dataDir: globals.dataDir ?? defaultDataDir() }), globals };
}
