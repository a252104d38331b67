import { Router } from 'express';
import type { RelayMetrics } from './metrics.js';

/** GET /metrics in the Prometheus text format. Where it is mounted decides whether it needs the token. */
export function metricsRouter(metrics: RelayMetrics): Router {
  const router = Router();
  router.get('/metrics', async (_req, res) => {
    const text = await metrics.registry.metrics();
    res.type(metrics.registry.contentType).send(text);
  });
  return router;
}
