/**
 * The web page's server side. `publicWebRouter` runs before the token check: the page shell, its bundled
 * assets and the login-code exchange. `webApiRouter` runs after it: the session probe, sign-out, and the
 * login codes `hookline open` asks for with the token.
 */
import { Router } from 'express';
import type { Request, Response } from 'express';
import { HooklineError } from '@hookline/core';
import { expectObject, rejectUnknownFields, requiredString } from '../input/fields.js';
import { readJsonBody } from '../http/json-body.js';
import { isOwnPageRequest, presentedToken, tokenMatches } from '../access/guards.js';
import type { AccessPolicy, SessionVerifier } from '../access/guards.js';
import { AssetStore } from './assets.js';
import { clearedSessionCookie, readCookie, sessionCookie, sessionCookieName } from './cookies.js';
import { notBuiltHtml, pageHtml, PAGE_SCRIPT, setPageHeaders } from './page-html.js';
import type { WebSessions } from './sessions.js';

export interface WebRoutesOptions {
  sessions: WebSessions;
  access: AccessPolicy;
  assets?: AssetStore;
}

/** What security.ts consults: a valid cookie for this relay's port. */
export function sessionVerifier(sessions: WebSessions, port: () => number): SessionVerifier {
  return {
    verify: (req) => {
      const value = readCookie(req, sessionCookieName(port()));
      return value !== undefined && sessions.verify(value);
    },
  };
}

function cookieName(access: AccessPolicy): string {
  return sessionCookieName(access.port());
}

export function publicWebRouter(options: WebRoutesOptions): Router {
  const { sessions, access } = options;
  const assets = options.assets ?? new AssetStore();
  const router = Router();

  router.get('/', async (_req: Request, res: Response) => {
    setPageHeaders(res);
    const built = (await assets.read(PAGE_SCRIPT)) !== null;
    res.status(built ? 200 : 503).type('html').send(built ? pageHtml() : notBuiltHtml());
  });

  router.get('/assets/:name', async (req: Request, res: Response, next) => {
    const asset = await assets.read(String(req.params.name));
    if (!asset) {
      next();
      return;
    }
    res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
    res.type(asset.contentType).send(asset.body);
  });

  router.post('/api/web/session', readJsonBody, (req: Request, res: Response) => {
    if (!isOwnPageRequest(req, access)) {
      throw new HooklineError('HOOKLINE_ERR_FORBIDDEN_ORIGIN', 'Only the relay\'s own page may trade a login code for a session.');
    }
    const body = expectObject(req.body);
    rejectUnknownFields(body, ['code']);
    const session = sessions.redeemLoginCode(requiredString(body, 'code', 200));
    if (!session) {
      throw new HooklineError('HOOKLINE_ERR_UNAUTHORIZED', 'This login link has expired or was already used. Run "hookline open" for a new one.');
    }
    res.setHeader('Set-Cookie', sessionCookie(cookieName(access), session, Math.floor(sessions.sessionTtlMs / 1000)));
    res.json({ authenticated: true });
  });

  return router;
}

export function webApiRouter(options: WebRoutesOptions): Router {
  const { sessions, access } = options;
  const router = Router();

  router.get('/api/web/session', (req: Request, res: Response) => {
    const via = tokenMatches(presentedToken(req, false), access.token) ? 'token' : 'cookie';
    res.json({ authenticated: true, via });
  });

  router.delete('/api/web/session', (req: Request, res: Response) => {
    const session = readCookie(req, cookieName(access));
    if (session) sessions.revoke(session);
    res.setHeader('Set-Cookie', clearedSessionCookie(cookieName(access)));
    res.status(204).end();
  });

  // A code is a key to a session: minting one needs the token itself, not a session.
  router.post('/api/web/login-codes', (req: Request, res: Response) => {
    if (!tokenMatches(presentedToken(req, false), access.token)) {
      throw new HooklineError('HOOKLINE_ERR_UNAUTHORIZED', 'Login codes are issued to the relay token only: run "hookline open" in a terminal.');
    }
    rejectUnknownFields(expectObject(req.body ?? {}), []);
    const { code, expiresAt } = sessions.issueLoginCode();
    res.status(201).json({ code, expires_at: expiresAt.toISOString() });
  });

  return router;
}
