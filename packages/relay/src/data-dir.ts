/**
 * The relay's data dir holds relay.db and the token. The token is created on first start with mode 0600, so
 * only the developer's own user can read it; the CLI and the extension read it from the same place.
 */
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { newSecretId } from './secret-ids.js';

export const TOKEN_FILE = 'token';
export const DATABASE_FILE = 'relay.db';

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.HOOKLINE_HOME ? resolve(env.HOOKLINE_HOME) : join(homedir(), '.hookline');
}

export function ensureDataDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
}

/** Reads the token, creating it (0600) if the data dir has none yet. */
export function ensureToken(dir: string): string {
  const path = join(dir, TOKEN_FILE);
  try {
    const existing = readFileSync(path, 'utf8').trim();
    if (existing.length >= 16) {
      if ((statSync(path).mode & 0o077) !== 0) chmodSync(path, 0o600);
      return existing;
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const token = newSecretId();
  writeFileSync(path, `${token}\n`, { mode: 0o600 });
  chmodSync(path, 0o600);
  return token;
}

/** For clients: the token of a relay that has already started on this data dir. */
export function readToken(dir: string): string {
  const path = join(dir, TOKEN_FILE);
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    throw new Error(`No relay token at ${path}. Start the relay once (hookline relay) or pass --data-dir / set HOOKLINE_HOME to its data dir.`);
  }
}
