/** The session cookie: named per port (cookies ignore ports, and two relays may run side by side). */
import type { IncomingMessage } from 'node:http';

const SESSION_VALUE = /^[A-Za-z0-9_-]{20,100}$/;

export function sessionCookieName(port: number): string {
  return `hookline_session_${port}`;
}

export function readCookie(req: IncomingMessage, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() !== name) continue;
    const value = part.slice(eq + 1).trim();
    return SESSION_VALUE.test(value) ? value : undefined;
  }
  return undefined;
}

/** HttpOnly (no script can read it) and SameSite=Strict (no other site's page can send it). */
export function sessionCookie(name: string, value: string, maxAgeSeconds: number): string {
  return `${name}=${value}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAgeSeconds}`;
}

export function clearedSessionCookie(name: string): string {
  return `${name}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0`;
}
