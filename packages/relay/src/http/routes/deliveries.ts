import { Router } from 'express';
import { HooklineError } from '@hookline/core';
import type { DeliveryQuery } from '@hookline/core';
import type { RelayService } from '../../service/types.js';
import { pathId } from '../../input/fields.js';
import { readDeliveryQuery, type DeliveryQueryKey, type FieldNames } from '../../input/requests.js';
import { deliveryDetailJson, deliverySummaryJson } from '../serialize.js';

export const DELIVERY_QUERY_NAMES = {
  hookId: 'hook_id',
  limit: 'limit',
  cursor: 'cursor',
  status: 'status',
  resourceName: 'resource_name',
  eventType: 'event_type',
  resourceId: 'resource_id',
  since: 'since',
  until: 'until',
} as const satisfies FieldNames<DeliveryQueryKey>;

/** A query string of known parameters, each given once as a plain value; anything else is refused by name. */
export function checkPlainQuery(query: Record<string, unknown>, allowed: readonly string[]): void {
  for (const [key, value] of Object.entries(query)) {
    if (!allowed.includes(key)) {
      throw new HooklineError('HOOKLINE_ERR_INVALID_QUERY', `Unknown query parameter "${key.slice(0, 60)}". Allowed: ${allowed.join(', ')}.`, { field: key });
    }
    if (typeof value !== 'string') {
      throw new HooklineError('HOOKLINE_ERR_INVALID_QUERY', `Query parameter "${key.slice(0, 60)}" must be given once, as a plain value.`, { field: key });
    }
  }
}

/** GET /api/deliveries' query string: known parameters, each once as a plain value, then the shared reader. */
export function deliveryQueryFrom(query: Record<string, unknown>): DeliveryQuery {
  checkPlainQuery(query, Object.values(DELIVERY_QUERY_NAMES));
  return readDeliveryQuery(query, DELIVERY_QUERY_NAMES);
}

export function deliveriesRouter(service: RelayService): Router {
  const router = Router();

  router.get('/api/deliveries', (req, res) => {
    const page = service.listDeliveries(deliveryQueryFrom(req.query as Record<string, unknown>));
    res.json({ data: page.data.map(deliverySummaryJson), next_cursor: page.nextCursor });
  });

  router.get('/api/deliveries/:id', (req, res) => {
    res.json({ data: deliveryDetailJson(service.getDelivery(pathId(req.params.id, 'id'))) });
  });

  router.post('/api/deliveries/:id/redeliver', async (req, res) => {
    const delivery = await service.redeliver(pathId(req.params.id, 'id'));
    res.json({ data: deliverySummaryJson(delivery) });
  });

  return router;
}
