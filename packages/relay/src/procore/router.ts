/**
 * The emulated Procore webhooks management API, as one router for `createHttpApp`'s `extraRouters` (so it sits
 * behind the relay's token check and JSON body reader). Point an integration's Procore base URL at the relay and
 * its setup code creates and reads the relay's own hooks, triggers and deliveries.
 */
import { Router, type NextFunction, type Request, type Response } from 'express';
import { readJsonBodyAlways } from '../http/json-body.js';
import type { ProcoreApiOptions } from './context.js';
import { procoreErrorHandler } from './errors.js';
import { checkCompanyHeader } from './scope.js';
import { v1Router } from './v1-routes.js';
import { v2Router } from './v2-routes.js';

export type { ProcoreApiOptions } from './context.js';

export function procoreApiRouter(options: ProcoreApiOptions): Router {
  const router = Router();
  router.use('/rest', (req: Request, res: Response, next: NextFunction) => {
    checkCompanyHeader(req, options.service.companyId);
    // The app's reader leaves DELETE bodies unread; Procore's bulk trigger deletes carry one.
    if (req.method === 'DELETE') readJsonBodyAlways(req, res, next);
    else next();
  });
  router.use(v1Router(options));
  const v2 = v2Router(options);
  router.use('/rest/v2.0/companies/:company_id/projects/:project_id/webhooks', v2);
  router.use('/rest/v2.0/companies/:company_id/webhooks', v2);
  router.use(procoreErrorHandler);
  return router;
}
