/**
 * Browser sessions for the relay's web page. `hookline open` asks (with the token) for a one-time login code;
 * the page trades the code for a session id carried in an HttpOnly cookie. Codes live two minutes and work
 * once; sessions live twelve hours. Only hashes are kept, and everything is in memory: a restarted relay
 * forgets its sessions and the person runs `hookline open` again.
 */
import { createHash } from 'node:crypto';
import { newSecretId } from '../secret-ids.js';

export interface WebSessionsOptions {
  now?: () => number;
  codeTtlMs?: number;
  sessionTtlMs?: number;
}

export const LOGIN_CODE_TTL_MS = 2 * 60 * 1000;
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;
/** Enough for any person's browsers; a flood of requests cannot grow memory past this. */
const MAX_CODES = 32;
const MAX_SESSIONS = 64;

function hash(value: string): string {
  return createHash('sha256').update(value).digest('base64url');
}

/** Drops expired entries, then the oldest ones while over `max` (Maps iterate in insertion order). */
function prune(entries: Map<string, number>, now: number, max: number): void {
  for (const [key, expiresAt] of entries) if (expiresAt <= now) entries.delete(key);
  for (const key of entries.keys()) {
    if (entries.size <= max) break;
    entries.delete(key);
  }
}

export class WebSessions {
  private readonly codes = new Map<string, number>();
  private readonly sessions = new Map<string, number>();
  private readonly now: () => number;
  readonly codeTtlMs: number;
  readonly sessionTtlMs: number;

  constructor(options: WebSessionsOptions = {}) {
    this.now = options.now ?? Date.now;
    this.codeTtlMs = options.codeTtlMs ?? LOGIN_CODE_TTL_MS;
    this.sessionTtlMs = options.sessionTtlMs ?? SESSION_TTL_MS;
  }

  issueLoginCode(): { code: string; expiresAt: Date } {
    const code = newSecretId();
    const expiresAt = this.now() + this.codeTtlMs;
    this.codes.set(hash(code), expiresAt);
    prune(this.codes, this.now(), MAX_CODES);
    return { code, expiresAt: new Date(expiresAt) };
  }

  /** A new session id for a valid, unused, unexpired code; null otherwise. The code is spent either way. */
  redeemLoginCode(code: string): string | null {
    const key = hash(code);
    const expiresAt = this.codes.get(key);
    this.codes.delete(key);
    if (expiresAt === undefined || expiresAt <= this.now()) return null;
    const session = newSecretId();
    this.sessions.set(hash(session), this.now() + this.sessionTtlMs);
    prune(this.sessions, this.now(), MAX_SESSIONS);
    return session;
  }

  verify(session: string): boolean {
    const key = hash(session);
    const expiresAt = this.sessions.get(key);
    if (expiresAt === undefined) return false;
    if (expiresAt > this.now()) return true;
    this.sessions.delete(key);
    return false;
  }

  revoke(session: string): void {
    this.sessions.delete(hash(session));
  }
}
