import { Router } from 'express';
import type { RelayService } from '../../service/types.js';
import { pathId } from '../../input/fields.js';
import { readActivityQuery } from '../../input/requests.js';
import { activityJson } from '../serialize.js';

/** GET /api/hooks/:id/activity?since=15m: the hook's attempts per minute (delivered, failed, p95) and totals. */
export function activityRouter(service: RelayService): Router {
  const router = Router();

  router.get('/api/hooks/:id/activity', (req, res) => {
    const hookId = pathId(req.params.id, 'id');
    const since = readActivityQuery(req.query as Record<string, unknown>, { since: 'since' });
    res.json({ data: activityJson(service.hookActivity(hookId, since)) });
  });

  return router;
}
