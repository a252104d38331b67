/**
 * Where the relay is and how to prove we may talk to it: the WebSocket URL derived from the configured base
 * URL, and the token from the setting or from the relay's data dir (the relay writes it there on first start).
 */
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export interface RelaySettings {
  /** Base URL, e.g. http://127.0.0.1:4545. */
  url: string;
  /** Explicit token; empty means "read it from the data dir". */
  token: string;
  /** Explicit data dir; empty means $HOOKLINE_HOME or ~/.hookline. */
  dataDir: string;
  /** Explicit CLI path for Start Relay; empty means workspace node_modules/.bin/hookline, else the bundled relay. */
  cliPath: string;
  /** Start a relay by itself when nothing answers at a loopback URL. */
  autoStart: boolean;
}

export interface RelayEndpoint {
  httpUrl: string;
  wsUrl: string;
  token: string | null;
  /** Where the token came from, for messages: "setting hookline.relay.token" or a file path. */
  tokenSource: string;
}

export function normalizeBaseUrl(raw: string): string {
  const url = new URL(raw.trim());
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`hookline.relay.url must be an http(s) URL; got "${raw}".`);
  url.hash = '';
  url.search = '';
  return url.toString().replace(/\/+$/, '');
}

export function wsUrlFor(baseUrl: string): string {
  const url = new URL(normalizeBaseUrl(baseUrl));
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/ws`;
  return url.toString();
}

export function resolveDataDir(setting: string, env: NodeJS.ProcessEnv = process.env): string {
  if (setting.trim() !== '') return resolve(setting.trim().replace(/^~(?=$|[\\/])/, homedir()));
  return env.HOOKLINE_HOME ? resolve(env.HOOKLINE_HOME) : join(homedir(), '.hookline');
}

export function tokenPath(dataDir: string): string {
  return join(dataDir, 'token');
}

/** Reads the token file; null when it does not exist yet (the relay has never started on that data dir). */
export function readTokenFile(path: string): string | null {
  try {
    const token = readFileSync(path, 'utf8').trim();
    return token === '' ? null : token;
  } catch {
    return null;
  }
}

export function resolveEndpoint(settings: RelaySettings, env: NodeJS.ProcessEnv = process.env): RelayEndpoint {
  const httpUrl = normalizeBaseUrl(settings.url);
  if (settings.token.trim() !== '') {
    return { httpUrl, wsUrl: wsUrlFor(httpUrl), token: settings.token.trim(), tokenSource: 'setting hookline.relay.token' };
  }
  const path = tokenPath(resolveDataDir(settings.dataDir, env));
  return { httpUrl, wsUrl: wsUrlFor(httpUrl), token: readTokenFile(path), tokenSource: path };
}
