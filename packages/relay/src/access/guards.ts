/**
 * Guards that keep a local relay from becoming a door into the developer's machine: Host checks against DNS
 * rebinding, Origin checks against cross-site requests, and the bearer token on everything but /api/health.
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { HooklineError, isLoopbackHost } from '@hookline/core';

export interface AccessPolicy {
  /** Host names (without port) this relay answers to besides loopback names. */
  boundHost: string;
  port(): number;
  token: string;
  /** The web page's cookie sessions, accepted instead of the token from the relay's own page only. */
  sessions?: SessionVerifier;
}

export interface SessionVerifier {
  /** True when the request carries a valid session cookie. */
  verify(req: IncomingMessage): boolean;
}

/** Host headers seen lately and what they name: every request is checked, and clients send the same few. */
const knownHosts = new Map<string, string | null>();

function hostnameOf(hostHeader: string): string | null {
  const known = knownHosts.get(hostHeader);
  if (known !== undefined) return known;
  let hostname: string | null;
  try {
    const url = new URL(`http://${hostHeader}`);
    hostname = url.username || url.password || url.pathname !== '/' ? null : url.hostname;
  } catch {
    hostname = null;
  }
  if (knownHosts.size >= 64) knownHosts.clear();
  knownHosts.set(hostHeader, hostname);
  return hostname;
}

function isAllowedHostname(hostname: string, policy: AccessPolicy): boolean {
  return hostname === policy.boundHost || isLoopbackHost(hostname);
}

/** Throws 403 unless the Host header names this relay. */
export function checkHost(req: IncomingMessage, policy: AccessPolicy): void {
  const host = req.headers.host;
  const hostname = host ? hostnameOf(host) : null;
  if (!hostname || !isAllowedHostname(hostname, policy)) {
    throw new HooklineError(
      'HOOKLINE_ERR_FORBIDDEN_HOST',
      `The Host header ${host ? `"${host.slice(0, 100)}"` : '(missing)'} is not this relay. Use http://127.0.0.1:${policy.port()} or http://localhost:${policy.port()}.`,
    );
  }
}

/** Requests without an Origin (CLI, extension host, curl) pass; browsers must come from the relay's own page. */
export function checkOrigin(req: IncomingMessage, policy: AccessPolicy): void {
  const origin = req.headers.origin;
  if (origin === undefined) return;
  if (!isOwnOrigin(origin, policy)) {
    throw new HooklineError('HOOKLINE_ERR_FORBIDDEN_ORIGIN', `Requests from the origin "${origin.slice(0, 100)}" are not allowed; only the relay's own page may call it from a browser.`);
  }
}

function isOwnOrigin(origin: string, policy: AccessPolicy): boolean {
  try {
    const url = new URL(origin);
    const port = url.port === '' ? (url.protocol === 'https:' ? 443 : 80) : Number(url.port);
    return url.protocol === 'http:' && port === policy.port() && isAllowedHostname(url.hostname, policy);
  } catch {
    return false;
  }
}

/**
 * A request a browser made from the relay's own page: its Origin is ours, or (same-origin GETs carry no
 * Origin) the browser marked it Sec-Fetch-Site: same-origin. Cookie sessions count only on such requests.
 */
export function isOwnPageRequest(req: IncomingMessage, policy: AccessPolicy): boolean {
  const origin = req.headers.origin;
  if (origin !== undefined) return isOwnOrigin(origin, policy);
  return req.headers['sec-fetch-site'] === 'same-origin';
}

/** The relay's own token as bytes, made once rather than on every request. */
let own: { token: string; bytes: Buffer } | undefined;

/**
 * Constant-time in the token's content. A candidate of another length is refused at once: that tells only the
 * length (the tokens the relay makes all have one), and comparing bytes costs a fraction of hashing both sides,
 * which this did on every request (`npm run bench` profiles).
 */
export function tokenMatches(candidate: string | undefined, token: string): boolean {
  if (!candidate) return false;
  if (own?.token !== token) own = { token, bytes: Buffer.from(token, 'utf8') };
  const presented = Buffer.from(candidate, 'utf8');
  return presented.length === own.bytes.length && timingSafeEqual(presented, own.bytes);
}

/** The token from `Authorization: Bearer …`, or from `?token=` where the caller allows it (WebSocket upgrades). */
export function presentedToken(req: IncomingMessage, allowQuery: boolean): string | undefined {
  const header = req.headers.authorization;
  if (header) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    return match?.[1];
  }
  if (allowQuery && req.url) {
    const url = new URL(req.url, 'http://relay.invalid');
    return url.searchParams.get('token') ?? undefined;
  }
  return undefined;
}

export function checkToken(req: IncomingMessage, policy: AccessPolicy, allowQuery = false): void {
  if (tokenMatches(presentedToken(req, allowQuery), policy.token)) return;
  if (policy.sessions && isOwnPageRequest(req, policy) && policy.sessions.verify(req)) return;
  throw new HooklineError(
    'HOOKLINE_ERR_UNAUTHORIZED',
    'A valid relay token is required: send "Authorization: Bearer <token>" with the token from the relay\'s data dir (~/.hookline/token). In a browser, run "hookline open" to sign in.',
  );
}
