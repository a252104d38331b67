/**
 * The relay's HTTP API as an express app. Order matters: Host and Origin checks first (DNS rebinding and
 * cross-site requests), then the unauthenticated health check, then the token, then bodies and routes.
 */
import express from 'express';
import type { NextFunction, Request, Response } from 'express';
import type { RelayService } from '../service/types.js';
import { allowedMethodsOf } from './allowed-methods.js';
import { errorHandler, notFound } from './error-handler.js';
import type { ErrorReporter } from './error-handler.js';
import { readJsonBody } from './json-body.js';
import { deliveriesRouter } from './routes/deliveries.js';
import { historyRouter } from './routes/history.js';
import { eventsRouter } from './routes/events.js';
import { hooksRouter } from './routes/hooks.js';
import { healthRouter, resourcesRouter } from './routes/meta.js';
import { triggersRouter } from './routes/triggers.js';
import { checkHost, checkOrigin, checkToken } from '../access/guards.js';
import type { AccessPolicy } from '../access/guards.js';

export interface HttpAppOptions {
  service: RelayService;
  access: AccessPolicy;
  reportError: ErrorReporter;
  /** Extra routers mounted after authentication (the Procore emulation, the web page's API). */
  extraRouters?: express.Router[];
  /** Routers mounted after the Host/Origin checks but before authentication (the web page and its login). */
  publicRouters?: express.Router[];
}

export function createHttpApp(options: HttpAppOptions): express.Express {
  const { service, access } = options;
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.set('query parser', 'simple');

  app.use((req: Request, res: Response, next: NextFunction) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Cache-Control', 'no-store');
    checkHost(req, access);
    checkOrigin(req, access);
    next();
  });
  app.use(healthRouter(service.sqliteDriver, () => service.storageHealth()));
  for (const router of options.publicRouters ?? []) app.use(router);
  app.use((req: Request, _res: Response, next: NextFunction) => {
    checkToken(req, access);
    next();
  });
  app.use(readJsonBody);
  app.use(resourcesRouter());
  app.use(hooksRouter(service));
  app.use(triggersRouter(service));
  app.use(eventsRouter(service));
  app.use(historyRouter(service));
  app.use(deliveriesRouter(service));
  for (const router of options.extraRouters ?? []) app.use(router);
  app.use(notFound(allowedMethodsOf(app.router.stack)));
  app.use(errorHandler(options.reportError, (error) => service.storageError(error)));
  return app;
}
