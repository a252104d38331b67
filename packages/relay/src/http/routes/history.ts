/** The log as history: replay what a filter matches, prune by age, and the retention window. */
import { Router } from 'express';
import { formatDurationOption } from '@hookline/core';
import type { RelayService } from '../../service/types.js';
import type { PruneResult } from '../../service/retention-pruner.js';
import { expectObject } from '../../input/fields.js';
import { readPruneRequest, readReplayRequest, type FieldNames, type ReplayKey } from '../../input/requests.js';
import { deliverySummaryJson } from '../serialize.js';
import { DELIVERY_QUERY_NAMES } from './deliveries.js';

const { limit: _limit, cursor: _cursor, ...FILTER_NAMES } = DELIVERY_QUERY_NAMES;
/** The delivery filters as GET /api/deliveries names them, without its page, and `dry_run`. */
const REPLAY_NAMES = { ...FILTER_NAMES, dryRun: 'dry_run' } as const satisfies FieldNames<ReplayKey>;

function pruneJson(result: PruneResult) {
  return {
    before: result.before,
    deliveries: result.deliveries,
    attempts: result.attempts,
    events: result.events,
    freed_bytes: result.freedBytes,
    duration_ms: result.durationMs,
  };
}

export function historyRouter(service: RelayService): Router {
  const router = Router();

  router.post('/api/deliveries/replay', async (req, res) => {
    const { deliveries, dryRun } = await service.replayDeliveries(readReplayRequest(expectObject(req.body ?? {}), REPLAY_NAMES));
    res.status(dryRun ? 200 : 202).json({
      replayed: deliveries.length,
      dry_run: dryRun,
      deliveries: deliveries.map((d) => d.id),
      data: deliveries.map(deliverySummaryJson),
    });
  });

  router.post('/api/prune', async (req, res) => {
    const { before } = readPruneRequest(expectObject(req.body ?? {}), { before: 'before' });
    res.json({ data: pruneJson(await service.prune(before)) });
  });

  router.get('/api/retention', (_req, res) => {
    const { retentionMs, last } = service.retention();
    res.json({ data: { retention: formatDurationOption(retentionMs), retention_ms: retentionMs, last_prune: last ? pruneJson(last) : null } });
  });

  return router;
}
